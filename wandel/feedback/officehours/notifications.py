"""What office hours tell people: the host hears of bookings, cancellations and moves; the
booker hears when the host cancels, and is reminded the day before."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.feedback.officehours.models import Booking

BOOKED = NotificationEvent(
    key="feedback.office_hours_booked",
    label=_("Someone booked your office hours"),
    message=_("%(person)s booked your office hours on %(day)s at %(time)s: “%(topic)s”."),
    dates=("day",),
)
CANCELLED = NotificationEvent(
    key="feedback.office_hours_cancelled",
    label=_("Someone cancelled a booking of your office hours"),
    message=_("%(person)s cancelled the booking of your office hours on %(day)s at %(time)s."),
    dates=("day",),
)
RESCHEDULED = NotificationEvent(
    key="feedback.office_hours_rescheduled",
    label=_("Someone moved a booking of your office hours"),
    message=_("%(person)s moved their booking of your office hours to %(day)s at %(time)s."),
    dates=("day",),
)
CANCELLED_BY_HOST = NotificationEvent(
    key="feedback.office_hours_cancelled_by_host",
    label=_("The host cancelled your office-hour booking"),
    message=_("%(host)s cancelled your office-hour booking on %(day)s at %(time)s."),
    dates=("day",),
)
SOON = NotificationEvent(
    key="feedback.office_hours_soon",
    label=_("An office hour you booked is coming up"),
    message=_("Reminder: office hours with %(host)s on %(day)s at %(time)s, %(where)s."),
    dates=("day",),
)
EVENTS = (BOOKED, CANCELLED, RESCHEDULED, CANCELLED_BY_HOST, SOON)


def booking_params(booking: Booking) -> dict[str, str]:
    """Needs the booking's series, its host and the booker loaded."""
    starts: datetime = timezone.localtime(booking.starts_at)
    series = booking.series
    return {
        "person": str(booking.person),
        "host": str(series.host),
        "topic": booking.topic,
        "day": starts.date().isoformat(),
        "time": starts.strftime("%H:%M"),
        "where": series.place or series.online_url or "",
    }


def tell_host(event: NotificationEvent, booking: Booking, actor: User | None) -> None:
    host = booking.series.host
    notify(
        recipients=[host.user if host.user_id else None],
        event=event,
        params=booking_params(booking),
        url=reverse("feedback:office_hours_host"),
        actor=actor,
    )


def tell_booker(event: NotificationEvent, booking: Booking, actor: User | None) -> None:
    person = booking.person
    notify(
        recipients=[person.user if person.user_id else None],
        event=event,
        params=booking_params(booking),
        url=reverse("feedback:office_hours_mine"),
        actor=actor,
    )
