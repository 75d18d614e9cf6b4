"""Reads of office hours, each with a fixed number of queries: the free slots of every
active series in the days ahead, a person's bookings, a host's series and bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.feedback.officehours import rules
from wandel.feedback.officehours.models import Booking, BookingStatus, OfficeHourSeries
from wandel.org.models import Person

# How far ahead the page of free slots looks.
DAYS_AHEAD = 14


@dataclass(frozen=True)
class Slot:
    series: OfficeHourSeries
    starts_at: datetime

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.series.slot_minutes)


def active_series() -> QuerySet[OfficeHourSeries]:
    return OfficeHourSeries.objects.filter(active=True).select_related("host")


def free_slots(
    *, now: datetime | None = None, days: int = DAYS_AHEAD, series: OfficeHourSeries | None = None
) -> list[Slot]:
    """The free slots from now to ``days`` ahead of every active series (or of one), soonest
    first: two queries, however many series and bookings there are."""
    now = now or timezone.now()
    first = timezone.localtime(now).date()
    last = first + timedelta(days=days)
    chosen = list(active_series().filter(pk=series.pk) if series else active_series())
    chosen = [s for s in chosen if s.last_date is None or s.last_date >= first]
    taken = set(
        Booking.objects.filter(
            series__in=chosen,
            status=BookingStatus.BOOKED,
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=days + 1),
        ).values_list("series_id", "starts_at")
    )
    slots = [
        Slot(one, start)
        for one in chosen
        for start in rules.series_slots(one.pattern, first, last)
        if start > now and (one.pk, start) not in taken
    ]
    return sorted(slots, key=lambda slot: (slot.starts_at, slot.series.pk))


def my_bookings(person: Person | None) -> QuerySet[Booking]:
    """A person's bookings, those ahead first (soonest first), then the past ones."""
    if person is None:
        return Booking.objects.none()
    return (
        Booking.objects.filter(person=person)
        .select_related("series__host")
        .order_by("-starts_at", "-pk")
    )


def upcoming_of(person: Person | None) -> QuerySet[Booking]:
    """A person's booked slots still ahead, soonest first."""
    if person is None:
        return Booking.objects.none()
    return (
        Booking.objects.filter(
            person=person, status=BookingStatus.BOOKED, starts_at__gt=timezone.now()
        )
        .select_related("series__host")
        .order_by("starts_at", "pk")
    )


def hosted_series(person: Person | None) -> QuerySet[OfficeHourSeries]:
    if person is None:
        return OfficeHourSeries.objects.none()
    return OfficeHourSeries.objects.filter(host=person).select_related("host")


def hosted_bookings(person: Person | None) -> QuerySet[Booking]:
    """The booked slots ahead (from the start of today) of the series ``person`` hosts."""
    if person is None:
        return Booking.objects.none()
    start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        Booking.objects.filter(
            series__host=person, status=BookingStatus.BOOKED, starts_at__gte=start_of_today
        )
        .select_related("series__host", "person")
        .order_by("starts_at", "pk")
    )


def may_host(user: User, booking: Booking) -> bool:
    """Whether ``user`` acts as host for ``booking``: its host, or anyone who hosts office
    hours (they stand in for each other)."""
    person = getattr(user, "person", None)
    is_host = person is not None and booking.series.host_id == person.pk
    return is_host or user.has_perm(Permission.HOST_OFFICE_HOURS)


def is_booker(user: User, booking: Booking) -> bool:
    person = getattr(user, "person", None)
    return person is not None and booking.person_id == person.pk
