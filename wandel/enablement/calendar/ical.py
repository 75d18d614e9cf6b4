"""iCalendar (RFC 5545) text of sessions and events, written with the ``icalendar`` library.

Times are written in UTC, which every calendar app converts to its own zone. Each session
and event keeps one UID for life, so a calendar that imports the file again, or refreshes
the feed, updates its entry instead of adding a second one; a cancelled date stays in the
file with ``STATUS:CANCELLED`` so that calendars remove or strike it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext

from wandel.enablement.community.models import Event
from wandel.enablement.trainings.models import TrainingSession

PRODID = "-//Wandel//Enablement//EN"
UID_DOMAIN = "wandel.enablement"
CONTENT_TYPE = "text/calendar; charset=utf-8"

CONFIRMED = "CONFIRMED"
TENTATIVE = "TENTATIVE"
CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class Entry:
    """One date in a calendar: what, when, where, and whether it holds."""

    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    status: str = CONFIRMED
    description: str = ""
    location: str = ""
    url: str = ""
    organiser_name: str = ""
    organiser_email: str = ""


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
        description=_lines(session.course.description, session.online_url),
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
        description=_lines(event.description, group, event.online_url),
        location=event.place or event.online_url,
        url=url,
    )


def calendar_bytes(entries: Iterable[Entry], *, name: str = "") -> bytes:
    """The calendar file of ``entries``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_event(entry, stamp))
    return calendar.to_ical()


def _event(entry: Entry, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(entry.starts_at))
    event.add("dtend", _utc(entry.ends_at))
    event.add("summary", entry.summary)
    event.add("status", entry.status)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    if entry.organiser_email:
        organiser = icalendar.vCalAddress(f"mailto:{entry.organiser_email}")
        organiser.params["cn"] = entry.organiser_name
        event.add("organizer", organiser)
    return event


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _lines(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())
