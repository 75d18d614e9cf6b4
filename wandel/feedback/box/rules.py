"""The box's answer KPI as pure functions: how many days a first answer took, the median of
that over a window, and the share answered within the promised time.

An item still waiting but not yet past the promise is left out of the share: it may still
be answered in time. One waiting past the promise counts as missed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

# The programme promises a first answer within this many calendar days.
PROMISED_DAYS = 10
# The KPI looks at items posted in this many days up to today.
WINDOW_DAYS = 90


@dataclass(frozen=True)
class Posted:
    posted_on: date
    first_answered_on: date | None


@dataclass(frozen=True)
class AnswerKpi:
    median_days: float | None  # None: nothing answered in the window
    within_share: float | None  # 0..1; None: nothing decided yet
    answered: int
    overdue: int
    promised_days: int
    window_days: int

    @property
    def within_percent(self) -> int | None:
        return None if self.within_share is None else round(self.within_share * 100)


def days_to_answer(item: Posted) -> int | None:
    if item.first_answered_on is None:
        return None
    return max((item.first_answered_on - item.posted_on).days, 0)


def answer_kpi(
    items: Iterable[Posted],
    *,
    today: date,
    promised_days: int = PROMISED_DAYS,
    window_days: int = WINDOW_DAYS,
) -> AnswerKpi:
    since = today - timedelta(days=window_days)
    days: list[int] = []
    within = overdue = 0
    for item in items:
        if item.posted_on < since or item.posted_on > today:
            continue
        taken = days_to_answer(item)
        if taken is None:
            if (today - item.posted_on).days > promised_days:
                overdue += 1
            continue
        days.append(taken)
        if taken <= promised_days:
            within += 1
    decided = len(days) + overdue
    return AnswerKpi(
        median_days=float(median(days)) if days else None,
        within_share=within / decided if decided else None,
        answered=len(days),
        overdue=overdue,
        promised_days=promised_days,
        window_days=window_days,
    )
