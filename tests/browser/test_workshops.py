"""A use-case workshop clicked through in a real browser: plan, capture, vote, close, export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import pick, sign_in, sign_out
from tests.support.personas import make_person, make_unit, make_user
from wandel.core.roles import Role
from wandel.portfolio.workshops.models import Vote, Workshop, WorkshopStatus

pytestmark = pytest.mark.django_db(transaction=True)


def capture_idea(page: Page, title: str, unit: str) -> None:
    capture = page.locator("#capture")
    capture.get_by_label("Title").fill(title)
    capture.get_by_label("Problem today").fill("Too much manual work.")
    capture.get_by_label("Affected process").fill("Shift handover")
    capture.get_by_label("Unit").select_option(label=unit)
    capture.get_by_label("Expected benefit").fill("Two hours per week")
    capture.get_by_role("textbox", name="Data involved").fill("Shift logs")
    capture.get_by_label("LLM capability").select_option(label="Text generation")
    capture.get_by_role("button", name="Capture idea").click()
    expect(page.locator(".message.success")).to_have_text(f"Idea “{title}” captured.")


def test_run_a_workshop_with_dot_voting_and_download_the_result(
    page: Page, live_server, tmp_path: Path
):
    make_unit(name="Production")
    make_user(Role.ADMIN, email="admin@example.com")
    make_person(first_name="Anna", last_name="Arndt", email="anna@example.com")
    make_person(first_name="Ben", last_name="Brandt", email="ben@example.com")

    sign_in(page, live_server, "admin@example.com")
    page.goto(f"{live_server.url}/portfolio/workshops/")
    page.get_by_role("link", name="New workshop").click()
    page.get_by_label("Title").fill("Ideation Production")
    page.get_by_label("Date").fill("2030-05-04")
    page.get_by_label("Units").select_option(label="Production")
    pick(page, "Participants", "anna", "Anna Arndt (anna@example.com)")
    pick(page, "Participants", "brandt", "Ben Brandt (ben@example.com)")
    page.get_by_label("Agenda").fill("1. Pain points\n2. Ideas\n3. Dot voting")
    page.get_by_label("Dots per person").fill("3")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Ideation Production")
    workshop_url = page.url
    capture_idea(page, "Summarise handovers", "Production")
    capture_idea(page, "Draft maintenance reports", "Production")
    page.get_by_role("button", name="Open voting").click()
    expect(page.locator(".message.success")).to_have_text("Voting is open.")
    sign_out(page)

    sign_in(page, live_server, "anna@example.com")
    page.goto(workshop_url)
    page.get_by_role("link", name="Place your dots").click()
    page.get_by_label("Draft maintenance reports").fill("3")
    page.get_by_label("Summarise handovers").fill("1")
    expect(page.locator("#tally")).to_contain_text("4 of 3 dots placed")
    page.get_by_role("button", name="Save dots").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Each participant has 3 dots, but this distribution uses 4. Nothing was saved."
    )
    assert not Vote.objects.exists()

    page.get_by_label("Draft maintenance reports").fill("2")
    page.get_by_label("Summarise handovers").fill("1")
    page.get_by_role("button", name="Save dots").click()
    expect(page.locator(".message.success")).to_have_text("Your dots are saved (3 of 3).")
    expect(page).to_have_url(workshop_url)
    sign_out(page)

    sign_in(page, live_server, "admin@example.com")
    page.goto(workshop_url)
    page.get_by_role("button", name="Close voting").click()
    expect(page.locator(".message.success")).to_contain_text("Voting is closed")
    rows = page.locator("table.ranking tbody tr")
    expect(rows.first).to_contain_text("Draft maintenance reports")
    expect(rows.first.locator("td").nth(4)).to_have_text("2")
    expect(rows.nth(1)).to_contain_text("Summarise handovers")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert re.fullmatch(r"workshop-\d+-2030-05-04-results\.csv", download.suggested_filename)
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Rank,Title,Unit,Stage,Dots,Voters"
    assert lines[1] == "1,Draft maintenance reports,Production,Idea,2,1"
    assert Workshop.objects.get().status == WorkshopStatus.CLOSED
