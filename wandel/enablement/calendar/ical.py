"""The calendar entries of training sessions and community events (written by
``core.ical``). Each keeps one UID for life: ``session-<pk>`` or ``event-<pk>``."""

from __future__ import annotations

from django.utils.translation import gettext

from wandel.core.ical import CANCELLED, CONFIRMED, CONTENT_TYPE, TENTATIVE, Entry, lines
from wandel.core.ical import calendar_bytes as calendar_bytes
from wandel.enablement.community.models import Event
from wandel.enablement.trainings.models import TrainingSession

__all__ = ["CONTENT_TYPE", "calendar_bytes", "event_entry", "session_entry"]

UID_DOMAIN = "wandel.enablement"


def session_uid(session: TrainingSession) -> str:
    return f"session-{session.pk}@{UID_DOMAIN}"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{UID_DOMAIN}"


def session_entry(session: TrainingSession, *, url: str = "", waiting: bool = False) -> Entry:
    """A training session (needs its course and trainer loaded); ``waiting``: the person
    is on its waiting list, so the date is tentative."""
    status = CANCELLED if session.cancelled else TENTATIVE if waiting else CONFIRMED
    trainer = session.trainer
    return Entry(
        uid=session_uid(session),
        summary=session.course.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        status=status,
        description=lines(session.course.description, session.online_url),
        location=session.place or session.online_url,
        url=url,
        organiser_name=str(trainer) if trainer else "",
        organiser_email=trainer.email if trainer else "",
    )


def event_entry(event: Event, *, url: str = "") -> Entry:
    """A community event (with its group loaded, if it has one)."""
    group = gettext("User group: %(group)s") % {"group": event.group} if event.group else ""
    return Entry(
        uid=event_uid(event),
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        status=CANCELLED if event.cancelled else CONFIRMED,
        description=lines(event.description, group, event.online_url),
        location=event.place or event.online_url,
        url=url,
    )
