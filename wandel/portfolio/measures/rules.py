"""How far a KPI has come and whether it is on track: pure rules without the database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from wandel.portfolio.measures.models import Direction


class KpiStatus(models.TextChoices):
    REACHED = "reached", _("Target reached")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")


def measurement_due(last: date, every_days: int) -> date:
    """When the next value of a KPI measured every ``every_days`` days is due, counted from
    its ``last`` measurement (or its baseline date, before the first)."""
    return last + timedelta(days=every_days)


def kpi_progress(
    baseline: Decimal, target: Decimal, latest: Decimal | None, direction: str
) -> Decimal | None:
    """The share of the way from baseline to target that ``latest`` has come.

    0 is the baseline, 1 the target; above 1 the target is beaten, below 0 the KPI got
    worse than its baseline. None without a measurement, or when the target is no
    improvement on the baseline in the KPI's direction (then there is no way to go).
    """
    if latest is None:
        return None
    sign = 1 if direction == Direction.HIGHER else -1
    planned = sign * (target - baseline)
    if planned <= 0:
        return None
    return (sign * (latest - baseline) / planned).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def kpi_status(
    *, progress: Decimal | None, baseline_date: date, target_date: date, measured_on: date
) -> KpiStatus | None:
    """Reached, or on track / behind compared with a straight line from baseline to target."""
    if progress is None:
        return None
    if progress >= 1:
        return KpiStatus.REACHED
    planned_days = (target_date - baseline_date).days
    if planned_days <= 0:
        return KpiStatus.BEHIND
    elapsed = min(max((measured_on - baseline_date).days, 0), planned_days)
    expected = Decimal(elapsed) / Decimal(planned_days)
    return KpiStatus.ON_TRACK if progress >= expected else KpiStatus.BEHIND
