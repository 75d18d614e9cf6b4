"""End to end in a real browser, with a real SMTP server on loopback: an employee submits an
idea, a colleague supports it, it moves, and both are told in the app and by e-mail."""

from __future__ import annotations

import re
from email.header import decode_header, make_header

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import describe_idea, sign_in, sign_out
from tests.support.personas import make_unit, make_user
from tests.support.portfolio import score_all
from tests.support.tasks import run_due_tasks
from wandel.core.roles import Role
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Besprechungsprotokolle zusammenfassen"
MOVED = f"“{TITLE}” moved from Idea to Assessed."


def subjects(inbox, address: str) -> list[str]:
    return [
        str(make_header(decode_header(message["Subject"])))
        for message in inbox.messages
        if message["To"] == address
    ]


def test_an_idea_is_supported_moves_and_both_hear_of_it(page: Page, live_server, inbox):
    make_unit(name="Einkauf")
    make_user(email="anna@example.com")
    make_user(email="ben@example.com")
    steerco = make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")

    sign_in(page, live_server, "anna@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio").click()
    page.get_by_role("link", name="Submit an idea").click()
    page.get_by_label("Title").fill(TITLE)
    describe_idea(
        page,
        problem="Protokolle schreibt jemand eine Stunde lang.",
        process="Teambesprechungen",
        unit="Einkauf",
        benefit="10 Stunden pro Monat",
        data="Besprechungsnotizen",
        capability="Text generation",
    )
    expect(page.locator(".support")).to_contain_text("Your idea: you are told whenever it moves.")
    sign_out(page)

    sign_in(page, live_server, "ben@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Support this idea (+1)").click()
    expect(page.locator(".message.success")).to_have_text(
        f"Thank you for your support. You are told when “{TITLE}” moves."
    )
    expect(page.locator(".supporters")).to_have_text("1 person supports this idea")
    sign_out(page)

    idea = UseCase.objects.get(title=TITLE)
    use_case_move(use_case=score_all(idea), to=Stage.ASSESSED, actor=steerco, reason="bewerten")
    run_due_tasks()

    assert subjects(inbox, "anna@example.com") == [f"Wandel: {MOVED}"]
    assert subjects(inbox, "ben@example.com") == [f"Wandel: {MOVED}"]
    sign_in(page, live_server, "ben@example.com")
    page.get_by_role("link", name=re.compile(r"Notifications: 1 unread")).click()
    page.get_by_role("button", name=MOVED).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    sign_out(page)

    sign_in(page, live_server, "anna@example.com")
    ideas = page.locator("section.todo-list", has_text="Your ideas")
    expect(ideas).to_contain_text("Assessed: the steering committee decides whether to go ahead.")
