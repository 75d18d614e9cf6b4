"""Pure rules for stakeholder analysis."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

HIGH_FROM = 3  # On the 1–5 scales, 3 and above count as high.


class Strategy(models.TextChoices):
    MANAGE_CLOSELY = "manage_closely", _("Manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("Keep satisfied")
    KEEP_INFORMED = "keep_informed", _("Keep informed")
    MONITOR = "monitor", _("Monitor")


def strategy(*, power: int, interest: int) -> Strategy:
    """The engagement strategy of a power/interest grid quadrant."""
    high_power = power >= HIGH_FROM
    high_interest = interest >= HIGH_FROM
    if high_power and high_interest:
        return Strategy.MANAGE_CLOSELY
    if high_power:
        return Strategy.KEEP_SATISFIED
    if high_interest:
        return Strategy.KEEP_INFORMED
    return Strategy.MONITOR
