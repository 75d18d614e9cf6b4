"""The programme's office hours, through their services: weekly hours of the trainer and
the programme admin, with bookings in the coming weeks."""

from __future__ import annotations

import random
from datetime import time, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.demo.base import DemoRun
from wandel.demo.feedback.specs import office_hours
from wandel.feedback.officehours import rules
from wandel.feedback.officehours.services import booking_book, series_create
from wandel.org.models import Person


def load_office_hours(run: DemoRun, rng: random.Random) -> None:
    today = timezone.localdate()
    staff = list(Person.objects.filter(active=True, user__isnull=True).order_by("pk"))
    count = 0
    for spec in office_hours().series:
        host_user = User.objects.get(email=spec.host)
        host = Person.objects.get(user=host_user)
        series = series_create(
            host=host,
            weekday=spec.weekday,
            starts=time.fromisoformat(spec.starts),
            ends=time.fromisoformat(spec.ends),
            slot_minutes=spec.slot_minutes,
            first_date=today - timedelta(days=60),
            place=spec.place,
            online_url=spec.online_url,
            actor=host_user,
        )
        for booking in spec.bookings:
            # The week-th occurrence after today (tomorrow onwards), and its slot-th slot.
            first = today + timedelta(days=1 + 7 * (booking.week - 1))
            slots = rules.series_slots(series.pattern, first, first + timedelta(days=6))
            if booking.person:
                person = Person.objects.get(user__email=booking.person)
            else:
                person = rng.choice(staff)
            booking_book(
                series=series,
                starts_at=slots[booking.slot],
                person=person,
                topic=booking.topic,
                actor=person.user or host_user,
            )
            count += 1
    run.say(f"Office hours: {len(office_hours().series)} series, {count} bookings")
