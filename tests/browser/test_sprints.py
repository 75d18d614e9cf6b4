"""A product owner plans a co-creation sprint for their use case with an interdisciplinary
team, moves a task through the board with buttons, writes a daily note, fills the retro with
an action (owner, due date) and ends the sprint: once where the gate refuses the move to the
prototype stage (the use case stays, the page says why), once where it allows it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support.browser import pick, sign_in
from tests.support.governance import MINIMAL_ANSWERS, at_stage
from tests.support.personas import make_person, make_unit
from wandel.core.roles import Role
from wandel.enablement.sprints.models import RetroAction, Sprint, SprintState
from wandel.governance.ai_act.services import classification_record
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db(transaction=True)


def approved_use_case(title: str) -> UseCase:
    sales = make_unit("SAL", "Sales")
    platform = make_unit("PLT", "Platform")
    owner = make_person(
        unit=sales,
        email="po@example.com",
        first_name="Paula",
        last_name="Owner",
        roles=(Role.PRODUCT_OWNER,),
    )
    make_person(
        unit=platform,
        email="ida@example.com",
        first_name="Ida",
        last_name="Ops",
        roles=(Role.IT_SECURITY,),
    )
    use_case = at_stage(Stage.APPROVED, title=title, unit=sales)
    UseCase.objects.filter(pk=use_case.pk).update(product_owner=owner)
    use_case.refresh_from_db()
    return use_case


def run_a_sprint(page: Page, live_server, use_case: UseCase) -> None:
    """Plan, start, work through the board and the retro, and end with the move asked for."""
    sign_in(page, live_server, "po@example.com")
    page.goto(f"{live_server.url}/enablement/sprints/")
    page.get_by_role("link", name="Plan a sprint").click()
    page.get_by_label("Title").fill("Antwortentwürfe in zwei Wochen")
    page.get_by_label("Goal").fill("A prototype that drafts answers to tickets.")
    pick(page, "Use cases", use_case.title)
    pick(page, "Team", "Paula")
    pick(page, "Team", "Ida")
    page.get_by_label("Starts on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message.success")).to_contain_text("planned")
    expect(page.locator("#team-warnings")).to_have_count(0)

    page.get_by_role("button", name="Start the sprint").click()
    expect(page.locator("#sprint-state")).to_have_text("Running")

    page.locator("#task-title").fill("Collect 50 tickets")
    page.get_by_role("button", name="Add the task").click()
    expect(page.locator("#column-todo")).to_contain_text("Collect 50 tickets")
    page.get_by_role("button", name="Move “Collect 50 tickets” to Doing").click()
    expect(page.locator("#column-doing")).to_contain_text("Collect 50 tickets")
    page.get_by_role("button", name="Move “Collect 50 tickets” to Done").click()
    expect(page.locator("#column-done")).to_contain_text("Collect 50 tickets")
    expect(page.locator("#column-todo")).not_to_contain_text("Collect 50 tickets")

    page.locator("#note-text").fill("Tickets exported; Ida set up the test gateway.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator("#note-list")).to_contain_text("Ida set up the test gateway")

    page.locator("#retro-kind").select_option(label="Went well")
    page.locator("#retro-text").fill("IT was there from day one")
    page.get_by_role("button", name="Add to the retro").click()
    expect(page.locator("#went-well")).to_contain_text("IT was there from day one")

    due = timezone.localdate() + datetime.timedelta(days=14)
    page.locator("#action-text").fill("Book anonymised test data a week ahead")
    page.locator("#action-owner").select_option(label="Ida Ops")
    page.locator("#action-due_on").fill(due.isoformat())
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator("#retro-actions")).to_contain_text("Book anonymised test data")
    expect(page.locator("#retro-actions")).to_contain_text("Ida Ops")

    page.get_by_role("link", name="End the sprint").click()
    page.get_by_label("The prototype works partly").check()
    page.get_by_label("Prototype link").fill("https://proto.intern/answers")
    page.get_by_label("Lessons learned").fill("Real tickets from the first day.")
    page.get_by_label("Move the linked use cases to the prototype stage").check()
    page.get_by_role("button", name="End the sprint").click()
    expect(page.locator("#sprint-state")).to_have_text("Ended")
    expect(page.locator("#demo-outcome")).to_have_text("The prototype works partly")


def test_the_gate_refuses_the_move_and_the_use_case_stays(page: Page, live_server):
    use_case = approved_use_case("Antwortentwürfe mit Bewertung")
    classification_record(
        use_case=use_case,
        answers={**MINIMAL_ANSWERS, "prohibited_practices": ["social_scoring"]},
        rationales={q: "begründet" for q in MINIMAL_ANSWERS},
        actor=None,
    )

    run_a_sprint(page, live_server, use_case)

    refused = page.locator(".message.error")
    expect(refused).to_contain_text(
        "“Antwortentwürfe mit Bewertung” cannot move to “Prototype” yet. Missing:"
    )
    expect(page.locator("#sprint-use-cases")).to_contain_text("Approved")
    use_case.refresh_from_db()
    assert use_case.stage == Stage.APPROVED
    sprint = Sprint.objects.get()
    assert (sprint.state, sprint.outcome) == (SprintState.ENDED, "partly")
    assert RetroAction.objects.get().owner.last_name == "Ops"


def test_the_gate_allows_the_move_and_the_use_case_is_a_prototype(page: Page, live_server):
    use_case = approved_use_case("Antwortentwürfe")

    run_a_sprint(page, live_server, use_case)

    expect(page.locator(".message.success").last).to_have_text(
        "“Antwortentwürfe” is now in the prototype stage."
    )
    expect(page.locator(".message.error")).to_have_count(0)
    expect(page.locator("#sprint-use-cases")).to_contain_text(re.compile("Prototype"))
    use_case.refresh_from_db()
    assert use_case.stage == Stage.PROTOTYPE
