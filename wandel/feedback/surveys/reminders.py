"""The daily reminder (registered on ``core.reminders``) of open survey waves: three days
before a wave closes, everyone asked who has not answered is reminded once (each wave's
reminders are one action, audited with how many were told, like the manager's button)."""

from __future__ import annotations

from datetime import date, timedelta

from wandel.feedback.surveys.models import Wave, WaveStatus
from wandel.feedback.surveys.services import reminders_send

# How many days before a wave closes the reminder goes out.
DAYS_BEFORE_CLOSING = 3


def wave_reminders(today: date) -> int:
    """Remind those who have not answered waves closing within the next three days, unless
    reminded since that window began; returns how many were told."""
    waves = Wave.objects.filter(
        status=WaveStatus.OPEN,
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=DAYS_BEFORE_CLOSING),
    ).order_by("closes_on", "pk")
    return sum(
        reminders_send(
            wave=wave,
            actor=None,
            today=today,
            not_since=wave.closes_on - timedelta(days=DAYS_BEFORE_CLOSING),
        )
        for wave in waves
    )
