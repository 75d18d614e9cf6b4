"""The iCalendar (RFC 5545) file of one booking, written with the ``icalendar`` library.

Times are written in UTC, which every calendar app converts to its own zone. A booking
keeps its UID when it is moved, so importing the file again updates the calendar's entry;
a cancelled booking is written with ``STATUS:CANCELLED`` so that calendars remove it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext

from wandel.feedback.officehours.models import Booking, BookingStatus

PRODID = "-//Wandel//Feedback//EN"
UID_DOMAIN = "wandel.feedback"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def booking_uid(booking: Booking) -> str:
    return f"office-hours-booking-{booking.pk}@{UID_DOMAIN}"


def booking_bytes(booking: Booking, *, url: str = "") -> bytes:
    """The calendar file of a booking (with its series, host and booker loaded)."""
    series = booking.series
    host = series.host
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(booking.starts_at))
    event.add("dtend", _utc(booking.ends_at))
    event.add("summary", gettext("Office hours with %(host)s") % {"host": host})
    cancelled = booking.status == BookingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    description = "\n\n".join(
        part
        for part in (gettext("Topic: %(topic)s") % {"topic": booking.topic}, series.online_url)
        if part
    )
    event.add("description", description)
    location = series.place or series.online_url
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if host.email:
        organiser = icalendar.vCalAddress(f"mailto:{host.email}")
        organiser.params["cn"] = str(host)
        event.add("organizer", organiser)
    calendar.add_component(event)
    return calendar.to_ical()


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)
