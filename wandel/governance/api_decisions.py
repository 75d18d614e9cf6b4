"""Bodies, meetings and the decision register over the REST API (under /api/v1/governance).

Reading needs the governance view permission; recording decisions needs DECIDE; a
condition is closed by the steering committee or by its owner. Refusals a client can fix
answer with ``{"detail": …, "errors": {field: [messages]}}``.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from wandel.api import NO_PERMISSION, require
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.governance import decisions as service
from wandel.governance.decisions import ConditionInput, DecisionError, RegisterFilters
from wandel.governance.models import (
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
from wandel.org.models import Person
from wandel.portfolio.api import ErrorOut, FieldErrorsOut, PersonRef
from wandel.portfolio.models import UseCase

router = Router(tags=["governance"])

INVALID = _("The decision is not valid; see the errors by field.")
NOT_FOUND = _("There is no %(what)s with the ID %(id)s.")


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


class DecisionConditionOut(Schema):
    id: int
    text: str
    owner: PersonRef
    due_on: date
    closed_on: date | None
    closing_note: str
    closed_by: str | None

    @staticmethod
    def resolve_closed_by(condition: DecisionCondition) -> str | None:
        return str(condition.closed_by) if condition.closed_by else None


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


class DecisionConditionIn(Schema):
    text: str
    owner: int
    due_on: date


class DecisionIn(Schema):
    """``supersedes`` names the decision this one corrects; conditions only with the
    outcome ``approved_with_conditions`` (then at least one)."""

    body: int
    decided_on: date
    kind: DecisionKind
    text: str
    outcome: DecisionOutcome
    meeting: int | None = None
    agenda_item: int | None = None
    use_case: int | None = None
    gate_stage: GateStage | None = None
    budget_request: int | None = None
    approved_amount: Decimal | None = None
    risk: int | None = None
    supersedes: int | None = None
    conditions: list[DecisionConditionIn] = []


class DecisionConditionCloseIn(Schema):
    closing_note: str
    closed_on: date | None = None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related("body", "recorded_by", "superseded_by").prefetch_related(
        Prefetch(
            "conditions", queryset=DecisionCondition.objects.select_related("owner", "closed_by")
        )
    )


@router.get("/bodies", response=list[BodyOut], summary="List governance bodies")
def body_list(request: HttpRequest) -> QuerySet[Body]:
    """Every body with its memberships, past ones included (``ended_on`` set)."""
    require(request, Permission.VIEW_GOVERNANCE)
    return Body.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=BodyMembership.objects.select_related("person").order_by("started_on", "pk"),
        )
    ).order_by("name")


@router.get("/meetings", response=list[MeetingOut], summary="List meetings")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def meeting_list(
    request: HttpRequest, body: int | None = None, status: MeetingStatus | None = None
) -> QuerySet[Meeting]:
    """Newest first."""
    require(request, Permission.VIEW_GOVERNANCE)
    meetings = Meeting.objects.select_related("body").order_by("-held_on", "-pk")
    if body is not None:
        meetings = meetings.filter(body_id=body)
    if status:
        meetings = meetings.filter(status=status)
    return meetings


@router.get("/meetings/{int:meeting_id}", response=MeetingDetailOut, summary="One meeting")
def meeting_detail(request: HttpRequest, meeting_id: int) -> Meeting:
    require(request, Permission.VIEW_GOVERNANCE)
    return get_object_or_404(
        Meeting.objects.select_related("body").prefetch_related(
            "attendees",
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk")),
            Prefetch("decisions", queryset=_decisions().order_by("pk")),
        ),
        pk=meeting_id,
    )


@router.get("/decisions", response=list[DecisionOut], summary="The decision register")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def decision_list(
    request: HttpRequest,
    body: int | None = None,
    kind: DecisionKind | None = None,
    outcome: DecisionOutcome | None = None,
    use_case: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    in_force: bool = False,
) -> QuerySet[Decision]:
    """Newest first; superseded decisions are included unless ``in_force`` is true."""
    require(request, Permission.VIEW_GOVERNANCE)
    filters = RegisterFilters(
        body=body,
        kind=kind or "",
        outcome=outcome or "",
        use_case=use_case,
        date_from=date_from,
        date_to=date_to,
        effective_only=in_force,
    )
    return service.register(filters).prefetch_related(
        Prefetch(
            "conditions", queryset=DecisionCondition.objects.select_related("owner", "closed_by")
        )
    )


@router.get("/decisions/{int:decision_id}", response=DecisionOut, summary="One decision")
def decision_detail(request: HttpRequest, decision_id: int) -> Decision:
    require(request, Permission.VIEW_GOVERNANCE)
    return get_object_or_404(_decisions(), pk=decision_id)


@router.post(
    "/decisions",
    response={201: DecisionOut, 400: FieldErrorsOut},
    summary="Record a decision",
)
def decision_create(request: HttpRequest, payload: DecisionIn) -> Status[Any]:
    """Decisions are immutable; to correct one, record a new decision with ``supersedes``
    set to it (same kind, same use case, budget request and risk)."""
    require(request, Permission.DECIDE)
    try:
        fields = {
            "body": _get(Body, payload.body, "body"),
            "meeting": _get(Meeting, payload.meeting, "meeting"),
            "agenda_item": _get(AgendaItem, payload.agenda_item, "agenda_item"),
            "use_case": _get(UseCase, payload.use_case, "use_case"),
            "budget_request": _get_lazy("BudgetRequest", payload.budget_request, "budget_request"),
            "risk": _get_lazy("Risk", payload.risk, "risk"),
            "supersedes": _get(Decision, payload.supersedes, "supersedes"),
        }
        conditions = [
            ConditionInput(c.text, _get(Person, c.owner, "conditions"), c.due_on)
            for c in payload.conditions
        ]
        decision = service.decision_record(
            actor=_user(request),
            decided_on=payload.decided_on,
            kind=payload.kind,
            text=payload.text,
            outcome=payload.outcome,
            gate_stage=payload.gate_stage or "",
            approved_amount=payload.approved_amount,
            conditions=conditions,
            **fields,
        )
    except DecisionError as error:
        field = error.field or "__all__"
        return Status(400, {"detail": str(INVALID), "errors": {field: [str(error)]}})
    return Status(201, get_object_or_404(_decisions(), pk=decision.pk))


@router.post(
    "/conditions/{int:condition_id}/close",
    response={200: DecisionConditionOut, 400: ErrorOut},
    summary="Close a condition of a decision",
)
def condition_close(
    request: HttpRequest, condition_id: int, payload: DecisionConditionCloseIn
) -> Status[Any]:
    """The steering committee closes any condition, the condition's owner their own."""
    require(request, Permission.VIEW_GOVERNANCE)
    condition = get_object_or_404(
        DecisionCondition.objects.select_related("decision", "owner"), pk=condition_id
    )
    user = _user(request)
    if not service.can_close_condition(user, condition):
        raise HttpError(403, str(NO_PERMISSION))
    try:
        closed = service.condition_close(
            condition=condition,
            actor=user,
            closing_note=payload.closing_note,
            closed_on=payload.closed_on,
        )
    except DecisionError as error:
        return Status(400, {"detail": str(error)})
    return Status(
        200, DecisionCondition.objects.select_related("owner", "closed_by").get(pk=closed.pk)
    )


def _get(model: type[Model], pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        what = model._meta.verbose_name
        raise DecisionError(NOT_FOUND % {"what": what, "id": pk}, field)
    return found


def _get_lazy(name: str, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    return _get(apps.get_model("governance", name), pk, field)
