"""The use-case portfolio over the REST API: the pages' rules, through the same services.

Every employee may list, read and submit use cases; product owners edit and advance their
own; the steering committee and programme admins edit, score and move any (see
``permissions.py``). Errors a client can fix answer with ``{"detail": …}`` and, for field
errors, ``"errors": {field: [messages]}``.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated list through its wrapper, which cannot resolve names like ``Stage`` from text.
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Body, Field, Router, Schema, Status
from pydantic import StringConstraints

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import UNCHANGED, ErrorOut, Id, PersonRef
from wandel.core.roles import Permission
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases import queries
from wandel.portfolio.use_cases.fact_changes import fact_change_decide
from wandel.portfolio.use_cases.lifecycle import allowed_moves, use_case_move
from wandel.portfolio.use_cases.models import (
    Capability,
    CriterionGroup,
    FactChange,
    FactChangeStatus,
    Follow,
    Score,
    Stage,
    StageChange,
    Support,
    UseCase,
)
from wandel.portfolio.use_cases.permissions import can_edit, can_move
from wandel.portfolio.use_cases.services import (
    INVALID,
    KEEP,
    Keep,
    PortfolioError,
    ScoreInput,
    scores_record,
    use_case_submit,
    use_case_update,
)
from wandel.portfolio.use_cases.support import (
    supporters,
    use_case_follow,
    use_case_support,
    use_case_support_withdraw,
)

if TYPE_CHECKING:
    from wandel.portfolio.measures.api import KpiWithMeasurementsOut, RequirementOut

router = Router(tags=["portfolio"])

UNKNOWN_UNIT = _("There is no unit with the code “%(code)s”.")
UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
NO_SCORES = _("Give at least one score.")
SCORED_TWICE = _("Criterion %(id)s is scored more than once.")

# The sort keys the list page offers (``queries.SORTS``).
Sort = Literal[
    "-total_score",
    "total_score",
    "title",
    "-title",
    "stage",
    "-stage",
    "unit",
    "-unit",
    "-created_at",
    "created_at",
]

# Nothing but whitespace is no reason: refused as a field error, like an empty title.
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class UseCaseOut(Schema):
    id: int
    title: str
    stage: Stage
    unit_code: str
    capability: Capability
    personal_data: bool
    product_owner: PersonRef | None
    value_score: Decimal | None
    feasibility_score: Decimal | None
    risk_score: Decimal | None
    total_score: Decimal | None
    vetoed: bool
    created_at: datetime

    @staticmethod
    def resolve_unit_code(use_case: UseCase) -> str:
        return use_case.unit.code


class ScoreOut(Schema):
    criterion_id: int
    name: str
    group: CriterionGroup
    value: int
    rationale: str

    @staticmethod
    def resolve_name(score: Score) -> str:
        return score.criterion.name

    @staticmethod
    def resolve_group(score: Score) -> str:
        return score.criterion.group


class MoveOut(Schema):
    id: int
    from_stage: Stage
    to_stage: Stage
    reason: str
    actor: str | None
    at: datetime

    @staticmethod
    def resolve_actor(move: StageChange) -> str | None:
        return str(move.actor) if move.actor else None


class FactChangeOut(Schema):
    """A change of a gate fact that waits for (or got) the data-protection officer's word."""

    id: int
    field: str
    old_value: Any
    new_value: Any
    status: FactChangeStatus
    requested_by: str | None
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    note: str

    @staticmethod
    def resolve_requested_by(change: FactChange) -> str | None:
        return str(change.requested_by) if change.requested_by else None

    @staticmethod
    def resolve_decided_by(change: FactChange) -> str | None:
        return str(change.decided_by) if change.decided_by else None


class FactDecisionIn(Schema):
    confirm: bool
    note: str = ""


class UseCaseDetailOut(UseCaseOut):
    problem: str
    process: str
    expected_benefit: str
    hours_saved_per_month: Decimal | None
    people_helped: int | None
    data_involved: str
    stage_changed_at: datetime
    updated_at: datetime
    submitted_by: str | None
    team: list[PersonRef]
    linked_unit_codes: list[str]
    next_stages: list[Stage]
    scores: list[ScoreOut]
    moves: list[MoveOut]
    # How the use case is measured, in the shapes the measures declare; the use cases do not
    # import them (the measures import the use cases), so ``use_case_detail_complete``
    # resolves these names when ``portfolio/hooks.py`` calls it.
    kpis: list["KpiWithMeasurementsOut"]
    requirements: list["RequirementOut"]
    pending_fact_changes: list[FactChangeOut]

    @staticmethod
    def resolve_pending_fact_changes(use_case: UseCase) -> list[FactChange]:
        return list(use_case.pending_fact_changes)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_submitted_by(use_case: UseCase) -> str | None:
        return str(use_case.submitted_by) if use_case.submitted_by else None

    @staticmethod
    def resolve_team(use_case: UseCase) -> list[Person]:
        return list(use_case.team.all())

    @staticmethod
    def resolve_linked_unit_codes(use_case: UseCase) -> list[str]:
        return [unit.code for unit in use_case.linked_units.all()]

    @staticmethod
    def resolve_next_stages(use_case: UseCase) -> list[Stage]:
        return allowed_moves(use_case.stage, use_case.paused_from)

    @staticmethod
    def resolve_scores(use_case: UseCase) -> list[Score]:
        return list(use_case.scores.all())

    @staticmethod
    def resolve_moves(use_case: UseCase) -> list[StageChange]:
        return list(use_case.moves.all())

    @staticmethod
    def resolve_kpis(use_case: UseCase) -> list[Any]:
        return list(use_case.kpis.all())

    @staticmethod
    def resolve_requirements(use_case: UseCase) -> list[Any]:
        return list(use_case.requirements.all())


def use_case_detail_complete(*, kpi: type[Schema], requirement: type[Schema]) -> None:
    """Give ``UseCaseDetailOut`` the shapes of a KPI with its measurements and of a quality
    requirement, which the measures declare."""
    UseCaseDetailOut.model_rebuild(
        _types_namespace={"KpiWithMeasurementsOut": kpi, "RequirementOut": requirement}
    )


class UseCaseIn(Schema):
    title: str
    problem: str
    process: str
    unit: str
    expected_benefit: str
    hours_saved_per_month: Decimal | None = None
    people_helped: int | None = None
    data_involved: str
    personal_data: bool
    capability: Capability


class UseCasePatch(Schema):
    """Only the fields sent change; ``product_owner`` is a person ID (or null). Fields whose
    value cannot be empty refuse ``null`` (400 naming the field)."""

    title: str = UNCHANGED
    problem: str = UNCHANGED
    process: str = UNCHANGED
    unit: str = UNCHANGED
    expected_benefit: str = UNCHANGED
    hours_saved_per_month: Decimal | None = None
    people_helped: int | None = None
    data_involved: str = UNCHANGED
    personal_data: bool = UNCHANGED
    capability: Capability = UNCHANGED
    product_owner: Id | None = None


class ScoreIn(Schema):
    criterion_id: int
    value: int
    rationale: str


class MoveIn(Schema):
    to: Stage
    reason: Reason


class MissingOut(Schema):
    requirement: str
    url: str


class MoveRefusedOut(ErrorOut):
    missing: list[MissingOut]


def _use_cases() -> QuerySet[UseCase]:
    return UseCase.objects.select_related("unit", "product_owner")


def _use_case_detail(use_case_id: int) -> UseCase:
    return get_object_or_404(
        _use_cases().prefetch_related(
            "team",
            "linked_units",
            "requirements",
            Prefetch(
                "scores",
                queryset=Score.objects.select_related("criterion").order_by(
                    "criterion__position", "criterion__pk"
                ),
            ),
            Prefetch("moves", queryset=StageChange.objects.select_related("actor")),
            "kpis__measurements",
            Prefetch(
                "fact_changes",
                queryset=FactChange.objects.filter(status=FactChangeStatus.PENDING)
                .select_related("requested_by", "decided_by")
                .order_by("requested_at", "pk"),
                to_attr="pending_fact_changes",
            ),
        ),
        pk=use_case_id,
    )


@router.get("/use-cases", response=list[UseCaseOut], summary="List use cases")
@paginated
def use_case_list(
    request: HttpRequest,
    stage: Stage | None = None,
    unit: str | None = None,
    capability: Capability | None = None,
    owner: Id | None = None,
    min_score: Decimal | None = None,
    q: Annotated[str, StringConstraints(max_length=100)] = "",
    sort: Sort = "-created_at",
) -> QuerySet[UseCase]:
    """The same list, with the same filters, as the portfolio page and its export
    (``queries.use_cases``). ``unit`` is a unit code and includes its sub-units and the use
    cases linked to any of them; ``owner`` is the product owner's person ID; ``min_score``
    the lowest total score (0–100); ``q`` words that must all appear in the title or the
    problem. Newest first unless ``sort`` says otherwise."""
    require(request, Permission.VIEW_USE_CASES)
    filters = queries.Filters.from_values(
        {
            "stage": stage,
            "unit": _unit(unit).pk if unit is not None else None,
            "owner": owner,
            "capability": capability,
            "min_score": min_score,
            "q": q,
            "sort": sort,
        }
    )
    return queries.use_cases(filters)


@router.get("/use-cases/{id:use_case_id}", response=UseCaseDetailOut, summary="One use case")
def use_case_detail(request: HttpRequest, use_case_id: int) -> UseCase:
    require(request, Permission.VIEW_USE_CASES)
    return _use_case_detail(use_case_id)


@router.post("/use-cases", response={201: UseCaseDetailOut}, summary="Submit a use-case idea")
def use_case_create(request: HttpRequest, payload: UseCaseIn) -> Status[Any]:
    user = require(request, Permission.SUBMIT_IDEAS)
    fields = payload.dict()
    fields["unit"] = _unit(fields["unit"])
    try:
        use_case = use_case_submit(actor=user, **fields)
    except ValidationError as error:
        raise PortfolioError.from_validation_error(error, INVALID) from error
    return Status(201, _use_case_detail(use_case.pk))


@router.patch("/use-cases/{id:use_case_id}", response=UseCaseDetailOut, summary="Change a use case")
def use_case_edit(request: HttpRequest, use_case_id: int, payload: UseCasePatch) -> UseCase:
    """Product owners change their own use cases, submitters their ideas until assessed,
    the steering committee any. Changing the product owner is the steering committee's and
    the programme admins' alone.

    Once a use case is approved, a change of a fact the gates depend on (``personal_data``
    to false) by anyone but the data-protection officer does not take effect: the answer
    shows the value unchanged and lists the change under ``pending_fact_changes`` until the
    DPO confirms or rejects it (``…/fact-changes/{change_id}/decision``)."""
    user = require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    if not can_edit(user, use_case):
        raise refuse()
    fields = payload.model_dump(exclude_unset=True)
    owner: Person | Keep | None = KEEP
    if "product_owner" in fields:
        owner = _person(fields.pop("product_owner"))
    if "unit" in fields:
        fields["unit"] = _unit(fields["unit"])
    use_case_update(use_case=use_case, actor=user, product_owner=owner, **fields)
    return _use_case_detail(use_case.pk)


@router.post(
    "/use-cases/{id:use_case_id}/fact-changes/{id:change_id}/decision",
    response=FactChangeOut,
    summary="Confirm or reject a change of a gate fact",
)
def fact_change_decision(
    request: HttpRequest, use_case_id: int, change_id: int, payload: FactDecisionIn
) -> FactChange:
    """The data-protection officer's answer to a change of a fact the gates depend on (such
    as "personal data involved") that a use case's owner asked for after approval. Confirmed,
    the use case takes the new value; rejected, it keeps the old one. 409 when decided
    already."""
    user = require(request, Permission.RUN_DPIA)
    change = get_object_or_404(FactChange, pk=change_id, use_case_id=use_case_id)
    return fact_change_decide(change=change, confirm=payload.confirm, actor=user, note=payload.note)


@router.put(
    "/use-cases/{id:use_case_id}/scores", response=UseCaseDetailOut, summary="Score a use case"
)
def use_case_score(request: HttpRequest, use_case_id: int, scores: Body[list[ScoreIn]]) -> UseCase:
    """Sets the scores of the criteria given (1–5, with a rationale each); scores of other
    criteria stay as they are. Answers with the use case and its new totals."""
    user = require(request, Permission.SCORE_USE_CASES)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    if not scores:
        raise PortfolioError(NO_SCORES)
    given: dict[int, ScoreInput] = {}
    for score in scores:
        if score.criterion_id in given:
            raise PortfolioError(SCORED_TWICE % {"id": score.criterion_id})
        given[score.criterion_id] = ScoreInput(score.value, score.rationale)
    scores_record(use_case=use_case, scores=given, actor=user)
    return _use_case_detail(use_case.pk)


@router.post(
    "/use-cases/{id:use_case_id}/moves",
    response={201: MoveOut, 409: MoveRefusedOut},
    summary="Move a use case to another stage",
)
def use_case_move_create(request: HttpRequest, use_case_id: int, payload: MoveIn) -> Status[Any]:
    """Refused with 409 when the lifecycle never allows the move (``missing`` is empty) or
    when something the move needs is missing (each item with a link to where to do it)."""
    user = require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    if not can_move(user, use_case, payload.to):
        raise refuse()
    move = use_case_move(use_case=use_case, to=payload.to, actor=user, reason=payload.reason)
    return Status(201, move)


def _unit(code: str) -> Unit:
    if not code:
        # The model's own wording for a missing value, as for every other field.
        field = UseCase._meta.get_field("unit")
        raise PortfolioError(field.error_messages["blank"], field="unit")
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise PortfolioError(UNKNOWN_UNIT % {"code": code}, field="unit")
    return unit


def _person(person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise PortfolioError(UNKNOWN_PERSON % {"id": person_id}, field="product_owner")
    return person


class SupportOut(Schema):
    supporters: int
    supported: bool = Field(description="Whether the caller supports the use case.")
    following: bool = Field(description="Whether the caller is told when it moves.")


class FollowIn(Schema):
    follow: bool


def _support_of(use_case: UseCase, user: Any) -> dict[str, Any]:
    return {
        "supporters": supporters(use_case),
        "supported": Support.objects.filter(use_case=use_case, user=user).exists(),
        "following": Follow.objects.filter(use_case=use_case, user=user).exists(),
    }


@router.get(
    "/use-cases/{id:use_case_id}/support", response=SupportOut, summary="Support of a use case"
)
def use_case_support_detail(request: HttpRequest, use_case_id: int) -> dict[str, Any]:
    """How many support the use case, and whether the caller supports and follows it."""
    user = require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    return _support_of(use_case, user)


@router.post(
    "/use-cases/{id:use_case_id}/support",
    response={200: SupportOut, 409: ErrorOut},
    summary="Support an idea (+1)",
)
def use_case_support_create(request: HttpRequest, use_case_id: int) -> dict[str, Any]:
    """One "+1" per person, which also follows the use case; supporting twice changes
    nothing. 409 for one's own idea and for a rejected or retired use case."""
    user = require(request, Permission.SUBMIT_IDEAS)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    use_case_support(use_case=use_case, actor=user)
    return _support_of(use_case, user)


@router.delete(
    "/use-cases/{id:use_case_id}/support",
    response=SupportOut,
    summary="Withdraw one's support",
)
def use_case_support_delete(request: HttpRequest, use_case_id: int) -> dict[str, Any]:
    """The caller keeps following until they stop."""
    user = require(request, Permission.SUBMIT_IDEAS)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    use_case_support_withdraw(use_case=use_case, actor=user)
    return _support_of(use_case, user)


@router.put(
    "/use-cases/{id:use_case_id}/follow",
    response=SupportOut,
    summary="Follow a use case or stop following it",
)
def use_case_follow_set(
    request: HttpRequest, use_case_id: int, payload: FollowIn
) -> dict[str, Any]:
    """A person's own choice of what they are told, like their notification settings: it is
    not recorded in the audit log."""
    user = require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    use_case_follow(use_case=use_case, actor=user, follow=payload.follow)
    return _support_of(use_case, user)
