"""Reads of the risk register for pages, exports, the API and the overview.

The register is read by ``risks`` with ``RiskFilters`` parsed from the query string: the
page, its export and the API list the same risks in the same order for the same query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.inputs import parse_id
from wandel.core.queries import Figure
from wandel.core.roles import Permission
from wandel.governance.decisions.models import APPROVING_OUTCOMES, Decision, DecisionKind
from wandel.governance.filters import parse_choice, parse_flag
from wandel.governance.risks.models import Mitigation, Risk, RiskCategory, RiskStatus
from wandel.governance.risks.rules import (
    HeatMap,
    SeverityBadge,
    heat_map_geometry,
    review_overdue,
    severity_badge,
)
from wandel.org.models import Person
from wandel.portfolio.models import UseCase

__all__ = [
    "ACTIVE",
    "ALL",
    "INHERENT",
    "RESIDUAL",
    "SORTS",
    "SORT_CHOICES",
    "RiskFilters",
    "RiskRow",
    "acceptance_decisions",
    "heat_map",
    "overview_figures",
    "risk_accepted",
    "risk_detail",
    "risk_list",
    "risk_owners",
    "risk_rows",
    "risk_use_cases",
    "risks",
    "risks_awaiting_acceptance",
]

ACTIVE = ""  # the status filter's default: every risk that is not closed
ALL = "all"
INHERENT = "inherent"
RESIDUAL = "residual"

SORTS: dict[str, tuple[Any, ...]] = {
    "-score": (F("sort_score").desc(), "review_on", "title"),
    "-residual": (F("sort_residual").desc(nulls_last=True), F("sort_score").desc(), "title"),
    "review_on": ("review_on", F("sort_score").desc(), "title"),
    "title": ("title",),
}
SORT_CHOICES = (
    ("-score", _("Highest score first")),
    ("-residual", _("Highest residual score first")),
    ("review_on", _("Next review first")),
    ("title", _("Title")),
)


# Decisions on a risk -----------------------------------------------------------------------


def acceptance_decisions(risk: Risk) -> QuerySet[Decision]:
    """The risk-acceptance decisions on ``risk``, superseded ones included."""
    return Decision.objects.filter(risk=risk, kind=DecisionKind.RISK_ACCEPTANCE)


def risk_accepted(risk: Risk) -> bool:
    """Whether an effective decision accepts the risk (approved, or with conditions)."""
    return (
        acceptance_decisions(risk)
        .filter(superseded_by__isnull=True, outcome__in=APPROVING_OUTCOMES)
        .exists()
    )


# The register ------------------------------------------------------------------------------


def _rating(value: str | None) -> int | None:
    return int(value) if value in ("1", "2", "3", "4", "5") else None


@dataclass(frozen=True)
class RiskFilters:
    """The register's filters as the query string names them: ``category``, ``status``
    (not closed by default, ``all`` for every risk), ``use_case``, ``owner`` (a person),
    ``overdue`` (review date passed), ``likelihood`` and ``impact`` (a heat-map cell, of the
    residual ratings with ``rating=residual``) and ``sort``."""

    category: str = ""
    status: str = ACTIVE
    use_case: int | None = None
    owner: int | None = None
    overdue: bool = False
    likelihood: int | None = None
    impact: int | None = None
    rating: str = INHERENT
    sort: str = "-score"

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> RiskFilters:
        return cls(
            category=parse_choice(params.get("category"), RiskCategory.values),
            status=parse_choice(params.get("status"), (ALL, *RiskStatus.values), ACTIVE),
            use_case=parse_id(params.get("use_case")),
            owner=parse_id(params.get("owner")),
            overdue=parse_flag(params.get("overdue")),
            likelihood=_rating(params.get("likelihood")),
            impact=_rating(params.get("impact")),
            rating=parse_choice(params.get("rating"), (RESIDUAL,), INHERENT),
            sort=parse_choice(params.get("sort"), SORTS, "-score"),
        )

    @property
    def residual(self) -> bool:
        return self.rating == RESIDUAL

    def query(self, **overrides: Any) -> str:
        """These filters (with ``overrides``) as a query string, defaults left out."""
        values = {**asdict(self), **overrides}
        params = {
            "category": values["category"],
            "status": values["status"],
            "use_case": values["use_case"],
            "owner": values["owner"],
            "overdue": "1" if values["overdue"] else "",
            "likelihood": values["likelihood"],
            "impact": values["impact"],
            "rating": values["rating"] if values["rating"] == RESIDUAL else "",
            "sort": values["sort"] if values["sort"] != "-score" else "",
        }
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def risks(filters: RiskFilters) -> QuerySet[Risk]:
    """The register under ``filters``, in the order they ask for."""
    today = timezone.localdate()
    result = Risk.objects.select_related("use_case", "owner").annotate(
        sort_score=F("likelihood") * F("impact"),
        sort_residual=F("residual_likelihood") * F("residual_impact"),
    )
    if filters.status == ACTIVE:
        result = result.exclude(status=RiskStatus.CLOSED)
    elif filters.status != ALL:
        result = result.filter(status=filters.status)
    if filters.category:
        result = result.filter(category=filters.category)
    if filters.use_case is not None:
        result = result.filter(use_case_id=filters.use_case)
    if filters.owner is not None:
        result = result.filter(owner_id=filters.owner)
    if filters.overdue:
        result = result.filter(review_on__lt=today).exclude(status=RiskStatus.CLOSED)
    prefix = "residual_" if filters.residual else ""
    if filters.likelihood is not None:
        result = result.filter(**{f"{prefix}likelihood": filters.likelihood})
    if filters.impact is not None:
        result = result.filter(**{f"{prefix}impact": filters.impact})
    return result.order_by(*SORTS[filters.sort], "pk")


def risk_list(filters: RiskFilters) -> QuerySet[Risk]:
    """``risks(filters)`` as the export shows them: with the mitigations, in one more query."""
    return risks(filters).prefetch_related(
        Prefetch("mitigations", queryset=Mitigation.objects.order_by("pk"))
    )


@dataclass(frozen=True)
class RiskRow:
    """One risk as lists show it."""

    risk: Risk
    badge: SeverityBadge
    residual_badge: SeverityBadge | None
    overdue: bool


def risk_rows(page: Iterable[Risk]) -> list[RiskRow]:
    today = timezone.localdate()
    return [
        RiskRow(
            risk,
            severity_badge(risk.score),  # type: ignore[arg-type]
            severity_badge(risk.residual_score),
            review_overdue(risk.review_on, risk.status, today),
        )
        for risk in page
    ]


def heat_map(filters: RiskFilters, *, url: str = "") -> HeatMap:
    """Risks per likelihood × impact cell under ``filters`` (whatever cell is chosen), each
    cell linking to ``url`` filtered to it. One query, or two for residual ratings."""
    everywhere = replace(filters, likelihood=None, impact=None)
    prefix = "residual_" if filters.residual else ""
    rated = risks(everywhere)
    unrated = 0
    if filters.residual:
        unrated = rated.filter(residual_likelihood__isnull=True).count()
        rated = rated.filter(residual_likelihood__isnull=False)
    counts = {
        (likelihood, impact): n
        for likelihood, impact, n in rated.order_by()
        .values_list(f"{prefix}likelihood", f"{prefix}impact")
        .annotate(n=Count("pk"))
    }
    chart = heat_map_geometry(counts, residual=filters.residual)
    cells = [
        replace(
            cell,
            url=f"{url}?{everywhere.query(likelihood=cell.likelihood, impact=cell.impact)}",
            selected=(filters.likelihood, filters.impact) == (cell.likelihood, cell.impact),
        )
        for cell in chart.cells
    ]
    return replace(chart, cells=cells, unrated=unrated)


def risk_detail(pk: int) -> Risk:
    """One risk with its mitigations and the decisions on it, newest first."""
    decisions = Decision.objects.select_related("superseded_by", "body").order_by(
        "-decided_on", "-pk"
    )
    return (
        Risk.objects.select_related("use_case", "owner", "recorded_by")
        .prefetch_related(
            Prefetch(
                "mitigations", queryset=Mitigation.objects.select_related("owner", "closed_by")
            ),
            Prefetch("decisions", queryset=decisions),
        )
        .get(pk=pk)
    )


def risk_owners() -> QuerySet[Person]:
    """People who own at least one risk: the owner filter's choices."""
    return Person.objects.filter(pk__in=Risk.objects.values("owner_id")).order_by(
        "last_name", "first_name"
    )


def risk_use_cases() -> QuerySet[UseCase]:
    """Use cases with at least one risk: the use-case filter's choices."""
    return UseCase.objects.filter(pk__in=Risk.objects.values("use_case_id")).order_by("title")


def risks_awaiting_acceptance() -> QuerySet[Risk]:
    """Risks put to the steering committee for acceptance, oldest request first."""
    return (
        Risk.objects.filter(status=RiskStatus.ACCEPTANCE_REQUESTED)
        .select_related("use_case", "owner")
        .order_by("updated_at", "pk")
    )


def overview_figures(user: Any) -> list[Figure]:
    if not user.has_perm(Permission.VIEW_GOVERNANCE):
        return []
    today = timezone.localdate()
    url = reverse("governance:risk_list")
    counts = Risk.objects.exclude(status=RiskStatus.CLOSED).aggregate(
        active=Count("pk"), overdue=Count("pk", filter=Q(review_on__lt=today))
    )
    return [
        Figure(_("Open risks"), counts["active"], url),
        Figure(_("Risk reviews overdue"), counts["overdue"], f"{url}?overdue=1"),
    ]
