"""Geometry of a scatter or bubble chart split into quadrants, drawn by
``core/charts/scatter.html``, with the legend of its colours (``core/charts/legend.html``).

Both axes run over the same range (``low`` to ``high``, bottom to top and left to right),
divided at ``divide_at`` into four quadrants. A bubble's area grows with its ``weight``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Never

from django.utils.formats import number_format
from django.utils.functional import Promise

from wandel.core.charts.ticks import Scale, Tick

Label = str | Promise  # a label, translated now or when shown

SIZE = 560
MARGIN = 56
RADIUS = (5.0, 24.0)
CELL = 40  # pixels: the side of the squares whose marks make one cluster
QUADRANT_LABEL_TOP = 16  # below the top edge
QUADRANT_LABEL_BOTTOM = 8  # above the bottom edge


@dataclass(frozen=True)
class Mark[T]:
    """What to place: ``item`` at ``x`` and ``y`` on the axes' scale. ``kind`` is its CSS
    class and legend entry, ``weight`` what its area shows, ``url`` where it links."""

    item: T
    x: int | float | Decimal
    y: int | float | Decimal
    kind: str = ""
    weight: float = 0
    url: str = ""


@dataclass(frozen=True)
class Point[T]:
    """A placed mark; ``number`` is its position in the marks given, from 1."""

    item: T
    number: int
    x: float
    y: float
    r: float
    css_class: str
    url: str


@dataclass(frozen=True)
class Cluster:
    """Marks close together drawn as one circle: ``count`` of them, coloured as most of
    them are (``css_class``), spanning ``x_range`` and ``y_range`` on the axes' scale, with
    ``title`` as its tooltip."""

    count: int
    x: float
    y: float
    r: float
    css_class: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    title: str = ""

    @property
    def x_span(self) -> str:
        return _span(self.x_range)

    @property
    def y_span(self) -> str:
        return _span(self.y_range)


def _span(bounds: tuple[float, float]) -> str:
    """``1.5–2.5`` in the active language's numbers; one number when both are the same.
    Formatted here, once per cluster: template filters per cluster cost more than the rest
    of the chart."""
    low, high = (number_format(bound, 1) for bound in bounds)
    return low if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class QuadrantLabel:
    label: Label
    x: float
    y: float


@dataclass(frozen=True)
class LegendEntry:
    css_class: str
    label: Label
    count: int


@dataclass(frozen=True)
class Scatter[T]:
    size: int
    margin: int
    points: tuple[Point[T], ...]
    ticks: tuple[Tick, ...]
    divider_x: float
    divider_y: float
    quadrants: tuple[QuadrantLabel, ...]
    legend: tuple[LegendEntry, ...]
    clusters: tuple[Cluster, ...] = ()

    @property
    def clustered(self) -> bool:
        return bool(self.clusters)

    @property
    def inner(self) -> int:
        return self.size - 2 * self.margin

    @property
    def far(self) -> int:
        return self.size - self.margin

    @property
    def middle(self) -> float:
        return self.size / 2

    @property
    def tick_label_x(self) -> int:
        return self.margin - 14

    @property
    def tick_label_y(self) -> int:
        return self.far + 18

    @property
    def axis_label_y(self) -> int:
        return self.size - 10

    @property
    def linked(self) -> bool:
        return any(point.url for point in self.points)


@dataclass(frozen=True)
class Grid:
    """The squares of ``cell`` pixels that a chart ``size`` wide with ``margin`` cuts its
    ``low``–``high`` axes into for clusters. Columns count from the left, rows from the top;
    a mark on the far edge of the axes (``high`` across, ``low`` down) belongs to the square
    before it rather than to one of its own. The database computes the same numbers
    (``per_unit`` pixels a unit, ``last`` the last square) when it does the counting."""

    low: float
    high: float
    size: int = SIZE
    margin: int = MARGIN
    cell: int = CELL

    @property
    def per_unit(self) -> float:
        return (self.size - 2 * self.margin) / (self.high - self.low)

    @property
    def far(self) -> int:
        return self.size - self.margin

    @property
    def last(self) -> int:
        return math.ceil(self.far / self.cell) - 1

    def column(self, x: float | Decimal) -> int:
        at = self.margin + (float(x) - self.low) * self.per_unit
        return min(math.floor(at / self.cell), self.last)

    def row(self, y: float | Decimal) -> int:
        at = self.far - (float(y) - self.low) * self.per_unit
        return min(math.floor(at / self.cell), self.last)


@dataclass(frozen=True)
class Bin:
    """The marks of one ``kind`` in one square of a ``Grid``: how many, the sums of their
    values (for the cluster's centre) and their extent on the axes' scale."""

    column: int
    row: int
    kind: str
    count: int
    x_sum: float | Decimal
    y_sum: float | Decimal
    x_range: tuple[float | Decimal, float | Decimal]
    y_range: tuple[float | Decimal, float | Decimal]


def scatter[T](
    marks: Sequence[Mark[T]],
    *,
    low: float,
    high: float,
    divide_at: float,
    quadrants: Sequence[Label] = (),
    legend: Mapping[str, Label] | None = None,
    size: int = SIZE,
    margin: int = MARGIN,
    radius: tuple[float, float] = RADIUS,
    spread: float = 0,
    cluster_above: int | None = None,
    cell: int = CELL,
    describe: Callable[[Cluster], str] | None = None,
) -> Scatter[T]:
    """Places ``marks`` on a square chart ``size`` wide.

    ``quadrants`` are the labels of the top left, top right, bottom left and bottom right
    quadrant. ``legend`` maps kinds to labels: the legend lists, in that order, the kinds
    some mark has. A bubble's radius runs from ``radius[0]`` (no weight) to ``radius[1]``
    (the largest weight), its area in proportion. With ``spread``, marks at the same place
    fan out by that many units so that none hides another. Larger bubbles come first, so
    that the smaller ones drawn after them stay visible and clickable.

    With more than ``cluster_above`` marks, thousands of circles would hide one another and
    weigh megabytes: the chart then draws no single marks but clusters (see ``clustered``).
    """
    if cluster_above is not None and len(marks) > cluster_above:
        grid = Grid(low, high, size, margin, cell)
        return clustered(
            _bins(marks, grid),
            grid,
            divide_at=divide_at,
            quadrants=quadrants,
            legend=legend,
            radius=radius,
            describe=describe,
        )
    x_scale = Scale(low, high, margin, size - margin)
    y_scale = Scale(low, high, size - margin, margin)
    heaviest = max((mark.weight for mark in marks), default=0) or 1
    smallest, largest = radius
    seen: dict[tuple[float, float], int] = defaultdict(int)
    points = []
    for number, mark in enumerate(marks, start=1):
        dx, dy = _fan(seen[float(mark.x), float(mark.y)], spread)
        seen[float(mark.x), float(mark.y)] += 1
        r = smallest + (largest - smallest) * math.sqrt(max(mark.weight, 0) / heaviest)
        points.append(
            Point(
                mark.item,
                number,
                round(x_scale.at(mark.x) + dx, 1),
                round(y_scale.at(mark.y) + dy, 1),
                round(r, 1),
                mark.kind,
                mark.url,
            )
        )
    points.sort(key=lambda point: -point.r)
    return _chart(
        low,
        high,
        size,
        margin,
        divide_at,
        quadrants,
        points=tuple(points),
        legend=_legend(Counter(mark.kind for mark in marks), legend or {}),
    )


def clustered(
    bins: Sequence[Bin],
    grid: Grid,
    *,
    divide_at: float,
    quadrants: Sequence[Label] = (),
    legend: Mapping[str, Label] | None = None,
    radius: tuple[float, float] = RADIUS,
    describe: Callable[[Cluster], str] | None = None,
) -> Scatter[Never]:
    """A chart of one circle per square of ``grid`` that holds any marks, its area in
    proportion to how many it holds, coloured as most of them are (on a tie, the kind that
    comes first in ``legend``), from ``bins`` counted by ``scatter`` or by the database.
    ``describe`` writes a cluster's tooltip (the ``chart_clusters`` tag draws them)."""
    order = {kind: i for i, kind in enumerate(legend or {})}
    squares: dict[tuple[int, int], list[Bin]] = defaultdict(list)
    for one in bins:
        squares[one.column, one.row].append(one)
    largest = max((sum(b.count for b in held) for held in squares.values()), default=1)
    smallest_r, largest_r = radius
    x_scale = Scale(grid.low, grid.high, grid.margin, grid.size - grid.margin)
    y_scale = Scale(grid.low, grid.high, grid.size - grid.margin, grid.margin)
    clusters = []
    for held in squares.values():
        count = sum(b.count for b in held)
        # Several bins may hold one kind (the database groups by what the kind is made of).
        kinds: Counter[str] = Counter()
        for one in held:
            kinds[one.kind] += one.count
        most = max(kinds, key=lambda kind: (kinds[kind], -order.get(kind, len(order))))
        clusters.append(
            Cluster(
                count=count,
                x=x_scale.at(sum(float(b.x_sum) for b in held) / count),
                y=y_scale.at(sum(float(b.y_sum) for b in held) / count),
                r=round(smallest_r + (largest_r - smallest_r) * math.sqrt(count / largest), 1),
                css_class=most,
                x_range=(
                    min(float(b.x_range[0]) for b in held),
                    max(float(b.x_range[1]) for b in held),
                ),
                y_range=(
                    min(float(b.y_range[0]) for b in held),
                    max(float(b.y_range[1]) for b in held),
                ),
            )
        )
    if describe is not None:
        clusters = [replace(cluster, title=describe(cluster)) for cluster in clusters]
    clusters.sort(key=lambda cluster: -cluster.r)
    counts: Counter[str] = Counter()
    for one in bins:
        counts[one.kind] += one.count
    return _chart(
        grid.low,
        grid.high,
        grid.size,
        grid.margin,
        divide_at,
        quadrants,
        points=(),
        legend=_legend(counts, legend or {}),
        clusters=tuple(clusters),
    )


def _chart[T](
    low: float,
    high: float,
    size: int,
    margin: int,
    divide_at: float,
    quadrants: Sequence[Label],
    *,
    points: tuple[Point[T], ...],
    legend: tuple[LegendEntry, ...],
    clusters: tuple[Cluster, ...] = (),
) -> Scatter[T]:
    x_scale = Scale(low, high, margin, size - margin)
    y_scale = Scale(low, high, size - margin, margin)
    divider_x, divider_y = x_scale.at(divide_at), y_scale.at(divide_at)
    return Scatter(
        size=size,
        margin=margin,
        points=points,
        ticks=tuple(
            Tick(v, x_scale.at(v), y_scale.at(v))
            for v in range(math.ceil(low), math.floor(high) + 1)
        ),
        divider_x=divider_x,
        divider_y=divider_y,
        quadrants=_quadrant_labels(quadrants, margin, size - margin, divider_x),
        legend=legend,
        clusters=clusters,
    )


def _bins[T](marks: Sequence[Mark[T]], grid: Grid) -> list[Bin]:
    held: dict[tuple[int, int, str], list[Mark[T]]] = defaultdict(list)
    for mark in marks:
        held[grid.column(mark.x), grid.row(mark.y), mark.kind].append(mark)
    return [
        Bin(
            column,
            row,
            kind,
            len(these),
            sum(float(m.x) for m in these),
            sum(float(m.y) for m in these),
            (min(float(m.x) for m in these), max(float(m.x) for m in these)),
            (min(float(m.y) for m in these), max(float(m.y) for m in these)),
        )
        for (column, row, kind), these in held.items()
    ]


def _fan(index: int, spread: float) -> tuple[float, float]:
    """The offset of the ``index``-th mark at one place: 0, right, left, then a row lower."""
    column = (0, 1, -1)[index % 3]
    return column * spread, index // 3 * spread


def _quadrant_labels(
    labels: Sequence[Label], near: int, far: int, divider_x: float
) -> tuple[QuadrantLabel, ...]:
    left, right = round((near + divider_x) / 2, 1), round((divider_x + far) / 2, 1)
    top, bottom = near + QUADRANT_LABEL_TOP, far - QUADRANT_LABEL_BOTTOM
    places = ((left, top), (right, top), (left, bottom), (right, bottom))
    return tuple(QuadrantLabel(label, x, y) for label, (x, y) in zip(labels, places, strict=False))


def _legend(counts: Counter[str], labels: Mapping[str, Label]) -> tuple[LegendEntry, ...]:
    return tuple(
        LegendEntry(kind, label, counts[kind]) for kind, label in labels.items() if counts[kind]
    )
