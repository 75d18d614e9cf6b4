"""The governance gate on the real lifecycle: a use case with personal data cannot go to
pilot until its DPIA and ethics review are done, and the refusal names both."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.support.governance import (
    MINIMAL_ANSWERS,
    complete_dpia,
    complete_ethics_review,
    prototype_with_personal_data,
)
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent, Notification
from wandel.core.notifications.events import event_named
from wandel.core.roles import Role
from wandel.governance.ai_act.services import classification_record
from wandel.governance.gates.check import gate_facts
from wandel.governance.gates.rules import Need, required
from wandel.portfolio.use_cases.lifecycle import MoveRefused, use_case_move
from wandel.portfolio.use_cases.models import PortfolioAction, Stage, UseCase

pytestmark = pytest.mark.django_db


def missing_of(use_case, to=Stage.PILOT) -> list[str]:
    with pytest.raises(MoveRefused) as refused:
        use_case_move(use_case=use_case, to=to, actor=None, reason="Pilot starten")
    return [str(m) for m in refused.value.missing]


def test_personal_data_waits_for_the_dpia_and_the_ethics_review_and_the_refusal_names_both():
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = prototype_with_personal_data(steerco)

    assert missing_of(use_case) == [
        "An ethics review with a positive outcome",
        "A completed and signed-off DPIA",
    ]
    complete_dpia(use_case, make_user(Role.DATA_PROTECTION))
    assert missing_of(use_case) == ["An ethics review with a positive outcome"]
    complete_ethics_review(use_case, make_user(Role.ETHICS_BOARD))

    use_case_move(use_case=use_case, to=Stage.PILOT, actor=steerco, reason="Pilot starten")
    use_case.refresh_from_db()
    assert use_case.stage == Stage.PILOT


def test_refusals_and_passes_are_in_the_audit_log():
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = prototype_with_personal_data(steerco)
    missing_of(use_case)
    complete_dpia(use_case, steerco)
    complete_ethics_review(use_case, steerco)
    use_case_move(use_case=use_case, to=Stage.PILOT, actor=steerco, reason="Pilot starten")

    refused = AuditEvent.objects.filter(
        action=PortfolioAction.MOVE_REFUSED, target_id=str(use_case.pk)
    ).first()
    assert refused.changes["missing"] == [
        "An ethics review with a positive outcome",
        "A completed and signed-off DPIA",
    ]
    moved = AuditEvent.objects.filter(action=PortfolioAction.MOVED, target_id=str(use_case.pk))
    assert moved.order_by("id").last().changes["to"] == "pilot"
    governance_actions = set(
        AuditEvent.objects.filter(action__startswith="governance.").values_list("action", flat=True)
    )
    assert len(governance_actions) >= 6
    assert audit_verify().ok


def test_production_needs_its_own_steering_decision():
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = prototype_with_personal_data(steerco)
    complete_dpia(use_case, steerco)
    complete_ethics_review(use_case, steerco)
    use_case_move(use_case=use_case, to=Stage.PILOT, actor=steerco, reason="Pilot")
    use_case.refresh_from_db()
    assert missing_of(use_case, Stage.PRODUCTION) == [
        "A steering-committee gate decision for this stage"
    ]


def test_a_prohibited_practice_cannot_even_be_approved():
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = score_all(make_use_case(title="Emotionserkennung im Callcenter"))
    use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=steerco, reason="bewertet")
    use_case.refresh_from_db()
    classification_record(
        use_case=use_case,
        answers={
            **MINIMAL_ANSWERS,
            "prohibited_practices": ["emotion_workplace"],
            "emotion_basis": "biometric",
            "emotion_exception": "no",
        },
        rationales={
            q: "begründet" for q in [*MINIMAL_ANSWERS, "emotion_basis", "emotion_exception"]
        },
        actor=steerco,
    )
    assert "prohibited practice" in missing_of(use_case, Stage.APPROVED)[0]


def test_the_governance_page_links_each_gate_item_for_those_who_give_it(client):
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = prototype_with_personal_data(steerco)
    ethics = f'href="/governance/reviews/use-cases/{use_case.pk}/ethics/"'
    dpia = f'href="/governance/reviews/use-cases/{use_case.pk}/dpia/"'
    decision = "/governance/decisions/new/?use_case="  # production still needs one

    client.force_login(steerco)
    page = client.get(f"/governance/use-cases/{use_case.pk}/").content.decode()
    assert (ethics in page, dpia in page, decision in page) == (False, False, True)
    detail = client.get(f"/portfolio/{use_case.pk}/").content.decode()
    assert f'href="/governance/use-cases/{use_case.pk}/"' in detail

    client.force_login(make_user(Role.ADMIN))
    page = client.get(f"/governance/use-cases/{use_case.pk}/").content.decode()
    assert (ethics in page, dpia in page, decision in page) == (True, True, True)


def test_the_cli_refuses_the_move_and_lists_what_is_missing_with_links(capsys):
    from django.core.management import CommandError, call_command

    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = prototype_with_personal_data(steerco)

    with pytest.raises(CommandError, match="cannot move to “Pilot” yet"):
        call_command(
            "move_use_case",
            str(use_case.pk),
            "pilot",
            "--reason",
            "Pilot",
            "--actor",
            steerco.email,
        )
    err = capsys.readouterr().err
    assert (
        f"- An ethics review with a positive outcome "
        f"(/governance/reviews/use-cases/{use_case.pk}/ethics/)" in err
    )
    assert (
        f"- A completed and signed-off DPIA (/governance/reviews/use-cases/{use_case.pk}/dpia/)"
        in err
    )

    with pytest.raises(CommandError, match="cannot move from “Prototype” to “Production”"):
        call_command("move_use_case", str(use_case.pk), "production", "--reason", "x")
    complete_dpia(use_case, steerco)
    complete_ethics_review(use_case, steerco)
    call_command("move_use_case", str(use_case.pk), "pilot", "--reason", "Pilot")
    assert "Moved to “Pilot”." in capsys.readouterr().out


def test_logs_per_user_need_the_works_council_even_for_an_optional_tool():
    """Voluntary use does not remove co-determination: logs that allow evaluating each
    user make the system objectively suited to monitoring (§ 87(1) no. 6 BetrVG,
    BAG 1 ABR 7/15), whatever the owner says about the effect on employees."""
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = score_all(make_use_case(title="Freiwilliger Schreibassistent", personal_data=True))
    given = {**MINIMAL_ANSWERS, "employee_effect": ["none"], "per_user_evaluation": "yes"}
    classification_record(
        use_case=use_case,
        answers=given,
        rationales={q: "begründet" for q in given},
        actor=steerco,
    )
    facts = gate_facts(use_case, Stage.PILOT)
    assert Need.COUNCIL_ASSESSMENT in required(facts, Stage.PILOT)
    assert Need.ETHICS_REVIEW in required(facts, Stage.PILOT)


def test_an_optional_tool_without_per_user_logs_needs_no_council_assessment():
    steerco = make_user(Role.STEERING_COMMITTEE)
    use_case = score_all(make_use_case(title="Suche in Handbüchern"))
    classification_record(
        use_case=use_case,
        answers=MINIMAL_ANSWERS,
        rationales={q: "begründet" for q in MINIMAL_ANSWERS},
        actor=steerco,
    )
    assert Need.COUNCIL_ASSESSMENT not in required(gate_facts(use_case, Stage.PILOT), Stage.PILOT)


def test_owner_and_submitter_hear_when_someone_meets_the_gate_and_when_it_is_passed():
    steerco = make_user(Role.STEERING_COMMITTEE)
    owner = make_user(Role.PRODUCT_OWNER)
    submitter = make_user(Role.EMPLOYEE)
    use_case = prototype_with_personal_data(steerco)
    UseCase.objects.filter(pk=use_case.pk).update(
        product_owner=owner.person, submitted_by=submitter
    )
    use_case.refresh_from_db()
    Notification.objects.all().delete()

    missing_of(use_case)
    with pytest.raises(MoveRefused):
        use_case_move(use_case=use_case, to=Stage.PILOT, actor=owner, reason="Pilot")

    refused = (
        f"{steerco.get_full_name()} tried to move “Antwortentwürfe mit Kundendaten” to Pilot; "
        "the gate refused it with 2 item(s) missing. The checklist on its page shows who "
        "gives them."
    )
    by_system = refused.replace(steerco.get_full_name(), "Wandel", 1)
    by_owner = refused.replace(steerco.get_full_name(), owner.get_full_name(), 1)
    assert told(owner) == [by_system]
    assert told(submitter) == [by_system, by_owner]
    assert told(steerco) == []

    complete_dpia(use_case, steerco)
    complete_ethics_review(use_case, steerco)
    Notification.objects.all().delete()
    use_case_move(use_case=use_case, to=Stage.PILOT, actor=steerco, reason="Pilot starten")

    passed = "“Antwortentwürfe mit Kundendaten” passed the gate and moved from Prototype to Pilot."
    assert told(owner) == [passed]
    assert told(submitter) == [passed]
    with translation.override("de"):
        assert told(owner) == [
            "„Antwortentwürfe mit Kundendaten“ hat das Gate passiert und ist von Prototyp "
            "nach Pilot gewechselt."
        ]


def test_a_refusal_before_any_gate_tells_nobody():
    steerco = make_user(Role.STEERING_COMMITTEE)
    submitter = make_user(Role.EMPLOYEE)
    use_case = make_use_case(actor=submitter, title="Ungewertet")
    Notification.objects.all().delete()

    with pytest.raises(MoveRefused):
        use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=steerco, reason="zu früh")

    assert told(submitter) == []


def told(user) -> list[str]:
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return [event_named(n.event).words(n.params) for n in rows]
