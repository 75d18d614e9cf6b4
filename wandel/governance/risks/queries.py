"""Reads of the risk register for pages, exports, the API and the overview.

The register is read by ``risks`` with ``RiskFilters`` parsed from the query string: the
page, its export and the API list the same risks in the same order for the same query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wandel.core.charts.heat import HeatCell, HeatGrid, heat_grid
from wandel.core.filters import QueryFilters, choice, flag, identifier, one_to_five
from wandel.core.queries import Figure
from wandel.core.roles import Permission
from wandel.governance.decisions.models import APPROVING_OUTCOMES, Decision, DecisionKind
from wandel.governance.risks.models import Mitigation, Risk, RiskCategory, RiskStatus
from wandel.governance.risks.rules import (
    SeverityBadge,
    review_overdue,
    risk_score,
    severity,
    severity_badge,
)
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

__all__ = [
    "ACTIVE",
    "ALL",
    "INHERENT",
    "RESIDUAL",
    "SORTS",
    "SORT_CHOICES",
    "HeatMap",
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


@dataclass(frozen=True)
class RiskFilters(QueryFilters):
    """The register's filters as the query string names them: ``category``, ``status``
    (not closed by default, ``all`` for every risk), ``use_case``, ``owner`` (a person),
    ``overdue`` (review date passed), ``likelihood`` and ``impact`` (a heat-map cell, of the
    residual ratings with ``rating=residual``) and ``sort``."""

    category: str = choice(RiskCategory.values)
    status: str = choice((ALL, *RiskStatus.values), ACTIVE)
    use_case: int | None = identifier()
    owner: int | None = identifier()
    overdue: bool = flag()
    likelihood: int | None = one_to_five()
    impact: int | None = one_to_five()
    rating: str = choice((INHERENT, RESIDUAL), INHERENT)
    sort: str = choice(SORTS, "-score")

    @property
    def residual(self) -> bool:
        return self.rating == RESIDUAL


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


@dataclass(frozen=True)
class HeatMap:
    """The register's heat map: likelihood up, impact to the right, each cell coloured by
    the severity of its score and linking to the list filtered to it."""

    grid: HeatGrid[SeverityBadge]
    residual: bool
    unrated: int = 0

    @property
    def cells(self) -> tuple[HeatCell[SeverityBadge], ...]:
        return self.grid.cells


def _cell_badge(likelihood: int, impact: int) -> SeverityBadge:
    score = risk_score(likelihood, impact)
    return SeverityBadge(score, severity(score))


def _cell_title(cell: HeatCell[SeverityBadge]) -> str:
    return ngettext(
        "Likelihood %(likelihood)s, impact %(impact)s (score %(score)s, %(severity)s): "
        "%(counter)s risk",
        "Likelihood %(likelihood)s, impact %(impact)s (score %(score)s, %(severity)s): "
        "%(counter)s risks",
        cell.count,
    ) % {
        "likelihood": cell.row,
        "impact": cell.column,
        "score": cell.level.score,
        "severity": cell.level.severity.label,
        "counter": cell.count,
    }


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
    grid = heat_grid(counts, level=_cell_badge)
    cells = tuple(
        replace(
            cell,
            url=f"{url}?{everywhere.query(likelihood=cell.row, impact=cell.column)}",
            selected=(filters.likelihood, filters.impact) == (cell.row, cell.column),
            title=_cell_title(cell),
            data=(("likelihood", cell.row), ("impact", cell.column)),
        )
        for cell in grid.cells
    )
    return HeatMap(replace(grid, cells=cells), filters.residual, unrated)


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
        .select_related("use_case")
        .only("pk", "title", "use_case__title")
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
