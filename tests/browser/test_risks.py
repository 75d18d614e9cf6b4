"""IT & security keeps the risk register in a real browser: records a risk, adds a
mitigation and closes it with a note, finds the risk in its heat-map cell, and puts it to the
steering committee."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support.browser import pick, sign_in
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.risks.models import Mitigation, Risk, RiskAction, RiskStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_records_a_risk_with_a_mitigation_sees_it_in_the_heat_map_and_requests_acceptance(
    page: Page, live_server
):
    make_user(Role.IT_SECURITY, email="it@example.com")
    owner = make_person(first_name="Ines", last_name="Sicherheit", account=False)
    use_case = make_use_case(title="Angebotsassistent")
    review_on = (timezone.localdate() + timedelta(days=60)).isoformat()
    sign_in(page, live_server, "it@example.com")

    page.goto(f"{live_server.url}/governance/risks/")
    expect(page.locator('a.heat-cell[data-count="0"]')).to_have_count(25)
    page.get_by_role("link", name="Record a risk").click()
    pick(page, "Use case", "angebot", "Angebotsassistent")
    page.get_by_label("Title").fill("Assistant invents discounts")
    page.get_by_label("Description").fill("Customers receive offers with made-up discounts.")
    page.get_by_label("Category").select_option(label="Quality / hallucination")
    page.get_by_label("Likelihood:", exact=True).select_option("4")
    page.get_by_label("Impact:", exact=True).select_option("5")
    pick(page, "Risk owner", "sicher", "Ines Sicherheit")
    page.get_by_label("Next review").fill(review_on)
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message.success")).to_have_text(
        "Risk “Assistant invents discounts” recorded."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Assistant invents discounts")
    expect(page.get_by_text("No mitigations yet.")).to_be_visible()

    mitigations = page.locator("#mitigations")
    mitigations.get_by_label("Measure").fill("Discounts only from the price list")
    mitigations.get_by_label("Status:", exact=True).select_option(label="In progress")
    pick(mitigations, "Owner", "ines", "Ines Sicherheit")
    mitigations.get_by_role("button", name="Add mitigation").click()
    expect(page.locator(".message.success")).to_have_text("Mitigation added.")
    row = page.locator("tr.mitigation")
    expect(row).to_contain_text("Discounts only from the price list")

    row.locator("summary").click()
    row.get_by_label("Closing note").fill("The assistant reads discounts from the price list.")
    row.get_by_role("button", name="Close mitigation").click()
    expect(page.locator(".message.success")).to_have_text(
        "Mitigation “Discounts only from the price list” closed."
    )
    expect(row).to_contain_text("Closed on")
    expect(row).to_contain_text("The assistant reads discounts from the price list.")
    expect(row.get_by_role("button", name="Close mitigation")).to_have_count(0)

    page.get_by_role("link", name="Risk register").click()
    cell = page.locator('a.heat-cell[data-likelihood="4"][data-impact="5"]')
    expect(cell).to_have_attribute("data-count", "1")
    expect(cell.locator("text")).to_have_text("1")
    cell.click()
    expect(page).to_have_url(re.compile(r"likelihood=4&impact=5"))
    expect(page.locator("table.risks tbody tr")).to_have_count(1)
    page.locator("table.risks").get_by_role("link", name="Assistant invents discounts").click()

    page.get_by_role("button", name="Request acceptance").click()
    expect(page.locator(".message.success")).to_contain_text("Acceptance requested")
    expect(page.locator("#risk-status")).to_have_text("Acceptance requested")
    expect(page.get_by_role("button", name="Request acceptance")).to_have_count(0)

    risk = Risk.objects.get()
    assert (risk.status, risk.use_case, risk.owner) == (
        RiskStatus.ACCEPTANCE_REQUESTED,
        use_case,
        owner,
    )
    mitigation = Mitigation.objects.get()
    assert (mitigation.status, mitigation.closed_on) == ("done", timezone.localdate())
    assert list(
        AuditEvent.objects.filter(target_id=str(risk.pk), target_type="governance.Risk")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        RiskAction.RECORDED,
        RiskAction.MITIGATION_ADDED,
        RiskAction.MITIGATION_CLOSED,
        RiskAction.ACCEPTANCE_REQUESTED,
    ]
