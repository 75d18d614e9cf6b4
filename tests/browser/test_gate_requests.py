"""End to end in a real browser, with a real SMTP server on loopback: a product owner meets
the pilot gate and asks the ethics board for a review; a board member finds it on their home
page and in their mail, completes the review, and the owner is told in the app and by mail."""

from __future__ import annotations

import re
from email.header import decode_header, make_header

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in, sign_out
from tests.support.governance import prototype_with_personal_data
from tests.support.personas import make_user
from tests.support.tasks import run_due_tasks
from wandel.core.roles import Role
from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Antwortentwürfe mit Kundendaten"


def mail_to(inbox, address: str) -> list[str]:
    """The subjects of the mails to ``address``, decoded."""
    return [
        str(make_header(decode_header(message["Subject"])))
        for message in inbox.messages
        if message["To"] == address
    ]


def test_an_owner_asks_for_an_ethics_review_and_hears_the_outcome(page: Page, live_server, inbox):
    checklist_ensure_defaults()
    steerco = make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    use_case = prototype_with_personal_data(steerco)
    owner = make_user(Role.PRODUCT_OWNER, email="owner@example.com")
    product_owner_set(use_case=use_case, person=owner.person, actor=None)
    make_user(Role.ETHICS_BOARD, email="ethik@example.com")
    run_due_tasks()
    inbox.messages.clear()

    sign_in(page, live_server, "owner@example.com")
    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    page.get_by_label("Move to").select_option(label="Pilot")
    page.get_by_label("Why").fill("Pilot im Kundenservice starten")
    page.get_by_role("button", name="Move").click()
    expect(page.locator(".missing").first).to_have_text("An ethics review with a positive outcome")

    gate = page.locator("#gate")
    expect(gate.get_by_role("heading", level=2)).to_have_text("Before the move to “Pilot”")
    gate.get_by_role("button", name="Ask the ethics board for a review").click()
    expect(page.locator(".message.success")).to_have_text(
        "Asked the ethics board. They are notified and see it on their home page."
    )
    expect(page.locator("#gate")).to_contain_text("Asked for by")
    run_due_tasks()
    assert mail_to(inbox, "ethik@example.com") == [
        f"Wandel: {owner} asks for “An ethics review with a positive outcome” on “{TITLE}” "
        "(the move to Pilot)."
    ]
    sign_out(page)

    sign_in(page, live_server, "ethik@example.com")
    asked = page.locator("section.todo-list", has_text="Asked of you")
    asked.get_by_role("link", name=re.compile(TITLE)).click()
    page.get_by_role("button", name="Start an ethics review").click()
    rows = page.locator(".score-row")
    for index in range(rows.count()):
        rows.nth(index).get_by_label("No concern").check()
    page.get_by_label("Outcome").select_option(label="Approved")
    page.get_by_label("Reasons").fill("Nutzen klar, Daten minimiert.")
    page.get_by_role("button", name="Complete the review").click()
    expect(page.locator(".message.success")).to_have_text("Ethics review completed: Approved.")
    page.goto(f"{live_server.url}/")
    expect(page.locator("section.todo-list", has_text="Asked of you")).to_have_count(0)
    sign_out(page)

    run_due_tasks()
    expected = f"The ethics board completed its review of “{TITLE}”: Approved."
    assert mail_to(inbox, "owner@example.com") == [f"Wandel: {expected}"]
    sign_in(page, live_server, "owner@example.com")
    page.get_by_role("link", name=re.compile(r"Notifications: \d+ unread")).click()
    expect(page.get_by_role("button", name=expected)).to_be_visible()
    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    expect(page.locator('#gate li[data-need="ethics_review"] .badge')).to_have_text("done")
