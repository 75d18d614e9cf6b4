"""Reads of bodies, meetings and the decision register, for pages, exports, the API and
the gates alike.

The register is read by ``register`` with ``RegisterFilters`` parsed from the query string:
the page, its export and the API list the same decisions in the same order for the same
query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wandel.core.filters import QueryFilters, choice, flag, identifier, iso_date, text
from wandel.core.models import User
from wandel.core.queries import count_of, first_rows
from wandel.governance.decisions.models import (
    APPROVING_OUTCOMES,
    AgendaItem,
    AgendaKind,
    AgendaTopic,
    Body,
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
from wandel.governance.decisions.subjects import SUBJECTS, Subject
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import Stage, UseCase

__all__ = [
    "GATE_AHEAD",
    "USE_CASES_WAITING",
    "BodyPage",
    "OpenRequests",
    "RegisterFilters",
    "UseCaseRequest",
    "Waiting",
    "bodies_for_list",
    "bodies_with_memberships",
    "body_page",
    "decided_use_cases",
    "decision_for_page",
    "decision_url",
    "decisions",
    "effective_decisions",
    "gate_approved",
    "meeting_agenda",
    "meeting_for_page",
    "meeting_list",
    "meetings_past",
    "meetings_upcoming",
    "open_conditions_of",
    "open_requests",
    "overdue_conditions",
    "register",
    "register_table",
    "table_rows",
    "use_case_requests",
    "use_cases_waiting",
    "waiting_kind",
    "waiting_subject",
    "with_conditions",
]


# What other sub-domains ask ------------------------------------------------------------


def effective_decisions() -> QuerySet[Decision]:
    """Decisions in force: every decision that no correction has superseded."""
    return Decision.objects.filter(superseded_by__isnull=True)


def gate_approved(use_case: UseCase, stage: str) -> bool:
    """Whether a decision in force lets ``use_case`` through the gate into ``stage``."""
    return (
        effective_decisions()
        .filter(
            use_case=use_case,
            kind=DecisionKind.GATE_APPROVAL,
            gate_stage=stage,
            outcome__in=APPROVING_OUTCOMES,
        )
        .exists()
    )


def _settling(**subject: Any) -> QuerySet[Decision]:
    """Decisions in force that settle a request (a deferral leaves it open)."""
    return effective_decisions().filter(**subject).exclude(outcome=DecisionOutcome.DEFERRED)


# Bodies and meetings -------------------------------------------------------------------


def bodies_for_list() -> QuerySet[Body]:
    today = timezone.localdate()
    current = Q(memberships__started_on__lte=today) & (
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)
    )
    return Body.objects.annotate(
        member_count=Count("memberships", filter=current, distinct=True),
        upcoming_count=Count(
            "meetings",
            filter=Q(meetings__status=MeetingStatus.PLANNED, meetings__held_on__gte=today),
            distinct=True,
        ),
    ).order_by("name")


def bodies_with_memberships() -> QuerySet[Body]:
    """Every body with all its memberships, past ones included, as the API shows them."""
    return Body.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=BodyMembership.objects.select_related("person").order_by("started_on", "pk"),
        )
    ).order_by("name")


@dataclass(frozen=True)
class BodyPage:
    body: Body
    members: list[BodyMembership]
    former: list[BodyMembership]
    meetings: list[Meeting]
    decisions: list[Decision]


def body_page(pk: int) -> BodyPage:
    body = Body.objects.get(pk=pk)
    memberships = list(
        BodyMembership.objects.filter(body=body)
        .select_related("person__unit")
        .order_by("person__last_name", "person__first_name", "-started_on")
    )
    today = timezone.localdate()
    current = [m for m in memberships if m.ended_on is None or m.ended_on > today]
    rank = {BodyRole.CHAIR: 0, BodyRole.MEMBER: 1, BodyRole.GUEST: 2}
    current.sort(key=lambda m: rank[BodyRole(m.role_in_body)])
    return BodyPage(
        body=body,
        members=current,
        former=[m for m in memberships if m not in current],
        meetings=list(_meetings().filter(body=body)[:10]),
        decisions=list(register_table(RegisterFilters(body=body.pk))[:10]),
    )


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body").annotate(
        item_count=Count("agenda_items", distinct=True),
        decision_count=Count("decisions", distinct=True),
    )


def meetings_upcoming() -> QuerySet[Meeting]:
    return (
        _meetings()
        .filter(status=MeetingStatus.PLANNED, held_on__gte=timezone.localdate())
        .order_by("held_on", "pk")
    )


def meetings_past() -> QuerySet[Meeting]:
    return (
        _meetings()
        .exclude(status=MeetingStatus.PLANNED, held_on__gte=timezone.localdate())
        .order_by("-held_on", "-pk")
    )


def meeting_list(*, body: int | None = None, status: str = "") -> QuerySet[Meeting]:
    """Every meeting, newest first, of one body or in one status if asked."""
    rows = Meeting.objects.select_related("body").order_by("-held_on", "-pk")
    if body is not None:
        rows = rows.filter(body_id=body)
    if status:
        rows = rows.filter(status=status)
    return rows


def meeting_for_page(pk: int, *, agenda: bool = True, table: bool = False) -> Meeting:
    """One meeting with attendees, its decisions and, unless the page reads it a page at a
    time (``meeting_agenda``), its whole agenda. The decisions come with their conditions,
    or, with ``table``, as the register's table shows them (``table_rows``)."""
    decisions = table_rows() if table else with_conditions(_register_rows())
    prefetches = [
        Prefetch("attendees", queryset=Person.objects.select_related("unit")),
        Prefetch("decisions", queryset=decisions.order_by("pk")),
    ]
    if agenda:
        prefetches.append(Prefetch("agenda_items", queryset=_agenda_items()))
    return Meeting.objects.select_related("body").prefetch_related(*prefetches).get(pk=pk)


def meeting_agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    """A meeting's agenda in its order, for reading a page at a time."""
    return _agenda_items().filter(meeting=meeting).order_by("position", "pk")


def _agenda_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("use_case", "budget_request", "risk").annotate(
        decision_count=count_of(Decision.objects.filter(agenda_item=OuterRef("pk")), "agenda_item")
    )


def decision_url(item: AgendaItem) -> str:
    """The record-decision page, prefilled for what the agenda item asks to decide."""
    params: dict[str, Any] = {"agenda_item": item.pk}
    if item.kind == AgendaKind.BUDGET and item.budget_request_id:
        params.update(kind=DecisionKind.BUDGET, budget_request=item.budget_request_id)
    elif item.kind == AgendaKind.RISK and item.risk_id:
        params.update(kind=DecisionKind.RISK_ACCEPTANCE, risk=item.risk_id)
    elif item.use_case_id and item.use_case is not None:
        params["use_case"] = item.use_case_id
        gate = GATE_AHEAD.get(item.use_case.stage)
        if gate:
            params.update(kind=DecisionKind.GATE_APPROVAL, gate_stage=gate)
        else:
            params["kind"] = DecisionKind.PRIORITY
    return f"{reverse('governance:decision_create')}?{urlencode(params)}"


# The gate that a use case in each stage waits for.
GATE_AHEAD: dict[str, str] = {
    Stage.PROTOTYPE: GateStage.PILOT,
    Stage.PILOT: GateStage.PRODUCTION,
}


# The decision register -----------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilters(QueryFilters):
    """The register's filters as the query string names them: ``body``, ``kind``,
    ``outcome``, ``use_case``, ``from`` and ``to`` (decided on, inclusive), ``effective``
    (only decisions in force) and ``q`` (words the text contains)."""

    body: int | None = identifier()
    kind: str = choice(DecisionKind.values)
    outcome: str = choice(DecisionOutcome.values)
    use_case: int | None = identifier()
    date_from: date | None = iso_date(param="from")
    date_to: date | None = iso_date(param="to")
    effective_only: bool = flag(param="effective")
    search: str = text(100, param="q")


def _register_rows() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "body",
        "use_case",
        "meeting",
        "recorded_by",
        "superseded_by",
        "supersedes",
        "budget_request",
        "risk",
    ).annotate(
        condition_count=count_of(
            DecisionCondition.objects.filter(decision=OuterRef("pk")), "decision"
        ),
        open_condition_count=count_of(
            DecisionCondition.objects.filter(decision=OuterRef("pk"), closed_on__isnull=True),
            "decision",
        ),
    )


def register(filters: RegisterFilters) -> QuerySet[Decision]:
    """The decision register, newest first, superseded decisions included unless asked."""
    rows = _register_rows()
    if filters.body is not None:
        rows = rows.filter(body_id=filters.body)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.outcome:
        rows = rows.filter(outcome=filters.outcome)
    if filters.use_case is not None:
        rows = rows.filter(use_case_id=filters.use_case)
    if filters.date_from is not None:
        rows = rows.filter(decided_on__gte=filters.date_from)
    if filters.date_to is not None:
        rows = rows.filter(decided_on__lte=filters.date_to)
    if filters.effective_only:
        rows = rows.filter(superseded_by__isnull=True)
    for word in filters.search.split():
        rows = rows.filter(text__icontains=word)
    return rows.order_by("-decided_on", "-pk")


# What the register's table (``_decision_table.html``) shows of a decision and what it
# points to. The register's rows join eight records, among them the account that recorded
# it and two whole decisions; the page needs a name or a title of five of them.
_TABLE_FIELDS = (
    "pk",
    "decided_on",
    "kind",
    "gate_stage",
    "text",
    "outcome",
    "approved_amount",
    "supersedes_id",
    "body__name",
    "use_case__title",
    "budget_request__title",
    "risk__title",
    "superseded_by__id",
)


def register_table(filters: RegisterFilters) -> QuerySet[Decision]:
    """``register`` with only what the register's page shows (the export and the API read
    ``register`` itself): 25 rows in 5 ms instead of 10 on the large demo."""
    return _as_table(register(filters))


def table_rows() -> QuerySet[Decision]:
    """Decisions as ``_decision_table.html`` shows them, for pages that list a few (a
    meeting's, a body's latest)."""
    return _as_table(_register_rows())


def _as_table(rows: QuerySet[Decision]) -> QuerySet[Decision]:
    return (
        rows.select_related(None)
        .select_related("body", "use_case", "budget_request", "risk", "superseded_by")
        .only(*_TABLE_FIELDS)
    )


def with_conditions(rows: QuerySet[Decision]) -> QuerySet[Decision]:
    """``rows`` with their conditions (owner and closer) in one more query."""
    return rows.prefetch_related(
        Prefetch(
            "conditions", queryset=DecisionCondition.objects.select_related("owner", "closed_by")
        )
    )


def decisions() -> QuerySet[Decision]:
    """Every decision as the API shows one: with its conditions."""
    return with_conditions(_register_rows())


def decided_use_cases() -> QuerySet[UseCase]:
    """Use cases that have at least one decision, for the register's filter."""
    return (
        UseCase.objects.filter(Exists(Decision.objects.filter(use_case=OuterRef("pk"))))
        .only("pk", "title")
        .order_by("title")
    )


def decision_for_page(pk: int) -> Decision:
    return (
        _register_rows()
        .select_related("agenda_item")
        .prefetch_related(
            Prefetch(
                "conditions",
                queryset=DecisionCondition.objects.select_related("owner", "closed_by"),
            )
        )
        .get(pk=pk)
    )


# The steering committee ----------------------------------------------------------------

GATE_TOPICS: dict[str, AgendaTopic] = {
    GateStage.PILOT: AgendaTopic.PILOT_GATE,
    GateStage.PRODUCTION: AgendaTopic.PRODUCTION_GATE,
}


@dataclass(frozen=True)
class UseCaseRequest:
    use_case: UseCase
    label: str | Promise
    gate: str = ""

    @property
    def agenda_topic(self) -> AgendaTopic:
        return GATE_TOPICS.get(self.gate, AgendaTopic.APPROVAL)

    @property
    def decision_url(self) -> str:
        params: dict[str, Any] = {"use_case": self.use_case.pk}
        if self.gate:
            params.update(kind=DecisionKind.GATE_APPROVAL, gate_stage=self.gate)
        else:
            params["kind"] = DecisionKind.PRIORITY
        return f"{reverse('governance:decision_create')}?{urlencode(params)}"


@dataclass(frozen=True)
class Waiting:
    """The records of one ``Subject`` waiting for a decision: ``items`` (the first ones
    only, if the list was limited) of ``total``."""

    subject: Subject
    items: list[Any]
    total: int = -1

    def __post_init__(self) -> None:
        if self.total < 0:
            object.__setattr__(self, "total", len(self.items))

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    @property
    def kind(self) -> str:
        return waiting_kind(self.subject)


@dataclass(frozen=True)
class OpenRequests:
    use_cases: list[UseCaseRequest] = field(default_factory=list)
    subjects: list[Waiting] = field(default_factory=list)
    use_case_total: int = -1

    def __post_init__(self) -> None:
        if self.use_case_total < 0:
            object.__setattr__(self, "use_case_total", len(self.use_cases))

    @property
    def count(self) -> int:
        return self.use_case_total + sum(waiting.total for waiting in self.subjects)

    @property
    def more_use_cases(self) -> int:
        return self.use_case_total - len(self.use_cases)

    def of(self, field: str) -> list[Any]:
        """The waiting records linked through the decision's foreign key ``field``."""
        return next((w.items for w in self.subjects if w.subject.field == field), [])


# The kind of waiting list, as the steering page's "show all" links name it.
USE_CASES_WAITING = "use-cases"


def waiting_kind(subject: Subject) -> str:
    return subject.field.replace("_", "-")


def waiting_subject(kind: str) -> Subject | None:
    return next((s for s in SUBJECTS if waiting_kind(s) == kind), None)


_WAITING_LABELS = {
    Stage.ASSESSED: _("Awaiting approval"),
    Stage.PROTOTYPE: _("Awaiting the pilot gate"),
    Stage.PILOT: _("Awaiting the production gate"),
}


def use_cases_waiting() -> QuerySet[UseCase]:
    """Use cases waiting for a steering-committee decision, longest waiting first: what
    the lists of them show (title, stage, unit), not the use cases' texts and figures."""
    gate = DecisionKind.GATE_APPROVAL
    return (
        UseCase.objects.select_related("unit")
        .only("pk", "title", "stage", "unit__name")
        .filter(
            Q(stage=Stage.ASSESSED)
            | Q(stage=Stage.PROTOTYPE)
            & ~Exists(_settling(use_case=OuterRef("pk"), kind=gate, gate_stage=GateStage.PILOT))
            | Q(stage=Stage.PILOT)
            & ~Exists(
                _settling(use_case=OuterRef("pk"), kind=gate, gate_stage=GateStage.PRODUCTION)
            )
        )
        .order_by("stage_changed_at", "pk")
    )


def use_case_requests(use_cases: Iterable[UseCase]) -> list[UseCaseRequest]:
    return [
        UseCaseRequest(uc, _WAITING_LABELS[Stage(uc.stage)], GATE_AHEAD.get(Stage(uc.stage), ""))
        for uc in use_cases
    ]


def open_requests(*, limit: int | None = None) -> OpenRequests:
    """Everything waiting for a steering-committee decision, oldest first within a kind;
    with ``limit``, only the first ``limit`` of each kind, with the totals counted."""
    if limit is None:
        return OpenRequests(
            use_case_requests(use_cases_waiting()),
            [Waiting(subject, list(subject.waiting())) for subject in SUBJECTS],
        )
    subjects = []
    for subject in SUBJECTS:
        records = subject.waiting()
        assert isinstance(records, QuerySet), "a limited list needs a query set"
        first = first_rows(records, limit)
        subjects.append(Waiting(subject, first.rows, first.total))
    use_cases = first_rows(use_cases_waiting(), limit)
    return OpenRequests(use_case_requests(use_cases.rows), subjects, use_case_total=use_cases.total)


# What the steering page's tables of conditions show (``_conditions.html``).
_CONDITION_SHOWN = (
    "pk",
    "text",
    "status",
    "due_on",
    "decision_id",
    "owner__first_name",
    "owner__last_name",
    "decision__body__name",
    "decision__use_case__title",
)


def overdue_conditions() -> QuerySet[DecisionCondition]:
    """Open conditions past their due date, of decisions still in force."""
    return (
        DecisionCondition.objects.filter(
            closed_on__isnull=True,
            due_on__lt=timezone.localdate(),
            decision__superseded_by__isnull=True,
        )
        .select_related("owner", "decision__body", "decision__use_case")
        .only(*_CONDITION_SHOWN)
        .order_by("due_on", "pk")
    )


def open_conditions_of(user: User) -> QuerySet[DecisionCondition]:
    """The signed-in person's own open conditions, so they can close them."""
    return (
        DecisionCondition.objects.filter(
            closed_on__isnull=True,
            owner__user_id=user.pk,
            decision__superseded_by__isnull=True,
        )
        .select_related("owner", "decision__body", "decision__use_case")
        .only(*_CONDITION_SHOWN)
        .order_by("due_on", "pk")
    )
