"""The daily reminder (registered on ``core.reminders``) of office hours: whoever booked a
slot is told the day before (or on the day, for a slot booked at short notice), once per
booking and date."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from wandel.core.actions import user_action
from wandel.core.reminders import Due, remind_once
from wandel.feedback.officehours.models import Booking, BookingStatus
from wandel.feedback.officehours.notifications import SOON, booking_params


@user_action
def office_hours_reminders(today: date) -> int:
    """Tell those with a booking today or tomorrow; returns how many."""
    bookings = (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            starts_at__date__gte=today,
            starts_at__date__lte=today + timedelta(days=1),
            person__user__is_active=True,
        )
        .select_related("series__host", "person__user")
        .order_by("starts_at", "pk")
    )
    url = reverse("feedback:office_hours_mine")
    return remind_once(
        SOON,
        (
            Due(
                booking.person.user,
                f"office-hours:{booking.pk}:{booking.starts_at.isoformat()}",
                (params := booking_params(booking))["day"],
                params,
                url,
            )
            for booking in bookings
        ),
    )
