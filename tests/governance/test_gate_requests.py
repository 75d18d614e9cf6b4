"""Asking for what a gate needs: who is asked for which item, the request recorded once and
audited, the body told and given a to-do, settled when the body acts; a steering decision
asked for goes on the next meeting's agenda."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.support.api import bearer
from tests.support.governance import (
    MINIMAL_ANSWERS,
    classified_prototype,
    complete_ethics_review,
    make_body,
    prototype_with_personal_data,
)
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.errors import ConflictError
from wandel.core.models import AuditEvent, Notification
from wandel.core.notifications.events import event_named
from wandel.core.roles import Role
from wandel.governance.ai_act.services import classification_record
from wandel.governance.decisions.models import AgendaItem, Meeting, MeetingStatus
from wandel.governance.decisions.services import decision_record
from wandel.governance.gate_requests.models import GateRequest
from wandel.governance.gates.asking import gate_request
from wandel.governance.needs import ACTING, Need, needs_of
from wandel.governance.reviews.codetermination.services import council_involvement_save
from wandel.governance.reviews.dpia.services import dpia_check_record
from wandel.governance.reviews.ethics.services import ethics_review_start
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db


def test_each_need_is_given_by_the_body_written_here():
    asked = {need.value: acting.role.value for need, acting in ACTING.items()}

    assert asked == {
        "classification": "data_protection",
        "high_risk_obligations": "data_protection",
        "steering_decision": "steering_committee",
        "ethics_review": "ethics_board",
        "dpia_check": "data_protection",
        "dpia": "data_protection",
        "council_assessment": "works_council",
        "council_agreement": "works_council",
    }
    assert "not_prohibited" not in asked


def test_the_page_where_a_need_is_given_asks_for_the_permission_written_here():
    permissions = {need.value: acting.permission.value for need, acting in ACTING.items()}

    assert permissions == {
        "classification": "governance.classify_ai_act",
        "high_risk_obligations": "governance.classify_ai_act",
        "steering_decision": "governance.decide",
        "ethics_review": "governance.review_ethics",
        "dpia_check": "governance.run_dpia",
        "dpia": "governance.run_dpia",
        "council_assessment": "governance.manage_codetermination",
        "council_agreement": "governance.manage_codetermination",
    }


def test_a_body_is_asked_for_its_own_needs_only():
    assert needs_of({"ethics_board"}) == [Need.ETHICS_REVIEW]
    assert needs_of({"works_council", "trainer"}) == [
        Need.COUNCIL_ASSESSMENT,
        Need.COUNCIL_AGREEMENT,
    ]
    assert needs_of({"employee"}) == []


@pytest.fixture
def prototype(steerco):
    return prototype_with_personal_data(steerco)


def test_asking_the_ethics_board_records_audits_and_tells_its_members(prototype, owner):
    board = [make_user(Role.ETHICS_BOARD), make_user(Role.ETHICS_BOARD)]
    make_user(Role.DATA_PROTECTION)

    request = gate_request(use_case=prototype, need="ethics_review", stage="pilot", actor=owner)

    stored = GateRequest.objects.get()
    assert (stored.pk, stored.need, stored.stage) == (request.pk, "ethics_review", "pilot")
    assert stored.requested_by == owner
    assert stored.settled_at is None
    event = AuditEvent.objects.filter(action="governance.gate_requested").get()
    assert event.actor_id == owner.pk
    assert event.target_id == str(prototype.pk)
    assert event.changes == {"need": "ethics_review", "stage": "pilot"}
    told = Notification.objects.filter(event="governance.gate_requested")
    assert sorted(n.recipient_id for n in told) == sorted(u.pk for u in board)
    notification = told.first()
    assert notification.url == f"/governance/reviews/use-cases/{prototype.pk}/ethics/"
    assert event_named(notification.event).words(notification.params) == (
        f"{owner} asks for “An ethics review with a positive outcome” on "
        "“Antwortentwürfe mit Kundendaten” (the move to Pilot)."
    )


def test_asking_twice_keeps_one_request_and_tells_nobody_twice(prototype, owner, steerco):
    make_user(Role.ETHICS_BOARD)

    first = gate_request(use_case=prototype, need="ethics_review", stage="pilot", actor=owner)
    second = gate_request(use_case=prototype, need="ethics_review", stage="pilot", actor=steerco)

    assert second.pk == first.pk
    assert GateRequest.objects.count() == 1
    assert AuditEvent.objects.filter(action="governance.gate_requested").count() == 1
    assert Notification.objects.filter(event="governance.gate_requested").count() == 1


def test_what_is_there_already_cannot_be_asked_for(prototype, owner):
    # The steering committee approved the pilot gate in the fixture.
    with pytest.raises(ConflictError) as refused:
        gate_request(use_case=prototype, need="steering_decision", stage="pilot", actor=owner)

    assert str(refused.value) == "This is no longer missing for the move to “Pilot”."
    assert not GateRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="governance.gate_requested").exists()


def test_what_nobody_gives_and_moves_without_a_gate_cannot_be_asked_for(prototype, owner):
    with pytest.raises(ConflictError) as nobody:
        gate_request(use_case=prototype, need="not_prohibited", stage="pilot", actor=owner)
    with pytest.raises(ConflictError) as ungated:
        gate_request(use_case=prototype, need="ethics_review", stage="approved", actor=owner)

    assert str(nobody.value) == "Nobody can give this; it cannot be asked for."
    assert str(ungated.value) == "Only the moves to pilot and to production have gates to ask for."
    assert not GateRequest.objects.exists()


@pytest.fixture
def unapproved(steerco):
    """A prototype without personal data, classified: only the steering decision is missing."""
    return classified_prototype(steerco, title="Protokolle zusammenfassen")


def planned_meeting(days: int) -> Meeting:
    return Meeting.objects.create(
        body=make_body(),
        held_on=timezone.localdate() + datetime.timedelta(days=days),
        title=f"Lenkungskreis in {days} Tagen",
        status=MeetingStatus.PLANNED,
    )


def test_a_steering_decision_asked_for_goes_on_the_next_meeting_once(unapproved, owner):
    later = planned_meeting(30)
    sooner = planned_meeting(7)
    make_user(Role.STEERING_COMMITTEE)

    gate_request(use_case=unapproved, need="steering_decision", stage="pilot", actor=owner)
    GateRequest.objects.update(settled_at=timezone.now())
    gate_request(use_case=unapproved, need="steering_decision", stage="pilot", actor=owner)

    item = AgendaItem.objects.get()
    assert item.meeting == sooner
    assert item.use_case == unapproved
    assert item.kind == "use_case"
    assert (item.title, item.topic) == ("Protokolle zusammenfassen", "pilot_gate")
    assert item.heading == "Pilot gate: Protokolle zusammenfassen"
    with translation.override("de"):
        assert item.heading == "Gate zu „Pilot“: Protokolle zusammenfassen"
    assert not later.agenda_items.exists()
    added = AuditEvent.objects.filter(action="governance.agenda_item_added").get()
    assert added.actor_id == owner.pk


def test_without_a_planned_meeting_the_request_waits_for_the_next_agenda(unapproved, owner):
    Meeting.objects.create(
        body=make_body(),
        held_on=timezone.localdate() - datetime.timedelta(days=1),
        title="Gestern",
        status=MeetingStatus.PLANNED,
    )

    gate_request(use_case=unapproved, need="steering_decision", stage="pilot", actor=owner)

    assert GateRequest.objects.filter(settled_at__isnull=True).count() == 1
    assert not AgendaItem.objects.exists()


def open_needs() -> list[str]:
    return sorted(
        GateRequest.objects.filter(settled_at__isnull=True).values_list("need", flat=True)
    )


def test_starting_the_review_settles_the_request_for_it_only(prototype, owner):
    ethics = make_user(Role.ETHICS_BOARD)
    gate_request(use_case=prototype, need="ethics_review", stage="pilot", actor=owner)
    gate_request(use_case=prototype, need="dpia", stage="pilot", actor=owner)

    ethics_review_start(use_case=prototype, actor=ethics)

    assert open_needs() == ["dpia"]


def test_the_council_settles_the_assessment_and_the_agreement_only_once_agreed(steerco, owner):
    use_case = score_all(make_use_case(title="Schichtplanung"))
    for need in ("council_assessment", "council_agreement"):
        GateRequest.objects.create(use_case=use_case, need=need, stage="pilot", requested_by=owner)
    council = make_user(Role.WORKS_COUNCIL)

    council_involvement_save(use_case=use_case, actor=council, monitoring_capable=True)
    assert open_needs() == ["council_agreement"]

    council_involvement_save(
        use_case=use_case,
        actor=council,
        monitoring_capable=True,
        agreement_status="agreed",
        agreement_reference="BV-KI-7",
    )
    assert open_needs() == []


def test_a_dpia_check_and_a_gate_decision_settle_theirs(unapproved, owner, steerco):
    for need in ("dpia_check", "steering_decision", "classification"):
        GateRequest.objects.create(
            use_case=unapproved, need=need, stage="pilot", requested_by=owner
        )

    dpia_check_record(use_case=unapproved, answers={}, actor=steerco)
    assert open_needs() == ["classification", "steering_decision"]

    decision_record(
        actor=steerco,
        body=make_body(),
        decided_on=timezone.localdate(),
        kind="gate_approval",
        text="Pilot freigegeben",
        outcome="approved",
        use_case=unapproved,
        gate_stage="pilot",
    )
    assert open_needs() == ["classification"]

    classification_record(
        use_case=unapproved,
        answers=MINIMAL_ANSWERS,
        rationales={q: "neu begründet" for q in MINIMAL_ANSWERS},
        actor=steerco,
    )
    assert open_needs() == []


def test_a_completed_review_tells_the_owner_the_submitter_and_who_asked(prototype, steerco):
    owner = make_user(Role.PRODUCT_OWNER)
    submitter = make_user()
    asker = make_user(Role.PRODUCT_OWNER)
    product_owner_set(use_case=prototype, person=owner.person, actor=None)
    prototype.submitted_by = submitter
    prototype.save(update_fields=["submitted_by"])
    ethics = make_user(Role.ETHICS_BOARD)
    gate_request(use_case=prototype, need="ethics_review", stage="pilot", actor=asker)
    Notification.objects.all().delete()

    complete_ethics_review(prototype, ethics)

    told = Notification.objects.filter(event="governance.ethics_review_completed")
    assert sorted(n.recipient_id for n in told) == sorted([owner.pk, submitter.pk, asker.pk])
    notification = told.get(recipient=asker)
    assert notification.url == f"/portfolio/{prototype.pk}/"
    assert event_named(notification.event).words(notification.params) == (
        "The ethics board completed its review of “Antwortentwürfe mit Kundendaten”: Approved."
    )


# Over the API ------------------------------------------------------------------------------


def test_the_api_shows_the_checklist_and_asks_for_a_missing_item(prototype, owner):
    board = make_user(Role.ETHICS_BOARD)
    client = Client()
    headers = bearer(owner)
    base = f"/api/v1/governance/use-cases/{prototype.pk}"

    checklist = client.get(f"{base}/gate", headers=headers).json()

    assert (checklist["stage"], checklist["ready"]) == ("pilot", False)
    items = {item["need"]: item for item in checklist["items"]}
    assert items["ethics_review"] == {
        "need": "ethics_review",
        "requirement": "An ethics review with a positive outcome",
        "met": False,
        "who": "the ethics board",
        "url": "",
        "asked": None,
    }
    assert (items["dpia"]["met"], items["steering_decision"]["met"]) == (False, True)

    asked = client.post(
        f"{base}/gate-requests",
        {"need": "ethics_review", "stage": "pilot"},
        content_type="application/json",
        headers=headers,
    )

    assert asked.status_code == 201, asked.content
    body = asked.json()
    assert (body["need"], body["stage"], body["settled_at"]) == ("ethics_review", "pilot", None)
    assert body["requested_by"] == str(owner)
    assert Notification.objects.filter(recipient=board, event="governance.gate_requested").count()
    again = client.get(f"{base}/gate", headers=headers).json()
    asked_item = next(i for i in again["items"] if i["need"] == "ethics_review")
    assert asked_item["asked"]["id"] == body["id"]
    as_board = client.get(f"{base}/gate", headers=bearer(board)).json()
    board_item = next(i for i in as_board["items"] if i["need"] == "ethics_review")
    assert board_item["url"] == f"/governance/reviews/use-cases/{prototype.pk}/ethics/"


def test_the_api_refuses_to_ask_for_what_is_there_with_409(prototype, owner):
    response = Client().post(
        f"/api/v1/governance/use-cases/{prototype.pk}/gate-requests",
        {"need": "steering_decision", "stage": "pilot"},
        content_type="application/json",
        headers=bearer(owner),
    )

    assert response.status_code == 409
    assert response.json()["errors"] == {
        "need": ["This is no longer missing for the move to “Pilot”."]
    }
    assert not GateRequest.objects.exists()


def test_the_api_checklist_is_empty_where_no_gate_lies_ahead(owner):
    idea = make_use_case(title="Noch eine Idee")

    response = Client().get(f"/api/v1/governance/use-cases/{idea.pk}/gate", headers=bearer(owner))

    assert response.json() == {"stage": None, "ready": False, "items": []}
