"""Tick values for chart axes: round numbers people read at a glance, and dates.

``nice_ticks`` and ``date_ticks`` choose the values; ``Scale`` turns a value into a position.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

VALUE_TICKS = 5
DATE_TICKS = 5
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
class Tick:
    """A value on an axis and where it sits: ``x`` along the bottom, ``y`` up the side."""

    value: int | Decimal
    x: float
    y: float


@dataclass(frozen=True)
class Scale:
    """Maps ``low``–``high`` onto ``start``–``end``; an ``end`` above ``start`` points up."""

    low: float
    high: float
    start: float
    end: float

    def at(self, value: float | Decimal) -> float:
        share = (float(value) - self.low) / (self.high - self.low)
        return round(self.start + share * (self.end - self.start), 1)


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
