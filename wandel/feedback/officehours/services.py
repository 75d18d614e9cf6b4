"""Writes of office hours: a host's series (create, change, end) and the bookings of its
slots (book, cancel, move to another slot, the host's notes). One function per user
action, each its own transaction with its audit event. The series' row is locked while its
slots are checked, so two people booking the same slot at once never both get it."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.feedback.officehours import notifications, rules
from wandel.feedback.officehours.models import (
    Booking,
    BookingStatus,
    OfficeHoursAction,
    OfficeHourSeries,
)
from wandel.org.models import Person

__all__ = [
    "BOOKED_SLOT_WOULD_GO",
    "ENDS_BEFORE_START",
    "LAST_BEFORE_FIRST",
    "PLACE_REQUIRED",
    "SHORTER_THAN_A_SLOT",
    "TOPIC_REQUIRED",
    "OfficeHoursConflict",
    "OfficeHoursError",
    "booking_book",
    "booking_cancel",
    "booking_note",
    "booking_reschedule",
    "series_create",
    "series_end",
    "series_update",
]

ENDS_BEFORE_START = _("Office hours must end after they start.")
SHORTER_THAN_A_SLOT = _("The hours must hold at least one booking of that length.")
LAST_BEFORE_FIRST = _("The last date must not lie before the first.")
PLACE_REQUIRED = _("Give a place or a video link.")
TOPIC_REQUIRED = _("Say what you would like to talk about.")
BOOKED_SLOT_WOULD_GO = _(
    "The booking on %(day)s at %(time)s would no longer be a slot; cancel it first."
)
PERSON_INACTIVE = _("%(person)s has left the organisation.")

SERIES_FIELDS = (
    "weekday",
    "starts",
    "ends",
    "slot_minutes",
    "place",
    "online_url",
    "first_date",
    "last_date",
)


class OfficeHoursError(DomainError):
    """A series or booking the rules refuse; the message is for the user."""


class OfficeHoursConflict(ConflictError, OfficeHoursError):
    """Input that is fine in itself but conflicts with the slots as they are."""


@user_action
def series_create(
    *,
    host: Person,
    weekday: int,
    starts: time,
    ends: time,
    slot_minutes: int,
    first_date: date,
    last_date: date | None = None,
    place: str = "",
    online_url: str = "",
    actor: User | None,
) -> OfficeHourSeries:
    """Offer recurring office hours hosted by ``host``."""
    place, online_url = place.strip(), online_url.strip()
    _check_series(starts, ends, slot_minutes, first_date, last_date, place, online_url)
    series = OfficeHourSeries.objects.create(
        host=host,
        weekday=weekday,
        starts=starts,
        ends=ends,
        slot_minutes=slot_minutes,
        first_date=first_date,
        last_date=last_date,
        place=place,
        online_url=online_url,
    )
    audit_record(
        actor=actor,
        action=OfficeHoursAction.SERIES_CREATED,
        target=series,
        changes=changed_fields({}, snapshot(series, ("host", *SERIES_FIELDS))),
    )
    return series


@user_action
def series_update(
    *,
    series: OfficeHourSeries,
    weekday: int,
    starts: time,
    ends: time,
    slot_minutes: int,
    first_date: date,
    last_date: date | None = None,
    place: str = "",
    online_url: str = "",
    actor: User | None,
) -> OfficeHourSeries:
    """Change the hours; a change that would take away a booked slot still ahead is
    refused, so nobody's booking silently stops being a slot."""
    place, online_url = place.strip(), online_url.strip()
    _check_series(starts, ends, slot_minutes, first_date, last_date, place, online_url)
    stored = _locked(series)
    before = snapshot(stored, SERIES_FIELDS)
    stored.weekday, stored.starts, stored.ends = weekday, starts, ends
    stored.slot_minutes, stored.first_date, stored.last_date = slot_minutes, first_date, last_date
    stored.place, stored.online_url = place, online_url
    for booking in _open(stored):
        if not rules.is_slot(stored.pattern, booking.starts_at):
            local = timezone.localtime(booking.starts_at)
            raise OfficeHoursConflict(
                BOOKED_SLOT_WOULD_GO
                % {"day": local.date().isoformat(), "time": local.strftime("%H:%M")}
            )
    stored.save()
    changes = changed_fields(before, snapshot(stored, SERIES_FIELDS))
    if changes:
        audit_record(
            actor=actor, action=OfficeHoursAction.SERIES_UPDATED, target=stored, changes=changes
        )
    return stored


@user_action
def series_end(*, series: OfficeHourSeries, actor: User | None) -> OfficeHourSeries:
    """Stop offering the hours; bookings still ahead are cancelled and their bookers told."""
    stored = _locked(series)
    if not stored.active:
        return stored
    stored.active = False
    stored.save(update_fields=["active"])
    ahead = list(_open(stored).select_related("person__user", "series__host"))
    Booking.objects.filter(pk__in=[b.pk for b in ahead]).update(status=BookingStatus.CANCELLED)
    audit_record(
        actor=actor,
        action=OfficeHoursAction.SERIES_ENDED,
        target=stored,
        changes={"active": {"from": True, "to": False}, "bookings_cancelled": len(ahead)},
    )
    for booking in ahead:
        notifications.tell_booker(notifications.CANCELLED_BY_HOST, booking, actor)
    return stored


@user_action
def booking_book(
    *,
    series: OfficeHourSeries,
    starts_at: datetime,
    person: Person,
    topic: str,
    actor: User | None,
) -> Booking:
    """Book a free slot of a series for ``person``, with the topic they bring."""
    topic = topic.strip()
    if not topic:
        raise OfficeHoursError(TOPIC_REQUIRED, field="topic")
    if not person.active:
        raise OfficeHoursError(PERSON_INACTIVE % {"person": person})
    stored = _locked(series)
    _check_slot(stored, starts_at, person, moving=None)
    booking = Booking.objects.create(series=stored, starts_at=starts_at, person=person, topic=topic)
    booking = _loaded(booking)
    audit_record(
        actor=actor,
        action=OfficeHoursAction.BOOKED,
        target=booking,
        changes={"person": str(person), "starts_at": booking.starts_at.isoformat()},
    )
    notifications.tell_host(notifications.BOOKED, booking, actor)
    return booking


@user_action
def booking_cancel(*, booking: Booking, actor: User | None) -> Booking:
    """Cancel a booking before its slot begins: the host is told when the booker cancels,
    the booker when anyone else (the host) does."""
    _locked(booking.series)
    stored = _loaded(booking)
    refusal = rules.change_refusal(
        booked=stored.status == BookingStatus.BOOKED,
        starts_at=stored.starts_at,
        now=timezone.now(),
    )
    if refusal:
        raise OfficeHoursConflict(refusal)
    stored.status = BookingStatus.CANCELLED
    stored.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=OfficeHoursAction.BOOKING_CANCELLED,
        target=stored,
        changes={"status": {"from": BookingStatus.BOOKED, "to": BookingStatus.CANCELLED}},
    )
    by_booker = actor is not None and stored.person.user_id == actor.pk
    if by_booker:
        notifications.tell_host(notifications.CANCELLED, stored, actor)
    else:
        notifications.tell_booker(notifications.CANCELLED_BY_HOST, stored, actor)
    return stored


@user_action
def booking_reschedule(*, booking: Booking, starts_at: datetime, actor: User | None) -> Booking:
    """Move a booking to another free slot of its series, before either begins."""
    series = _locked(booking.series)
    stored = _loaded(booking)
    now = timezone.now()
    refusal = rules.change_refusal(
        booked=stored.status == BookingStatus.BOOKED, starts_at=stored.starts_at, now=now
    )
    if refusal:
        raise OfficeHoursConflict(refusal)
    if starts_at == stored.starts_at:
        return stored
    _check_slot(series, starts_at, stored.person, moving=stored)
    before = stored.starts_at
    stored.starts_at = starts_at
    stored.save(update_fields=["starts_at"])
    audit_record(
        actor=actor,
        action=OfficeHoursAction.BOOKING_RESCHEDULED,
        target=stored,
        changes={"starts_at": {"from": before.isoformat(), "to": starts_at.isoformat()}},
    )
    notifications.tell_host(notifications.RESCHEDULED, stored, actor)
    return stored


@user_action
def booking_note(*, booking: Booking, notes: str, actor: User | None) -> Booking:
    """The host's notes on a booking. The audit event says that they changed, not what
    they say: the notes are for those who host office hours, the audit log is not."""
    stored = Booking.objects.select_for_update().get(pk=booking.pk)
    notes = notes.strip()
    if notes == stored.host_notes:
        return stored
    stored.host_notes = notes
    stored.save(update_fields=["host_notes"])
    audit_record(
        actor=actor,
        action=OfficeHoursAction.BOOKING_NOTED,
        target=stored,
        changes={"host_notes": "changed"},
    )
    return stored


def _check_series(
    starts: time,
    ends: time,
    slot_minutes: int,
    first_date: date,
    last_date: date | None,
    place: str,
    online_url: str,
) -> None:
    if ends <= starts:
        raise OfficeHoursError(ENDS_BEFORE_START, field="ends")
    length = (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)
    if slot_minutes <= 0 or length < slot_minutes:
        raise OfficeHoursError(SHORTER_THAN_A_SLOT, field="slot_minutes")
    if last_date is not None and last_date < first_date:
        raise OfficeHoursError(LAST_BEFORE_FIRST, field="last_date")
    if not place and not online_url:
        raise OfficeHoursError(PLACE_REQUIRED, field="place")


def _check_slot(
    series: OfficeHourSeries, starts_at: datetime, person: Person, *, moving: Booking | None
) -> None:
    others = Booking.objects.filter(status=BookingStatus.BOOKED)
    if moving is not None:
        others = others.exclude(pk=moving.pk)
    taken = set(
        others.filter(series=series, starts_at=starts_at).values_list("starts_at", flat=True)
    )
    now = timezone.now()
    mine = list(
        others.filter(person=person, starts_at__gt=now).values_list("series_id", "starts_at")
    )
    refusal = rules.booking_refusal(
        pattern=series.pattern,
        active=series.active,
        slot=starts_at,
        now=now,
        taken=taken,
        mine={start for _series, start in mine},
    )
    if refusal is None and moving is None:
        refusal = rules.too_many(sum(1 for s, _start in mine if s == series.pk))
    if refusal:
        raise OfficeHoursConflict(refusal, field="starts_at")


def _locked(series: OfficeHourSeries) -> OfficeHourSeries:
    return OfficeHourSeries.objects.select_for_update().get(pk=series.pk)


def _loaded(booking: Booking) -> Booking:
    return Booking.objects.select_related("series__host__user", "person__user").get(pk=booking.pk)


def _open(series: OfficeHourSeries) -> QuerySet[Booking]:
    return Booking.objects.filter(
        series=series, status=BookingStatus.BOOKED, starts_at__gt=timezone.now()
    )
