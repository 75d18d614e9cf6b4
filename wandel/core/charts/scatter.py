"""Geometry of a scatter or bubble chart split into quadrants, drawn by
``core/charts/scatter.html``, with the legend of its colours (``core/charts/legend.html``).

Both axes run over the same range (``low`` to ``high``, bottom to top and left to right),
divided at ``divide_at`` into four quadrants. A bubble's area grows with its ``weight``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

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
    them are (``css_class``), spanning ``x_range`` and ``y_range`` on the axes' scale."""

    count: int
    x: float
    y: float
    r: float
    css_class: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]

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
) -> Scatter[T]:
    """Places ``marks`` on a square chart ``size`` wide.

    ``quadrants`` are the labels of the top left, top right, bottom left and bottom right
    quadrant. ``legend`` maps kinds to labels: the legend lists, in that order, the kinds
    some mark has. A bubble's radius runs from ``radius[0]`` (no weight) to ``radius[1]``
    (the largest weight), its area in proportion. With ``spread``, marks at the same place
    fan out by that many units so that none hides another. Larger bubbles come first, so
    that the smaller ones drawn after them stay visible and clickable.

    With more than ``cluster_above`` marks, thousands of circles would hide one another and
    weigh megabytes: the chart then draws no single marks but one circle per square of
    ``cell`` pixels that holds any, its area in proportion to how many it holds.
    """
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
    clusters: tuple[Cluster, ...] = ()
    if cluster_above is not None and len(marks) > cluster_above:
        clusters = _clusters(marks, points, cell=cell, radius=radius)
        points = []
    divider_x, divider_y = x_scale.at(divide_at), y_scale.at(divide_at)
    return Scatter(
        size=size,
        margin=margin,
        points=tuple(points),
        ticks=tuple(
            Tick(v, x_scale.at(v), y_scale.at(v))
            for v in range(math.ceil(low), math.floor(high) + 1)
        ),
        divider_x=divider_x,
        divider_y=divider_y,
        quadrants=_quadrant_labels(quadrants, margin, size - margin, divider_x),
        legend=_legend(marks, legend or {}),
        clusters=clusters,
    )


def _clusters[T](
    marks: Sequence[Mark[T]], points: Sequence[Point[T]], *, cell: int, radius: tuple[float, float]
) -> tuple[Cluster, ...]:
    cells: dict[tuple[int, int], list[Point[T]]] = defaultdict(list)
    for point in points:
        cells[int(point.x // cell), int(point.y // cell)].append(point)
    largest = max(len(members) for members in cells.values())
    smallest_r, largest_r = radius
    clusters = []
    for members in cells.values():
        placed = [marks[point.number - 1] for point in members]
        xs, ys = [float(m.x) for m in placed], [float(m.y) for m in placed]
        kind = Counter(m.kind for m in placed).most_common(1)[0][0]
        count = len(members)
        clusters.append(
            Cluster(
                count=count,
                x=round(sum(p.x for p in members) / count, 1),
                y=round(sum(p.y for p in members) / count, 1),
                r=round(smallest_r + (largest_r - smallest_r) * math.sqrt(count / largest), 1),
                css_class=kind,
                x_range=(min(xs), max(xs)),
                y_range=(min(ys), max(ys)),
            )
        )
    clusters.sort(key=lambda cluster: -cluster.r)
    return tuple(clusters)


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


def _legend[T](marks: Sequence[Mark[T]], labels: Mapping[str, Label]) -> tuple[LegendEntry, ...]:
    counts = Counter(mark.kind for mark in marks)
    return tuple(
        LegendEntry(kind, label, counts[kind]) for kind, label in labels.items() if counts[kind]
    )
