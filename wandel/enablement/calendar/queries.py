"""Reads of calendars: whose feed a token opens, and what the feed holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from wandel.enablement.calendar.models import CalendarFeed
from wandel.enablement.calendar.services import feed_digest
from wandel.enablement.community.models import Registration, RegistrationStatus
from wandel.enablement.trainings.models import Enrolment, EnrolmentStatus
from wandel.org.models import Person

# How far back the feed reaches: recent dates stay in the calendar, old ones drop out.
FEED_DAYS_BACK = 90


def feed_person(token: str) -> Person | None:
    """The person whose feed ``token`` opens, or None (a person who left has none)."""
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(digest=feed_digest(token), person__active=True)
        .first()
    )
    return feed.person if feed else None


@dataclass(frozen=True)
class FeedContent:
    enrolments: list[Enrolment]
    registrations: list[Registration]


def feed_content(person: Person) -> FeedContent:
    """The person's seats and waiting places in sessions, and their event registrations,
    from ``FEED_DAYS_BACK`` days ago on: two queries, however many there are."""
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    enrolments = (
        Enrolment.objects.filter(person=person, session__ends_at__gte=since)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("session__course", "session__trainer")
        .order_by("session__starts_at", "pk")
    )
    registrations = (
        Registration.objects.filter(
            person=person, event__ends_at__gte=since, status=RegistrationStatus.REGISTERED
        )
        .select_related("event__group")
        .order_by("event__starts_at", "pk")
    )
    return FeedContent(list(enrolments), list(registrations))
