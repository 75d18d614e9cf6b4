"""Reminders of dates that come near or pass: what each app registers on ``REMINDERS`` is run
once a day by ``wandel remind`` (the upkeep job). A reminder is a function of the day that
notifies whoever a date concerns, once per date, and returns how many it told."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from wandel.core.models import Notification, User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
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


@dataclass(frozen=True)
class Due:
    """One person to remind of one dated thing: ``item`` names it (``"kind:pk:person"``),
    ``due`` is its date as the reminder's parameters write it."""

    recipient: User | None
    item: str
    due: str
    params: dict[str, Any]
    url: str


def remind_once(event: NotificationEvent, due: Iterable[Due]) -> int:
    """Notify each of ``due`` of ``event`` unless it was told of that item and date before;
    returns how many were told."""
    already = already_reminded(event)
    told = 0
    for one in due:
        if one.recipient is None or (event.key, one.item, one.due) in already:
            continue
        params = {**one.params, "item": one.item, "due": one.due}
        told += len(notify(recipients=[one.recipient], event=event, params=params, url=one.url))
    return told
