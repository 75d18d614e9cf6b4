"""In a real browser: a new use case reaches the works council on its home page, first
among what waits for its assessment, and one click leads to the assessment."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.personas import make_unit, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_works_council_finds_a_new_use_case_on_its_home_page(page: Page, live_server):
    make_user(Role.WORKS_COUNCIL, email="betriebsrat@example.com")
    employee = make_user(email="ideas@example.com")
    use_case = make_use_case(
        actor=employee, title="Schichtpläne vorschlagen", unit=make_unit(name="Logistik")
    )

    sign_in(page, live_server, "betriebsrat@example.com")
    waiting = page.locator(
        "section.todo-list", has_text="Waiting for the works council's assessment"
    )
    expect(waiting.locator("h3 .count")).to_have_text("1")
    item = waiting.get_by_role("link", name="Schichtpläne vorschlagen")
    expect(waiting.locator("li").first).to_contain_text("Idea · Logistik")
    expect(page.get_by_role("link", name="Notifications: 1 unread")).to_be_visible()
    item.click()

    expect(page).to_have_url(
        f"{live_server.url}/governance/reviews/use-cases/{use_case.pk}/codetermination/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Works-council involvement")
    expect(page.locator("main")).to_contain_text("Schichtpläne vorschlagen")
