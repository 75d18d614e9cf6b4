"""The rules of office hours, with slots worked out by hand from a calendar: Tuesdays
14:00–15:00 in 15-minute bookings are 12:00 UTC in summer time and 13:00 UTC in winter
time; Berlin's clocks go back on Sunday 2026-10-25 and forward on Sunday 2027-03-28."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from wandel.feedback.officehours.rules import (
    ALREADY_CANCELLED,
    IN_THE_PAST,
    MAX_OPEN_BOOKINGS,
    NOT_A_SLOT,
    SAME_TIME,
    SERIES_ENDED,
    SLOT_TAKEN,
    TOO_LATE,
    Pattern,
    booking_refusal,
    change_refusal,
    free_slots,
    is_slot,
    series_slots,
    too_many,
)

TUESDAYS = Pattern(
    weekday=1, starts=time(14), ends=time(15), slot_minutes=15, first_date=date(2026, 10, 1)
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_a_week_across_the_end_of_summer_time_keeps_the_berlin_wall_clock():
    assert series_slots(TUESDAYS, date(2026, 10, 19), date(2026, 10, 28)) == [
        utc(2026, 10, 20, 12, 0),
        utc(2026, 10, 20, 12, 15),
        utc(2026, 10, 20, 12, 30),
        utc(2026, 10, 20, 12, 45),
        utc(2026, 10, 27, 13, 0),
        utc(2026, 10, 27, 13, 15),
        utc(2026, 10, 27, 13, 30),
        utc(2026, 10, 27, 13, 45),
    ]


def test_slots_stay_within_the_first_and_last_date():
    pattern = Pattern(
        weekday=1,
        starts=time(14),
        ends=time(14, 30),
        slot_minutes=15,
        first_date=date(2026, 12, 8),
        last_date=date(2026, 12, 15),
    )

    assert series_slots(pattern, date(2026, 12, 1), date(2026, 12, 31)) == [
        utc(2026, 12, 8, 13, 0),
        utc(2026, 12, 8, 13, 15),
        utc(2026, 12, 15, 13, 0),
        utc(2026, 12, 15, 13, 15),
    ]


def test_a_day_without_the_weekday_has_no_slots():
    assert series_slots(TUESDAYS, date(2026, 12, 9), date(2026, 12, 14)) == []


def test_a_booking_length_that_does_not_divide_the_hour_leaves_the_rest_unused():
    pattern = Pattern(
        weekday=3, starts=time(9), ends=time(10), slot_minutes=25, first_date=date(2026, 1, 1)
    )

    assert series_slots(pattern, date(2026, 12, 10), date(2026, 12, 10)) == [
        utc(2026, 12, 10, 8, 0),
        utc(2026, 12, 10, 8, 25),
    ]


def test_wall_times_the_spring_change_skips_are_no_slots():
    night = Pattern(
        weekday=6,
        starts=time(1, 30),
        ends=time(3, 30),
        slot_minutes=30,
        first_date=date(2027, 1, 1),
    )

    assert series_slots(night, date(2027, 3, 28), date(2027, 3, 28)) == [
        utc(2027, 3, 28, 0, 30),  # 01:30 winter time
        utc(2027, 3, 28, 1, 0),  # 03:00 summer time; 02:00 and 02:30 do not exist
    ]


def test_wall_times_the_autumn_change_repeats_are_taken_once_in_summer_time():
    night = Pattern(
        weekday=6, starts=time(2), ends=time(3), slot_minutes=30, first_date=date(2026, 1, 1)
    )

    assert series_slots(night, date(2026, 10, 25), date(2026, 10, 25)) == [
        utc(2026, 10, 25, 0, 0),
        utc(2026, 10, 25, 0, 30),
    ]


def test_free_slots_are_those_no_booking_starts_at():
    slots = [utc(2026, 12, 8, 13, 0), utc(2026, 12, 8, 13, 15), utc(2026, 12, 8, 13, 30)]

    assert free_slots(slots, {utc(2026, 12, 8, 13, 15)}) == [
        utc(2026, 12, 8, 13, 0),
        utc(2026, 12, 8, 13, 30),
    ]


def test_a_moment_is_a_slot_in_any_time_zone_it_is_written_in():
    from zoneinfo import ZoneInfo

    berlin = datetime(2026, 12, 8, 14, 15, tzinfo=ZoneInfo("Europe/Berlin"))

    assert is_slot(TUESDAYS, berlin)
    assert is_slot(TUESDAYS, utc(2026, 12, 8, 13, 15))
    assert not is_slot(TUESDAYS, utc(2026, 12, 8, 13, 10))
    assert not is_slot(TUESDAYS, utc(2026, 12, 8, 14, 0))  # 15:00 ends the hour


NOW = utc(2026, 12, 7, 10, 0)
SLOT = utc(2026, 12, 8, 13, 15)


def refusal(**changes):
    facts = {
        "pattern": TUESDAYS,
        "active": True,
        "slot": SLOT,
        "now": NOW,
        "taken": set(),
        "mine": set(),
        **changes,
    }
    return booking_refusal(**facts)


def test_a_free_slot_ahead_may_be_booked():
    assert refusal() is None


def test_an_ended_series_takes_no_bookings():
    assert refusal(active=False) == SERIES_ENDED


def test_a_moment_that_is_no_slot_is_refused():
    assert refusal(slot=utc(2026, 12, 8, 13, 20)) == NOT_A_SLOT


def test_a_slot_that_has_begun_is_refused():
    assert refusal(now=SLOT) == IN_THE_PAST
    assert refusal(slot=utc(2026, 12, 1, 13, 15)) == IN_THE_PAST


def test_a_taken_slot_is_refused():
    assert refusal(taken={SLOT}) == SLOT_TAKEN


def test_nobody_books_two_slots_at_the_same_time():
    assert refusal(mine={SLOT}) == SAME_TIME


def test_a_person_holds_at_most_two_open_bookings_per_series():
    assert MAX_OPEN_BOOKINGS == 2
    assert too_many(0) is None
    assert too_many(1) is None
    assert str(too_many(2)) == (
        "You already hold 2 bookings of these office hours; "
        "cancel one or wait until it has taken place."
    )


def test_a_booking_changes_until_its_slot_begins():
    assert change_refusal(booked=True, starts_at=SLOT, now=NOW) is None
    assert change_refusal(booked=True, starts_at=SLOT, now=SLOT) == TOO_LATE
    assert change_refusal(booked=False, starts_at=SLOT, now=NOW) == ALREADY_CANCELLED
