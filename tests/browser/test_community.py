"""An employee joins a user group, registers for its meeting on the upcoming-events page,
the group's organiser takes attendance, and the employee downloads a training session's
calendar file."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in, sign_out
from tests.support.community import event_started, make_event, make_group
from tests.support.enablement import make_course
from tests.support.personas import make_person, make_unit
from wandel.enablement.community.models import Registration
from wandel.enablement.trainings.services import session_schedule

pytestmark = pytest.mark.django_db(transaction=True)


def test_join_register_attend_and_download_the_session_s_calendar_file(
    page: Page, live_server, tmp_path: Path
):
    sales = make_unit("SAL", "Sales")
    anna = make_person(unit=sales, email="anna@example.com", first_name="Anna", last_name="Berg")
    olga = make_person(unit=sales, email="olga@example.com", first_name="Olga", last_name="Lind")
    group = make_group("Prompting circle Sales", organisers=[olga])
    meeting = make_event("Circle: prompts for offers", group=group, place="Sales lounge")
    session = session_schedule(
        course=make_course("Prompting basics"),
        starts_at=datetime.datetime(2030, 3, 4, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 3, 4, 10, 0, tzinfo=datetime.UTC),
        capacity=10,
        place="Room 4.12",
        actor=None,
    )

    sign_in(page, live_server, "anna@example.com")
    page.goto(f"{live_server.url}/enablement/groups/")
    page.get_by_role("link", name="Prompting circle Sales").click()
    page.get_by_role("button", name="Join the group").click()
    expect(page.locator("#membership")).to_have_text("You are a member of this group.")

    page.goto(f"{live_server.url}/enablement/events/")
    row = page.locator("#events tr", has_text="Circle: prompts for offers")
    row.get_by_role("button", name="Register").click()
    expect(page.locator(".message.success")).to_have_text(
        "You are registered for “Circle: prompts for offers”."
    )
    expect(row).to_contain_text("registered")

    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    saved = tmp_path / "session.ics"
    download_info.value.save_as(saved)
    (entry,) = icalendar.Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Prompting basics"
    assert str(entry["LOCATION"]) == "Room 4.12"
    assert entry.decoded("DTSTART") == datetime.datetime(2030, 3, 4, 8, 0, tzinfo=datetime.UTC)
    sign_out(page)

    event_started(meeting)
    sign_in(page, live_server, "olga@example.com")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Take attendance").click()
    page.locator("label", has_text="Anna Berg").locator("input").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".message.success")).to_have_text("Attendance saved: 1 present, 0 absent.")
    expect(page.locator("#attendees tr", has_text="Anna Berg")).to_contain_text("present")
    assert Registration.objects.get(person=anna).attended is True
