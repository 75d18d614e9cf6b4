"""Reads of the portfolio for pages, API and exports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Floor, Least
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wandel.core.charts.bar import Bar, bars
from wandel.core.charts.scatter import Bin, Cluster, Grid, Mark, Scatter, clustered, scatter
from wandel.core.filters import QueryFilters, choice, decimal, identifier, text
from wandel.core.queries import Figure, Listing, first_rows
from wandel.core.roles import Permission, Role
from wandel.org.models import Person, RoleAssignment, Unit
from wandel.portfolio.use_cases.models import (
    Capability,
    Criterion,
    Follow,
    Score,
    Stage,
    StageChange,
    Support,
    UseCase,
)
from wandel.portfolio.use_cases.permissions import may_support
from wandel.portfolio.use_cases.scoring import HIGH_FROM, Quadrant, quadrant
from wandel.portfolio.use_cases.similarity import most_similar

ACTIVE_STAGES = (Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION)


def overview_figures(user: Any) -> list[Figure]:
    if not user.has_perm(Permission.VIEW_USE_CASES):
        return []
    url = reverse("portfolio:use_case_list")
    return [
        Figure(_("Use cases"), UseCase.objects.count(), url),
        Figure(
            _("Use cases in delivery"),
            UseCase.objects.filter(stage__in=ACTIVE_STAGES).count(),
            url,
        ),
    ]


# Stages in lifecycle order, with the exits after the funnel, for sorting by stage.
_STAGE_ORDER = Case(
    *(When(stage=stage, then=Value(i)) for i, stage in enumerate(Stage)), default=Value(99)
)

# Sort keys offered by the list. Vetoed use cases always come last, then unscored ones.
SORTS: dict[str, tuple[Any, ...]] = {
    "-total_score": (F("vetoed").asc(), F("total_score").desc(nulls_last=True), "title"),
    "total_score": (F("vetoed").asc(), F("total_score").asc(nulls_last=True), "title"),
    "title": ("title",),
    "-title": ("-title",),
    "stage": (_STAGE_ORDER.asc(), "title"),
    "-stage": (_STAGE_ORDER.desc(), "title"),
    "unit": ("unit__name", "title"),
    "-unit": ("-unit__name", "title"),
    "-created_at": ("-created_at", "-pk"),
    "created_at": ("created_at",),
}


@dataclass(frozen=True)
class Filters(QueryFilters):
    """The portfolio's filters as the query string names them: ``stage``, ``unit`` (with its
    sub-units), ``owner`` (the product owner), ``submitter`` (the account that submitted
    it: "my ideas"), ``capability``, ``min_score`` (of the total
    score), ``q`` (words in the title or the problem) and ``sort`` (one of ``SORTS``)."""

    stage: str = choice(Stage.values)
    unit: int | None = identifier()
    owner: int | None = identifier()
    submitter: int | None = identifier()
    capability: str = choice(Capability.values)
    min_score: Decimal | None = decimal()
    search: str = text(100, param="q")
    sort: str = choice(SORTS, "-total_score")


def use_cases(filters: Filters) -> QuerySet[UseCase]:
    """The portfolio list: the page, its export and the API all read it here, so the same
    filters give the same use cases everywhere. A unit includes its sub-units, and a use
    case counts for each unit it is linked to as well as its own."""
    result = UseCase.objects.select_related("unit", "product_owner")
    if filters.stage:
        result = result.filter(stage=filters.stage)
    if filters.unit is not None:
        units = unit_and_below(filters.unit)
        linked = UseCase.linked_units.through.objects.filter(unit_id__in=units)
        result = result.filter(Q(unit_id__in=units) | Q(pk__in=linked.values("usecase_id")))
    if filters.owner is not None:
        result = result.filter(product_owner_id=filters.owner)
    if filters.submitter is not None:
        result = result.filter(submitted_by_id=filters.submitter)
    if filters.capability:
        result = result.filter(capability=filters.capability)
    if filters.min_score is not None:
        result = result.filter(total_score__gte=filters.min_score)
    for word in filters.search.split():
        result = result.filter(search_text__icontains=word)
    return result.order_by(*SORTS[filters.sort], "pk")


def unit_and_below(unit_id: int) -> list[int]:
    """The unit and every unit below it in the tree (one query, whatever the depth)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found: list[int] = []
    waiting = [unit_id]
    while waiting:
        current = waiting.pop()
        if current in found:
            continue
        found.append(current)
        waiting.extend(children.get(current, []))
    return found


def use_case_detail(pk: int) -> UseCase:
    return (
        UseCase.objects.select_related("unit", "product_owner", "submitted_by")
        .prefetch_related(
            "team",
            "linked_units",
            "workshops",
            Prefetch("moves", queryset=StageChange.objects.select_related("actor")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    score: Score | None


def scores_by_criterion(use_case: UseCase) -> list[CriterionScore]:
    stored = {s.criterion_id: s for s in use_case.scores.select_related("scored_by")}
    return [
        CriterionScore(criterion, stored.get(criterion.pk))
        for criterion in Criterion.objects.filter(active=True)
    ]


def owners() -> QuerySet[Person]:
    """People who may be named product owner (they hold the role today)."""
    holders = RoleAssignment.objects.current().filter(role=Role.PRODUCT_OWNER)
    return Person.objects.filter(pk__in=holders.values("person_id"), active=True).order_by(
        "last_name", "first_name"
    )


def similar_to(title: str, *, exclude: int | None = None, limit: int = 5) -> list[UseCase]:
    if len(title.strip()) < 4:
        return []
    candidates = UseCase.objects.all()
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    hits = most_similar(title, candidates.values_list("pk", "title"), limit=limit)
    found = UseCase.objects.select_related("unit").in_bulk([pk for pk, _score in hits])
    return [found[pk] for pk, _score in hits if pk in found]


FUNNEL = (
    Stage.IDEA,
    Stage.ASSESSED,
    Stage.APPROVED,
    Stage.PROTOTYPE,
    Stage.PILOT,
    Stage.PRODUCTION,
)
SIDE_STAGES = (Stage.ON_HOLD, Stage.REJECTED, Stage.RETIRED)


def funnel(filters: Filters) -> tuple[list[Bar[Stage]], list[Bar[Stage]]]:
    """Use cases per stage: the main funnel in lifecycle order, and the side exits, as bars
    on one scale."""
    counts = dict(
        use_cases(replace(filters, stage=""))
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk", distinct=True))
    )
    largest = max(counts.values(), default=0)
    return (
        bars([(s, counts.get(s, 0)) for s in FUNNEL], largest=largest),
        bars([(s, counts.get(s, 0)) for s in SIDE_STAGES], largest=largest),
    )


@dataclass(frozen=True)
class Bubble:
    """A use case on the value × feasibility matrix, with the quadrant its table shows."""

    use_case: UseCase
    quadrant: Quadrant | None


# Above this many use cases the matrix draws clusters instead of one bubble each, and its
# table lists the first MATRIX_TABLE_ROWS with a link to the whole filtered list.
MATRIX_CLUSTER_ABOVE = 150
MATRIX_TABLE_ROWS = 25
_MATRIX_FIELDS = (
    "pk",
    "title",
    "stage",
    "vetoed",
    "value_score",
    "feasibility_score",
    "people_helped",
)


def _scored(filters: Filters) -> QuerySet[UseCase]:
    return (
        use_cases(filters)
        .filter(value_score__isnull=False, feasibility_score__isnull=False)
        .select_related(None)
        .only(*_MATRIX_FIELDS)
    )


def _bubble(use_case: UseCase) -> Bubble:
    return Bubble(
        use_case, quadrant(value=use_case.value_score, feasibility=use_case.feasibility_score)
    )


MATRIX_SIZE = 560
# A cluster's square: half a point of value and of feasibility (the axes run 1 to 5 over
# 448 pixels), so that each cluster stands for a range people can name.
MATRIX_CELL = 56


def matrix(filters: Filters, *, scored: int, size: int = MATRIX_SIZE) -> Scatter[Bubble | None]:
    """The value × feasibility bubble chart of the ``scored`` use cases under ``filters``;
    bubble area ∝ people helped, colour by stage (red where vetoed). With more than
    ``MATRIX_CLUSTER_ABOVE``, the database counts them per square of the chart and each
    square holding any is drawn as one cluster, its area ∝ how many it holds."""
    frame: dict[str, Any] = {
        "divide_at": float(HIGH_FROM),
        "quadrants": [
            Quadrant.STRATEGIC_BET.label,
            Quadrant.QUICK_WIN.label,
            Quadrant.RECONSIDER.label,
            Quadrant.FILL_IN.label,
        ],
        "legend": {
            **{f"bubble-{stage.value}": stage.label for stage in Stage},
            "vetoed": _("veto"),
        },
    }
    if scored > MATRIX_CLUSTER_ABOVE:
        grid = Grid(low=1, high=5, size=size, cell=MATRIX_CELL)
        return clustered(_matrix_bins(filters, grid), grid, describe=_cluster_title, **frame)
    # Plain rows: model instances with every field would cost more than the whole chart.
    marks = []
    for pk, title, stage, vetoed, value, feasibility, people_helped in _scored(filters).values_list(
        *_MATRIX_FIELDS
    ):
        use_case = UseCase(
            pk=pk,
            title=title,
            stage=stage,
            vetoed=vetoed,
            value_score=value,
            feasibility_score=feasibility,
            people_helped=people_helped,
        )
        marks.append(
            Mark(
                _bubble(use_case),
                feasibility,
                value,
                kind="vetoed" if vetoed else f"bubble-{stage}",
                weight=people_helped or 0,
                url=use_case.get_absolute_url(),
            )
        )
    return scatter(marks, low=1, high=5, size=size, **frame)


def _cluster_title(cluster: Cluster) -> str:
    return ngettext(
        "%(counter)s use case here: value %(value)s, feasibility %(feasibility)s",
        "%(counter)s use cases here: value %(value)s, feasibility %(feasibility)s",
        cluster.count,
    ) % {"counter": cluster.count, "value": cluster.y_span, "feasibility": cluster.x_span}


def _matrix_bins(filters: Filters, grid: Grid) -> list[Bin]:
    """The scored use cases counted per square of ``grid`` and kind, by the database: a few
    hundred rows however many use cases there are."""
    x = Cast("feasibility_score", FloatField())
    y = Cast("value_score", FloatField())
    last = Value(float(grid.last))
    rows = (
        _scored(filters)
        .order_by()
        .values(
            column=Least(Floor((grid.margin + (x - grid.low) * grid.per_unit) / grid.cell), last),
            row=Least(Floor((grid.far - (y - grid.low) * grid.per_unit) / grid.cell), last),
            kind_stage=F("stage"),
            kind_vetoed=F("vetoed"),
        )
        .annotate(
            n=Count("pk"),
            x_sum=Sum(x),
            y_sum=Sum(y),
            x_min=Min(x),
            x_max=Max(x),
            y_min=Min(y),
            y_max=Max(y),
        )
    )
    return [
        Bin(
            int(row["column"]),
            int(row["row"]),
            "vetoed" if row["kind_vetoed"] else f"bubble-{row['kind_stage']}",
            row["n"],
            row["x_sum"],
            row["y_sum"],
            (row["x_min"], row["x_max"]),
            (row["y_min"], row["y_max"]),
        )
        for row in rows
    ]


def matrix_table(filters: Filters, limit: int = MATRIX_TABLE_ROWS) -> Listing[Bubble]:
    """The first rows of the matrix's table, in the list's order, and how many are scored."""
    first = first_rows(_scored(filters), limit)
    return Listing([_bubble(u) for u in first.rows], first.total)


def unscored_count(filters: Filters) -> int:
    """How many use cases under ``filters`` the matrix leaves out for want of scores."""
    return (
        use_cases(filters)
        .filter(Q(value_score__isnull=True) | Q(feasibility_score__isnull=True))
        .count()
    )


@dataclass(frozen=True)
class SupportState:
    """How many support a use case, and whether the person looking does and follows it."""

    supporters: int
    supported: bool
    following: bool
    own: bool
    may_support: bool


def support_of(use_case: UseCase, user: Any) -> SupportState:
    own = use_case.submitted_by_id == user.pk
    counted = Support.objects.filter(use_case=use_case).aggregate(
        all=Count("pk"), mine=Count("pk", filter=Q(user_id=user.pk))
    )
    return SupportState(
        supporters=counted["all"],
        supported=bool(counted["mine"]),
        following=Follow.objects.filter(use_case=use_case, user_id=user.pk).exists(),
        own=own,
        may_support=may_support(user, use_case),
    )
