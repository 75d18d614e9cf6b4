"""Reminders of dates that come near or pass: what each app registers on ``REMINDERS`` is run
once a day by ``wandel remind`` (the upkeep job). A reminder is a function of the day that
notifies whoever a date concerns, once per date, and returns how many it told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from wandel.core.registry import Hook

Reminder = Callable[[date], int]
REMINDERS: Hook[Reminder] = Hook("reminders")


def reminders_send(today: date) -> int:
    return sum(reminder(today) for reminder in REMINDERS)
