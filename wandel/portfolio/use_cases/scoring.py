"""The weighted use-case score: pure functions, no database.

Every criterion is scored 1–5. For value and feasibility criteria 5 is best; for risk
criteria 5 is the highest risk. Each group's sub-score is the weighted mean of its scored
criteria on the 1–5 scale. The total (0–100) is the weighted mean over all scored criteria
of how good the score is ((s−1)/4, or (5−s)/4 for risk), so changing a weight re-ranks the
portfolio without anyone scoring again. Missing scores are left out, never counted as zero.

A risk criterion may carry a veto: a score at or above ``veto_at`` blocks the use case
whatever its total, even when the criterion's weight is zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

VALUE = "value"
FEASIBILITY = "feasibility"
RISK = "risk"
GROUPS = (VALUE, FEASIBILITY, RISK)
HIGH_FROM = Decimal(3)  # on the 1–5 sub-score scale, 3 and above count as high


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    group: str
    weight: Decimal
    veto_at: int | None = None


@dataclass(frozen=True)
class ScoreResult:
    value: Decimal | None
    feasibility: Decimal | None
    risk: Decimal | None
    total: Decimal | None
    vetoed: bool
    scored: int
    criteria: int
    vetoed_by: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        return self.scored == self.criteria


def score_use_case(criteria: Sequence[CriterionSpec], scores: Mapping[int, int]) -> ScoreResult:
    """The sub-scores, total and veto of one use case from its scores by criterion id."""
    for criterion_id, value in scores.items():
        if not 1 <= value <= 5:
            raise ValueError(f"score {value} for criterion {criterion_id} is not between 1 and 5")
    scored = [c for c in criteria if c.id in scores]
    vetoed_by = tuple(c.id for c in scored if c.veto_at is not None and scores[c.id] >= c.veto_at)
    groups = {
        group: _weighted_mean((scores[c.id], c.weight) for c in scored if c.group == group)
        for group in GROUPS
    }
    goodness = _weighted_mean((_goodness(c.group, scores[c.id]), c.weight) for c in scored)
    return ScoreResult(
        value=_round(groups[VALUE], "0.01"),
        feasibility=_round(groups[FEASIBILITY], "0.01"),
        risk=_round(groups[RISK], "0.01"),
        total=_round(goodness * 100 if goodness is not None else None, "0.1"),
        vetoed=bool(vetoed_by),
        scored=len(scored),
        criteria=len(criteria),
        vetoed_by=vetoed_by,
    )


def _goodness(group: str, value: int) -> Decimal:
    if group == RISK:
        return Decimal(5 - value) / 4
    return Decimal(value - 1) / 4


def _weighted_mean(pairs: Iterable[tuple[Decimal | int, Decimal]]) -> Decimal | None:
    total = Decimal(0)
    weights = Decimal(0)
    for value, weight in pairs:
        total += Decimal(value) * weight
        weights += weight
    if weights == 0:
        return None
    return total / weights


def _round(value: Decimal | None, places: str) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


class Quadrant(models.TextChoices):
    QUICK_WIN = "quick_win", _("Quick wins")
    STRATEGIC_BET = "strategic_bet", _("Strategic bets")
    FILL_IN = "fill_in", _("Fill-ins")
    RECONSIDER = "reconsider", _("Reconsider")


def quadrant(*, value: Decimal | None, feasibility: Decimal | None) -> Quadrant | None:
    """Where a use case sits on the value × feasibility matrix; None until both are scored."""
    if value is None or feasibility is None:
        return None
    high_value = value >= HIGH_FROM
    feasible = feasibility >= HIGH_FROM
    if high_value and feasible:
        return Quadrant.QUICK_WIN
    if high_value:
        return Quadrant.STRATEGIC_BET
    if feasible:
        return Quadrant.FILL_IN
    return Quadrant.RECONSIDER
