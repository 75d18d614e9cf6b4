"""Ethics review and DPIA, clicked through in a real browser: the data protection officer
checks the DPIA threshold and signs off the DPIA; an ethics board member completes a
review with a condition."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import pick, sign_in, sign_out
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.governance.reviews.dpia.models import Dpia, DpiaStatus
from wandel.governance.reviews.dpia.queries import dpia_state
from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults
from wandel.governance.reviews.ethics.models import EthicsOutcome
from wandel.governance.reviews.ethics.queries import ethics_passed

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dpo_finds_a_dpia_is_required_and_the_controller_signs_it_off(page: Page, live_server):
    make_user(Role.DATA_PROTECTION, email="dpo@example.com")
    controller = make_user(Role.PRODUCT_OWNER, email="hr.lead@example.com")
    use_case = make_use_case(
        title="Bewerbungen vorsortieren",
        personal_data=True,
        data_involved="Bewerbungsunterlagen, Lebensläufe",
    )
    sign_in(page, live_server, "dpo@example.com")

    page.goto(f"{live_server.url}/governance/reviews/")
    page.locator("#waiting-for-check").get_by_role("link", name=use_case.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DPIA threshold check")

    page.get_by_label("Data concerning vulnerable data subjects").check()
    expect(page.locator("#preview")).to_contain_text("No DPIA is required.")
    page.get_by_label("Innovative use or new technological or organisational solutions").check()
    expect(page.locator("#preview")).to_contain_text("A DPIA is required.")
    page.get_by_role("button", name="Record the check").click()
    expect(page.locator(".messages .message")).to_have_text(
        "Threshold check recorded: a DPIA is required."
    )
    expect(page.locator("#latest")).to_contain_text("2 of the nine WP248 criteria apply")

    page.get_by_role("link", name="Start the DPIA").click()
    page.get_by_label("Description of the processing").fill(
        "Das Modell fasst Bewerbungen zusammen; Recruiter entscheiden."
    )
    page.get_by_label("Necessity and proportionality").fill(
        "Art. 6 Abs. 1 Buchst. b DSGVO (Anbahnung des Arbeitsverhältnisses); nur Bewerbungsdaten."
    )
    page.get_by_label("Risks to the rights and freedoms of the people concerned").fill(
        "Verzerrte Zusammenfassungen benachteiligen Bewerbende."
    )
    page.get_by_label("Measures to address the risks").fill(
        "Lokales Modell, keine Rangfolge, Stichproben durch HR."
    )
    page.get_by_role("button", name="Save and sign off").click()
    expect(page.locator(".issues")).to_contain_text("Opinion of the data protection officer")

    page.get_by_label("Opinion of the data protection officer").fill(
        "Vertretbar mit den beschriebenen Maßnahmen."
    )
    page.get_by_label("Views of the people concerned or their representatives").fill(
        "Der Betriebsrat wurde angehört und trägt die Maßnahmen mit."
    )
    pick(
        page,
        "Controller (business owner)",
        controller.person.last_name,
        controller.person.full_name,
    )
    page.get_by_label("Review by").fill("2027-06-30")
    page.get_by_role("button", name="Save and sign off").click()
    expect(page.locator(".issues")).to_contain_text("Only the controller")
    page.get_by_role("button", name="Save draft").click()

    sign_out(page)
    sign_in(page, live_server, "hr.lead@example.com")
    page.goto(f"{live_server.url}/governance/reviews/use-cases/{use_case.pk}/dpia/")
    page.get_by_role("button", name="Save and sign off").click()
    expect(page.locator(".message.success")).to_have_text("DPIA completed and signed off.")
    expect(page.get_by_role("button", name="Reopen for changes")).to_be_visible()

    assert Dpia.objects.get(use_case=use_case).status == DpiaStatus.COMPLETED
    state = dpia_state(use_case)
    assert (state.checked, state.required, state.completed) == (True, True, True)


def test_an_ethics_board_member_completes_a_review_with_a_condition(page: Page, live_server):
    checklist_ensure_defaults()
    make_user(Role.ETHICS_BOARD, email="ethik@example.com")
    make_person(first_name="Olga", last_name="Owner")
    use_case = make_use_case(title="Schichtplan-Assistent", personal_data=True)
    sign_in(page, live_server, "ethik@example.com")

    page.goto(f"{live_server.url}/governance/reviews/")
    page.locator("#waiting-for-review").get_by_role("link", name=use_case.title).click()
    page.get_by_role("button", name="Start an ethics review").click()
    expect(page.locator(".message.success")).to_have_text("Ethics review started.")

    rows = page.locator(".score-row")
    expect(rows).to_have_count(6)
    for index in range(6):
        rows.nth(index).get_by_label("No concern").check()
    jobs = rows.filter(has_text="Impact on jobs and working conditions")
    jobs.get_by_label("Concern", exact=True).check()
    jobs.get_by_label("Note").fill("Planners fear their work is taken over.")

    page.get_by_label("New condition").fill("Train the planners before the pilot.")
    pick(page, "Owner of the condition", "olga", "Olga Owner")
    page.get_by_label("Due").fill("2030-01-31")
    page.get_by_label("Outcome").select_option(label="Approved with conditions")
    page.get_by_label("Reasons").fill("Useful, if planners keep the final say.")
    page.get_by_role("button", name="Complete the review").click()

    expect(page.locator(".message.success")).to_have_text(
        "Ethics review completed: Approved with conditions."
    )
    conditions = page.locator("#conditions")
    expect(conditions).to_contain_text("Train the planners before the pilot.")
    expect(conditions).to_contain_text("Olga Owner")
    expect(conditions.locator(".badge")).to_have_text("open")
    expect(page.get_by_role("row", name="Planners fear their work is taken over.")).to_be_visible()

    review = use_case.ethics_reviews.get()
    assert review.outcome == EthicsOutcome.APPROVED_WITH_CONDITIONS
    assert review.conditions.get().owner.full_name == "Olga Owner"
    assert ethics_passed(use_case)
