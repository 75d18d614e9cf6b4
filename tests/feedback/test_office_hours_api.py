"""Office hours over the API: the next free slots, booking one (a taken slot is refused with
409), one's own bookings and cancelling one (someone else's only by a host); the slot list
costs the same queries with more series. The clock stands at Monday 2026-12-07 10:00 in
Berlin; series are Tuesdays 14:00–15:00 in 15-minute slots."""

from __future__ import annotations

import json

import pytest

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.office_hours import NOW, TUE_1400, make_host, make_series
from tests.support.personas import make_person
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.feedback.officehours.models import Booking, BookingStatus
from wandel.feedback.officehours.services import booking_book

pytestmark = pytest.mark.django_db

F = "/api/v1/feedback/office-hours"


@pytest.fixture(autouse=True)
def _monday_morning():
    with frozen(NOW):
        yield


def post(client, url: str, user, body: object = None):
    return client.post(
        url, json.dumps(body or {}), content_type="application/json", headers=bearer(user)
    )


def test_the_next_free_slots_name_their_host_place_and_times(client, employee):
    host = make_host(first_name="Hanna", last_name="Host")
    series = make_series(host, online_url="https://meet.example.com/ai")
    booking_book(series=series, starts_at=TUE_1400, person=make_person(), topic="A", actor=None)

    slots = client.get(f"{F}/slots", headers=bearer(employee)).json()

    assert len(slots) == 7
    assert slots[0] == {
        "series": series.pk,
        "host": {"id": host.pk, "name": "Hanna Host"},
        "starts_at": "2026-12-08T13:15:00Z",
        "ends_at": "2026-12-08T13:30:00Z",
        "place": "Room 2.01",
        "online_url": "https://meet.example.com/ai",
    }
    assert slots[-1]["starts_at"] == "2026-12-15T13:45:00Z"


def test_an_employee_books_lists_and_cancels_their_booking(client, employee):
    series = make_series()

    created = post(
        client,
        f"{F}/bookings",
        employee,
        {"series": series.pk, "starts_at": "2026-12-08T14:00:00+01:00", "topic": " Prompts "},
    )
    mine = client.get(f"{F}/bookings", headers=bearer(employee)).json()
    booking_id = created.json()["id"]
    cancelled = post(client, f"{F}/bookings/{booking_id}/cancel", employee)

    assert created.status_code == 201
    assert created.json()["starts_at"] == "2026-12-08T13:00:00Z"
    assert created.json()["ends_at"] == "2026-12-08T13:15:00Z"
    assert created.json()["topic"] == "Prompts"
    assert [b["id"] for b in mine["items"]] == [booking_id]
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    actions = AuditEvent.objects.filter(action__startswith="feedback.").order_by("id")
    assert list(actions.values_list("action", flat=True)) == [
        "feedback.office_hours_created",
        "feedback.office_hours_booked",
        "feedback.office_hours_cancelled",
    ]


def test_a_taken_slot_is_refused_with_409(client, employee):
    series = make_series()
    booking_book(series=series, starts_at=TUE_1400, person=make_person(), topic="A", actor=None)

    response = post(
        client,
        f"{F}/bookings",
        employee,
        {"series": series.pk, "starts_at": "2026-12-08T13:00:00Z", "topic": "B"},
    )

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "This slot has just been booked by someone else; choose another one."
    )


def test_someone_else_s_booking_is_cancelled_by_a_host_only(client, employee):
    booking = booking_book(
        series=make_series(), starts_at=TUE_1400, person=make_person(), topic="A", actor=None
    )

    refused = post(client, f"{F}/bookings/{booking.pk}/cancel", employee)
    by_host = post(client, f"{F}/bookings/{booking.pk}/cancel", make_host().user)

    assert refused.status_code == 403
    assert by_host.status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_the_slot_list_takes_as_many_queries_with_more_series(client, employee):
    make_series()
    headers = bearer(employee)

    def more() -> None:
        for weekday in (2, 3):
            make_series(weekday=weekday)
        assert Booking.objects.count() == 0

    assert_queries_do_not_grow(
        client, f"{F}/slots", grow=more, shows=lambda r: len(r.json()), headers=headers
    )
