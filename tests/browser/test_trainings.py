"""An employee enrols, the session fills, the next enrolment goes to the waiting list, a
cancellation moves it up and tells that person; the trainer takes attendance; the path
shows the course done and the unit's coverage changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in, sign_out
from tests.support.enablement import make_course, make_path, make_session, started
from tests.support.personas import make_person, make_unit
from wandel.core.models import Notification
from wandel.core.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_enrol_wait_move_up_attend_and_the_coverage_changes(page: Page, live_server):
    sales = make_unit("SAL", "Sales")
    team = make_unit("ENB", "Enablement team")
    make_person(unit=sales, email="anna@example.com", last_name="Anna")
    ben = make_person(unit=sales, email="ben@example.com", last_name="Ben")
    make_person(unit=team, email="trainer@example.com", roles=(Role.TRAINER,))
    course = make_course("Safe use of the company assistant")
    make_path([course], name="Everyone")
    session = make_session(course, capacity=1, place="Room 4.12")
    session_url = f"{live_server.url}/enablement/sessions/{session.pk}/"

    sign_in(page, live_server, "anna@example.com")
    page.goto(session_url)
    page.get_by_role("button", name="Enrol", exact=True).click()
    expect(page.locator("#my-status")).to_have_text("You are enrolled.")
    sign_out(page)

    sign_in(page, live_server, "ben@example.com")
    page.goto(session_url)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator("#my-status")).to_contain_text("You are number 1 on the waiting list")
    sign_out(page)

    sign_in(page, live_server, "anna@example.com")
    page.goto(session_url)
    page.get_by_role("button", name="Cancel my enrolment").click()
    expect(page.locator(".message.success")).to_have_text("Enrolment cancelled.")
    sign_out(page)

    (told,) = Notification.objects.filter(recipient=ben.user, event="enablement.moved_up")
    assert told.url == f"/enablement/sessions/{session.pk}/"
    sign_in(page, live_server, "ben@example.com")
    page.goto(session_url)
    expect(page.locator("#my-status")).to_have_text("You are enrolled.")
    sign_out(page)

    started(session)
    sign_in(page, live_server, "trainer@example.com")
    page.goto(f"{live_server.url}/enablement/literacy/")
    sales_row = page.locator("#by-unit tr", has_text="Sales")
    expect(sales_row).to_contain_text("0 %")
    page.goto(session_url)
    page.get_by_role("link", name="Take attendance").click()
    page.locator("label", has_text="Ben").locator("input").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".message.success")).to_have_text("Attendance saved: 1 present, 0 absent.")
    page.goto(f"{live_server.url}/enablement/literacy/")
    expect(page.locator("#by-unit tr", has_text="Sales")).to_contain_text("50 %")
    sign_out(page)

    sign_in(page, live_server, "ben@example.com")
    page.goto(f"{live_server.url}/enablement/my-path/")
    row = page.locator("#path tr", has_text="Safe use of the company assistant")
    expect(row).to_contain_text("Done")
