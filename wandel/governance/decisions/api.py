"""Bodies, meetings and the decision register over the REST API (under /api/v1/governance).

Every endpoint calls the same services and queries as the pages. Reading needs the
governance view permission; bodies and memberships are configured with
CONFIGURE_GOVERNANCE; meetings, agendas, minutes and decisions need DECIDE; a condition is
closed by the steering committee or by its owner. A refusal is an ``ErrorOut``, with the
messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import UNCHANGED, ClosingIn, Id, PersonRef, TrackedItemOut
from wandel.core.roles import Permission
from wandel.governance.decisions import meetings, queries, services
from wandel.governance.decisions.models import (
    AgendaItem,
    AgendaKind,
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Decision,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.queries import RegisterFilters
from wandel.governance.decisions.services import ConditionInput, DecisionError
from wandel.governance.decisions.subjects import subject_model
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

router = Router(tags=["governance"])

NOT_FOUND = _("There is no %(what)s with the ID %(id)s.")


# Schemas -----------------------------------------------------------------------------------


class MembershipOut(Schema):
    id: int
    person: PersonRef
    role_in_body: BodyRole
    started_on: date
    ended_on: date | None


class BodyOut(Schema):
    id: int
    name: str
    kind: BodyKind
    description: str
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(body: Body) -> list[BodyMembership]:
        return list(body.memberships.all())


class BodyRef(Schema):
    id: int
    name: str


class MeetingOut(Schema):
    id: int
    body: BodyRef
    held_on: date
    title: str
    location: str
    status: MeetingStatus


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    notes: str
    kind: AgendaKind
    use_case_id: int | None
    budget_request_id: int | None
    risk_id: int | None
    ethics_review_id: int | None


class DecisionConditionOut(TrackedItemOut):
    owner: PersonRef
    due_on: date


class DecisionOut(Schema):
    id: int
    body: BodyRef
    meeting_id: int | None
    agenda_item_id: int | None
    decided_on: date
    kind: DecisionKind
    text: str
    outcome: DecisionOutcome
    use_case_id: int | None
    gate_stage: str
    budget_request_id: int | None
    approved_amount: Decimal | None
    risk_id: int | None
    supersedes_id: int | None
    superseded_by_id: int | None
    in_force: bool
    recorded_by: str
    recorded_at: datetime
    conditions: list[DecisionConditionOut]

    @staticmethod
    def resolve_superseded_by_id(decision: Decision) -> int | None:
        successor = getattr(decision, "superseded_by", None)
        return successor.pk if successor is not None else None

    @staticmethod
    def resolve_in_force(decision: Decision) -> bool:
        return getattr(decision, "superseded_by", None) is None

    @staticmethod
    def resolve_recorded_by(decision: Decision) -> str:
        return str(decision.recorded_by)

    @staticmethod
    def resolve_conditions(decision: Decision) -> list[DecisionCondition]:
        return list(decision.conditions.all())


class MeetingDetailOut(MeetingOut):
    minutes: str
    attendees: list[PersonRef]
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_attendees(meeting: Meeting) -> list[Person]:
        return list(meeting.attendees.all())

    @staticmethod
    def resolve_agenda(meeting: Meeting) -> list[AgendaItem]:
        return list(meeting.agenda_items.all())

    @staticmethod
    def resolve_decisions(meeting: Meeting) -> list[Decision]:
        return list(meeting.decisions.all())


class BodyIn(Schema):
    name: str
    kind: BodyKind
    description: str = ""


class BodyPatch(Schema):
    """Only the fields sent change."""

    name: str = UNCHANGED
    kind: BodyKind = UNCHANGED
    description: str = UNCHANGED


class MembershipIn(Schema):
    person: Id
    role_in_body: BodyRole = BodyRole.MEMBER
    started_on: date | None = None


class MembershipEndIn(Schema):
    """Without ``ended_on``, the membership ends today."""

    ended_on: date | None = None


class MeetingIn(Schema):
    body: Id
    held_on: date
    title: str
    location: str = ""


class MeetingPatch(Schema):
    """Only the fields sent change; a meeting stays with its body."""

    held_on: date = UNCHANGED
    title: str = UNCHANGED
    location: str = UNCHANGED


class MinutesIn(Schema):
    """The minutes and who attended (people who sit or sat in the body); ``held`` marks the
    meeting held, which closes its agenda."""

    minutes: str = ""
    attendees: list[Id] = []
    held: bool = True


class AgendaItemIn(Schema):
    title: str
    kind: AgendaKind = AgendaKind.OTHER
    notes: str = ""
    use_case: Id | None = None
    budget_request: Id | None = None
    risk: Id | None = None
    ethics_review: Id | None = None


class DecisionConditionIn(Schema):
    text: str
    owner: Id
    due_on: date


class DecisionIn(Schema):
    """``supersedes`` names the decision this one corrects; conditions only with the
    outcome ``approved_with_conditions`` (then at least one)."""

    body: Id
    decided_on: date
    kind: DecisionKind
    text: str
    outcome: DecisionOutcome
    meeting: Id | None = None
    agenda_item: Id | None = None
    use_case: Id | None = None
    gate_stage: GateStage | None = None
    budget_request: Id | None = None
    approved_amount: Decimal | None = None
    risk: Id | None = None
    supersedes: Id | None = None
    conditions: list[DecisionConditionIn] = []


class RegisterQuery(Schema):
    """The register's filters, as on its page and in its export."""

    body: Id | None = None
    kind: DecisionKind | None = None
    outcome: DecisionOutcome | None = None
    use_case: Id | None = None
    date_from: date | None = Field(None, alias="from", description="Decided on or after.")
    date_to: date | None = Field(None, alias="to", description="Decided on or before.")
    effective: bool = Field(False, description="Only decisions in force (not superseded).")
    q: str = Field("", description="Words the decision's text contains.")


class MeetingQuery(Schema):
    body: Id | None = None
    status: MeetingStatus | None = None


# Helpers -----------------------------------------------------------------------------------


def _get[M: Model](model: type[M], pk: int | None, field: str) -> M | None:
    """The object a body field names; a refusal at that field if there is none."""
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise DecisionError(NOT_FOUND % {"what": model._meta.verbose_name, "id": pk}, field=field)
    return found


def _subject(field: str, pk: int | None) -> Any:
    """The budget request or risk a body field names (a model of another sub-domain)."""
    return _get(subject_model(field), pk, field)


def _required[M: Model](model: type[M], pk: int, field: str) -> M:
    found = _get(model, pk, field)
    assert found is not None
    return found


def _meeting(meeting_id: int) -> Meeting:
    try:
        return queries.meeting_for_page(meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None


# Bodies and memberships --------------------------------------------------------------------


@router.get("/bodies", response=list[BodyOut], summary="List governance bodies")
def body_list(request: HttpRequest) -> QuerySet[Body]:
    """Every body with its memberships, past ones included (``ended_on`` set)."""
    require(request, Permission.VIEW_GOVERNANCE)
    return queries.bodies_with_memberships()


@router.post("/bodies", response={201: BodyOut}, summary="Create a governance body")
def body_create(request: HttpRequest, payload: BodyIn) -> Status[Any]:
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    body = meetings.body_create(actor=user, **payload.dict())
    return Status(201, queries.bodies_with_memberships().get(pk=body.pk))


@router.get("/bodies/{id:body_id}", response=BodyOut, summary="One governance body")
def body_detail(request: HttpRequest, body_id: int) -> Body:
    require(request, Permission.VIEW_GOVERNANCE)
    return get_object_or_404(queries.bodies_with_memberships(), pk=body_id)


@router.patch("/bodies/{id:body_id}", response=BodyOut, summary="Change a governance body")
def body_edit(request: HttpRequest, body_id: int, payload: BodyPatch) -> Body:
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    body = get_object_or_404(Body, pk=body_id)
    meetings.body_update(body=body, actor=user, **payload.dict(exclude_unset=True))
    return queries.bodies_with_memberships().get(pk=body.pk)


@router.post(
    "/bodies/{id:body_id}/memberships",
    response={201: MembershipOut},
    summary="Give a person a seat in a body",
)
def membership_create(request: HttpRequest, body_id: int, payload: MembershipIn) -> Status[Any]:
    """A person holds one open seat in a body at a time; without ``started_on`` it starts
    today."""
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    body = get_object_or_404(Body, pk=body_id)
    membership = meetings.membership_add(
        body=body,
        person=_required(Person, payload.person, "person"),
        role_in_body=payload.role_in_body,
        started_on=payload.started_on,
        actor=user,
    )
    return Status(201, membership)


@router.post(
    "/memberships/{id:membership_id}/end",
    response=MembershipOut,
    summary="End a membership",
)
def membership_end(
    request: HttpRequest, membership_id: int, payload: MembershipEndIn
) -> BodyMembership:
    """Memberships are never deleted; an ended one stays in the body's history."""
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    membership = get_object_or_404(BodyMembership, pk=membership_id)
    return meetings.membership_end(membership=membership, actor=user, ended_on=payload.ended_on)


# Meetings and agendas ----------------------------------------------------------------------


@router.get("/meetings", response=list[MeetingOut], summary="List meetings")
@paginated
def meeting_list(request: HttpRequest, filters: Query[MeetingQuery]) -> QuerySet[Meeting]:
    """Newest first."""
    require(request, Permission.VIEW_GOVERNANCE)
    return queries.meeting_list(body=filters.body, status=filters.status or "")


@router.post("/meetings", response={201: MeetingDetailOut}, summary="Plan a meeting")
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status[Any]:
    user = require(request, Permission.DECIDE)
    meeting = meetings.meeting_create(
        actor=user,
        body=_required(Body, payload.body, "body"),
        held_on=payload.held_on,
        title=payload.title,
        location=payload.location,
    )
    return Status(201, _meeting(meeting.pk))


@router.get("/meetings/{id:meeting_id}", response=MeetingDetailOut, summary="One meeting")
def meeting_detail(request: HttpRequest, meeting_id: int) -> Meeting:
    require(request, Permission.VIEW_GOVERNANCE)
    return _meeting(meeting_id)


@router.patch("/meetings/{id:meeting_id}", response=MeetingDetailOut, summary="Change a meeting")
def meeting_edit(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Meeting:
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    meetings.meeting_update(meeting=meeting, actor=user, **payload.dict(exclude_unset=True))
    return _meeting(meeting_id)


@router.put(
    "/meetings/{id:meeting_id}/minutes",
    response=MeetingDetailOut,
    summary="Record the minutes and attendance of a meeting",
)
def meeting_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> Meeting:
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    people = Person.objects.in_bulk(payload.attendees)
    unknown = [pk for pk in payload.attendees if pk not in people]
    if unknown:
        what = Person._meta.verbose_name
        raise DecisionError(NOT_FOUND % {"what": what, "id": unknown[0]}, field="attendees")
    meetings.meeting_minutes_record(
        meeting=meeting,
        actor=user,
        minutes=payload.minutes,
        attendees=[people[pk] for pk in payload.attendees],
        held=payload.held,
    )
    return _meeting(meeting_id)


@router.post(
    "/meetings/{id:meeting_id}/agenda-items",
    response={201: AgendaItemOut},
    summary="Add an item to a meeting's agenda",
)
def agenda_item_create(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Status[Any]:
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    item = meetings.agenda_item_add(
        meeting=meeting,
        actor=user,
        title=payload.title,
        kind=payload.kind,
        notes=payload.notes,
        use_case=_get(UseCase, payload.use_case, "use_case"),
        budget_request=_subject("budget_request", payload.budget_request),
        risk=_subject("risk", payload.risk),
        ethics_review=_get(EthicsReview, payload.ethics_review, "ethics_review"),
    )
    return Status(201, item)


@router.post(
    "/meetings/{id:meeting_id}/agenda/build",
    response=list[AgendaItemOut],
    summary="Put every open request on a steering-committee meeting's agenda",
)
def agenda_build(request: HttpRequest, meeting_id: int) -> list[AgendaItem]:
    """Adds what waits for a decision and is not on the agenda yet; answers with the items
    added (none the second time)."""
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    return meetings.agenda_build(meeting=meeting, actor=user)


@router.delete("/agenda-items/{id:item_id}", response={204: None}, summary="Remove an agenda item")
def agenda_item_delete(request: HttpRequest, item_id: int) -> Status[None]:
    """Only from the agenda of a meeting not yet held, and only if no decision refers to it."""
    user = require(request, Permission.DECIDE)
    item = get_object_or_404(AgendaItem, pk=item_id)
    meetings.agenda_item_remove(item=item, actor=user)
    return Status(204, None)


# The decision register ---------------------------------------------------------------------


@router.get("/decisions", response=list[DecisionOut], summary="The decision register")
@paginated
def decision_list(request: HttpRequest, filters: Query[RegisterQuery]) -> QuerySet[Decision]:
    """Newest first; superseded decisions are included unless ``effective`` is true. The
    filters mean what they mean on the register's page and in its export."""
    require(request, Permission.VIEW_GOVERNANCE)
    return queries.with_conditions(
        queries.register(RegisterFilters.from_values(filters.model_dump(by_alias=True)))
    )


@router.get("/decisions/{id:decision_id}", response=DecisionOut, summary="One decision")
def decision_detail(request: HttpRequest, decision_id: int) -> Decision:
    require(request, Permission.VIEW_GOVERNANCE)
    return get_object_or_404(queries.decisions(), pk=decision_id)


@router.post("/decisions", response={201: DecisionOut}, summary="Record a decision")
def decision_create(request: HttpRequest, payload: DecisionIn) -> Status[Any]:
    """Decisions are immutable; to correct one, record a new decision with ``supersedes``
    set to it (same kind, same use case, budget request and risk)."""
    user = require(request, Permission.DECIDE)
    conditions = [
        ConditionInput(c.text, _get(Person, c.owner, "conditions"), c.due_on)
        for c in payload.conditions
    ]
    decision = services.decision_record(
        actor=user,
        body=_required(Body, payload.body, "body"),
        meeting=_get(Meeting, payload.meeting, "meeting"),
        agenda_item=_get(AgendaItem, payload.agenda_item, "agenda_item"),
        use_case=_get(UseCase, payload.use_case, "use_case"),
        budget_request=_subject("budget_request", payload.budget_request),
        risk=_subject("risk", payload.risk),
        supersedes=_get(Decision, payload.supersedes, "supersedes"),
        decided_on=payload.decided_on,
        kind=payload.kind,
        text=payload.text,
        outcome=payload.outcome,
        gate_stage=payload.gate_stage or "",
        approved_amount=payload.approved_amount,
        conditions=conditions,
    )
    return Status(201, queries.decisions().get(pk=decision.pk))


@router.post(
    "/conditions/{id:condition_id}/close",
    response=DecisionConditionOut,
    summary="Close a condition of a decision",
)
def condition_close(
    request: HttpRequest, condition_id: int, payload: ClosingIn
) -> DecisionCondition:
    """The steering committee closes any condition, the condition's owner their own."""
    user = require(request, Permission.VIEW_GOVERNANCE)
    condition = get_object_or_404(
        DecisionCondition.objects.select_related("decision", "owner"), pk=condition_id
    )
    if not services.can_close_condition(user, condition):
        raise refuse()
    closed = services.condition_close(
        condition=condition,
        actor=user,
        closing_note=payload.closing_note,
        closed_on=payload.closed_on,
    )
    return DecisionCondition.objects.select_related("owner", "closed_by").get(pk=closed.pk)
