"""Hole 2 for the EU AI Act: a re-classification after approval does not remove gates alone.

A product owner holds CLASSIFY_AI_ACT. Once the use case was approved, recording a new
classification that lowers the risk class (high → minimal drops the high-risk obligations
gate), drops ``employee_impact`` (the works-council gate) or drops obligations used to take
effect at once. Now it waits for the data-protection officer's confirmation and the previous
classification stays in force for the gates, as ``personal_data`` does in the portfolio
(``tests/portfolio/test_gate_facts.py``).
"""

from __future__ import annotations

import pytest

from tests.support.api import bearer
from tests.support.portfolio import make_use_case, score_all
from wandel.core.errors import ConflictError, NotPermitted
from wandel.core.models import AuditEvent, User
from wandel.governance.ai_act.models import Classification
from wandel.governance.ai_act.queries import classification_state
from wandel.governance.ai_act.services import classification_decide, classification_record
from wandel.governance.facts import ClassificationState
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db

API = "/api/v1/governance/ai-act"

# An internal tool the organisation only deploys: minimal risk, nobody's work affected.
MINIMAL: dict[str, object] = {
    "ai_system": "yes",
    "role": "deployer",
    "gpai_model": "no",
    "prohibited_practices": ["none"],
    "biometric_use": "no",
    "annex_iii_area": ["none"],
    "annex_i_product": "no",
    "employee_effect": ["none"],
    "per_user_evaluation": "no",
    "interaction": "no",
    "generated_content": ["none"],
}
# The same tool with usage logs per person: still minimal risk, but it affects employees.
MINIMAL_WITH_EMPLOYEES = {**MINIMAL, "employee_effect": ["monitoring", "working_conditions"]}
# Monitoring workers' performance with profiling: high-risk (Annex III 4(b)).
HIGH: dict[str, object] = {
    **MINIMAL,
    "annex_iii_area": ["employment"],
    "employment_purpose": ["performance_monitoring"],
    "profiling": "yes",
    "employee_effect": ["monitoring"],
    "decisions_on_people": "yes",
    "public_body": "no",
}
HIGH_OBLIGATIONS = (
    "ai_literacy",
    "hr_instructions",
    "hr_oversight",
    "hr_input_data",
    "hr_monitoring",
    "hr_logs",
    "hr_inform_workers",
    "hr_inform_people",
    "hr_dpia",
)
HIGH_IN_FORCE = ClassificationState(
    classified=True,
    risk_class="high",
    employee_impact=True,
    unconfirmed_obligations=HIGH_OBLIGATIONS,
)
MINIMAL_IN_FORCE = ClassificationState(
    classified=True,
    risk_class="minimal",
    employee_impact=False,
    unconfirmed_obligations=("ai_literacy",),
)


def reasons(answers: dict[str, object]) -> dict[str, str]:
    return {question: f"Because of {question}." for question in answers}


def classify(use_case: UseCase, answers: dict[str, object], actor: User | None) -> Classification:
    return classification_record(
        use_case=use_case, answers=answers, rationales=reasons(answers), actor=actor
    )


def use_case_owned_by(owner: User) -> UseCase:
    use_case = score_all(make_use_case(personal_data=True, title="Leistungsauswertung"))
    product_owner_set(use_case=use_case, person=owner.person, actor=None)
    return use_case


def approve(use_case: UseCase, steerco: User) -> None:
    for stage in (Stage.ASSESSED, Stage.APPROVED):
        use_case_move(use_case=use_case, to=stage, actor=steerco, reason="SteerCo")


def approved_high_risk(owner: User, steerco: User) -> tuple[UseCase, Classification]:
    use_case = use_case_owned_by(owner)
    high = classify(use_case, HIGH, owner)
    approve(use_case, steerco)
    return use_case, high


def decide(client, classification: Classification, user: User, confirm: bool, note: str = ""):
    return client.post(
        f"{API}/classifications/{classification.pk}/decision",
        {"confirm": confirm, "note": note},
        content_type="application/json",
        headers=bearer(user),
    )


def form_data(answers: dict[str, object]) -> dict[str, object]:
    data: dict[str, object] = {}
    for question, answer in answers.items():
        data[f"answer_{question}"] = answer
        data[f"rationale_{question}"] = f"Because of {question}."
    return data


# The service --------------------------------------------------------------------------


def test_after_approval_an_owner_lowering_the_class_only_asks(owner, steerco):
    use_case, _high = approved_high_risk(owner, steerco)

    minimal = classify(use_case, MINIMAL, owner)

    assert (minimal.status, minimal.risk_class) == ("pending", "minimal")
    assert classification_state(use_case) == HIGH_IN_FORCE
    asked = AuditEvent.objects.get(action="governance.ai_act_classification_requested")
    assert asked.actor == owner
    assert asked.changes["classification"] == minimal.pk
    assert asked.changes["risk_class"] == {"from": "high", "to": "minimal"}
    assert asked.changes["employee_impact"] == {"from": True, "to": False}
    assert asked.changes["obligations_dropped"] == list(HIGH_OBLIGATIONS[1:])
    assert not AuditEvent.objects.filter(
        action="governance.ai_act_classified", changes__classification=minimal.pk
    ).exists()


def test_after_approval_dropping_employee_impact_alone_only_asks(owner, steerco):
    use_case = use_case_owned_by(owner)
    classify(use_case, MINIMAL_WITH_EMPLOYEES, owner)
    approve(use_case, steerco)

    asked = classify(use_case, MINIMAL, owner)

    assert asked.status == "pending"
    assert classification_state(use_case).employee_impact is True


def test_the_dpo_confirms_and_the_new_classification_is_in_force(owner, steerco, privacy):
    use_case, _high = approved_high_risk(owner, steerco)
    minimal = classify(use_case, MINIMAL, owner)

    decided = classification_decide(
        classification=minimal, confirm=True, actor=privacy, note="Keine Leistungsbewertung mehr."
    )

    assert (decided.status, decided.decided_by, decided.decision_note) == (
        "confirmed",
        privacy,
        "Keine Leistungsbewertung mehr.",
    )
    assert classification_state(use_case) == MINIMAL_IN_FORCE
    event = AuditEvent.objects.get(action="governance.ai_act_classification_confirmed")
    assert event.actor == privacy
    assert event.changes["classification"] == minimal.pk
    assert event.changes["note"] == "Keine Leistungsbewertung mehr."
    assert event.changes["risk_class"] == {"from": "high", "to": "minimal"}


def test_the_dpo_rejects_and_the_old_classification_stays_in_force(owner, steerco, privacy):
    use_case, _high = approved_high_risk(owner, steerco)
    minimal = classify(use_case, MINIMAL, owner)

    decided = classification_decide(
        classification=minimal, confirm=False, actor=privacy, note="Profiling bleibt."
    )

    assert decided.status == "rejected"
    assert classification_state(use_case) == HIGH_IN_FORCE
    event = AuditEvent.objects.get(action="governance.ai_act_classification_rejected")
    assert (event.actor, event.changes["note"]) == (privacy, "Profiling bleibt.")
    with pytest.raises(ConflictError):
        classification_decide(classification=minimal, confirm=True, actor=privacy)


def test_a_programme_admin_is_no_way_around_the_dpo(owner, steerco, admin):
    use_case, _high = approved_high_risk(owner, steerco)

    minimal = classify(use_case, MINIMAL, admin)

    assert minimal.status == "pending"
    assert classification_state(use_case) == HIGH_IN_FORCE
    with pytest.raises(NotPermitted):
        classification_decide(classification=minimal, confirm=True, actor=admin)
    assert classification_state(use_case) == HIGH_IN_FORCE


def test_the_dpo_reclassifying_applies_at_once(owner, steerco, privacy):
    use_case, _high = approved_high_risk(owner, steerco)

    minimal = classify(use_case, MINIMAL, privacy)

    assert minimal.status == "applied"
    assert classification_state(use_case) == MINIMAL_IN_FORCE


def test_before_approval_a_lower_class_applies_at_once_and_is_audited(owner):
    use_case = use_case_owned_by(owner)
    classify(use_case, HIGH, owner)

    minimal = classify(use_case, MINIMAL, owner)

    assert minimal.status == "applied"
    assert classification_state(use_case) == MINIMAL_IN_FORCE
    assert AuditEvent.objects.filter(action="governance.ai_act_classified").count() == 2


def test_after_approval_a_classification_that_adds_needs_applies_at_once(owner, steerco):
    use_case = use_case_owned_by(owner)
    classify(use_case, MINIMAL, owner)
    approve(use_case, steerco)

    high = classify(use_case, HIGH, owner)

    assert high.status == "applied"
    assert classification_state(use_case) == HIGH_IN_FORCE


def test_after_approval_a_classification_that_changes_nothing_for_the_gates_applies(owner, steerco):
    use_case, _high = approved_high_risk(owner, steerco)

    again = classification_record(
        use_case=use_case,
        answers=HIGH,
        rationales={q: f"Checked again: {q}." for q in HIGH},
        actor=owner,
    )

    assert again.status == "applied"
    assert classification_state(use_case) == HIGH_IN_FORCE


def test_while_one_awaits_confirmation_nobody_classifies_again(owner, steerco, privacy):
    use_case, _high = approved_high_risk(owner, steerco)
    classify(use_case, MINIMAL, owner)

    with pytest.raises(ConflictError):
        classify(use_case, HIGH, privacy)
    assert Classification.objects.filter(use_case=use_case).count() == 2


# Over the API -------------------------------------------------------------------------


def test_over_the_api_the_owner_only_asks_and_the_dpo_confirms(client, owner, steerco, privacy):
    use_case, high = approved_high_risk(owner, steerco)

    created = client.post(
        f"{API}/classifications",
        {"use_case": use_case.pk, "answers": MINIMAL, "rationales": reasons(MINIMAL)},
        content_type="application/json",
        headers=bearer(owner),
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["risk_class"], body["status"], body["current"]) == ("minimal", "pending", False)
    current = client.get(
        f"{API}/classifications?use_case={use_case.pk}&current=true", headers=bearer(owner)
    ).json()
    assert [c["id"] for c in current["items"]] == [high.pk]

    minimal = Classification.objects.get(pk=body["id"])
    assert decide(client, minimal, owner, confirm=True).status_code == 403
    assert decide(client, minimal, steerco, confirm=True).status_code == 403
    response = decide(client, minimal, privacy, confirm=True, note="Geprüft.")

    assert response.status_code == 200, response.json()
    decided = response.json()
    assert (decided["status"], decided["current"], decided["decided_by"]) == (
        "confirmed",
        True,
        str(privacy),
    )
    assert decided["decision_note"] == "Geprüft."
    assert classification_state(use_case) == MINIMAL_IN_FORCE
    assert decide(client, minimal, privacy, confirm=False).status_code == 409


def test_over_the_api_the_dpo_rejects_and_an_admin_may_not_decide(
    client, owner, steerco, privacy, admin
):
    use_case, _high = approved_high_risk(owner, steerco)
    minimal = classify(use_case, MINIMAL, owner)

    assert decide(client, minimal, admin, confirm=True).status_code == 403
    response = decide(client, minimal, privacy, confirm=False, note="Nein.")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["current"]) == ("rejected", False)
    assert classification_state(use_case) == HIGH_IN_FORCE


# On the pages -------------------------------------------------------------------------


def test_on_the_page_the_owner_only_asks_and_sees_it_pending(client, owner, steerco):
    use_case, _high = approved_high_risk(owner, steerco)
    client.force_login(owner)

    response = client.post(f"/governance/ai-act/{use_case.pk}/", form_data(MINIMAL), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "awaits the data-protection officer" in page
    minimal = Classification.objects.get(status="pending")
    assert f"/governance/ai-act/classifications/{minimal.pk}/decision/" not in page
    assert classification_state(use_case) == HIGH_IN_FORCE
    governance = client.get(f"/governance/use-cases/{use_case.pk}/").content.decode()
    assert "A new EU AI Act classification awaits the data-protection officer" in governance


def test_on_the_page_the_dpo_confirms(client, owner, steerco, privacy):
    use_case, _high = approved_high_risk(owner, steerco)
    minimal = classify(use_case, MINIMAL, owner)
    client.force_login(privacy)
    url = f"/governance/ai-act/classifications/{minimal.pk}/decision/"

    page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()
    response = client.post(url, {"decision": "confirm", "note": "Geprüft."})

    assert url in page
    assert response.status_code == 302
    assert response["Location"] == f"/governance/ai-act/{use_case.pk}/#result"
    assert classification_state(use_case) == MINIMAL_IN_FORCE
    assert (
        AuditEvent.objects.filter(action="governance.ai_act_classification_confirmed").count() == 1
    )


def test_on_the_page_the_dpo_rejects_and_others_may_not_decide(
    client, owner, steerco, privacy, admin
):
    use_case, _high = approved_high_risk(owner, steerco)
    minimal = classify(use_case, MINIMAL, owner)
    url = f"/governance/ai-act/classifications/{minimal.pk}/decision/"

    client.force_login(owner)
    assert client.post(url, {"decision": "confirm"}).status_code == 403
    client.force_login(admin)
    assert client.post(url, {"decision": "confirm"}).status_code == 403
    client.force_login(privacy)
    response = client.post(url, {"decision": "reject"})

    assert response.status_code == 302
    minimal.refresh_from_db()
    assert (minimal.status, minimal.decided_by) == ("rejected", privacy)
    assert classification_state(use_case) == HIGH_IN_FORCE


def test_obligations_of_a_classification_awaiting_the_dpo_cannot_be_confirmed_yet(owner, steerco):
    from wandel.governance.ai_act.services import AiActError, obligation_confirm

    use_case, _high = approved_high_risk(owner, steerco)
    minimal = classify(use_case, MINIMAL, owner)

    with pytest.raises(AiActError) as refused:
        obligation_confirm(
            classification=minimal,
            obligation_id="ai_literacy",
            evidence="Training list.",
            actor=owner,
        )

    assert str(refused.value) == (
        "This classification awaits the data-protection officer's confirmation; confirm "
        "the obligations of the classification in force."
    )
    assert not minimal.confirmations.exists()


def test_the_overview_marks_a_re_classification_awaiting_the_dpo(client, owner, steerco):
    use_case, _high = approved_high_risk(owner, steerco)
    classify(use_case, MINIMAL, owner)
    client.force_login(steerco)

    page = client.get("/governance/ai-act/").content.decode()

    row = page[page.index(use_case.title) :].split("</tr>")[0]
    assert "High-risk (Annex III)" in row
    assert "Re-classification awaits the data-protection officer" in row
