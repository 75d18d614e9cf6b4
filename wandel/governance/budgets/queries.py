"""Reads of budgets: what is requested, approved and spent, per request and in totals.

The approved amount of a request is not stored on it: it is the sum of ``approved_amount``
over the request's effective (not superseded) budget decisions that approve it, with or
without conditions. A request is over-spent when more is spent than approved, which
includes any spending before anything is approved. All figures are computed in the
database, so lists and totals take the same few queries however many requests exist.

Budget requests are listed by ``budget_requests`` with ``BudgetFilters`` parsed from the
query string, by the page and the API alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.core.filters import QueryFilters, choice, flag, identifier
from wandel.core.queries import Figure
from wandel.core.roles import Permission
from wandel.governance.budgets.models import BudgetRequest, SpendEntry
from wandel.governance.decisions.models import (
    APPROVING_OUTCOMES,
    Decision,
    DecisionKind,
    DecisionOutcome,
)
from wandel.portfolio.use_cases.models import Stage

__all__ = [
    "BudgetFigures",
    "BudgetFilters",
    "BudgetTotal",
    "BudgetTotals",
    "budget_detail",
    "budget_figures",
    "budget_requests",
    "budget_requests_awaiting_decision",
    "budget_totals",
    "money",
    "overview_figures",
    "with_figures",
]

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal("0.00")


def _effective_budget_decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(
        budget_request=OuterRef("pk"), kind=DecisionKind.BUDGET, superseded_by__isnull=True
    )


def _approved() -> Coalesce:
    total = (
        _effective_budget_decisions()
        .filter(outcome__in=APPROVING_OUTCOMES)
        .order_by()
        .values("budget_request")
        .annotate(total=Sum("approved_amount"))
        .values("total")[:1]
    )
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _spent() -> Coalesce:
    total = (
        SpendEntry.objects.filter(budget_request=OuterRef("pk"))
        .order_by()
        .values("budget_request")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _decided() -> Exists:
    """An effective decision answered the request (a deferral leaves it waiting)."""
    return Exists(
        _effective_budget_decisions().filter(
            outcome__in=(*APPROVING_OUTCOMES, DecisionOutcome.REJECTED)
        )
    )


def with_figures(requests: QuerySet[BudgetRequest]) -> QuerySet[BudgetRequest]:
    """Each request with ``approved``, ``spent``, ``over_spend`` and ``decided``."""
    return requests.annotate(approved=_approved(), spent=_spent(), decided=_decided()).annotate(
        over_spend=ExpressionWrapper(Q(spent__gt=F("approved")), output_field=BooleanField())
    )


@dataclass(frozen=True)
class BudgetFigures:
    approved: Decimal
    spent: Decimal
    decided: bool

    @property
    def over_spend(self) -> bool:
        return self.spent > self.approved

    @property
    def remaining(self) -> Decimal:
        return self.approved - self.spent


def budget_figures(budget_request: BudgetRequest) -> BudgetFigures:
    row = (
        BudgetRequest.objects.filter(pk=budget_request.pk)
        .annotate(approved=_approved(), spent=_spent(), decided=_decided())
        .values("approved", "spent", "decided")
        .get()
    )
    return BudgetFigures(money(row["approved"]), money(row["spent"]), row["decided"])


@dataclass(frozen=True)
class BudgetFilters(QueryFilters):
    """The filters as the query string names them: ``unit`` (of the use case, by id),
    ``stage`` (of the use case), ``use_case``, ``over_spend`` and ``waiting`` (no decision
    in force has answered the request yet)."""

    unit: int | None = identifier()
    stage: str = choice(Stage.values)
    use_case: int | None = identifier()
    over_spend: bool = flag()
    waiting: bool = flag()


def budget_requests(filters: BudgetFilters | None = None) -> QuerySet[BudgetRequest]:
    filters = filters or BudgetFilters()
    result = with_figures(BudgetRequest.objects.select_related("use_case__unit", "requested_by"))
    if filters.unit is not None:
        result = result.filter(use_case__unit_id=filters.unit)
    if filters.stage:
        result = result.filter(use_case__stage=filters.stage)
    if filters.use_case is not None:
        result = result.filter(use_case_id=filters.use_case)
    if filters.over_spend:
        result = result.filter(Q(over_spend=True))
    if filters.waiting:
        result = result.filter(Q(decided=False))
    return result.order_by("-requested_on", "-pk")


def budget_requests_awaiting_decision() -> QuerySet[BudgetRequest]:
    """Requests no effective decision has answered yet, oldest first (for the SteerCo).

    Without the money figures of ``with_figures``: the steering committee's lists show what
    is asked, and the figures' subqueries took longer to plan than the list to read."""
    return (
        BudgetRequest.objects.select_related("use_case")
        .filter(~_decided())
        .order_by("requested_on", "pk")
    )


def budget_detail(pk: int) -> BudgetRequest:
    decisions = Decision.objects.select_related("superseded_by", "body").order_by(
        "-decided_on", "-pk"
    )
    return (
        with_figures(BudgetRequest.objects.select_related("use_case__unit", "requested_by"))
        .prefetch_related(
            Prefetch("decisions", queryset=decisions),
            Prefetch("spend_entries", queryset=SpendEntry.objects.select_related("recorded_by")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class BudgetTotal:
    label: str | Promise
    key: str
    requested: Decimal
    approved: Decimal
    spent: Decimal
    over_spend: int
    count: int
    query: str = ""

    @property
    def remaining(self) -> Decimal:
        return self.approved - self.spent


@dataclass(frozen=True)
class BudgetTotals:
    by_unit: list[BudgetTotal]
    by_stage: list[BudgetTotal]
    overall: BudgetTotal


def budget_totals() -> BudgetTotals:
    """Requested, approved and spent money and the number of over-spent requests, per unit
    (of the use case) and per lifecycle stage: one query grouped by both, added up here
    (a row per unit and stage that has requests; each query of these figures costs more to
    build and plan than to run)."""
    units: dict[int, tuple[str, str, list[Mapping[str, Any]]]] = {}
    stages: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in _grouped(
        "use_case__unit", "use_case__unit__name", "use_case__unit__code", "use_case__stage"
    ):
        unit = units.setdefault(
            row["use_case__unit"], (row["use_case__unit__name"], row["use_case__unit__code"], [])
        )
        unit[2].append(row)
        stages[row["use_case__stage"]].append(row)
    by_unit = [
        _total(_added(rows), name, code, BudgetFilters(unit=pk).query())
        for pk, (name, code, rows) in sorted(units.items(), key=lambda u: (u[1][0], u[0]))
    ]
    by_stage = [
        _total(_added(stages[stage]), stage.label, stage.value, BudgetFilters(stage=stage).query())
        for stage in Stage
        if stage.value in stages
    ]
    overall = BudgetTotal(
        _("All use cases"),
        "",
        sum((t.requested for t in by_unit), ZERO),
        sum((t.approved for t in by_unit), ZERO),
        sum((t.spent for t in by_unit), ZERO),
        sum(t.over_spend for t in by_unit),
        sum(t.count for t in by_unit),
    )
    return BudgetTotals(by_unit, by_stage, overall)


def _added(rows: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The figures of several grouped rows added up (money rounded to cents first)."""
    totals: dict[str, Any] = {"over_spend_count": 0, "request_count": 0}
    for key in ("requested_total", "approved_total", "spent_total"):
        totals[key] = sum((money(row[key]) for row in rows), ZERO)
    for key in ("over_spend_count", "request_count"):
        totals[key] = sum(row[key] for row in rows)
    return totals


def _grouped(*fields: str) -> QuerySet[Any]:
    return (
        BudgetRequest.objects.alias(approved=_approved(), spent=_spent())
        .order_by()
        .values(*fields)
        .annotate(
            requested_total=Sum("amount_requested"),
            approved_total=Sum("approved"),
            spent_total=Sum("spent"),
            over_spend_count=Count("pk", filter=Q(spent__gt=F("approved"))),
            request_count=Count("pk"),
        )
    )


def _total(row: Mapping[str, Any], label: str | Promise, key: str, query: str) -> BudgetTotal:
    return BudgetTotal(
        label,
        key,
        money(row["requested_total"]),
        money(row["approved_total"]),
        money(row["spent_total"]),
        row["over_spend_count"],
        row["request_count"],
        query,
    )


def money(value: Decimal | int | None) -> Decimal:
    # SQLite may hand back sums of decimals with more places; money has two.
    return Decimal(value or 0).quantize(ZERO)


def overview_figures(user: Any) -> list[Figure]:
    if not user.has_perm(Permission.VIEW_GOVERNANCE):
        return []
    over = with_figures(BudgetRequest.objects.all()).filter(Q(over_spend=True)).count()
    if not over:
        return []
    url = reverse("governance:budget_overview")
    over_spent = BudgetFilters(over_spend=True).query()
    return [Figure(_("Budget requests over spend"), over, f"{url}?{over_spent}")]
