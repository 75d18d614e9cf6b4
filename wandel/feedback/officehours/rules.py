"""The rules of office hours as pure functions: which slots a series has between two days,
which of them are free, and whether a person may book, cancel or move a booking.

Slots are Berlin wall-clock times: a series "Tuesdays 14:00" starts at 14:00 in Berlin in
summer and in winter, so its moment in UTC moves by an hour when the clocks change. A wall
time the spring change skips does not exist and is no slot; one the autumn change repeats
is taken once, at its first (summer-time) occurrence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

BERLIN = ZoneInfo("Europe/Berlin")

# How many bookings a person may hold in one series at a time (booked, not yet begun):
# enough to follow up on a question, few enough that one person cannot fill an hour.
MAX_OPEN_BOOKINGS = 2

NOT_A_SLOT = _("There is no slot of these office hours at that time.")
IN_THE_PAST = _("This slot has begun or is over; choose a later one.")
SLOT_TAKEN = _("This slot has just been booked by someone else; choose another one.")
SERIES_ENDED = _("These office hours no longer take bookings.")
SAME_TIME = _("You already have a booking at that time.")
TOO_MANY = _(
    "You already hold %(limit)d bookings of these office hours; "
    "cancel one or wait until it has taken place."
)
TOO_LATE = _("The slot has begun; the booking can no longer be changed.")
ALREADY_CANCELLED = _("This booking is cancelled.")


@dataclass(frozen=True)
class Pattern:
    """What a series says about its slots."""

    weekday: int  # 0 = Monday, as ``date.weekday()``
    starts: time
    ends: time
    slot_minutes: int
    first_date: date
    last_date: date | None = None


def series_slots(pattern: Pattern, first: date, last: date) -> list[datetime]:
    """Every slot of ``pattern`` on the days from ``first`` to ``last`` (both included),
    as aware moments in UTC, in order."""
    first = max(first, pattern.first_date)
    if pattern.last_date is not None:
        last = min(last, pattern.last_date)
    day = first + timedelta(days=(pattern.weekday - first.weekday()) % 7)
    step = timedelta(minutes=pattern.slot_minutes)
    slots: list[datetime] = []
    while day <= last:
        wall = datetime.combine(day, pattern.starts)
        end = datetime.combine(day, pattern.ends)
        while wall + step <= end:
            moment = _berlin(wall)
            if moment is not None:
                slots.append(moment)
            wall += step
        day += timedelta(days=7)
    return slots


def _berlin(wall: datetime) -> datetime | None:
    """The UTC moment of a Berlin wall-clock time; None for a time the clocks skip."""
    moment = wall.replace(tzinfo=BERLIN, fold=0).astimezone(UTC)
    if moment.astimezone(BERLIN).replace(tzinfo=None) != wall:
        return None
    return moment


def free_slots(slots: Iterable[datetime], taken: Collection[datetime]) -> list[datetime]:
    """The slots no booking starts at."""
    return [slot for slot in slots if slot not in taken]


def is_slot(pattern: Pattern, moment: datetime) -> bool:
    """Whether ``moment`` is one of the pattern's slots."""
    day = moment.astimezone(BERLIN).date()
    return moment in series_slots(pattern, day, day)


def booking_refusal(
    *,
    pattern: Pattern,
    active: bool,
    slot: datetime,
    now: datetime,
    taken: Collection[datetime],
    mine: Collection[datetime],
) -> Promise | str | None:
    """Why a person may not book ``slot`` (None: they may). ``taken``: starts of the
    series' booked slots; ``mine``: starts of the person's open bookings in any series."""
    if not active:
        return SERIES_ENDED
    if not is_slot(pattern, slot):
        return NOT_A_SLOT
    if slot <= now:
        return IN_THE_PAST
    if slot in taken:
        return SLOT_TAKEN
    if slot in mine:
        return SAME_TIME
    return None


def too_many(open_in_series: int) -> Promise | str | None:
    """Refusal when a person already holds the most bookings one series allows."""
    if open_in_series >= MAX_OPEN_BOOKINGS:
        return TOO_MANY % {"limit": MAX_OPEN_BOOKINGS}
    return None


def change_refusal(*, booked: bool, starts_at: datetime, now: datetime) -> Promise | str | None:
    """Why a booking may not be cancelled or moved any more (None: it may)."""
    if not booked:
        return ALREADY_CANCELLED
    if starts_at <= now:
        return TOO_LATE
    return None
