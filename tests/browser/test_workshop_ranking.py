"""The ranking of a dot vote, clicked through in a real browser: hidden from participants
while voting is open (the facilitator sees it), shown to everyone once it is closed."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in, sign_out
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.portfolio.workshops import services as workshop_services

pytestmark = pytest.mark.django_db(transaction=True)

HIDDEN = "The ranking is shown once voting is closed."


def vote(page: Page, workshop_url: str, **dots: str) -> None:
    page.goto(workshop_url)
    page.get_by_role("link", name="Place your dots").click()
    for title, number in dots.items():
        page.get_by_label(title).fill(number)
    page.get_by_role("button", name="Save dots").click()
    expect(page.locator(".message.success")).to_contain_text("Your dots are saved")


def test_the_ranking_stays_hidden_from_participants_until_voting_is_closed(page: Page, live_server):
    unit = make_unit(name="Production")
    facilitator = make_user(Role.TRAINER, email="fay@example.com")
    anna = make_person(first_name="Anna", last_name="Arndt", email="anna@example.com")
    ben = make_person(first_name="Ben", last_name="Brandt", email="ben@example.com")
    workshop = workshop_services.workshop_create(
        actor=facilitator,
        title="Ideation Production",
        held_on=datetime.date(2030, 5, 4),
        participants=[anna, ben],
    )
    for title in ("Alpha reports", "Beta summaries"):
        workshop_services.workshop_idea_add(
            workshop=workshop, use_case=make_use_case(title=title, unit=unit), actor=facilitator
        )
    workshop_url = f"{live_server.url}{workshop.get_absolute_url()}"

    sign_in(page, live_server, "fay@example.com")
    page.goto(workshop_url)
    page.get_by_role("button", name="Open voting").click()
    expect(page.locator(".message.success")).to_have_text("Voting is open.")
    sign_out(page)

    sign_in(page, live_server, "anna@example.com")
    vote(page, workshop_url, **{"Beta summaries": "3"})
    sign_out(page)
    sign_in(page, live_server, "ben@example.com")
    vote(page, workshop_url, **{"Beta summaries": "1", "Alpha reports": "1"})

    # Ben sees the ideas, but neither their order by dots nor any dots.
    page.goto(workshop_url)
    expect(page.get_by_text(HIDDEN)).to_be_visible()
    expect(page.locator("table.ranking")).to_have_count(0)
    rows = page.locator("#ideas tbody tr")
    expect(rows.first).to_contain_text("Alpha reports")
    expect(rows.nth(1)).to_contain_text("Beta summaries")
    sign_out(page)

    sign_in(page, live_server, "fay@example.com")
    page.goto(workshop_url)
    expect(page.get_by_text("Only you see the ranking until voting is closed.")).to_be_visible()
    ranking = page.locator("table.ranking tbody tr")
    expect(ranking.first).to_contain_text("Beta summaries")
    expect(ranking.first.locator("td").nth(4)).to_have_text("4")
    page.get_by_role("button", name="Close voting").click()
    expect(page.locator(".message.success")).to_contain_text("Voting is closed")
    sign_out(page)

    sign_in(page, live_server, "ben@example.com")
    page.goto(workshop_url)
    expect(page.get_by_text(HIDDEN)).to_have_count(0)
    ranking = page.locator("table.ranking tbody tr")
    expect(ranking.first).to_contain_text("Beta summaries")
    expect(ranking.first.locator("td").nth(4)).to_have_text("4")
    expect(ranking.nth(1)).to_contain_text("Alpha reports")
    expect(ranking.nth(1).locator("td").nth(4)).to_have_text("1")
