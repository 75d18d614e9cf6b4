"""An employee books an office-hour slot with a topic, moves it to the next slot, and the
host sees the booking on their page and writes a note."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in, sign_out
from tests.support.office_hours import make_host, make_series
from tests.support.personas import make_person, make_unit
from wandel.feedback.officehours.models import Booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_book_a_slot_with_a_topic_move_it_and_the_host_writes_a_note(page: Page, live_server):
    sales = make_unit("SAL", "Sales")
    anna = make_person(unit=sales, email="anna@example.com", first_name="Anna", last_name="Berg")
    hanna = make_host(email="hanna@example.com", first_name="Hanna", last_name="Host")
    # The day after tomorrow, whatever day the suite runs: its slots all lie ahead.
    today = timezone.localdate()
    day = today + datetime.timedelta(days=2)
    make_series(hanna, weekday=day.weekday(), first_date=today, place="Room 2.01")
    when = day.strftime("%Y-%m-%d")

    sign_in(page, live_server, "anna@example.com")
    page.get_by_role("navigation").get_by_role("link", name="Office hours").first.click()
    first = page.locator("#slots tbody tr", has_text="Hanna Host").first
    expect(first.locator("time")).to_have_attribute(
        "datetime", f"{when}T14:00:00+0{_offset(day)}:00"
    )
    first.get_by_role("link", name="Book").click()
    page.get_by_label("Topic").fill("Prompts for customer offers")
    page.get_by_role("button", name="Book").click()
    expect(page.locator(".message.success")).to_have_text("Booked: office hours with Hanna Host.")
    row = page.locator("#bookings tbody tr", has_text="Prompts for customer offers")
    expect(row.locator("time")).to_have_attribute("datetime", f"{when}T14:00:00+0{_offset(day)}:00")

    row.get_by_role("link", name="Move").click()
    page.get_by_label("New slot").select_option(index=1)
    page.get_by_role("button", name="Move").click()
    expect(page.locator(".message.success")).to_have_text("The booking is moved.")
    expect(row.locator("time")).to_have_attribute("datetime", f"{when}T14:30:00+0{_offset(day)}:00")
    sign_out(page)

    sign_in(page, live_server, "hanna@example.com")
    page.goto(f"{live_server.url}/feedback/office-hours/host/")
    booking_row = page.locator("#host-bookings tbody tr", has_text="Anna Berg")
    expect(booking_row).to_contain_text("Prompts for customer offers")
    booking_row.get_by_label("Notes on the booking of Anna Berg").fill("Bring two real offers.")
    booking_row.get_by_role("button", name="Save notes").click()
    expect(page.locator(".message.success")).to_have_text("Notes saved.")
    expect(page.get_by_label("Notes on the booking of Anna Berg")).to_have_value(
        "Bring two real offers."
    )
    booking = Booking.objects.get()
    assert (booking.person, booking.host_notes) == (anna, "Bring two real offers.")


def _offset(day: datetime.date) -> int:
    """Berlin's offset from UTC in hours on ``day``: 2 in summer time, 1 in winter."""
    from zoneinfo import ZoneInfo

    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo("Europe/Berlin"))
    offset = noon.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 3600)
