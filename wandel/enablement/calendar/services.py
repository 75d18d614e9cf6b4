"""Writes of calendar feeds: making a person's secret feed link, or replacing it (the old
link stops working at once). Each is its own transaction with its audit event."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.enablement.calendar.models import CalendarAction, CalendarFeed
from wandel.org.models import Person

__all__ = ["calendar_feed_create", "feed_digest"]


def feed_digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@user_action
def calendar_feed_create(*, person: Person, actor: User | None) -> tuple[CalendarFeed, str]:
    """A new secret link for the person's feed, replacing any earlier one. Returns the feed
    and the plain token, which is never stored."""
    plain = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
    replaced = feed is not None
    if feed is None:
        feed = CalendarFeed(person=person)
    feed.digest = feed_digest(plain)
    feed.created_at = timezone.now()
    feed.save()
    audit_record(
        actor=actor,
        action=CalendarAction.FEED_REPLACED if replaced else CalendarAction.FEED_CREATED,
        target=feed,
        changes={"person": str(person)},
    )
    return feed, plain
