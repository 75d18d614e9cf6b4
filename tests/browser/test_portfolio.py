"""Portfolio workflows in a real browser: submit with the similar-ideas hint, score and see
the use case move in the matrix, and carry it through the lifecycle."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import describe_idea, sign_in
from tests.support.personas import make_unit, make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.roles import Role
from wandel.portfolio.use_cases.models import Criterion, Stage, UseCase

pytestmark = pytest.mark.django_db(transaction=True)


def test_submit_an_idea_and_see_the_similar_ideas_hint(page: Page, live_server):
    make_unit(name="Recht & Compliance")
    existing = make_use_case(title="Klauseln aus Lieferverträgen extrahieren")
    make_user(email="someone@example.com")
    sign_in(page, live_server, "someone@example.com")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio").click()
    page.get_by_role("link", name="Submit an idea").click()
    page.get_by_label("Title").press_sequentially("Vertragsklauseln extrahieren", delay=20)

    hint = page.locator("#similar")
    expect(hint).to_contain_text("Similar ideas already exist")
    expect(hint.get_by_role("link", name=existing.title)).to_be_visible()

    describe_idea(
        page,
        problem="Jeder Vertrag wird von Hand gelesen.",
        process="Vertragsprüfung",
        unit="Recht & Compliance",
        benefit="30 Stunden pro Monat",
        data="Lieferverträge",
        capability="Extraction",
    )

    expect(page.locator(".message.success")).to_contain_text("Your idea has been submitted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vertragsklauseln extrahieren")
    assert UseCase.objects.get(title="Vertragsklauseln extrahieren").stage == Stage.IDEA


def test_score_a_use_case_and_see_it_move_in_the_matrix(page: Page, live_server):
    make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    use_case = make_use_case(title="Antwortentwürfe Kundenservice", people_helped=120)
    score_all(use_case, 2)
    sign_in(page, live_server, "steerco@example.com")
    page.goto(f"{live_server.url}/portfolio/matrix/")
    bubble = page.locator(f'a[data-use-case="{use_case.pk}"] circle')
    before = (float(bubble.get_attribute("cx")), float(bubble.get_attribute("cy")))

    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    page.get_by_role("link", name="Score", exact=True).click()
    for criterion in Criterion.objects.filter(active=True).exclude(group="risk"):
        group = page.get_by_role("group", name=re.compile(re.escape(criterion.name_en)))
        group.get_by_label("5").check()
    page.get_by_role("button", name="Save scores").click()
    expect(page.locator(".message.success")).to_have_text("Scores saved.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio").click()
    page.get_by_role("link", name="Value × feasibility").click()
    bubble = page.locator(f'a[data-use-case="{use_case.pk}"] circle')
    after = (float(bubble.get_attribute("cx")), float(bubble.get_attribute("cy")))
    assert after[0] > before[0], "more feasible: further right"
    assert after[1] < before[1], "more valuable: further up"
    expect(page.get_by_role("row", name=re.compile("Antwortentwürfe"))).to_contain_text(
        "Quick wins"
    )


def test_move_a_use_case_through_the_lifecycle(page: Page, live_server):
    make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    unscored = make_use_case(title="Noch nicht bewertet")
    use_case = score_all(make_use_case(title="Besprechungsprotokolle"))
    sign_in(page, live_server, "steerco@example.com")

    page.goto(f"{live_server.url}/portfolio/{unscored.pk}/")
    page.get_by_label("Move to").select_option(label="Assessed")
    page.get_by_label("Why").fill("Bitte bewerten")
    page.get_by_role("button", name="Move").click()
    expect(page.locator(".missing")).to_contain_text("Score every criterion (12 still missing).")

    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    for stage, reason in (
        ("Assessed", "Bewertet im Lenkungskreis"),
        ("Approved", "Freigegeben"),
        ("Prototype", "Sprint startet"),
    ):
        page.get_by_label("Move to").select_option(label=stage)
        page.get_by_label("Why").fill(reason)
        page.get_by_role("button", name="Move").click()
        expect(page.locator(".message.success")).to_have_text(f"Moved to “{stage}”.")

    expect(page.locator(".move").first).to_contain_text("Sprint startet")
    expect(page.get_by_label("Move to").locator("option")).to_have_text(
        ["Approved", "Pilot", "Retired", "Rejected", "On hold"]
    )
    use_case.refresh_from_db()
    assert use_case.stage == Stage.PROTOTYPE
    assert use_case.moves.count() == 3
