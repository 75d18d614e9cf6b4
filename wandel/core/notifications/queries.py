"""Reading notifications for the bell, the list and the admins' undelivered e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from wandel.core.models import (
    EmailChoice,
    EmailDelivery,
    Notification,
    NotificationSettings,
    User,
)
from wandel.core.notifications.events import NOTIFICATION_EVENTS, event_named
from wandel.core.notifications.services import retryable


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@dataclass(frozen=True)
class Shown:
    """A notification as the list shows it, worded in the reader's language."""

    pk: int
    text: str
    url: str
    created_at: datetime
    unread: bool


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).only(
        "pk", "event", "params", "url", "created_at", "read_at"
    )


def shown(notifications: list[Notification]) -> list[Shown]:
    rows = []
    for notification in notifications:
        event = event_named(notification.event)
        rows.append(
            Shown(
                pk=notification.pk,
                text=event.words(notification.params) if event else notification.event,
                url=notification.url,
                created_at=notification.created_at,
                unread=notification.read_at is None,
            )
        )
    return rows


def email_settings(user: User) -> tuple[str, frozenset[str]]:
    row = NotificationSettings.objects.filter(user=user).first()
    if row is None:
        return EmailChoice.EACH, frozenset()
    return row.email, frozenset(row.muted)


def events() -> list[tuple[str, str]]:
    """Every event an app declares, as (key, label), sorted by label."""
    return sorted(((e.key, str(e.label)) for e in NOTIFICATION_EVENTS), key=lambda e: e[1])


def undelivered() -> QuerySet[EmailDelivery]:
    return (
        EmailDelivery.objects.filter(retryable())
        .select_related("recipient")
        .order_by("-last_attempt_at", "-pk")
    )
