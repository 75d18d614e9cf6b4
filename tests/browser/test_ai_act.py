"""A product owner classifies their use case under the EU AI Act in a real browser: the
questions appear step by step, the employment area makes it high-risk, and the obligations
are confirmed with evidence."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support.browser import sign_in
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.ai_act.models import AiActAction, Classification
from wandel.governance.facts import RiskClass
from wandel.org.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def question(page: Page, text: str) -> Locator:
    return page.get_by_role("group", name=re.compile(re.escape(text)))


def answer(page: Page, text: str, *options: str, why: str) -> None:
    group = question(page, text)
    expect(group).to_be_visible()
    for option in options:
        group.get_by_label(option, exact=len(option) < 4).check()
    group.get_by_label("Rationale").fill(why)


def test_a_product_owner_classifies_a_use_case_as_high_risk_and_confirms_obligations(
    page: Page, live_server, settings, tmp_path
):
    settings.DATA_DIR = tmp_path  # the shipped questionnaire
    owner = make_user(Role.PRODUCT_OWNER, email="owner@example.com")
    use_case = make_use_case(title="Auswertung der Ticketbearbeitung", personal_data=True)
    use_case.product_owner = Person.objects.get(user=owner)
    use_case.save()
    sign_in(page, live_server, "owner@example.com")

    page.goto(f"{live_server.url}/governance/ai-act/{use_case.pk}/")
    expect(page.get_by_text("This use case has not been classified yet.")).to_be_visible()
    role = question(page, "What is your organisation's role for this system?")
    expect(role).to_be_hidden()  # step by step: it appears after the first answer

    answer(
        page,
        "Is the use case an AI system",
        "Yes, it is an AI system",
        why="Built on a local language model.",
    )
    expect(role).to_be_visible()
    answer(page, "What is your organisation's role", "We use a system", why="Vendor product.")
    answer(
        page,
        "fine-tune a general-purpose AI model",
        "No — we only use a model",
        why="We run the vendor's model unchanged.",
    )
    answer(page, "any of these practices", "None of these", why="No such use.")
    answer(page, "recognise emotions or intentions", "No", why="Text only.")
    purpose = question(page, "For which purposes is it used in employment")
    expect(purpose).to_be_hidden()
    answer(
        page,
        "intended to be used in one of these areas",
        "Employment, workers' management",
        why="Team leads see the results.",
    )
    answer(
        page,
        "For which purposes is it used in employment",
        "Monitoring and evaluating the performance",
        why="It rates ticket handling per agent.",
    )
    answer(page, "safety component of a product", "No", why="Office software.")
    answer(page, "Does the system profile people?", "Yes", why="Per-agent quality scores.")
    answer(
        page,
        "Does the system affect employees",
        "It records or evaluates the behaviour or performance",
        why="Per-person ratings.",
    )
    answer(
        page,
        "evaluated per person",
        "Yes, use could be evaluated per person",
        why="Ratings are stored per agent.",
    )
    answer(page, "make decisions about people", "Yes", why="Feeds appraisals.")
    answer(page, "public body", "Neither", why="Private company.")
    answer(page, "interact directly with the system", "No", why="A report, no chat.")
    answer(page, "Which content does the system generate", "None", why="Scores only.")

    preview = page.locator("#preview")
    expect(preview).to_contain_text("Result:")
    expect(preview).to_contain_text("High-risk (Annex III)")
    expect(preview).to_contain_text("Inform workers' representatives and affected workers")
    page.get_by_role("button", name="Save classification").click()

    expect(page.locator(".message.success")).to_have_text("Classification saved.")
    result = page.locator("#result")
    expect(result).to_contain_text("High-risk (Annex III)")
    obligations = page.locator("#obligations")
    expect(obligations).to_contain_text("9 obligations still need to be confirmed")

    for title, evidence in (
        ("Keep the logs for at least six months", "Gateway retention set to 12 months."),
        (
            "Inform workers' representatives and affected workers before use",
            "Works council informed on 3 November; staff meeting on 10 November.",
        ),
    ):
        item = obligations.get_by_role("listitem").filter(
            has=page.get_by_role("heading", name=title)
        )
        item.get_by_text("Confirm with evidence").click()
        item.get_by_label("Evidence").fill(evidence)
        item.get_by_role("button", name="Confirm obligation").click()
        expect(page.locator(".message.success")).to_have_text("Obligation confirmed.")
        confirmed = (
            page.locator("#obligations")
            .get_by_role("listitem")
            .filter(has=page.get_by_role("heading", name=title))
        )
        expect(confirmed).to_contain_text(evidence)
        expect(confirmed.locator(".badge.ok")).to_have_text("confirmed")
        obligations = page.locator("#obligations")

    expect(obligations).to_contain_text("7 obligations still need to be confirmed")
    classification = Classification.objects.get()
    assert classification.risk_class == RiskClass.HIGH
    assert classification.employee_impact
    assert classification.classified_by == owner
    assert classification.rationales["profiling"] == "Per-agent quality scores."
    assert sorted(classification.confirmations.values_list("obligation_id", flat=True)) == [
        "hr_inform_workers",
        "hr_logs",
    ]
    assert AuditEvent.objects.filter(action=AiActAction.CLASSIFIED).count() == 1
    assert AuditEvent.objects.filter(action=AiActAction.OBLIGATION_CONFIRMED).count() == 2
