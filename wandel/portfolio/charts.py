"""Geometry of the KPI line chart, computed here and drawn by ``measures/_kpi_chart.html``.

Pure functions without database or locale: dates run left to right, values bottom to top,
and every position is in SVG user units. The template only places what is computed here,
inside ``{% localize off %}`` so that German decimal commas never reach an SVG attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

WIDTH = 480
HEIGHT = 220
MARGIN_LEFT = 60
MARGIN_RIGHT = 16
MARGIN_TOP = 18
MARGIN_BOTTOM = 30
VALUE_TICKS = 5
DATE_TICKS = 5
# Half the width of a date label at 11px; a centred label closer to the right edge is cut off.
DATE_LABEL_HALF_WIDTH = 32
# Tick steps are 1, 2, 2.5 or 5 times a power of ten: numbers people read at a glance.
NICE_FACTORS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
DAY_STEPS = (1, 2, 7, 14)
MONTH_STEPS = (1, 2, 3, 6)
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
# Formats for Django's ``date`` filter, so the template shows month names in the user's
# language. Days are "5 Dec" rather than the locale's MONTH_DAY_FORMAT, whose German
# "5. Dezember" is too wide for five ticks side by side.
DAY_FORMAT = "j M"
MONTH_FORMAT = "M Y"
YEAR_FORMAT = "Y"


@dataclass(frozen=True)
class ValueTick:
    value: Decimal
    y: float


@dataclass(frozen=True)
class DateTick:
    on: date
    x: float
    format: str
    anchor: str


@dataclass(frozen=True)
class ChartPoint:
    on: date
    value: Decimal
    x: float
    y: float


@dataclass(frozen=True)
class ReferenceLine:
    """A dashed horizontal line (baseline or target) and where its label goes."""

    value: Decimal
    on: date
    y: float
    label_x: float
    label_y: float
    label_anchor: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[ChartPoint, ...]
    polyline: str
    baseline: ReferenceLine
    target: ReferenceLine
    target_x: float
    target_marker: str
    value_ticks: tuple[ValueTick, ...]
    date_ticks: tuple[DateTick, ...]
    value_label_x: float
    date_label_y: float
    date_tick_y: float


def nice_ticks(low: Decimal, high: Decimal, count: int = VALUE_TICKS) -> list[Decimal]:
    """Evenly spaced round values from at or below ``low`` to at or above ``high``.

    Of the round steps that give ``count - 2`` to ``count + 1`` intervals, the one that
    wastes the least height wins, then the one with fewer decimal places, then the one with
    fewer ticks. Each value has as many decimal places as the step needs.
    """
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(low) / 10 or Decimal(1)
        low, high = low - pad, high + pad
    exponent = ((high - low) / count).adjusted()
    candidates = []
    for power in range(exponent - 1, exponent + 3):
        for factor in NICE_FACTORS:
            step = factor * Decimal(1).scaleb(power)
            first = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
            last = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
            intervals = int((last - first) / step)
            if 1 <= intervals <= count + 1:
                fits = intervals >= count - 2
                places = max(0, -_exponent(step.normalize()))
                candidates.append((not fits, last - first, places, intervals, first, step))
    # Some step always fits: consecutive steps differ by at most a factor of two.
    _, _, places, intervals, first, step = min(candidates)
    quantum = Decimal(1).scaleb(-places)
    return [(first + i * step).quantize(quantum) for i in range(intervals + 1)]


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def date_ticks(start: date, end: date, count: int = DATE_TICKS) -> list[tuple[date, str]]:
    """At most ``count`` tick dates between ``start`` and ``end`` with the format to show.

    Short spans get day ticks (every 1, 2, 7 or 14 days from the start), longer ones the
    first of every 1, 2, 3 or 6 months, and very long ones the first of January.
    """
    if end < start:
        start, end = end, start
    days = (end - start).days
    for step in DAY_STEPS:
        if days // step + 1 <= count:
            return [(start + timedelta(days=d), DAY_FORMAT) for d in range(0, days + 1, step)]
    for step in MONTH_STEPS:
        months = _month_starts(start, end, step)
        if len(months) <= count:
            return [(d, MONTH_FORMAT) for d in months]
    for step in YEAR_STEPS:
        years = [
            date(y, 1, 1)
            for y in range(start.year, end.year + 1)
            if y % step == 0 and start <= date(y, 1, 1) <= end
        ]
        if len(years) <= count:
            return [(d, YEAR_FORMAT) for d in years]
    return [(start, YEAR_FORMAT), (end, YEAR_FORMAT)]


def line_chart(
    *,
    measurements: Sequence[tuple[date, Decimal]],
    baseline: tuple[date, Decimal],
    target: tuple[date, Decimal],
    width: int = WIDTH,
    height: int = HEIGHT,
) -> LineChart:
    """Positions for a KPI over time: its measurements, its baseline and its target.

    The dates span from the baseline (or an earlier measurement) to the target date (or a
    later measurement); the values span every measurement, the baseline and the target, so
    values below the baseline or beyond the target stay inside the picture.
    """
    series = sorted(measurements)
    left, right = float(MARGIN_LEFT), float(width - MARGIN_RIGHT)
    top, bottom = float(MARGIN_TOP), float(height - MARGIN_BOTTOM)

    dates = [baseline[0], target[0], *(on for on, _ in series)]
    start, end = min(dates), max(dates)
    span_days = max((end - start).days, 1)

    def x_of(on: date) -> float:
        return round(left + (on - start).days / span_days * (right - left), 1)

    values = [baseline[1], target[1], *(value for _, value in series)]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]

    def y_of(value: Decimal) -> float:
        share = (high - value) / (high - low)
        return round(top + float(share) * (bottom - top), 1)

    points = tuple(ChartPoint(on, value, x_of(on), y_of(value)) for on, value in series)
    # The baseline's label sits at the start, where the baseline was taken, and the target's
    # at the end, so the two never cover each other however close their values are.
    baseline_y, target_y = y_of(baseline[1]), y_of(target[1])
    target_x = x_of(target[0])
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        baseline=ReferenceLine(
            baseline[1], baseline[0], baseline_y, left + 4, round(baseline_y - 4, 1), "start"
        ),
        target=ReferenceLine(
            target[1], target[0], target_y, right - 4, round(target_y - 4, 1), "end"
        ),
        target_x=target_x,
        # A small diamond where the target should be reached.
        target_marker=f"M {target_x} {round(target_y - 5, 1)} l 5 5 l -5 5 l -5 -5 z",
        value_ticks=tuple(ValueTick(value, y_of(value)) for value in ticks),
        date_ticks=tuple(
            _date_tick(on, fmt, x_of(on), right) for on, fmt in date_ticks(start, end)
        ),
        value_label_x=left - 8,
        date_label_y=bottom + 18,
        date_tick_y=bottom + 4,
    )


def _date_tick(on: date, fmt: str, x: float, right: float) -> DateTick:
    return DateTick(on, x, fmt, "end" if x > right - DATE_LABEL_HALF_WIDTH else "middle")


def _month_starts(start: date, end: date, step: int) -> list[date]:
    first = date(start.year, start.month, 1)
    if first < start:
        first = _add_months(first, 1)
    result = []
    current = first
    while current <= end:
        if (current.year * 12 + current.month - 1) % step == 0:
            result.append(current)
        current = _add_months(current, 1)
    return result


def _add_months(first_of_month: date, months: int) -> date:
    year, month = divmod(first_of_month.year * 12 + first_of_month.month - 1 + months, 12)
    return date(year, month + 1, 1)
