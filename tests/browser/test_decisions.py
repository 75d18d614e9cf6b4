"""The steering committee at work in a real browser: agenda, gate approval, correction."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support.browser import pick, sign_in
from tests.support.governance import classified_prototype
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.governance.decisions.meetings import meeting_create
from wandel.governance.decisions.models import Body, BodyKind, Decision, DecisionOutcome
from wandel.governance.decisions.queries import gate_approved
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db(transaction=True)


def test_prepare_a_meeting_approve_a_gate_and_correct_the_decision(page: Page, live_server):
    steerco = make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    body = Body.objects.create(name="AI steering committee", kind=BodyKind.STEERING_COMMITTEE)
    use_case = make_use_case(title="Summarise support tickets")
    UseCase.objects.filter(pk=use_case.pk).update(stage=Stage.PROTOTYPE)
    make_person(first_name="Olga", last_name="Owner", email="olga@example.com")
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    meeting_create(actor=steerco, body=body, held_on=next_week, title="SteerCo June")

    sign_in(page, live_server, "steerco@example.com")
    page.goto(f"{live_server.url}/governance/steering/")
    requests = page.locator("#open-requests")
    expect(requests).to_contain_text("Summarise support tickets")
    expect(requests).to_contain_text("Awaiting the pilot gate")

    next_meeting = page.locator("#next-meeting")
    expect(next_meeting).to_contain_text("SteerCo June")
    expect(next_meeting).to_contain_text("Nothing on the agenda yet.")
    page.get_by_role("button", name="Build agenda from open requests").click()
    expect(page.locator(".message.success")).to_have_text("1 open request added to the agenda.")
    expect(next_meeting.locator(".agenda li")).to_have_text(
        [re.compile(r"Pilot gate: Summarise support tickets")]
    )
    page.get_by_role("button", name="Build agenda from open requests").click()
    expect(page.locator(".message")).to_have_text("Every open request is already on the agenda.")
    expect(next_meeting.locator(".agenda li")).to_have_count(1)

    next_meeting.get_by_role("link", name="Record decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a decision")
    expect(
        page.get_by_text("For the agenda item “Pilot gate: Summarise support tickets”")
    ).to_be_visible()
    expect(page.get_by_label("Kind of decision")).to_have_value("gate_approval")
    expect(page.get_by_label("Gate:", exact=True)).to_have_value("pilot")
    expect(page.locator("input[name=use_case]:checked")).to_have_value(str(use_case.pk))
    page.get_by_label("Outcome").select_option(label="Approved with conditions")
    page.get_by_label("Decision:", exact=True).fill("The pilot may start with two support teams.")
    first = page.get_by_role("group", name="Condition 1")
    first.get_by_label("Condition").fill("Train both teams in prompting")
    pick(first, "Owner", "olga", "Olga Owner (olga@example.com)")
    first.get_by_label("Due on").fill("2031-03-31")
    page.get_by_role("button", name="Record decision").click()

    original = Decision.objects.get()
    expect(page.locator(".message.success")).to_have_text(f"Decision #{original.pk} recorded.")
    expect(page.locator("#conditions")).to_contain_text("Train both teams in prompting")
    assert gate_approved(use_case, "pilot")
    assert original.agenda_item is not None

    page.get_by_role("link", name="Correct (supersede)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Correct decision #{original.pk}")
    expect(page.get_by_label("Kind of decision")).to_be_disabled()
    corrected = page.get_by_role("group", name="Condition 1")
    expect(corrected.get_by_label("Condition")).to_have_value("Train both teams in prompting")
    corrected.get_by_label("Due on").fill("2031-06-30")
    page.get_by_label("Decision:", exact=True).fill(
        "The pilot may start with two support teams; training by the end of June."
    )
    page.get_by_role("button", name="Record the correction").click()

    correction = Decision.objects.get(supersedes=original)
    expect(page.locator(".message.success")).to_have_text(
        f"Decision #{correction.pk} recorded; it supersedes #{original.pk}."
    )
    expect(page.get_by_text(f"This decision corrects decision #{original.pk}.")).to_be_visible()
    assert correction.outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS
    assert correction.conditions.get().due_on == datetime.date(2031, 6, 30)
    assert gate_approved(use_case, "pilot")

    page.locator(".breadcrumbs").get_by_role("link", name="Decision register").click()
    rows = page.locator("tr.decision")
    expect(rows).to_have_count(2)
    old_row = page.locator("tr.decision.superseded")
    expect(old_row).to_have_count(1)
    expect(old_row).to_contain_text(f"#{original.pk}")
    expect(old_row).to_contain_text("superseded")
    old_row.get_by_role("link", name=f"corrected by #{correction.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Decision #{correction.pk}")


def test_the_decision_form_shows_the_fields_of_the_chosen_kind(page: Page, live_server):
    make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    Body.objects.create(name="KI-Lenkungskreis", kind=BodyKind.STEERING_COMMITTEE)
    sign_in(page, live_server, "steerco@example.com")
    page.goto(f"{live_server.url}/governance/decisions/new/")

    use_case = page.get_by_role("combobox", name="Use case")
    gate_stage = page.get_by_label("Gate:", exact=True)
    budget = page.get_by_label("Budget request")
    risk = page.get_by_label("Risk", exact=True)
    conditions = page.locator("#conditions")

    page.get_by_label("Kind of decision").select_option(label="Policy")
    for field in (use_case, gate_stage, budget, risk):
        expect(field).to_be_hidden()
    page.get_by_label("Kind of decision").select_option(label="Gate approval")
    expect(use_case).to_be_visible()
    expect(gate_stage).to_be_visible()
    expect(budget).to_be_hidden()
    page.get_by_label("Kind of decision").select_option(label="Budget")
    expect(budget).to_be_visible()
    expect(page.get_by_label("Approved amount (EUR)")).to_be_visible()
    expect(gate_stage).to_be_hidden()
    expect(gate_stage).to_be_disabled()

    page.get_by_label("Outcome").select_option(label="Approved")
    expect(conditions).to_be_hidden()
    page.get_by_label("Outcome").select_option(label="Approved with conditions")
    expect(conditions).to_be_visible()


def test_the_gate_approval_form_shows_what_the_gate_still_needs(page: Page, live_server):
    steerco = make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    use_case = classified_prototype(steerco, title="Protokolle zusammenfassen")
    sign_in(page, live_server, "steerco@example.com")

    page.goto(
        f"{live_server.url}/governance/decisions/new/"
        f"?use_case={use_case.pk}&kind=gate_approval&gate_stage=pilot"
    )

    readiness = page.locator("#gate-readiness")
    expect(readiness).to_contain_text(
        "What the gate to “Pilot” of “Protokolle zusammenfassen” needs besides this decision:"
    )
    expect(readiness.locator("li")).to_have_text(
        [
            "done An EU AI Act classification",
            "this decision A steering-committee gate decision for this stage",
        ]
    )
    page.get_by_label("Kind of decision").select_option(label="Policy")
    expect(readiness.locator("li")).to_have_count(0)
