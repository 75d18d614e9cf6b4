"""The office-hours pages as people use them: the next free slots, booking one with a
topic, one's bookings with move, cancel and calendar file, the host's page with notes, the
series form; who may do what on others' bookings; constant query counts. The clock stands
at Monday 2026-12-07 10:00 in Berlin; series are Tuesdays 14:00–15:00 in 15-minute slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import icalendar
import pytest
from django.test import Client

from tests.support.clock import frozen
from tests.support.office_hours import (
    NEXT_TUE_1400,
    NOW,
    TUE_1400,
    TUE_1415,
    TUE_1430,
    make_host,
    make_series,
)
from tests.support.personas import make_person
from tests.support.queries import assert_queries_do_not_grow
from wandel.feedback.officehours.models import Booking, BookingStatus, OfficeHourSeries
from wandel.feedback.officehours.services import booking_book, booking_note

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    with frozen(NOW):
        yield


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def book(person, starts_at=TUE_1400, series=None, topic="Prompts for offers") -> Booking:
    return booking_book(
        series=series or make_series(), starts_at=starts_at, person=person, topic=topic, actor=None
    )


def test_the_page_lists_the_free_slots_of_the_next_two_weeks_with_a_link_to_book(employee):
    series = make_series(make_host(first_name="Hanna", last_name="Host"))
    book(make_person(), TUE_1415, series)

    content = signed_in(employee).get("/feedback/office-hours/").content.decode()

    # Tuesdays 8 and 15 December, four slots each, one of them booked.
    assert content.count('<tr>\n      <th scope="row"><time') == 7
    assert '<time datetime="2026-12-08T14:00:00+01:00">' in content
    assert '<time datetime="2026-12-08T14:15:00+01:00">' not in content
    assert '<time datetime="2026-12-15T14:45:00+01:00">' in content
    assert "Hanna Host" in content
    assert (
        f"/feedback/office-hours/{series.pk}/book/?at=2026-12-08T14%3A00%3A00%2B01%3A00" in content
    )


def test_the_free_slots_take_as_many_queries_with_more_series_and_bookings(employee):
    make_series()
    book(employee.person)
    page = signed_in(employee)

    def more() -> None:
        for weekday in (2, 3, 4):
            series = make_series(weekday=weekday)
            book(
                make_person(),
                series=series,
                starts_at=datetime(2026, 12, 7 + weekday, 13, tzinfo=UTC),
            )

    assert_queries_do_not_grow(page, "/feedback/office-hours/", grow=more, shows="<tr")


def test_an_employee_books_a_slot_with_a_topic_on_the_booking_form(employee):
    series = make_series()
    page = signed_in(employee)

    form = page.get(f"/feedback/office-hours/{series.pk}/book/?at=2026-12-08T14:15:00%2B01:00")
    response = page.post(
        f"/feedback/office-hours/{series.pk}/book/",
        {"starts_at": "2026-12-08T13:15:00+00:00", "topic": "Retrieval over our wiki"},
        follow=True,
    )

    assert '<option value="2026-12-08T13:15:00+00:00" selected>' in form.content.decode()
    assert response.redirect_chain[-1][0] == "/feedback/office-hours/mine/"
    assert "Retrieval over our wiki" in response.content.decode()
    booking = Booking.objects.get()
    assert (booking.person, booking.starts_at) == (employee.person, TUE_1415)


def test_a_booking_without_a_topic_is_shown_again_with_the_error(employee):
    series = make_series()

    response = signed_in(employee).post(
        f"/feedback/office-hours/{series.pk}/book/", {"starts_at": "2026-12-08T13:15:00+00:00"}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Booking.objects.exists()


def test_my_bookings_move_to_another_free_slot_and_cancel(employee):
    booking = book(employee.person)
    page = signed_in(employee)

    moved = page.post(
        f"/feedback/office-hours/bookings/{booking.pk}/move/",
        {"starts_at": "2026-12-15T13:00:00+00:00"},
        follow=True,
    )
    booking.refresh_from_db()
    cancelled = page.post(f"/feedback/office-hours/bookings/{booking.pk}/cancel/", follow=True)

    assert "The booking is moved." in moved.content.decode()
    assert booking.starts_at == NEXT_TUE_1400
    assert "The booking is cancelled." in cancelled.content.decode()
    assert "You have no bookings ahead." in cancelled.content.decode()


def test_nobody_moves_or_cancels_someone_else_s_booking_but_a_host_cancels(employee):
    booking = book(make_person())
    host = make_host().user
    page = signed_in(employee)

    assert page.get(f"/feedback/office-hours/bookings/{booking.pk}/move/").status_code == 403
    assert page.post(f"/feedback/office-hours/bookings/{booking.pk}/cancel/").status_code == 403
    assert page.get(f"/feedback/office-hours/bookings/{booking.pk}/calendar.ics").status_code == 403
    response = signed_in(host).post(f"/feedback/office-hours/bookings/{booking.pk}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_the_host_sees_the_bookings_ahead_and_writes_notes_the_booker_does_not_see(employee):
    hanna = make_host(first_name="Hanna", last_name="Host")
    booking = book(employee.person, series=make_series(hanna), topic="Guardrails")
    host_page = signed_in(hanna.user)

    host_page.post(
        f"/feedback/office-hours/bookings/{booking.pk}/note/",
        {f"{booking.pk}-host_notes": "Bring the policy draft."},
    )
    content = host_page.get("/feedback/office-hours/host/").content.decode()
    mine = signed_in(employee).get("/feedback/office-hours/mine/").content.decode()

    assert "Guardrails" in content
    assert "Bring the policy draft." in content
    assert "Guardrails" in mine
    assert "Bring the policy draft." not in mine
    assert signed_in(employee).get("/feedback/office-hours/host/").status_code == 403


def test_the_host_page_and_my_bookings_take_as_many_queries_with_more_bookings(employee):
    hanna = make_host()
    series = make_series(hanna)
    book(employee.person, series=series)
    host_page, my_page = signed_in(hanna.user), signed_in(employee)

    def more_for_the_host() -> None:
        for starts_at in (TUE_1415, NEXT_TUE_1400):
            booking_note(booking=book(make_person(), starts_at, series), notes="n", actor=None)
        make_series(hanna, weekday=3)

    def more_of_mine() -> None:
        book(employee.person, starts_at=TUE_1430, series=series)
        book(
            employee.person,
            starts_at=datetime(2026, 12, 9, 9, tzinfo=UTC),
            series=make_series(weekday=2, starts=time(10), ends=time(11)),
        )

    assert_queries_do_not_grow(
        host_page, "/feedback/office-hours/host/", grow=more_for_the_host, shows="<tr"
    )
    assert_queries_do_not_grow(
        my_page, "/feedback/office-hours/mine/", grow=more_of_mine, shows="<tr"
    )


def test_a_host_creates_and_edits_a_series_on_the_form():
    hanna = make_host()
    page = signed_in(hanna.user)
    fields = {
        "weekday": "1",
        "starts": "14:00",
        "ends": "15:00",
        "slot_minutes": "15",
        "place": "",
        "online_url": "https://meet.example.com/ai",
        "first_date": "2026-12-01",
    }

    created = page.post("/feedback/office-hours/series/new/", fields)
    series = OfficeHourSeries.objects.get()
    edited = page.post(
        f"/feedback/office-hours/series/{series.pk}/edit/", {**fields, "ends": "16:00"}
    )
    refused = page.post("/feedback/office-hours/series/new/", {**fields, "online_url": ""})

    assert created.status_code == edited.status_code == 302
    series.refresh_from_db()
    assert (series.host, series.ends, series.first_date) == (hanna, time(16), date(2026, 12, 1))
    assert refused.status_code == 400
    assert "Give a place or a video link." in refused.content.decode()


def test_the_calendar_file_of_a_booking_reads_back_with_icalendar(employee):
    hanna = make_host(first_name="Hanna", last_name="Host", email="hanna@example.com")
    booking = book(employee.person, TUE_1415, make_series(hanna), topic="Prompts for offers")
    page = signed_in(employee)

    response = page.get(f"/feedback/office-hours/bookings/{booking.pk}/calendar.ics")
    (entry,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(entry["UID"]) == f"office-hours-booking-{booking.pk}@wandel.feedback"
    assert str(entry["SUMMARY"]) == "Office hours with Hanna Host"
    assert entry.decoded("DTSTART") == datetime(2026, 12, 8, 13, 15, tzinfo=UTC)
    assert entry.decoded("DTEND") == datetime(2026, 12, 8, 13, 30, tzinfo=UTC)
    assert str(entry["DESCRIPTION"]) == "Topic: Prompts for offers"
    assert str(entry["LOCATION"]) == "Room 2.01"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["ORGANIZER"]) == "mailto:hanna@example.com"

    page.post(f"/feedback/office-hours/bookings/{booking.pk}/cancel/")
    again = page.get(f"/feedback/office-hours/bookings/{booking.pk}/calendar.ics")
    (cancelled,) = icalendar.Calendar.from_ical(again.content).walk("VEVENT")
    assert str(cancelled["UID"]) == str(entry["UID"])
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_office_hours_are_in_the_navigation_of_every_employee(employee):
    content = signed_in(employee).get("/feedback/office-hours/mine/").content.decode()

    assert 'href="/feedback/office-hours/"' in content
    assert ">Office hours<" in content
