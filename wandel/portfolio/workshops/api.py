"""Use-case workshops over the REST API: plan them, bring in ideas, open and close the vote,
cast ballots and read the ranking, through the same services and rules as the pages.

Planning and running a workshop needs RUN_WORKSHOPS; a participant sees the workshop and
casts their own ballot; ballots for participants without an account are the facilitator's
alone. While voting is open only the facilitator sees the ranking (``403`` for everyone
else). A refusal is an ``ErrorOut``, with messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import UNCHANGED, Id, PersonRef
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.models import Capability, Stage, UseCase
from wandel.portfolio.workshops import queries, services
from wandel.portfolio.workshops.models import Workshop, WorkshopStatus
from wandel.portfolio.workshops.queries import RankedIdea
from wandel.portfolio.workshops.services import WorkshopError

router = Router(tags=["workshops"])

UNKNOWN_UNITS = _("There is no unit with the code %(codes)s.")
UNKNOWN_PEOPLE = _("There is no person with the ID %(ids)s.")
UNKNOWN_USE_CASE = _("There is no use case with the ID %(id)s.")
BALLOT_TWICE = _("Idea %(id)s appears more than once in the ballot.")

Dots = Annotated[int, Field(ge=0, le=20)]
DotsPerPerson = Annotated[int, Field(ge=1, le=20)]


# Schemas -----------------------------------------------------------------------------------


class WorkshopOut(Schema):
    id: int
    title: str
    held_on: date
    status: WorkshopStatus
    facilitator: str | None
    unit_codes: list[str]
    dots_per_person: int

    @staticmethod
    def resolve_facilitator(workshop: Workshop) -> str | None:
        return str(workshop.facilitator) if workshop.facilitator else None

    @staticmethod
    def resolve_unit_codes(workshop: Workshop) -> list[str]:
        return [unit.code for unit in workshop.units.all()]


class IdeaOut(Schema):
    id: int
    title: str
    unit_code: str
    stage: Stage

    @staticmethod
    def resolve_unit_code(use_case: UseCase) -> str:
        return use_case.unit.code


class WorkshopDetailOut(WorkshopOut):
    agenda: str
    participants: list[PersonRef]
    ideas: list[IdeaOut]
    voters: int

    @staticmethod
    def resolve_participants(workshop: Workshop) -> list[Person]:
        return list(workshop.participants.all())

    @staticmethod
    def resolve_ideas(workshop: Workshop) -> list[UseCase]:
        return queries.ideas_for_ballot(workshop)

    @staticmethod
    def resolve_voters(workshop: Workshop) -> int:
        return queries.voter_count(workshop)


class WorkshopIn(Schema):
    title: str
    held_on: date
    units: list[str] = Field(default_factory=list, description="Unit codes.")
    participants: list[Id] = Field(default_factory=list, description="Person IDs.")
    agenda: str = ""
    dots_per_person: DotsPerPerson = 3


class WorkshopPatch(Schema):
    """Only the fields sent change; ``units`` and ``participants`` replace the lists."""

    title: str = UNCHANGED
    held_on: date = UNCHANGED
    units: list[str] = UNCHANGED
    participants: list[Id] = UNCHANGED
    agenda: str = UNCHANGED
    dots_per_person: DotsPerPerson = UNCHANGED


class IdeaIn(Schema):
    """A new idea raised in the workshop; it becomes a use case in the idea stage."""

    title: str
    problem: str
    process: str
    unit: str = Field(description="A unit code.")
    expected_benefit: str
    data_involved: str
    personal_data: bool = False
    capability: Capability


class IdeaLinkIn(Schema):
    use_case: Id


class StatusIn(Schema):
    to: Literal["voting", "closed"]


class BallotItem(Schema):
    use_case: Id
    dots: Dots


class BallotIn(Schema):
    """The whole distribution of one participant's dots; it replaces their earlier ballot.
    ``voter`` (a person ID) only for a participant without an account, by the facilitator."""

    voter: Id | None = None
    dots: list[BallotItem]


class BallotOut(Schema):
    voter: PersonRef
    dots: list[BallotItem]
    used: int
    limit: int


class RankedIdeaOut(Schema):
    rank: int
    use_case: IdeaOut
    dots: int
    voters: int


# Helpers -----------------------------------------------------------------------------------


def _detail(workshop_id: int) -> Workshop:
    try:
        return queries.workshop_for_page(workshop_id)
    except Workshop.DoesNotExist:
        raise Http404 from None


def _seen_by(request: HttpRequest, workshop_id: int) -> tuple[User, Workshop]:
    """The workshop, for those who run workshops or take part in this one (as its page)."""
    user = require(request, Permission.VIEW_USE_CASES)
    workshop = _detail(workshop_id)
    takes_part = any(p.user_id == user.pk for p in workshop.participants.all())
    if not takes_part and not user.has_perm(Permission.RUN_WORKSHOPS):
        raise refuse()
    return user, workshop


def _units(codes: list[str]) -> list[Unit]:
    found = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        message = UNKNOWN_UNITS % {"codes": ", ".join(missing)}
        raise WorkshopError(message, field="units")
    return [found[code] for code in codes]


def _people(ids: list[int]) -> list[Person]:
    found = Person.objects.in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        message = UNKNOWN_PEOPLE % {"ids": ", ".join(missing)}
        raise WorkshopError(message, field="participants")
    return [found[pk] for pk in dict.fromkeys(ids)]


def _resolve(fields: dict[str, Any]) -> dict[str, Any]:
    if "units" in fields:
        fields["units"] = _units(fields["units"])
    if "participants" in fields:
        fields["participants"] = _people(fields["participants"])
    return fields


# Workshops ---------------------------------------------------------------------------------


@router.get("/workshops", response=list[WorkshopOut], summary="List workshops")
@paginated
def workshop_list(request: HttpRequest) -> QuerySet[Workshop]:
    """Latest date first."""
    require(request, Permission.RUN_WORKSHOPS)
    return queries.workshops_all()


@router.post("/workshops", response={201: WorkshopDetailOut}, summary="Plan a workshop")
def workshop_create(request: HttpRequest, payload: WorkshopIn) -> Status[Any]:
    """Whoever plans the workshop facilitates it."""
    user = require(request, Permission.RUN_WORKSHOPS)
    workshop = services.workshop_create(actor=user, **_resolve(payload.dict()))
    return Status(201, _detail(workshop.pk))


@router.get("/workshops/{id:workshop_id}", response=WorkshopDetailOut, summary="One workshop")
def workshop_detail(request: HttpRequest, workshop_id: int) -> Workshop:
    """For those who run workshops and for its participants; without the ranking."""
    _user, workshop = _seen_by(request, workshop_id)
    return workshop


@router.patch(
    "/workshops/{id:workshop_id}", response=WorkshopDetailOut, summary="Change a workshop"
)
def workshop_edit(request: HttpRequest, workshop_id: int, payload: WorkshopPatch) -> Workshop:
    """People who already voted stay participants, and the dots per person cannot go below
    a ballot already cast."""
    user = require(request, Permission.RUN_WORKSHOPS)
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    fields = _resolve(payload.dict(exclude_unset=True))
    services.workshop_update(workshop=workshop, actor=user, **fields)
    return _detail(workshop.pk)


@router.post(
    "/workshops/{id:workshop_id}/ideas",
    response={201: IdeaOut},
    summary="Capture a new idea in a workshop",
)
def workshop_idea_create(request: HttpRequest, workshop_id: int, payload: IdeaIn) -> Status[Any]:
    user = require(request, Permission.RUN_WORKSHOPS)
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    fields = payload.dict()
    unit = Unit.objects.filter(code=fields["unit"]).first()
    if unit is None:
        raise WorkshopError(UNKNOWN_UNITS % {"codes": fields["unit"]}, field="unit")
    fields["unit"] = unit
    idea = services.workshop_idea_capture(workshop=workshop, actor=user, **fields)
    return Status(201, UseCase.objects.select_related("unit").get(pk=idea.pk))


@router.post(
    "/workshops/{id:workshop_id}/ideas/link",
    response={201: IdeaOut},
    summary="Bring an existing use case into a workshop",
)
def workshop_idea_add(request: HttpRequest, workshop_id: int, payload: IdeaLinkIn) -> Status[Any]:
    user = require(request, Permission.RUN_WORKSHOPS)
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    use_case = UseCase.objects.select_related("unit").filter(pk=payload.use_case).first()
    if use_case is None:
        raise WorkshopError(UNKNOWN_USE_CASE % {"id": payload.use_case}, field="use_case")
    services.workshop_idea_add(workshop=workshop, use_case=use_case, actor=user)
    return Status(201, use_case)


@router.post(
    "/workshops/{id:workshop_id}/status",
    response=WorkshopDetailOut,
    summary="Open or close the vote",
)
def workshop_status(request: HttpRequest, workshop_id: int, payload: StatusIn) -> Workshop:
    """``voting`` opens a planned workshop's vote (it needs ideas and participants);
    ``closed`` ends it, and the ranking becomes final and visible to the participants."""
    user = require(request, Permission.RUN_WORKSHOPS)
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    if payload.to == WorkshopStatus.VOTING:
        services.workshop_open_voting(workshop=workshop, actor=user)
    else:
        services.workshop_close(workshop=workshop, actor=user)
    return _detail(workshop.pk)


# Ballots and ranking -----------------------------------------------------------------------


@router.put(
    "/workshops/{id:workshop_id}/ballot",
    response=BallotOut,
    summary="Cast a ballot (it replaces the voter's earlier one)",
)
def workshop_ballot(request: HttpRequest, workshop_id: int, payload: BallotIn) -> dict[str, Any]:
    """A participant casts their own; the facilitator casts one for a participant without
    an account by naming them in ``voter``. Ideas left out get none of the voter's dots."""
    user = require(request, Permission.VIEW_USE_CASES)
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    own = queries.participant_of(workshop=workshop, user=user)
    facilitates = services.facilitates(workshop=workshop, user=user)
    if payload.voter is None or (own is not None and payload.voter == own.pk):
        voter = own
    elif facilitates:
        voter = Person.objects.filter(pk=payload.voter).first()
        if voter is None:
            raise WorkshopError(UNKNOWN_PEOPLE % {"ids": payload.voter}, field="voter")
    else:
        voter = None
    if voter is None:
        raise refuse()
    dots: dict[int, int] = {}
    for item in payload.dots:
        if item.use_case in dots:
            raise WorkshopError(BALLOT_TWICE % {"id": item.use_case}, field="dots")
        dots[item.use_case] = item.dots
    used = services.votes_cast(workshop=workshop, voter=voter, dots=dots, actor=user)
    placed = services.votes_of(workshop=workshop, voter=voter)
    return {
        "voter": voter,
        "dots": [{"use_case": pk, "dots": n} for pk, n in sorted(placed.items())],
        "used": used,
        "limit": workshop.dots_per_person,
    }


@router.get(
    "/workshops/{id:workshop_id}/ranking",
    response=list[RankedIdeaOut],
    summary="The ideas ranked by dots",
)
@paginated
def workshop_ranking(request: HttpRequest, workshop_id: int) -> list[RankedIdea]:
    """Most dots first; ties share a rank. While voting is open, only the facilitator
    sees it (everyone else gets 403)."""
    user, workshop = _seen_by(request, workshop_id)
    return queries.workshop_ranking_for(workshop=workshop, user=user)
