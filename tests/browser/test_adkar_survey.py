"""The ADKAR survey end to end: an employee answers through their invitation; the programme
admin sees the response rate move but nowhere who answered what; once the wave is closed, the
works council sees the ADKAR heat map by unit with the small unit withheld, and a filter to
that unit is refused with the reason.

Sales (6 people) and Operations (6) answer fully; Human Resources has 3 people, two answer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import severe_violations, sign_in
from tests.support.personas import make_person, make_unit
from wandel.core.models import Notification
from wandel.core.roles import Role
from wandel.feedback.surveys.answering import ticket_for
from wandel.feedback.surveys.models import Participant, Response
from wandel.feedback.surveys.services import (
    invitations_send,
    response_submit,
    survey_create,
    wave_close,
    wave_open,
    wave_plan,
)

pytestmark = pytest.mark.django_db(transaction=True)

ADKAR = ("awareness", "desire", "knowledge", "ability", "reinforcement")


def token_of(person) -> str:
    url = Notification.objects.filter(recipient=person.user).latest("pk").url
    return url.rstrip("/").rsplit("/", 1)[-1]


def answer(person, values: tuple[int, int, int, int, int]) -> None:
    response_submit(
        ticket=ticket_for(token_of(person)), answers=dict(zip(ADKAR, values, strict=True))
    )


def test_an_employee_answers_the_admin_sees_the_rate_and_the_council_the_heat_map(
    page: Page, live_server
):
    sales, operations, hr = (
        make_unit("SAL", "Sales"),
        make_unit("OPS", "Operations"),
        make_unit("HR", "Human Resources"),
    )
    anna = make_person(unit=sales, email="anna@example.com", first_name="Anna")
    colleagues = [make_person(unit=sales, email=f"sales{n}@example.com") for n in range(5)]
    operators = [make_person(unit=operations, email=f"ops{n}@example.com") for n in range(6)]
    people_in_hr = [make_person(unit=hr, email=f"hr{n}@example.com") for n in range(3)]
    office = make_unit("ADM", "Admin office")
    make_person(unit=office, email="admin@example.com", roles=(Role.ADMIN,))
    make_person(unit=office, email="council@example.com", roles=(Role.WORKS_COUNCIL,))
    survey = survey_create(
        template="adkar",
        title_en="ADKAR readiness Q4",
        title_de="ADKAR-Bereitschaft Q4",
        target_units=[sales, operations, hr],
        actor=None,
    )
    wave = wave_plan(survey=survey, opens_on="2026-12-01", closes_on="2026-12-31", actor=None)
    wave_open(wave=wave, actor=None)
    invitations_send(wave=wave, actor=None)
    for person in colleagues:
        answer(person, (4, 4, 2, 4, 4))

    # Anna answers through the link in her invitation.
    page.goto(f"{live_server.url}{Notification.objects.get(recipient=anna.user).url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("ADKAR readiness Q4")
    for key, value in zip(ADKAR, ("5", "4", "3", "4", "5"), strict=True):
        page.locator(f"#question-{key}").get_by_label(value, exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("#thanks")).to_be_visible()
    assert Participant.objects.get(wave=wave, person=anna).answered

    # The admin sees six of fifteen answered, and nothing says who or what.
    sign_in(page, live_server, "admin@example.com")
    page.goto(f"{live_server.url}/feedback/surveys/{survey.pk}/")
    expect(page.locator(f"#rate-{wave.number}")).to_have_text("6 of 15 answered (40 %)")
    body = page.locator("main").inner_text()
    assert "Anna" not in body
    assert "anna@example.com" not in body

    for person in operators:
        answer(person, (5, 5, 5, 5, 5))
    for person in people_in_hr[:2]:
        answer(person, (1, 1, 1, 1, 1))
    page.reload()
    expect(page.locator(f"#rate-{wave.number}")).to_have_text("14 of 15 answered (93 %)")
    wave_close(wave=wave, actor=None)
    assert Response.objects.filter(wave=wave).count() == 14

    # The works council reads the heat map by unit: Human Resources (2) is withheld, and
    # with it the next smallest unit, so that the total does not give it away.
    page.context.clear_cookies()
    sign_in(page, live_server, "council@example.com")
    page.locator("nav").get_by_role("link", name="Surveys").click()
    page.locator("#surveys tr", has_text=survey.title_en).get_by_role(
        "link", name="Results"
    ).click()
    page.locator("select[name=group_by]").select_option("unit")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"group_by=unit"))
    heat = page.locator("#adkar-table")
    expect(heat).to_be_visible()
    expect(page.locator("#adkar-heat svg.chart-matrix")).to_be_visible()
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in heat.locator("tbody tr").all()
    }
    assert rows["Human Resources"][0] == "too few responses"
    assert set(rows["Human Resources"][1:]) == {"–"}
    # Sales and Operations have 6 each; the first in order goes with Human Resources.
    shown = [name for name in ("Operations", "Sales") if rows[name][0] != "too few responses"]
    assert len(shown) == 1
    assert rows["Everyone"][0] == "14"
    assert not re.search(r"\b1\.0\b", " ".join(" ".join(v) for v in rows.values()))
    assert severe_violations(page) == []

    page.goto(f"{live_server.url}/feedback/surveys/{survey.pk}/results/?unit=HR")
    expect(page.locator("#refused")).to_contain_text("fewer responses")
