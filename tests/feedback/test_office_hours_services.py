"""Booking, cancelling and moving office-hour slots, the host's notes and series, through
the services: who is told, what is audited, and what the rules refuse. The clock stands at
Monday 2026-12-07 10:00 in Berlin; the series is Tuesdays 14:00–15:00 in 15-minute slots."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.support.clock import frozen
from tests.support.office_hours import (
    NEXT_TUE_1400,
    NOW,
    TUE_1400,
    TUE_1415,
    TUE_1430,
    TUE_1445,
    make_host,
    make_series,
)
from tests.support.personas import make_person
from wandel.core.models import AuditEvent, Notification
from wandel.feedback.officehours.models import Booking, BookingStatus
from wandel.feedback.officehours.reminders import office_hours_reminders
from wandel.feedback.officehours.rules import (
    IN_THE_PAST,
    NOT_A_SLOT,
    SAME_TIME,
    SERIES_ENDED,
    SLOT_TAKEN,
    TOO_LATE,
)
from wandel.feedback.officehours.services import (
    BOOKED_SLOT_WOULD_GO,
    PLACE_REQUIRED,
    SHORTER_THAN_A_SLOT,
    TOPIC_REQUIRED,
    OfficeHoursConflict,
    OfficeHoursError,
    booking_book,
    booking_cancel,
    booking_note,
    booking_reschedule,
    series_end,
    series_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    with frozen(NOW):
        yield


def told(person, event: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person.user, event=event))


def audited(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_booking_a_free_slot_tells_the_host_and_is_audited():
    host = make_host(first_name="Hanna", last_name="Host")
    anna = make_person(first_name="Anna", last_name="Berg")
    series = make_series(host)

    booking = booking_book(
        series=series,
        starts_at=TUE_1415,
        person=anna,
        topic=" Prompts for offers ",
        actor=anna.user,
    )

    assert (booking.status, booking.topic, booking.starts_at) == (
        BookingStatus.BOOKED,
        "Prompts for offers",
        TUE_1415,
    )
    (note,) = told(host, "feedback.office_hours_booked")
    assert note.params["person"] == "Anna Berg"
    assert note.params["day"] == "2026-12-08"
    assert note.params["time"] == "14:15"
    assert note.params["topic"] == "Prompts for offers"
    (event,) = audited("feedback.office_hours_booked")
    assert event.changes == {"person": "Anna Berg", "starts_at": "2026-12-08T13:15:00+00:00"}


def test_a_topic_is_required():
    with pytest.raises(OfficeHoursError) as refused:
        booking_book(
            series=make_series(), starts_at=TUE_1400, person=make_person(), topic="  ", actor=None
        )

    assert refused.value.message == TOPIC_REQUIRED
    assert refused.value.field == "topic"


def test_a_slot_taken_by_someone_else_is_refused():
    series = make_series()
    booking_book(series=series, starts_at=TUE_1400, person=make_person(), topic="A", actor=None)

    with pytest.raises(OfficeHoursConflict) as refused:
        booking_book(series=series, starts_at=TUE_1400, person=make_person(), topic="B", actor=None)

    assert refused.value.message == SLOT_TAKEN
    assert Booking.objects.count() == 1


def test_a_moment_between_slots_and_a_slot_in_the_past_are_refused():
    series = make_series()
    person = make_person()

    with pytest.raises(OfficeHoursConflict) as between:
        booking_book(
            series=series,
            starts_at=TUE_1400.replace(minute=5),
            person=person,
            topic="A",
            actor=None,
        )
    with pytest.raises(OfficeHoursConflict) as past:
        booking_book(
            series=series, starts_at=TUE_1400.replace(day=1), person=person, topic="A", actor=None
        )

    assert between.value.message == NOT_A_SLOT
    assert past.value.message == IN_THE_PAST


def test_a_person_holds_two_open_bookings_of_a_series_at_most():
    series = make_series()
    anna = make_person()
    booking_book(series=series, starts_at=TUE_1400, person=anna, topic="A", actor=None)
    booking_book(series=series, starts_at=TUE_1415, person=anna, topic="B", actor=None)

    with pytest.raises(OfficeHoursConflict) as refused:
        booking_book(series=series, starts_at=TUE_1430, person=anna, topic="C", actor=None)

    assert str(refused.value) == (
        "You already hold 2 bookings of these office hours; "
        "cancel one or wait until it has taken place."
    )
    # Someone else still books the free slot.
    booking_book(series=series, starts_at=TUE_1430, person=make_person(), topic="D", actor=None)


def test_nobody_books_two_hosts_at_the_same_time():
    anna = make_person()
    booking_book(series=make_series(), starts_at=TUE_1400, person=anna, topic="A", actor=None)

    with pytest.raises(OfficeHoursConflict) as refused:
        booking_book(series=make_series(), starts_at=TUE_1400, person=anna, topic="B", actor=None)

    assert refused.value.message == SAME_TIME


def test_the_booker_cancels_and_the_host_is_told():
    host = make_host()
    anna = make_person(first_name="Anna", last_name="Berg")
    booking = booking_book(
        series=make_series(host), starts_at=TUE_1400, person=anna, topic="A", actor=anna.user
    )

    booking_cancel(booking=booking, actor=anna.user)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert len(told(host, "feedback.office_hours_cancelled")) == 1
    assert told(anna, "feedback.office_hours_cancelled_by_host") == []
    (event,) = audited("feedback.office_hours_cancelled")
    assert event.changes == {"status": {"from": "booked", "to": "cancelled"}}


def test_the_host_cancels_and_the_booker_is_told():
    host = make_host(first_name="Hanna", last_name="Host")
    anna = make_person()
    booking = booking_book(
        series=make_series(host), starts_at=TUE_1400, person=anna, topic="A", actor=anna.user
    )

    booking_cancel(booking=booking, actor=host.user)

    (note,) = told(anna, "feedback.office_hours_cancelled_by_host")
    assert note.params["host"] == "Hanna Host"
    assert told(host, "feedback.office_hours_cancelled") == []


def test_a_cancelled_slot_is_free_again():
    series = make_series()
    booking = booking_book(
        series=series, starts_at=TUE_1400, person=make_person(), topic="A", actor=None
    )
    booking_cancel(booking=booking, actor=None)

    again = booking_book(
        series=series, starts_at=TUE_1400, person=make_person(), topic="B", actor=None
    )

    assert again.status == BookingStatus.BOOKED


def test_a_booking_is_not_cancelled_or_moved_once_its_slot_has_begun():
    booking = booking_book(
        series=make_series(), starts_at=TUE_1400, person=make_person(), topic="A", actor=None
    )

    with frozen("2026-12-08 14:00"):
        with pytest.raises(OfficeHoursConflict) as cancel:
            booking_cancel(booking=booking, actor=None)
        with pytest.raises(OfficeHoursConflict) as move:
            booking_reschedule(booking=booking, starts_at=NEXT_TUE_1400, actor=None)

    assert cancel.value.message == TOO_LATE
    assert move.value.message == TOO_LATE


def test_moving_a_booking_takes_the_new_slot_and_frees_the_old_one():
    host = make_host()
    anna = make_person()
    series = make_series(host)
    booking = booking_book(series=series, starts_at=TUE_1400, person=anna, topic="A", actor=None)

    booking_reschedule(booking=booking, starts_at=NEXT_TUE_1400, actor=anna.user)

    booking.refresh_from_db()
    assert booking.starts_at == NEXT_TUE_1400
    (event,) = audited("feedback.office_hours_rescheduled")
    assert event.changes == {
        "starts_at": {"from": "2026-12-08T13:00:00+00:00", "to": "2026-12-15T13:00:00+00:00"}
    }
    (note,) = told(host, "feedback.office_hours_rescheduled")
    assert (note.params["day"], note.params["time"]) == ("2026-12-15", "14:00")
    booking_book(series=series, starts_at=TUE_1400, person=make_person(), topic="B", actor=None)


def test_a_booking_is_not_moved_to_a_taken_slot():
    series = make_series()
    booking = booking_book(
        series=series, starts_at=TUE_1400, person=make_person(), topic="A", actor=None
    )
    booking_book(series=series, starts_at=TUE_1445, person=make_person(), topic="B", actor=None)

    with pytest.raises(OfficeHoursConflict) as refused:
        booking_reschedule(booking=booking, starts_at=TUE_1445, actor=None)

    assert refused.value.message == SLOT_TAKEN
    booking.refresh_from_db()
    assert booking.starts_at == TUE_1400


def test_a_person_with_two_bookings_may_still_move_one():
    series = make_series()
    anna = make_person()
    first = booking_book(series=series, starts_at=TUE_1400, person=anna, topic="A", actor=None)
    booking_book(series=series, starts_at=TUE_1415, person=anna, topic="B", actor=None)

    booking_reschedule(booking=first, starts_at=TUE_1430, actor=None)

    first.refresh_from_db()
    assert first.starts_at == TUE_1430


def test_the_host_s_notes_are_audited_without_their_words():
    host = make_host()
    booking = booking_book(
        series=make_series(host), starts_at=TUE_1400, person=make_person(), topic="A", actor=None
    )

    booking_note(booking=booking, notes="Wants a retrieval demo.", actor=host.user)

    booking.refresh_from_db()
    assert booking.host_notes == "Wants a retrieval demo."
    (event,) = audited("feedback.office_hours_noted")
    assert event.changes == {"host_notes": "changed"}


def test_a_series_needs_a_place_and_room_for_one_booking():
    with pytest.raises(OfficeHoursError) as no_place:
        make_series(place="")
    with pytest.raises(OfficeHoursError) as too_short:
        make_series(ends=time(14, 10))

    assert no_place.value.message == PLACE_REQUIRED
    assert too_short.value.message == SHORTER_THAN_A_SLOT


def test_a_change_that_would_take_away_a_booked_slot_is_refused():
    series = make_series()
    booking_book(series=series, starts_at=TUE_1430, person=make_person(), topic="A", actor=None)
    fields = {
        "weekday": 1,
        "starts": time(14),
        "slot_minutes": 15,
        "first_date": date(2026, 12, 1),
        "place": "Room 2.01",
        "actor": None,
    }

    with pytest.raises(OfficeHoursConflict) as refused:
        series_update(series=series, ends=time(14, 30), **fields)
    series_update(series=series, ends=time(16), **fields)

    assert str(refused.value) == str(BOOKED_SLOT_WOULD_GO % {"day": "2026-12-08", "time": "14:30"})
    (event,) = audited("feedback.office_hours_updated")
    assert event.changes == {"ends": {"from": "15:00:00", "to": "16:00:00"}}


def test_ending_a_series_cancels_the_bookings_ahead_and_tells_their_bookers():
    series = make_series()
    anna = make_person()
    booking = booking_book(series=series, starts_at=TUE_1400, person=anna, topic="A", actor=None)

    series_end(series=series, actor=None)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert len(told(anna, "feedback.office_hours_cancelled_by_host")) == 1
    with pytest.raises(OfficeHoursConflict) as refused:
        booking_book(series=series, starts_at=TUE_1415, person=anna, topic="B", actor=None)
    assert refused.value.message == SERIES_ENDED


def test_the_booker_is_reminded_the_day_before_once():
    anna = make_person()
    booking_book(series=make_series(), starts_at=TUE_1400, person=anna, topic="A", actor=None)

    assert office_hours_reminders(date(2026, 12, 6)) == 0
    assert office_hours_reminders(date(2026, 12, 7)) == 1
    assert office_hours_reminders(date(2026, 12, 7)) == 0
    (note,) = told(anna, "feedback.office_hours_soon")
    assert note.params["where"] == "Room 2.01"
