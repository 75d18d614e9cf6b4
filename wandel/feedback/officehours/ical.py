"""The calendar entry of one office-hours booking (written by ``core.ical``). A booking keeps
its UID when it is moved, so importing the file again updates the calendar's entry; a
cancelled booking is written with ``STATUS:CANCELLED`` so that calendars remove it."""

from __future__ import annotations

from django.utils.translation import gettext

from wandel.core.ical import CANCELLED, CONFIRMED, CONTENT_TYPE, Entry, calendar_bytes, lines
from wandel.feedback.officehours.models import Booking, BookingStatus

__all__ = ["CONTENT_TYPE", "booking_bytes", "booking_uid"]

UID_DOMAIN = "wandel.feedback"


def booking_uid(booking: Booking) -> str:
    return f"office-hours-booking-{booking.pk}@{UID_DOMAIN}"


def booking_bytes(booking: Booking, *, url: str = "") -> bytes:
    """The calendar file of a booking (with its series, host and booker loaded)."""
    series = booking.series
    host = series.host
    entry = Entry(
        uid=booking_uid(booking),
        summary=gettext("Office hours with %(host)s") % {"host": host},
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        status=CANCELLED if booking.status == BookingStatus.CANCELLED else CONFIRMED,
        description=lines(
            gettext("Topic: %(topic)s") % {"topic": booking.topic}, series.online_url
        ),
        location=series.place or series.online_url,
        url=url,
        organiser_name=str(host),
        organiser_email=host.email,
    )
    return calendar_bytes([entry])
