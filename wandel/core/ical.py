"""iCalendar (RFC 5545) files, written with the ``icalendar`` library: each app turns what it
schedules (a training session, a community event, an office-hours booking) into ``Entry``
values and writes them with ``calendar_bytes``.

Times are written in UTC, which every calendar app converts to its own zone. An entry keeps
one UID for life, so a calendar that imports the file again, or refreshes a feed, updates its
entry instead of adding a second one; a cancelled date stays in the file with
``STATUS:CANCELLED`` so that calendars remove or strike it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar
from django.utils import timezone

__all__ = [
    "CANCELLED",
    "CONFIRMED",
    "CONTENT_TYPE",
    "TENTATIVE",
    "Entry",
    "calendar_bytes",
    "lines",
]

PRODID = "-//Wandel//Wandel//EN"
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


def calendar_bytes(entries: Iterable[Entry], *, name: str = "") -> bytes:
    """The calendar file of ``entries``; ``name`` titles a feed in the calendar app."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = _utc(timezone.now())
    for entry in entries:
        calendar.add_component(_event(entry, stamp))
    return calendar.to_ical()


def lines(*parts: str) -> str:
    """A description of several parts, the empty ones left out."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


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
