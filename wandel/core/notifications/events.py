"""What can be notified: the events the apps declare."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.functional import Promise

from wandel.core.registry import Hook


@dataclass(frozen=True)
class NotificationEvent:
    """One kind of notification.

    ``message`` is a translatable text with ``%(name)s`` placeholders filled from the
    notification's parameters. A parameter named in ``choices`` holds the value of that
    ``TextChoices`` (a stage, a kind of decision) and is shown as its label in the reader's
    language. A parameter named in ``dates`` holds an ISO date (``2026-12-24``) and is shown
    in the reader's date format. ``label`` names the event on the settings page, where a
    person chooses which events also reach them by e-mail.
    """

    key: str
    label: str | Promise
    message: str | Promise
    choices: Mapping[str, type[models.TextChoices]] = field(default_factory=dict)
    dates: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.key)

    def words(self, params: Mapping[str, Any]) -> str:
        """The message for ``params``, in the active language."""
        shown = dict(params)
        for name, choices in self.choices.items():
            if name in shown:
                # A value since removed from the choices is shown as stored.
                with suppress(ValueError):
                    shown[name] = str(choices(shown[name]).label)
        for name in self.dates:
            if isinstance(shown.get(name), str):
                with suppress(ValueError):
                    shown[name] = date_format(date.fromisoformat(shown[name]), "SHORT_DATE_FORMAT")
        try:
            return str(self.message) % shown
        except (KeyError, TypeError, ValueError):
            # Parameters written by an older version of the event: the message without them
            # says less, but never fails the page that lists it.
            return str(self.label)


NOTIFICATION_EVENTS: Hook[NotificationEvent] = Hook("notification events")


def event_named(key: str) -> NotificationEvent | None:
    return next((event for event in NOTIFICATION_EVENTS if event.key == key), None)
