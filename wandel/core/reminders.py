"""Reminders of dates that come near or pass: what each app registers on ``REMINDERS`` is run
once a day by ``wandel remind`` (the upkeep job). A reminder is a function of the day that
notifies whoever a date concerns, once per date, and returns how many it told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from wandel.core.models import Notification
from wandel.core.notifications.events import NotificationEvent
from wandel.core.registry import Hook

Reminder = Callable[[date], int]
REMINDERS: Hook[Reminder] = Hook("reminders")


def reminders_send(today: date) -> int:
    return sum(reminder(today) for reminder in REMINDERS)


def already_reminded(*events: NotificationEvent) -> set[tuple[str, str, str]]:
    """The reminders of ``events`` sent so far, as (event key, item, due date): a reminder's
    parameters name its item (``"kind:pk"``) and due date, so each date is told once."""
    rows = Notification.objects.filter(event__in=[event.key for event in events]).values_list(
        "event", "params"
    )
    return {(event, params.get("item", ""), params.get("due", "")) for event, params in rows}
