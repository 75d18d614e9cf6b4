"""In the browser: a use case with personal data is refused at the pilot gate, the refusal
names the DPIA and the ethics review (without links to pages the steering committee may not
use), and once both are done it moves on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.governance import (
    complete_dpia,
    complete_ethics_review,
    prototype_with_personal_data,
)
from tests.support.personas import make_user
from wandel.core.roles import Role
from wandel.portfolio.use_cases.models import Stage

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pilot_gate_names_the_dpia_and_the_ethics_review(page: Page, live_server):
    steerco = make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    use_case = prototype_with_personal_data(steerco)
    sign_in(page, live_server, "steerco@example.com")

    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    page.get_by_label("Move to").select_option(label="Pilot")
    page.get_by_label("Why").fill("Pilot im Kundenservice starten")
    page.get_by_role("button", name="Move").click()

    missing = page.locator(".missing")
    expect(missing).to_have_text(
        ["An ethics review with a positive outcome", "A completed and signed-off DPIA"]
    )
    expect(missing.get_by_role("link")).to_have_count(0)

    complete_dpia(use_case, make_user(Role.DATA_PROTECTION))
    complete_ethics_review(use_case, make_user(Role.ETHICS_BOARD))
    page.get_by_role("link", name="Governance").last.click()
    expect(page.locator("#gate-pilot .open")).to_have_count(0)

    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    page.get_by_label("Move to").select_option(label="Pilot")
    page.get_by_label("Why").fill("Pilot im Kundenservice starten")
    page.get_by_role("button", name="Move").click()
    expect(page.locator(".message.success")).to_have_text("Moved to “Pilot”.")
    use_case.refresh_from_db()
    assert use_case.stage == Stage.PILOT
