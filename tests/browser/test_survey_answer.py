"""An employee opens the invitation link of a survey, answers part of it, saves, comes back
later on the same browser to find their answers, and sends them; the survey's page then
shows the response rate moved."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import severe_violations, sign_in
from tests.support.personas import make_person, make_unit
from wandel.core.models import Notification
from wandel.core.roles import Role
from wandel.feedback.surveys.models import Response
from wandel.feedback.surveys.services import (
    invitations_send,
    survey_create,
    wave_open,
    wave_plan,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_answers_in_two_sittings_and_the_rate_moves(page: Page, live_server):
    sales = make_unit("SAL", "Sales")
    anna = make_person(unit=sales, email="anna@example.com", first_name="Anna")
    for number in range(4):
        make_person(unit=sales, email=f"colleague{number}@example.com")
    office = make_unit("ADM", "Admin office")
    make_person(unit=office, email="admin@example.com", roles=(Role.ADMIN,))
    survey = survey_create(
        template="pulse_genai",
        title_en="Pulse Q4",
        title_de="Stimmungsbild Q4",
        target_units=[sales],
        actor=None,
    )
    wave = wave_plan(survey=survey, opens_on="2026-12-01", closes_on="2026-12-31", actor=None)
    wave_open(wave=wave, actor=None)
    invitations_send(wave=wave, actor=None)
    link = Notification.objects.get(recipient=anna.user).url

    page.goto(f"{live_server.url}{link}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pulse Q4")
    page.locator("#question-trust").get_by_label("4").check()
    page.locator("#question-usefulness").get_by_label("5").check()
    page.get_by_role("button", name="Save and continue later").click()
    expect(page.locator("#draft-saved")).to_be_visible()

    page.goto(f"{live_server.url}{link}")
    expect(page.locator("#draft-resumed")).to_be_visible()
    expect(page.locator("#question-trust").get_by_label("4")).to_be_checked()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("#answer-errors")).to_be_visible()
    expect(page.locator("#error-workload")).to_have_text("Please answer this question.")
    assert severe_violations(page) == []
    page.locator("#question-workload").get_by_label("3").check()
    page.locator("#question-worries").get_by_label("2").check()
    page.locator("#question-recommend").get_by_label("8").check()
    page.get_by_label("Anything else you want to tell us?").fill("More examples, please.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("#thanks")).to_be_visible()
    assert Response.objects.filter(wave=wave).count() == 1

    page.goto(f"{live_server.url}{link}")
    expect(page.locator("#refusal")).to_contain_text("already been answered")

    sign_in(page, live_server, "admin@example.com")
    page.goto(f"{live_server.url}/feedback/surveys/{survey.pk}/")
    expect(page.locator("#rate-1")).to_have_text("1 of 5 answered (20 %)")
    expect(page.locator("#wave-1 table.groups")).to_contain_text("1 (20 %)")
    assert severe_violations(page) == []
