"""Bodies, meetings, the decision register and the steering committee's view."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.support.api import bearer
from tests.support.downloads import downloaded
from tests.support.governance import at_stage, condition, gate, make_body, make_request, record
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import Shows, api_items, api_rows, assert_queries_do_not_grow
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.core.tracking import ALREADY_CLOSED, AlreadyClosed, ClosingRefused
from wandel.governance.budgets.models import BudgetRequest
from wandel.governance.decisions.meetings import (
    ALREADY_MEMBER,
    ATTENDEE_NOT_IN_BODY,
    ENDS_BEFORE_START,
    HELD_IN_FUTURE,
    MEETING_IS_HELD,
    MEMBERSHIP_ENDED,
    NOT_A_STEERING_MEETING,
    agenda_build,
    agenda_item_add,
    agenda_item_remove,
    body_create,
    body_update,
    meeting_create,
    meeting_minutes_record,
    meeting_update,
    membership_add,
    membership_end,
)
from wandel.governance.decisions.models import (
    AgendaKind,
    Body,
    BodyKind,
    BodyRole,
    Decision,
    DecisionAction,
    DecisionIsImmutable,
    DecisionKind,
    DecisionOutcome,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.queries import (
    effective_decisions,
    gate_approved,
    open_requests,
    overdue_conditions,
)
from wandel.governance.decisions.services import (
    ALREADY_SUPERSEDED,
    AMOUNT_ONLY_WHEN_APPROVED,
    AMOUNT_REQUIRED,
    BUDGET_NEEDS_REQUEST,
    BUDGET_OF_OTHER_USE_CASE,
    CONDITION_DUE_EARLY,
    CONDITION_INCOMPLETE,
    CONDITIONS_ONLY_WITH_OUTCOME,
    CONDITIONS_REQUIRED,
    CORRECTION_OTHER_BUDGET,
    CORRECTION_OTHER_KIND,
    CORRECTION_OTHER_RISK,
    CORRECTION_OTHER_USE_CASE,
    DECIDED_IN_FUTURE,
    GATE_ALREADY_APPROVED,
    GATE_NEEDS_STAGE,
    GATE_NEEDS_STEERING,
    GATE_NEEDS_USE_CASE,
    ITEM_OF_OTHER_MEETING,
    MEETING_OF_OTHER_BODY,
    REQUEST_ONLY_FOR_BUDGET,
    RISK_NEEDS_RISK,
    STAGE_ONLY_FOR_GATES,
    ConditionInput,
    DecisionError,
    can_close_condition,
    condition_close,
)
from wandel.governance.risks.models import Risk
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
LONG_AGO = datetime.date(2024, 1, 10)


# Factories -----------------------------------------------------------------------------


def make_budget_request(use_case: UseCase, amount: str = "5000.00", **fields: Any) -> BudgetRequest:
    return BudgetRequest.objects.create(
        use_case=use_case,
        title=fields.pop("title", f"Licences for {use_case.title}"),
        amount_requested=Decimal(amount),
        justification="Needed for the pilot.",
        **fields,
    )


def make_risk(use_case: UseCase | None, status: str = "open", **fields: Any) -> Risk:
    return Risk.objects.create(
        use_case=use_case,
        title=fields.pop("title", "Answers leak personal data"),
        description="The model could repeat personal data from tickets.",
        category="data_protection",
        likelihood=3,
        impact=4,
        owner=fields.pop("owner", None) or make_person(account=False),
        review_on=datetime.date(2030, 1, 1),
        status=status,
        **fields,
    )


@pytest.fixture
def steering(db) -> Body:
    return make_body(BodyKind.STEERING_COMMITTEE, "AI steering committee")


@pytest.fixture
def ethics_body(db) -> Body:
    return make_body(BodyKind.ETHICS_BOARD, "Ethics board")


def refused(message: Any, **params: Any) -> str:
    return str(message % params) if params else str(message)


# Immutability and supersession ---------------------------------------------------------


def test_a_recorded_decision_can_never_be_changed_or_deleted(steerco, steering):
    decision = record(steerco, steering)
    decision.text = "Something else"
    with pytest.raises(DecisionIsImmutable):
        decision.save()
    with pytest.raises(DecisionIsImmutable):
        decision.delete()
    with pytest.raises(DecisionIsImmutable):
        Decision.objects.filter(pk=decision.pk).update(text="Changed")
    with pytest.raises(DecisionIsImmutable):
        Decision.objects.filter(pk=decision.pk).delete()
    assert Decision.objects.get(pk=decision.pk).text == "Only local models are used."


def test_a_correction_supersedes_the_decision_which_stays_in_the_register(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    old = gate(steerco, use_case, outcome=DecisionOutcome.APPROVED)
    new = gate(steerco, use_case, outcome=DecisionOutcome.REJECTED, body=steering, supersedes=old)
    assert new.supersedes == old
    assert Decision.objects.get(pk=old.pk).superseded_by == new
    assert list(effective_decisions()) == [new]
    assert set(Decision.objects.all()) == {old, new}


def test_a_superseded_decision_cannot_be_superseded_again(steerco, steering):
    old = record(steerco, steering)
    first = record(steerco, steering, supersedes=old, text="Corrected")
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, supersedes=old, text="Corrected twice")
    assert str(error.value) == refused(ALREADY_SUPERSEDED, number=old.pk, by=first.pk)
    assert error.value.field == "supersedes"
    # The correction itself can be corrected: a chain, never a fork.
    record(steerco, steering, supersedes=first, text="Corrected again")
    assert effective_decisions().count() == 1


def test_a_correction_keeps_the_kind_of_the_decision(steerco, steering):
    old = record(steerco, steering, kind=DecisionKind.POLICY)
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=DecisionKind.OTHER, supersedes=old)
    assert str(error.value) == refused(CORRECTION_OTHER_KIND, kind="Policy")


@pytest.mark.parametrize("subject", ["use_case", "budget_request", "risk"])
def test_a_correction_is_about_the_same_subject(steerco, steering, subject):
    first, second = make_use_case(), make_use_case()
    if subject == "use_case":
        kind, old_fields = DecisionKind.PRIORITY, {"use_case": first}
        new_fields = {"use_case": second}
    elif subject == "budget_request":
        kind = DecisionKind.BUDGET
        old_fields = {"budget_request": make_budget_request(first), "approved_amount": 10}
        new_fields = {"budget_request": make_budget_request(first), "approved_amount": 10}
    else:
        kind = DecisionKind.RISK_ACCEPTANCE
        old_fields, new_fields = {"risk": make_risk(first)}, {"risk": make_risk(first)}
    old = record(steerco, steering, kind=kind, **old_fields)
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=kind, supersedes=old, **new_fields)
    assert error.value.field == subject
    messages = {
        "use_case": CORRECTION_OTHER_USE_CASE,
        "budget_request": CORRECTION_OTHER_BUDGET,
        "risk": CORRECTION_OTHER_RISK,
    }
    assert str(error.value) == str(messages[subject])
    assert Decision.objects.count() == 1


# gate_approved -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "approved"),
    [
        (DecisionOutcome.APPROVED, True),
        (DecisionOutcome.APPROVED_WITH_CONDITIONS, True),
        (DecisionOutcome.REJECTED, False),
        (DecisionOutcome.DEFERRED, False),
    ],
)
def test_a_gate_is_approved_only_by_a_positive_outcome(steerco, outcome, approved):
    use_case = at_stage(Stage.PROTOTYPE)
    owner = make_person()
    conditions = [condition(owner)] if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS else []
    gate(steerco, use_case, outcome=outcome, conditions=conditions)
    assert gate_approved(use_case, "pilot") is approved


def test_a_gate_approval_counts_for_its_stage_and_use_case_only(steerco):
    use_case, other = at_stage(Stage.PROTOTYPE), at_stage(Stage.PROTOTYPE)
    assert gate_approved(use_case, "pilot") is False
    gate(steerco, use_case, "pilot")
    assert gate_approved(use_case, "pilot") is True
    assert gate_approved(use_case, "production") is False
    assert gate_approved(other, "pilot") is False


def test_a_superseded_gate_approval_no_longer_counts(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    old = gate(steerco, use_case, body=steering)
    gate(steerco, use_case, body=steering, outcome=DecisionOutcome.REJECTED, supersedes=old)
    assert gate_approved(use_case, "pilot") is False


def test_a_rejection_corrected_to_an_approval_opens_the_gate(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    old = gate(steerco, use_case, body=steering, outcome=DecisionOutcome.REJECTED)
    gate(steerco, use_case, body=steering, supersedes=old)
    assert gate_approved(use_case, "pilot") is True


def test_gate_approved_takes_one_query(steerco):
    use_case = at_stage(Stage.PROTOTYPE)
    gate(steerco, use_case)
    with CaptureQueriesContext(connection) as queries:
        gate_approved(use_case, "pilot")
    assert len(queries) == 1


# What each kind of decision needs ------------------------------------------------------


def test_a_gate_approval_names_use_case_and_stage(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=DecisionKind.GATE_APPROVAL, gate_stage="pilot")
    assert (str(error.value), error.value.field) == (str(GATE_NEEDS_USE_CASE), "use_case")
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=DecisionKind.GATE_APPROVAL, use_case=use_case)
    assert (str(error.value), error.value.field) == (str(GATE_NEEDS_STAGE), "gate_stage")
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=DecisionKind.POLICY, gate_stage="pilot")
    assert str(error.value) == str(STAGE_ONLY_FOR_GATES)
    assert not Decision.objects.exists()


def test_only_the_steering_committee_approves_gates(steerco, ethics_body):
    use_case = at_stage(Stage.PROTOTYPE)
    with pytest.raises(DecisionError) as error:
        gate(steerco, use_case, body=ethics_body)
    assert str(error.value) == str(GATE_NEEDS_STEERING)


def test_an_approved_gate_changes_only_through_a_correction(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    approval = gate(steerco, use_case, body=steering)
    for outcome in (DecisionOutcome.REJECTED, DecisionOutcome.APPROVED):
        with pytest.raises(DecisionError) as error:
            gate(steerco, use_case, body=steering, outcome=outcome)
        assert str(error.value) == refused(GATE_ALREADY_APPROVED, number=approval.pk)
    # The production gate is another gate.
    gate(steerco, use_case, "production", body=steering)


def test_a_deferred_gate_can_be_followed_by_an_approval(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    gate(steerco, use_case, body=steering, outcome=DecisionOutcome.DEFERRED)
    gate(steerco, use_case, body=steering)
    assert gate_approved(use_case, "pilot") is True


def test_a_budget_decision_names_its_request_and_an_approved_amount(steerco, steering):
    use_case = make_use_case()
    budget = make_budget_request(use_case)
    cases = [
        ({}, BUDGET_NEEDS_REQUEST, "budget_request"),
        ({"budget_request": budget}, AMOUNT_REQUIRED, "approved_amount"),
        (
            {
                "budget_request": budget,
                "outcome": DecisionOutcome.REJECTED,
                "approved_amount": Decimal(5),
            },
            AMOUNT_ONLY_WHEN_APPROVED,
            "approved_amount",
        ),
    ]
    for fields, message, field in cases:
        with pytest.raises(DecisionError) as error:
            record(steerco, steering, kind=DecisionKind.BUDGET, **fields)
        assert (str(error.value), error.value.field) == (str(message), field)
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=DecisionKind.POLICY, budget_request=budget)
    assert str(error.value) == str(REQUEST_ONLY_FOR_BUDGET)
    with pytest.raises(DecisionError):
        record(steerco, steering, kind=DecisionKind.POLICY, approved_amount=Decimal(1))

    rejected = record(
        steerco, steering, kind=DecisionKind.BUDGET, budget_request=budget, outcome="rejected"
    )
    assert rejected.approved_amount is None
    approved = record(
        steerco,
        steering,
        kind=DecisionKind.BUDGET,
        budget_request=budget,
        approved_amount=Decimal("4000.00"),
        supersedes=rejected,
    )
    assert approved.use_case == use_case, "the use case comes with the budget request"


def test_a_budget_decision_about_another_use_case_is_refused(steerco, steering):
    budget = make_budget_request(make_use_case())
    with pytest.raises(DecisionError) as error:
        record(
            steerco,
            steering,
            kind=DecisionKind.BUDGET,
            budget_request=budget,
            approved_amount=Decimal(10),
            use_case=make_use_case(),
        )
    assert str(error.value) == str(BUDGET_OF_OTHER_USE_CASE)


def test_a_risk_acceptance_names_the_risk_and_the_register_follows(steerco, steering):
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, kind=DecisionKind.RISK_ACCEPTANCE)
    assert str(error.value) == str(RISK_NEEDS_RISK)
    risk = make_risk(make_use_case(), status="acceptance_requested")
    decision = record(steerco, steering, kind=DecisionKind.RISK_ACCEPTANCE, risk=risk)
    risk.refresh_from_db()
    assert risk.status == "accepted"
    assert decision.use_case == risk.use_case


def test_a_decision_is_not_dated_in_the_future(steerco, steering):
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, decided_on=TODAY() + datetime.timedelta(days=1))
    assert str(error.value) == str(DECIDED_IN_FUTURE)


def test_meeting_and_agenda_item_must_fit_the_body(steerco, steering, ethics_body):
    meeting = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="SteerCo")
    other = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="Other")
    item = agenda_item_add(meeting=other, actor=steerco, title="Policy")
    with pytest.raises(DecisionError) as error:
        record(steerco, ethics_body, meeting=meeting)
    assert str(error.value) == str(MEETING_OF_OTHER_BODY)
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, meeting=meeting, agenda_item=item)
    assert str(error.value) == str(ITEM_OF_OTHER_MEETING)
    decision = record(steerco, steering, agenda_item=item)
    assert decision.meeting == other, "the agenda item brings its meeting"


# Conditions ----------------------------------------------------------------------------


def test_an_approval_with_conditions_needs_at_least_one(steerco, steering):
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS)
    assert (str(error.value), error.value.field) == (str(CONDITIONS_REQUIRED), "conditions")
    blank = ConditionInput("  ", None, None)
    with pytest.raises(DecisionError):
        record(
            steerco, steering, outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS, conditions=[blank]
        )


def test_only_an_approval_with_conditions_has_conditions(steerco, steering):
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, conditions=[condition(make_person())])
    assert str(error.value) == str(CONDITIONS_ONLY_WITH_OUTCOME)


def test_each_condition_is_complete_and_due_after_the_decision(steerco, steering):
    owner = make_person()
    with_conditions = {"outcome": DecisionOutcome.APPROVED_WITH_CONDITIONS}
    with pytest.raises(DecisionError) as error:
        record(
            steerco, steering, conditions=[ConditionInput("Text", None, TODAY())], **with_conditions
        )
    assert str(error.value) == str(CONDITION_INCOMPLETE)
    early = condition(owner, due_on=LONG_AGO - datetime.timedelta(days=1))
    with pytest.raises(DecisionError) as error:
        record(steerco, steering, decided_on=LONG_AGO, conditions=[early], **with_conditions)
    assert str(error.value) == refused(CONDITION_DUE_EARLY, date="2024-01-10")
    decision = record(
        steerco,
        steering,
        conditions=[condition(owner, text="Train the users"), condition(owner, text="Log")],
        **with_conditions,
    )
    assert [c.text for c in decision.conditions.order_by("pk")] == ["Train the users", "Log"]


def test_a_condition_is_closed_once_with_a_note(steerco, steering):
    owner = make_person()
    decision = record(
        steerco,
        steering,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(owner)],
    )
    cond = decision.conditions.get()
    with pytest.raises(ClosingRefused):
        condition_close(condition=cond, actor=steerco, closing_note=" ")
    closed = condition_close(condition=cond, actor=steerco, closing_note="All trained.")
    assert (closed.status, closed.closed_on, closed.closed_by, closed.closing_note) == (
        "done",
        TODAY(),
        steerco,
        "All trained.",
    )
    with pytest.raises(AlreadyClosed) as error:
        condition_close(condition=cond, actor=steerco, closing_note="Again")
    assert str(error.value) == str(ALREADY_CLOSED)


def test_a_condition_is_not_met_before_its_decision(steerco, steering):
    decision = record(
        steerco,
        steering,
        decided_on=LONG_AGO,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(make_person())],
    )
    cond = decision.conditions.get()
    with pytest.raises(ClosingRefused) as error:
        condition_close(
            condition=cond,
            actor=steerco,
            closing_note="Trained.",
            closed_on=LONG_AGO - datetime.timedelta(days=1),
        )
    assert error.value.errors == {"closed_on": ["The closing date cannot lie before 2024-01-10."]}
    condition_close(condition=cond, actor=steerco, closing_note="Trained.", closed_on=LONG_AGO)
    cond.refresh_from_db()
    assert cond.closed_on == LONG_AGO


def test_the_owner_or_the_steering_committee_may_close_a_condition(steerco, steering, owner):
    person = Person.objects.get(user=owner)
    decision = record(
        steerco,
        steering,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(person)],
    )
    cond = decision.conditions.get()
    assert can_close_condition(owner, cond)
    assert can_close_condition(steerco, cond)
    assert not can_close_condition(make_user(Role.IT_SECURITY), cond)


# Bodies and meetings -------------------------------------------------------------------


def test_memberships_are_ended_not_deleted(admin, steering):
    person = make_person()
    first = membership_add(
        body=steering, person=person, role_in_body=BodyRole.CHAIR, actor=admin, started_on=LONG_AGO
    )
    with pytest.raises(DecisionError) as error:
        membership_add(body=steering, person=person, role_in_body=BodyRole.MEMBER, actor=admin)
    assert str(error.value) == refused(ALREADY_MEMBER, person=person, body=steering)
    with pytest.raises(DecisionError) as error:
        membership_end(membership=first, actor=admin, ended_on=LONG_AGO - datetime.timedelta(1))
    assert str(error.value) == refused(ENDS_BEFORE_START, start="2024-01-10")
    membership_end(membership=first, actor=admin)
    with pytest.raises(DecisionError) as error:
        membership_end(membership=first, actor=admin)
    assert str(error.value) == str(MEMBERSHIP_ENDED)
    again = membership_add(body=steering, person=person, role_in_body="member", actor=admin)
    assert steering.memberships.count() == 2
    assert list(steering.memberships.current()) == [again]


def test_minutes_mark_a_meeting_held_and_close_its_agenda(steerco, steering):
    later = meeting_create(
        actor=steerco, body=steering, held_on=TODAY() + datetime.timedelta(7), title="Next"
    )
    with pytest.raises(DecisionError) as error:
        meeting_minutes_record(meeting=later, actor=steerco, minutes="x", attendees=[])
    assert str(error.value) == refused(HELD_IN_FUTURE, date=later.held_on.isoformat())
    meeting = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="Today")
    person = make_person()
    membership_add(body=steering, person=person, role_in_body="guest", actor=steerco)
    meeting_minutes_record(meeting=meeting, actor=steerco, minutes="We met.", attendees=[person])
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert list(meeting.attendees.all()) == [person]
    with pytest.raises(DecisionError) as error:
        agenda_item_add(meeting=meeting, actor=steerco, title="Too late")
    assert str(error.value) == str(MEETING_IS_HELD)


# The steering committee's open requests and the agenda ---------------------------------


@pytest.fixture
def waiting(steerco, steering) -> dict[str, Any]:
    """One of every kind of open request, and things that are not open."""
    assessed = at_stage(Stage.ASSESSED, title="Assessed one")
    prototype = at_stage(Stage.PROTOTYPE, title="Prototype waiting")
    pilot = at_stage(Stage.PILOT, title="Pilot waiting")
    passed = at_stage(Stage.PROTOTYPE, title="Prototype passed")
    gate(steerco, passed, body=steering)
    deferred = at_stage(Stage.PROTOTYPE, title="Prototype deferred")
    gate(steerco, deferred, body=steering, outcome=DecisionOutcome.DEFERRED)
    at_stage(Stage.IDEA, title="Just an idea")
    budget = make_budget_request(pilot, title="GPU hours")
    answered = make_budget_request(pilot, title="Answered")
    record(
        steerco,
        steering,
        kind=DecisionKind.BUDGET,
        budget_request=answered,
        outcome=DecisionOutcome.REJECTED,
    )
    risk = make_risk(pilot, status="acceptance_requested", title="Hallucinated figures")
    make_risk(pilot, status="open", title="Just a risk")
    return {
        "assessed": assessed,
        "prototype": prototype,
        "pilot": pilot,
        "deferred": deferred,
        "budget": budget,
        "risk": risk,
    }


def test_open_requests_are_what_waits_for_the_steering_committee(waiting):
    requests = open_requests()
    assert {(r.use_case.title, r.gate) for r in requests.use_cases} == {
        ("Assessed one", ""),
        ("Prototype waiting", "pilot"),
        ("Prototype deferred", "pilot"),
        ("Pilot waiting", "production"),
    }
    assert [b.title for b in requests.of("budget_request")] == ["GPU hours"]
    assert [r.title for r in requests.of("risk")] == ["Hallucinated figures"]


def test_building_the_agenda_adds_every_open_request_once(steerco, steering, waiting):
    meeting = meeting_create(
        actor=steerco, body=steering, held_on=TODAY() + datetime.timedelta(7), title="SteerCo"
    )
    agenda_item_add(
        meeting=meeting,
        actor=steerco,
        title="Pilot gate, asked for by hand",
        kind=AgendaKind.USE_CASE,
        use_case=waiting["prototype"],
    )
    added = agenda_build(meeting=meeting, actor=steerco)
    assert len(added) == 5
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.position for i in items] == [1, 2, 3, 4, 5, 6]
    assert {(i.kind, i.use_case_id, i.budget_request_id, i.risk_id) for i in items[1:]} == {
        (AgendaKind.USE_CASE, waiting["assessed"].pk, None, None),
        (AgendaKind.USE_CASE, waiting["deferred"].pk, None, None),
        (AgendaKind.USE_CASE, waiting["pilot"].pk, None, None),
        (AgendaKind.BUDGET, waiting["pilot"].pk, waiting["budget"].pk, None),
        (AgendaKind.RISK, waiting["pilot"].pk, None, waiting["risk"].pk),
    }
    events = AuditEvent.objects.filter(action=DecisionAction.AGENDA_BUILT).count()

    assert agenda_build(meeting=meeting, actor=steerco) == []
    assert meeting.agenda_items.count() == 6
    assert AuditEvent.objects.filter(action=DecisionAction.AGENDA_BUILT).count() == events


def test_the_agenda_of_open_requests_is_the_steering_committees(steerco, ethics_body):
    meeting = meeting_create(actor=steerco, body=ethics_body, held_on=TODAY(), title="Ethics")
    with pytest.raises(DecisionError) as error:
        agenda_build(meeting=meeting, actor=steerco)
    assert str(error.value) == str(NOT_A_STEERING_MEETING)


def test_overdue_conditions_are_those_past_due_of_decisions_in_force(steerco, steering):
    owner = make_person(first_name="Olga", last_name="Owner")
    with_conditions = {"outcome": DecisionOutcome.APPROVED_WITH_CONDITIONS, "decided_on": LONG_AGO}
    overdue = record(
        steerco,
        steering,
        conditions=[condition(owner, datetime.date(2024, 2, 1), "Overdue")],
        **with_conditions,
    )
    record(
        steerco,
        steering,
        conditions=[condition(owner, TODAY() + datetime.timedelta(3), "Not yet due")],
        **with_conditions,
    )
    closed = record(
        steerco,
        steering,
        conditions=[condition(owner, datetime.date(2024, 2, 1), "Closed")],
        **with_conditions,
    )
    condition_close(condition=closed.conditions.get(), actor=steerco, closing_note="Done")
    old = record(
        steerco,
        steering,
        conditions=[condition(owner, datetime.date(2024, 2, 1), "Superseded")],
        **with_conditions,
    )
    record(steerco, steering, supersedes=old, text="No longer needed")
    assert [c.text for c in overdue_conditions()] == ["Overdue"]
    assert overdue_conditions().get().decision == overdue


# Audit ---------------------------------------------------------------------------------


def test_every_action_writes_an_audit_event_and_the_chain_verifies(admin, steerco):
    body = body_create(actor=admin, name="SteerCo", kind=BodyKind.STEERING_COMMITTEE)
    body_update(body=body, actor=admin, description="Decides on priorities.")
    person = make_person()
    membership = membership_add(body=body, person=person, role_in_body="chair", actor=admin)
    membership_end(membership=membership, actor=admin)
    meeting = meeting_create(actor=steerco, body=body, held_on=TODAY(), title="SteerCo")
    meeting_update(meeting=meeting, actor=steerco, location="Room 1")
    at_stage(Stage.ASSESSED)
    agenda_build(meeting=meeting, actor=steerco)
    item = agenda_item_add(meeting=meeting, actor=steerco, title="Anything else")
    agenda_item_remove(item=item, actor=steerco)
    meeting_minutes_record(meeting=meeting, actor=steerco, minutes="Met.", attendees=[person])
    old = record(
        steerco,
        body,
        meeting=meeting,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(person)],
    )
    record(steerco, body, supersedes=old, text="Corrected")
    condition_close(condition=old.conditions.get(), actor=steerco, closing_note="Done")

    written = set(AuditEvent.objects.values_list("action", flat=True))
    assert set(DecisionAction.values) <= written
    decision_events = AuditEvent.objects.filter(action=DecisionAction.DECISION_RECORDED)
    assert decision_events.count() == 2
    first = decision_events.order_by("id").first()
    assert first.changes["conditions"]["to"][0]["owner"] == person.full_name
    superseded = AuditEvent.objects.get(action=DecisionAction.DECISION_SUPERSEDED)
    assert superseded.target_id == str(old.pk)
    assert audit_verify().ok


def test_a_refused_decision_writes_nothing(steerco, steering):
    before = AuditEvent.objects.count()
    with pytest.raises(DecisionError):
        record(steerco, steering, outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS)
    assert AuditEvent.objects.count() == before
    assert not Decision.objects.exists()


# Pages ---------------------------------------------------------------------------------


def logged_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_steering_page_shows_requests_the_next_meeting_and_overdue_conditions(
    steerco, steering, waiting
):
    meeting_create(
        actor=steerco, body=steering, held_on=TODAY() + datetime.timedelta(14), title="Later"
    )
    next_one = meeting_create(
        actor=steerco, body=steering, held_on=TODAY() + datetime.timedelta(7), title="Next one"
    )
    owner = make_person(first_name="Olga", last_name="Owner")
    record(
        steerco,
        steering,
        decided_on=LONG_AGO,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(owner, datetime.date(2024, 3, 1), "Write the operating manual")],
    )
    response = logged_in(steerco).get(reverse("governance:steering"))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Assessed one",
        "Prototype waiting",
        "Pilot waiting",
        "Awaiting the production gate",
        "GPU hours",
        "Hallucinated figures",
        "Next one",
        "Build agenda from open requests",
        "Write the operating manual",
        "Olga Owner",
    ):
        assert text in page, text
    assert "Prototype passed" not in page
    assert "Just an idea" not in page
    gate_link = (
        reverse("governance:decision_create")
        + f"?use_case={waiting['prototype'].pk}&amp;kind=gate_approval&amp;gate_stage=pilot"
    )
    assert gate_link in page

    response = logged_in(steerco).post(
        reverse("governance:agenda_build", args=[next_one.pk]),
        {"next": reverse("governance:steering")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:steering")
    assert next_one.agenda_items.count() == 6
    logged_in(steerco).post(reverse("governance:agenda_build", args=[next_one.pk]))
    assert next_one.agenda_items.count() == 6


def test_readers_see_the_steering_page_without_the_buttons(steering, waiting):
    ethics = make_user(Role.ETHICS_BOARD)
    meeting_create(actor=None, body=steering, held_on=TODAY(), title="Next one")
    page = logged_in(ethics).get(reverse("governance:steering")).content.decode()
    assert "Assessed one" in page
    assert "Build agenda from open requests" not in page
    assert "Record decision" not in page


def decision_post(**fields: Any) -> dict[str, Any]:
    data = {
        "decided_on": TODAY().isoformat(),
        "kind": "policy",
        "outcome": "approved",
        "text": "Only local models.",
        "conditions-TOTAL_FORMS": "3",
        "conditions-INITIAL_FORMS": "0",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "20",
    }
    data.update({k: "" if v is None else str(v) for k, v in fields.items()})
    return data


def test_the_gate_link_prefills_the_decision_form(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE, title="Summarise tickets")
    url = reverse("governance:decision_create") + (
        f"?use_case={use_case.pk}&kind=gate_approval&gate_stage=pilot"
    )
    response = logged_in(steerco).get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["use_case"].value() == use_case.pk
    assert form["kind"].value() == "gate_approval"
    assert form["gate_stage"].value() == "pilot"
    assert form["body"].value() == steering.pk


def test_record_a_gate_approval_with_a_condition_through_the_page(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    owner = make_person()
    data = decision_post(
        body=steering.pk,
        kind="gate_approval",
        gate_stage="pilot",
        use_case=use_case.pk,
        outcome="approved_with_conditions",
        text="Go to pilot with two teams.",
        **{
            "conditions-0-text": "Train both teams",
            "conditions-0-owner": owner.pk,
            "conditions-0-due_on": (TODAY() + datetime.timedelta(30)).isoformat(),
        },
    )
    response = logged_in(steerco).post(reverse("governance:decision_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    decision = Decision.objects.get()
    assert response["Location"] == decision.get_absolute_url()
    assert decision.recorded_by == steerco
    assert decision.conditions.get().owner == owner
    assert gate_approved(use_case, "pilot")


def test_a_refused_decision_shows_the_reason_at_its_field(steerco, steering):
    data = decision_post(body=steering.pk, kind="gate_approval", gate_stage="pilot")
    response = logged_in(steerco).post(reverse("governance:decision_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["use_case"] == [str(GATE_NEEDS_USE_CASE)]
    assert not Decision.objects.exists()


def test_supersede_through_the_page_keeps_kind_and_subject(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    owner = make_person()
    old = gate(
        steerco,
        use_case,
        body=steering,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(owner, text="Train")],
    )
    client = logged_in(steerco)
    url = reverse("governance:decision_supersede", args=[old.pk])
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert form_page.context["conditions"].initial == [
        {"text": "Train", "owner": owner.pk, "due_on": old.conditions.get().due_on}
    ]
    # Kind and use case are fixed: values sent for them are ignored.
    data = decision_post(
        body=steering.pk,
        kind="policy",
        use_case=make_use_case().pk,
        gate_stage="pilot",
        outcome="approved",
        text="Go to pilot, no conditions after all.",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    new = Decision.objects.get(supersedes=old)
    assert (new.kind, new.use_case) == (DecisionKind.GATE_APPROVAL, use_case)
    again = client.get(url)
    assert again.status_code == 302
    assert gate_approved(use_case, "pilot")


def test_the_register_marks_superseded_decisions_and_links_the_correction(steerco, steering):
    old = record(steerco, steering, text="First wording")
    new = record(steerco, steering, text="Second wording", supersedes=old)
    page = logged_in(steerco).get(reverse("governance:decision_list")).content.decode()
    assert "First wording" in page
    assert "Second wording" in page
    assert "superseded" in page
    assert f'href="{new.get_absolute_url()}">corrected by #{new.pk}' in page

    detail = logged_in(steerco).get(old.get_absolute_url()).content.decode()
    assert "This decision has been superseded" in detail
    assert "Correct (supersede)" not in detail

    only_in_force = logged_in(steerco).get(reverse("governance:decision_list") + "?effective=1")
    assert list(only_in_force.context["page"]) == [new]


def test_the_register_filters(steerco, steering, ethics_body):
    use_case = at_stage(Stage.PROTOTYPE)
    in_2024 = record(steerco, steering, decided_on=LONG_AGO, text="Old policy")
    gated = gate(steerco, use_case, body=steering)
    ethical = record(steerco, ethics_body, outcome="rejected", text="No emotion recognition")
    client = logged_in(steerco)

    def shown(query: str) -> set[Decision]:
        response = client.get(reverse("governance:decision_list") + query)
        assert response.status_code == 200
        return set(response.context["page"])

    assert shown("") == {in_2024, gated, ethical}
    assert shown(f"?body={ethics_body.pk}") == {ethical}
    assert shown("?kind=gate_approval") == {gated}
    assert shown("?outcome=rejected") == {ethical}
    assert shown(f"?use_case={use_case.pk}") == {gated}
    assert shown("?to=2024-12-31") == {in_2024}
    assert shown(f"?from=2025-01-01&to={TODAY().isoformat()}") == {gated, ethical}
    assert shown("?q=emotion") == {ethical}
    partial = client.get(
        reverse("governance:decision_list") + "?kind=policy", HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in partial.content
    assert b"Old policy" in partial.content


def test_the_register_exports_what_is_shown(steerco, steering):
    old = record(steerco, steering, text="=HYPERLINK(bad)")
    budget = make_budget_request(make_use_case(title="Ticket summaries"))
    new = record(
        steerco,
        steering,
        kind=DecisionKind.BUDGET,
        budget_request=budget,
        approved_amount=Decimal("1234.50"),
        text="Budget granted",
    )
    record(steerco, steering, supersedes=old, text="Corrected")
    client = logged_in(steerco)
    response = client.get(reverse("governance:decision_export", args=["csv"]) + "?kind=budget")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    assert rows[0][:6] == ["No.", "Decided on", "Body", "Meeting", "Kind", "Outcome"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["No."] == str(new.pk)
    assert row["Use case"] == "Ticket summaries"
    assert row["Budget request"] == budget.title
    assert row["Approved amount"] == "1234.5"

    response = client.get(reverse("governance:decision_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    values = list(sheet.values)
    assert len(values) == 4
    by_number = {row[0]: row for row in values[1:]}
    header = values[0]
    assert by_number[old.pk][header.index("Decision")] == "'=HYPERLINK(bad)"
    assert by_number[old.pk][header.index("Superseded by")] == old.pk + 2
    assert client.get(reverse("governance:decision_export", args=["pdf"])).status_code == 404


def test_every_cell_of_the_register_export_as_written_by_hand(steering):
    recorder = make_person(first_name="Ada", last_name="Lovelace", roles=(Role.STEERING_COMMITTEE,))
    user = recorder.user
    sitting = meeting_create(
        actor=user, body=steering, held_on=datetime.date(2026, 3, 30), title="=Sitzung; März"
    )
    budget = make_budget_request(make_use_case(title="Ticket summaries"), title="Lizenzen")
    # 22:30:15 UTC on 31 March is 00:30 on 1 April in Berlin (summer time).
    with time_machine.travel(datetime.datetime(2026, 3, 31, 22, 30, 15, tzinfo=datetime.UTC)):
        first = record(
            user,
            steering,
            meeting=sitting,
            decided_on=datetime.date(2026, 3, 30),
            kind=DecisionKind.BUDGET,
            budget_request=budget,
            approved_amount=Decimal("12000.00"),
            outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
            conditions=[condition(recorder)],
            text='Budget "granted"',
        )
        second = record(
            user,
            steering,
            supersedes=first,
            kind=DecisionKind.BUDGET,
            budget_request=budget,
            approved_amount=Decimal("9000.50"),
            text="Corrected",
            decided_on=datetime.date(2026, 3, 31),
        )
    client = logged_in(user)

    content = downloaded(client.get(reverse("governance:decision_export", args=["csv"])))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))

    assert rows[0] == [
        "No.",
        "Decided on",
        "Body",
        "Meeting",
        "Kind",
        "Outcome",
        "Decision",
        "Use case",
        "Gate",
        "Budget request",
        "Approved amount",
        "Risk",
        "Conditions",
        "Open conditions",
        "Supersedes",
        "Superseded by",
        "Recorded by",
        "Recorded at",
    ]
    assert rows[2] == [
        str(first.pk),
        "2026-03-30",
        "AI steering committee",
        "'=Sitzung; März (2026-03-30)",
        "Budget",
        "Approved with conditions",
        'Budget "granted"',
        "Ticket summaries",
        "",
        "Lizenzen",
        "12000",
        "",
        "1",
        "1",
        "",
        str(second.pk),
        "Ada Lovelace",
        "2026-04-01 00:30",
    ]
    assert rows[1][:3] == [str(second.pk), "2026-03-31", "AI steering committee"]
    assert (rows[1][3], rows[1][10]) == ("", "9000.5")
    assert rows[1][14:16] == [str(first.pk), ""]


def test_closing_a_condition_through_the_page(steerco, steering, owner):
    person = Person.objects.get(user=owner)
    decision = record(
        steerco,
        steering,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(person)],
    )
    cond = decision.conditions.get()
    url = reverse("governance:condition_close", args=[cond.pk])
    it = make_user(Role.IT_SECURITY)
    assert logged_in(it).post(url, {"closing_note": "Done"}).status_code == 403
    detail = logged_in(owner).get(decision.get_absolute_url()).content.decode()
    assert "Close condition" in detail
    response = logged_in(owner).post(url, {"closing_note": "Both teams trained."})
    assert response.status_code == 302
    cond.refresh_from_db()
    assert cond.closed_by == owner
    assert AuditEvent.objects.filter(action=DecisionAction.CONDITION_CLOSED).count() == 1


def test_body_pages_and_membership_changes(admin, steerco, steering):
    person = make_person(first_name="Clara", last_name="Chair")
    add_url = reverse("governance:membership_add", args=[steering.pk])
    data = {"person": person.pk, "role_in_body": "chair", "started_on": "2024-01-01"}
    assert logged_in(steerco).post(add_url, data).status_code == 403
    assert logged_in(admin).post(add_url, data).status_code == 302
    duplicate = logged_in(admin).post(add_url, data)
    assert duplicate.status_code == 400
    membership = steering.memberships.get()
    page = logged_in(steerco).get(steering.get_absolute_url()).content.decode()
    assert "Clara Chair" in page
    assert "End membership" not in page
    end_url = reverse("governance:membership_end", args=[membership.pk])
    assert logged_in(steerco).post(end_url).status_code == 403
    assert logged_in(admin).post(end_url).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_on == TODAY()

    response = logged_in(admin).post(
        reverse("governance:body_create"), {"name": "Data board", "kind": "other"}
    )
    assert response.status_code == 302
    assert Body.objects.filter(name="Data board").exists()


def test_meeting_pages_plan_agenda_and_minutes(steerco, steering):
    client = logged_in(steerco)
    response = client.post(
        reverse("governance:meeting_create"),
        {"body": steering.pk, "title": "SteerCo March", "held_on": TODAY().isoformat()},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    use_case = make_use_case(title="Draft replies")
    response = client.post(
        reverse("governance:agenda_item_create", args=[meeting.pk]),
        {"title": "Priority of drafts", "kind": "use_case", "use_case": use_case.pk},
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Priority of drafts" in page
    assert f"agenda_item={item.pk}" in page
    member = make_person(first_name="Mia", last_name="Member")
    membership_add(body=steering, person=member, role_in_body="member", actor=None)
    minutes_url = reverse("governance:meeting_minutes", args=[meeting.pk])
    assert "Mia Member" in client.get(minutes_url).content.decode()
    response = client.post(
        minutes_url, {"minutes": "Agreed on priorities.", "attendees": [member.pk], "held": "on"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert list(meeting.attendees.all()) == [member]


def test_a_long_agenda_is_shown_twenty_five_items_a_page_numbered_on(steerco, steering):
    meeting = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="Long")
    for number in range(1, 31):
        agenda_item_add(meeting=meeting, actor=steerco, title=f"Item {number:02d}")
    client = logged_in(steerco)

    first = client.get(meeting.get_absolute_url()).content.decode()
    second = client.get(meeting.get_absolute_url() + "?page=2").content.decode()

    assert re.findall(r"<strong>(Item \d+)</strong>", first) == [
        f"Item {n:02d}" for n in range(1, 26)
    ]
    assert '<ol class="agenda" start="1">' in first
    assert "Page 1 of 2" in first
    assert re.findall(r"<strong>(Item \d+)</strong>", second) == [
        "Item 26",
        "Item 27",
        "Item 28",
        "Item 29",
        "Item 30",
    ]
    assert '<ol class="agenda" start="26">' in second


def test_decision_form_from_an_agenda_item_fills_in_meeting_and_body(steerco, steering):
    meeting = meeting_create(actor=steerco, body=steering, held_on=LONG_AGO, title="Old")
    item = agenda_item_add(meeting=meeting, actor=steerco, title="Budget", kind="other")
    response = logged_in(steerco).get(
        reverse("governance:decision_create") + f"?agenda_item={item.pk}"
    )
    form = response.context["form"]
    assert form["meeting"].value() == meeting.pk
    assert form["decided_on"].value() == LONG_AGO
    assert form["agenda_item"].value() == item.pk

    from_meeting = logged_in(steerco).get(
        reverse("governance:decision_create") + f"?meeting={meeting.pk}"
    )
    form = from_meeting.context["form"]
    assert (form["meeting"].value(), form["body"].value()) == (meeting.pk, steering.pk)


def test_decision_form_from_an_agenda_item_fills_in_its_subject(steerco, steering):
    meeting = meeting_create(actor=steerco, body=steering, held_on=LONG_AGO, title="Old")
    prototype = at_stage(Stage.PROTOTYPE, title="Antwortentwürfe")
    idea = at_stage(Stage.ASSESSED, title="Protokolle")
    budget = make_request(amount="12500.00")
    gate_item = agenda_item_add(
        meeting=meeting, actor=steerco, title="Pilot", kind="use_case", use_case=prototype
    )
    idea_item = agenda_item_add(
        meeting=meeting, actor=steerco, title="Freigabe", kind="use_case", use_case=idea
    )
    budget_item = agenda_item_add(
        meeting=meeting, actor=steerco, title="Budget", kind="budget", budget_request=budget
    )

    def initial(item, extra: str = "") -> dict:
        url = reverse("governance:decision_create") + f"?agenda_item={item.pk}{extra}"
        form = logged_in(steerco).get(url).context["form"]
        names = ("kind", "use_case", "gate_stage", "budget_request", "approved_amount")
        return {name: form.initial[name] for name in names if name in form.initial}

    assert initial(gate_item) == {
        "kind": "gate_approval",
        "use_case": prototype.pk,
        "gate_stage": "pilot",
    }
    assert initial(idea_item) == {"use_case": idea.pk}
    assert initial(budget_item) == {
        "kind": "budget",
        "budget_request": budget.pk,
        "approved_amount": Decimal("12500.00"),
    }
    assert initial(gate_item, "&kind=priority")["kind"] == "priority"


def test_a_new_decision_is_prefilled_with_the_body_s_meeting_it_is_likely_taken_in(
    steerco, steering, ethics_body
):
    today = TODAY()
    meeting_create(
        actor=steerco,
        body=steering,
        held_on=today - datetime.timedelta(days=15),
        title="Too long ago",
    )
    meeting_create(actor=steerco, body=ethics_body, held_on=today, title="Other body")
    later = meeting_create(
        actor=steerco, body=steering, held_on=today + datetime.timedelta(days=9), title="Later"
    )
    url = reverse("governance:decision_create")

    form = logged_in(steerco).get(url).context["form"]
    assert (form["meeting"].value(), form["decided_on"].value()) == (later.pk, today)

    just_held = meeting_create(
        actor=steerco, body=steering, held_on=today - datetime.timedelta(days=14), title="Held"
    )
    form = logged_in(steerco).get(url).context["form"]
    assert (form["meeting"].value(), form["decided_on"].value()) == (
        just_held.pk,
        today - datetime.timedelta(days=14),
    )

    meeting_minutes_record(meeting=just_held, actor=steerco, minutes="Done.", attendees=[])
    assert logged_in(steerco).get(url).context["form"]["meeting"].value() == later.pk
    other = logged_in(steerco).get(f"{url}?body={ethics_body.pk}").context["form"]
    assert other["meeting"].value() == Meeting.objects.get(title="Other body").pk


def test_recording_a_decision_on_an_agenda_item_marks_it_done(steerco, steering):
    meeting = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="SteerCo")
    decided = agenda_item_add(meeting=meeting, actor=steerco, title="Local models only")
    open_item = agenda_item_add(meeting=meeting, actor=steerco, title="Next quarter")

    record(steerco, body=steering, meeting=meeting, agenda_item=decided)

    decided.refresh_from_db()
    open_item.refresh_from_db()
    assert (decided.done, open_item.done) == (True, False)
    page = logged_in(steerco).get(meeting.get_absolute_url()).content.decode()
    items = {
        re.search(r"<strong>([^<]+)</strong>", li).group(1): li
        for li in page.split("<li>")
        if "<strong>" in li
    }
    assert '<span class="badge ok">Done</span>' in items["Local models only"]
    assert "Done" not in items["Next quarter"]


# Permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "view", "decide"),
    [
        (Role.STEERING_COMMITTEE, True, True),
        (Role.ETHICS_BOARD, True, False),
        (Role.PRODUCT_OWNER, True, False),
        (Role.WORKS_COUNCIL, True, False),
        (Role.TRAINER, False, False),
    ],
)
def test_who_sees_the_register_and_who_decides(role, view, decide):
    client = logged_in(make_user(role))
    for name in ("governance:steering", "governance:decision_list", "governance:body_list"):
        assert (client.get(reverse(name)).status_code == 200) is view, name
    status = client.get(reverse("governance:decision_create")).status_code
    assert (status == 200) is decide
    assert (client.get(reverse("governance:meeting_create")).status_code == 200) is decide


def test_signing_in_is_required(client):
    response = client.get(reverse("governance:decision_list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Query counts --------------------------------------------------------------------------


def populate(steerco: User, steering: Body, n: int) -> Meeting:
    """``n`` of everything a page lists, linked to one meeting."""
    meeting = meeting_create(actor=steerco, body=steering, held_on=LONG_AGO, title="Populated")
    for i in range(n):
        person = make_person(unit=make_unit())
        membership_add(body=steering, person=person, role_in_body="member", actor=steerco)
        use_case = at_stage(Stage.PROTOTYPE if i % 2 else Stage.ASSESSED)
        pilot = at_stage(Stage.PILOT)
        budget = make_budget_request(pilot)
        make_budget_request(pilot, title=f"Waiting {i}")  # on the steering page until decided
        make_risk(pilot, status="acceptance_requested", owner=person)
        item = agenda_item_add(
            meeting=meeting, actor=steerco, title=f"Item {i}", kind="use_case", use_case=use_case
        )
        old = record(
            steerco,
            steering,
            decided_on=LONG_AGO,
            agenda_item=item,
            kind=DecisionKind.BUDGET,
            budget_request=budget,
            outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
            approved_amount=Decimal(100),
            conditions=[condition(person, datetime.date(2024, 2, 1))],
        )
        record(
            steerco,
            steering,
            decided_on=LONG_AGO,
            kind=DecisionKind.BUDGET,
            budget_request=budget,
            approved_amount=Decimal(90),
            supersedes=old if i % 2 else None,
            outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
            conditions=[condition(person, datetime.date(2024, 2, 1))],
        )
        meeting_create(actor=steerco, body=steering, held_on=TODAY(), title=f"Later {i}")
        Person.objects.get(pk=person.pk).meetings_attended.add(meeting)
    return meeting


def csv_rows(response) -> int:
    return len(downloaded(response).decode("utf-8-sig").splitlines())


def xlsx_rows(response) -> int:
    return load_workbook(io.BytesIO(downloaded(response))).active.max_row


def conditions_shown(response) -> int:
    return response.content.decode().count('<div class="condition card">')


def choices(response) -> int:
    """The options of a form's choice fields (use cases, requests, risks, people ...)."""
    page = response.content.decode()
    return page.count("<option") + page.count('type="checkbox"')


# What each page lists, one count per listed thing.
PAGES: dict[str, Shows] = {
    "steering": "<tr><td>",
    "body_list": "<tr><td>",
    "body_detail": "<tr><td>",
    "meeting_list": "<tr><td>",
    "meeting_detail": "<li><strong>",
    "meeting_minutes": choices,
    "decision_list": '<tr class="decision',
    "decision_detail": conditions_shown,
    "decision_create": choices,
    "decision_supersede": choices,
    "decision_export_csv": csv_rows,
    "decision_export_xlsx": xlsx_rows,
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_use_the_same_number_of_queries_for_more_data(admin, steerco, steering, name):
    client = logged_in(admin)
    meeting = populate(steerco, steering, 2)
    first_decision = Decision.objects.order_by("pk").last()
    args: dict[str, list[Any]] = {
        "body_detail": [steering.pk],
        "meeting_detail": [meeting.pk],
        "meeting_minutes": [meeting.pk],
        "decision_detail": [first_decision.pk],
        "decision_supersede": [first_decision.pk],
        "decision_export_csv": ["csv"],
        "decision_export_xlsx": ["xlsx"],
    }
    url_name = "decision_export" if name.startswith("decision_export") else name

    def grow() -> str | None:
        populate(steerco, steering, 12)
        for i in range(10):
            agenda_item_add(meeting=meeting, actor=steerco, title=f"More {i}")
        for kind in (BodyKind.ETHICS_BOARD, BodyKind.OTHER):
            make_body(kind)
        if name == "decision_detail":
            richer = record(
                steerco,
                steering,
                outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
                conditions=[
                    condition(make_person(unit=make_unit()), text=f"Condition {i}")
                    for i in range(6)
                ],
            )
            return reverse("governance:decision_detail", args=[richer.pk])
        return None

    assert_queries_do_not_grow(
        client,
        reverse(f"governance:{url_name}", args=args.get(name, [])),
        grow=grow,
        shows=PAGES[name],
    )


# API -----------------------------------------------------------------------------------


def api(user: User) -> Client:
    return Client(headers=bearer(user))


def test_the_api_records_a_decision_with_conditions_and_a_correction(steerco, steering):
    use_case = at_stage(Stage.PROTOTYPE)
    owner = make_person()
    client = api(steerco)
    body = {
        "body": steering.pk,
        "decided_on": TODAY().isoformat(),
        "kind": "gate_approval",
        "gate_stage": "pilot",
        "use_case": use_case.pk,
        "outcome": "approved_with_conditions",
        "text": "Pilot with conditions",
        "conditions": [
            {
                "text": "Train",
                "owner": owner.pk,
                "due_on": (TODAY() + datetime.timedelta(9)).isoformat(),
            }
        ],
    }
    response = client.post("/api/v1/governance/decisions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["in_force"] is True
    assert created["conditions"][0]["owner"]["id"] == owner.pk
    assert gate_approved(use_case, "pilot")

    correction = {**body, "outcome": "rejected", "conditions": [], "supersedes": created["id"]}
    response = client.post(
        "/api/v1/governance/decisions", correction, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert not gate_approved(use_case, "pilot")
    old = client.get(f"/api/v1/governance/decisions/{created['id']}").json()
    assert old["in_force"] is False
    assert old["superseded_by_id"] == response.json()["id"]

    again = client.post("/api/v1/governance/decisions", correction, content_type="application/json")
    assert again.status_code == 400
    assert "supersedes" in again.json()["errors"]

    listed = client.get("/api/v1/governance/decisions?effective=true").json()
    assert [d["id"] for d in listed["items"]] == [response.json()["id"]]


def test_the_api_answers_refusals_by_field(steerco, steering):
    client = api(steerco)
    body = {
        "body": steering.pk,
        "decided_on": TODAY().isoformat(),
        "kind": "budget",
        "outcome": "approved",
        "text": "Budget",
        "budget_request": 99999,
    }
    response = client.post("/api/v1/governance/decisions", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["budget_request"]
    reader = api(make_user(Role.ETHICS_BOARD))
    body["budget_request"] = make_budget_request(make_use_case()).pk
    body["approved_amount"] = "10"
    denied = reader.post("/api/v1/governance/decisions", body, content_type="application/json")
    assert denied.status_code == 403
    assert not Decision.objects.exists()


def test_the_api_lists_bodies_and_meetings_and_closes_conditions(steerco, steering, owner):
    person = Person.objects.get(user=owner)
    membership_add(body=steering, person=person, role_in_body="guest", actor=steerco)
    meeting = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="API meeting")
    agenda_item_add(meeting=meeting, actor=steerco, title="Item")
    decision = record(
        steerco,
        steering,
        meeting=meeting,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(person)],
    )
    client = api(owner)
    bodies = client.get("/api/v1/governance/bodies").json()
    assert bodies[0]["memberships"][0]["role_in_body"] == "guest"
    meetings = client.get(f"/api/v1/governance/meetings?body={steering.pk}").json()
    assert [m["title"] for m in meetings["items"]] == ["API meeting"]
    detail = client.get(f"/api/v1/governance/meetings/{meeting.pk}").json()
    assert [i["title"] for i in detail["agenda"]] == ["Item"]
    assert [d["id"] for d in detail["decisions"]] == [decision.pk]

    cond = decision.conditions.get()
    url = f"/api/v1/governance/conditions/{cond.pk}/close"
    other = api(make_user(Role.IT_SECURITY))
    payload = json.dumps({"closing_note": "Done"})
    assert other.post(url, payload, content_type="application/json").status_code == 403
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["closed_by"]) == ("done", str(owner))
    again = client.post(url, payload, content_type="application/json")
    assert (again.status_code, again.json()["detail"]) == (409, str(ALREADY_CLOSED))


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/api/v1/governance/bodies", api_rows),
        ("/api/v1/governance/meetings", api_items),
        ("/api/v1/governance/meetings/{meeting}", api_rows),
        ("/api/v1/governance/decisions", api_items),
    ],
)
def test_api_lists_use_the_same_number_of_queries_for_more_data(
    admin, steerco, steering, url, shows
):
    meeting = populate(steerco, steering, 2)

    def grow() -> None:
        populate(steerco, steering, 8)
        for i in range(5):
            agenda_item_add(meeting=meeting, actor=steerco, title=f"More {i}")
        make_body(BodyKind.ETHICS_BOARD)

    assert_queries_do_not_grow(
        Client(),
        url.format(meeting=meeting.pk),
        grow=grow,
        shows=shows,
        headers=bearer(admin),
    )


def test_every_page_answers_an_empty_or_unknown_request_without_an_error(admin, steerco):
    body = make_body(BodyKind.ETHICS_BOARD)
    meeting = meeting_create(actor=steerco, body=body, held_on=TODAY(), title="Ethics")
    item = agenda_item_add(meeting=meeting, actor=steerco, title="Item")
    decision = record(
        steerco,
        body,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(make_person())],
    )
    membership = membership_add(body=body, person=make_person(), role_in_body="member", actor=None)
    objects = {
        "body_detail": body.pk,
        "body_edit": body.pk,
        "membership_add": body.pk,
        "membership_end": membership.pk,
        "meeting_detail": meeting.pk,
        "meeting_edit": meeting.pk,
        "meeting_minutes": meeting.pk,
        "agenda_item_create": meeting.pk,
        "agenda_build": meeting.pk,
        "agenda_item_delete": item.pk,
        "decision_detail": decision.pk,
        "decision_supersede": decision.pk,
        "condition_close": decision.conditions.get().pk,
    }
    client = logged_in(admin)
    for name, pk in objects.items():
        url = reverse(f"governance:{name}", args=[pk])
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code in (200, 302, 400, 405), (name, response.status_code)
        missing = reverse(f"governance:{name}", args=[99999])
        assert client.post(missing, {}).status_code in (404, 405), name
    for name in ("steering", "body_list", "body_create", "meeting_list", "meeting_create"):
        assert client.post(reverse(f"governance:{name}"), {}).status_code in (200, 405), name
    assert client.post(reverse("governance:decision_create"), {}).status_code == 200
    assert (
        client.get(reverse("governance:decision_create") + "?use_case=x&kind=no").status_code == 200
    )
    assert client.get(reverse("governance:decision_list") + "?from=soon&body=x").status_code == 200


# One user action per write, audited with before and after ------------------------------


@pytest.fixture
def scene(admin, steerco, steering) -> dict[str, Any]:
    """One of everything the writes below act on."""
    person = make_person(first_name="Clara", last_name="Chair")
    membership = membership_add(body=steering, person=person, role_in_body="chair", actor=admin)
    meeting = meeting_create(actor=steerco, body=steering, held_on=TODAY(), title="SteerCo")
    item = agenda_item_add(meeting=meeting, actor=steerco, title="Anything else")
    decision = record(
        steerco,
        steering,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(person)],
    )
    return {
        "admin": admin,
        "steerco": steerco,
        "body": steering,
        "person": person,
        "membership": membership,
        "meeting": meeting,
        "item": item,
        "decision": decision,
    }


WRITES = {
    "body_create": lambda s: body_create(actor=s["admin"], name="Other", kind="other"),
    "body_update": lambda s: body_update(body=s["body"], actor=None, description="x"),
    "membership_add": lambda s: membership_add(
        body=s["body"], person=make_person(), role_in_body="member", actor=None
    ),
    "membership_end": lambda s: membership_end(membership=s["membership"], actor=None),
    "meeting_create": lambda s: meeting_create(
        actor=None, body=s["body"], held_on=TODAY(), title="Another"
    ),
    "meeting_update": lambda s: meeting_update(meeting=s["meeting"], actor=None, location="Room 2"),
    "meeting_minutes_record": lambda s: meeting_minutes_record(
        meeting=s["meeting"], actor=None, minutes="Met.", attendees=[s["person"]]
    ),
    "agenda_item_add": lambda s: agenda_item_add(meeting=s["meeting"], actor=None, title="More"),
    "agenda_item_remove": lambda s: agenda_item_remove(item=s["item"], actor=None),
    "agenda_build": lambda s: agenda_build(meeting=s["meeting"], actor=None),
    "decision_record": lambda s: record(s["steerco"], s["body"]),
    "condition_close": lambda s: condition_close(
        condition=s["decision"].conditions.get(), actor=None, closing_note="Done"
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_each_write_is_one_user_action_that_no_caller_can_wrap_into_another(write, scene):
    with transaction.atomic(), pytest.raises(RuntimeError, match="durable"):
        WRITES[write](scene)


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_each_change_is_audited_as_before_and_after_of_the_changed_fields(scene):
    body, person, meeting = scene["body"], scene["person"], scene["meeting"]
    body_update(body=body, actor=None, description="Decides on priorities.")
    assert last_event(DecisionAction.BODY_CHANGED).changes == {
        "description": {"from": "", "to": "Decides on priorities."}
    }
    added = last_event(DecisionAction.MEMBER_ADDED).changes
    assert added["person"] == {"from": None, "to": "Clara Chair"}
    assert added["role_in_body"] == {"from": None, "to": "chair"}
    membership_end(membership=scene["membership"], actor=None)
    assert last_event(DecisionAction.MEMBER_ENDED).changes == {
        "ended_on": {"from": None, "to": TODAY().isoformat()}
    }
    meeting_update(meeting=meeting, actor=None, location="Room 1")
    assert last_event(DecisionAction.MEETING_CHANGED).changes == {
        "location": {"from": "", "to": "Room 1"}
    }
    agenda_item_remove(item=scene["item"], actor=None)
    assert last_event(DecisionAction.AGENDA_ITEM_REMOVED).changes["title"] == {
        "from": "Anything else",
        "to": None,
    }
    at_stage(Stage.ASSESSED, title="Waiting one")
    agenda_build(meeting=meeting, actor=None)
    assert last_event(DecisionAction.AGENDA_BUILT).changes == {
        "agenda": {"from": [], "to": ["Waiting one"]}
    }
    meeting_minutes_record(meeting=meeting, actor=None, minutes="We met.", attendees=[person])
    minutes = last_event(DecisionAction.MINUTES_RECORDED).changes
    assert minutes["status"] == {"from": "planned", "to": "held"}
    assert minutes["attendees"] == {"from": [], "to": ["Clara Chair"]}
    assert minutes["minutes"] == {"from": "", "to": "We met."}

    decision = scene["decision"]
    recorded = AuditEvent.objects.get(
        action=DecisionAction.DECISION_RECORDED, target_id=str(decision.pk)
    ).changes
    assert recorded["outcome"] == {"from": None, "to": "approved_with_conditions"}
    assert recorded["body"] == {"from": None, "to": body.name}
    assert recorded["conditions"]["to"][0]["owner"] == "Clara Chair"
    correction = record(scene["steerco"], body, supersedes=decision, text="Corrected")
    assert last_event(DecisionAction.DECISION_SUPERSEDED).changes == {
        "superseded_by": {"from": None, "to": str(correction)}
    }
    condition_close(
        condition=decision.conditions.get(), actor=scene["steerco"], closing_note="Done"
    )
    closed = last_event(DecisionAction.CONDITION_CLOSED).changes
    assert closed["closing_note"] == {"from": "", "to": "Done"}
    assert closed["closed_by"] == {"from": None, "to": str(scene["steerco"])}
    assert audit_verify().ok


def test_attendees_are_people_who_sit_in_the_body(scene):
    stranger = make_person(first_name="Sam", last_name="Stranger")
    with pytest.raises(DecisionError) as error:
        meeting_minutes_record(
            meeting=scene["meeting"], actor=None, minutes="x", attendees=[stranger]
        )
    assert error.value.field == "attendees"
    assert str(error.value) == refused(
        ATTENDEE_NOT_IN_BODY, person="Sam Stranger", body=scene["body"]
    )
    assert not AuditEvent.objects.filter(action=DecisionAction.MINUTES_RECORDED).exists()


def test_a_refusal_names_the_field_it_concerns(scene):
    with pytest.raises(DecisionError) as error:
        membership_add(
            body=scene["body"], person=scene["person"], role_in_body="member", actor=None
        )
    assert error.value.field == "person"
    with pytest.raises(DecisionError) as error:
        body_create(actor=None, name=scene["body"].name, kind="other")
    assert error.value.field == "name"
    with pytest.raises(DecisionError) as error:
        agenda_item_add(meeting=scene["meeting"], actor=None, title="  ")
    assert error.value.field == "title"


def test_filters_with_ids_beyond_64_bits_are_ignored_on_the_page_and_refused_by_the_api(
    steerco, steering
):
    record(steerco, steering)
    huge = "9" * 25
    page = logged_in(steerco).get(reverse("governance:decision_list") + f"?body={huge}")
    assert page.status_code == 200
    assert len(page.context["page"]) == 1
    client = api(steerco)
    for query in (f"body={huge}", f"use_case={huge}", "body=0"):
        response = client.get(f"/api/v1/governance/decisions?{query}")
        assert response.status_code == 400, query
        assert list(response.json()["errors"]) == [query.split("=")[0]]
    response = client.post(
        "/api/v1/governance/decisions",
        {
            "body": int(huge),
            "decided_on": TODAY().isoformat(),
            "kind": "policy",
            "text": "x",
            "outcome": "approved",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]


# The API offers what the pages offer ----------------------------------------------------


def send(client: Client, method: str, url: str, data: Any = None) -> Any:
    payload = json.dumps(data) if data is not None else None
    return getattr(client, method)(
        f"/api/v1/governance{url}", payload, content_type="application/json"
    )


def test_the_api_creates_and_changes_bodies_and_their_memberships(admin, steerco):
    client = api(admin)
    response = send(client, "post", "/bodies", {"name": "Data board", "kind": "other"})
    assert response.status_code == 201, response.content
    body_id = response.json()["id"]
    assert send(api(steerco), "post", "/bodies", {"name": "X", "kind": "other"}).status_code == 403
    duplicate = send(client, "post", "/bodies", {"name": "Data board", "kind": "other"})
    assert duplicate.status_code == 400
    assert list(duplicate.json()["errors"]) == ["name"]

    response = send(client, "patch", f"/bodies/{body_id}", {"description": "Data questions."})
    assert response.status_code == 200, response.content
    assert response.json()["description"] == "Data questions."
    assert last_event(DecisionAction.BODY_CHANGED).changes == {
        "description": {"from": "", "to": "Data questions."}
    }

    person = make_person(first_name="Mia", last_name="Member")
    seat = {"person": person.pk, "role_in_body": "member", "started_on": "2024-01-01"}
    response = send(client, "post", f"/bodies/{body_id}/memberships", seat)
    assert response.status_code == 201, response.content
    membership_id = response.json()["id"]
    again = send(client, "post", f"/bodies/{body_id}/memberships", seat)
    assert again.status_code == 400
    assert list(again.json()["errors"]) == ["person"]
    unknown = send(client, "post", f"/bodies/{body_id}/memberships", {**seat, "person": 99999})
    assert list(unknown.json()["errors"]) == ["person"]

    response = send(client, "post", f"/memberships/{membership_id}/end", {})
    assert response.status_code == 200, response.content
    assert response.json()["ended_on"] == TODAY().isoformat()
    detail = client.get(f"/api/v1/governance/bodies/{body_id}").json()
    assert detail["name"] == "Data board"
    assert [m["ended_on"] for m in detail["memberships"]] == [TODAY().isoformat()]
    assert send(client, "post", f"/memberships/{membership_id}/end", {}).status_code == 400
    assert client.get("/api/v1/governance/bodies/99999").status_code == 404


def test_the_api_plans_meetings_builds_agendas_and_records_minutes(steerco, steering):
    client = api(steerco)
    member = make_person(first_name="Mia", last_name="Member")
    membership_add(body=steering, person=member, role_in_body="member", actor=None)
    response = send(
        client,
        "post",
        "/meetings",
        {"body": steering.pk, "held_on": TODAY().isoformat(), "title": "SteerCo"},
    )
    assert response.status_code == 201, response.content
    meeting_id = response.json()["id"]
    response = send(client, "patch", f"/meetings/{meeting_id}", {"location": "Room 1"})
    assert (response.status_code, response.json()["location"]) == (200, "Room 1")

    response = send(
        client, "post", f"/meetings/{meeting_id}/agenda-items", {"title": "Report", "notes": "n"}
    )
    assert response.status_code == 201, response.content
    item_id = response.json()["id"]
    blank = send(client, "post", f"/meetings/{meeting_id}/agenda-items", {"title": " "})
    assert (blank.status_code, list(blank.json()["errors"])) == (400, ["title"])
    at_stage(Stage.ASSESSED, title="Waiting one")
    response = send(client, "post", f"/meetings/{meeting_id}/agenda/build")
    assert response.status_code == 200, response.content
    built = response.json()
    assert [(i["title"], i["topic"], i["heading"]) for i in built] == [
        ("Waiting one", "approval", "Approval: Waiting one")
    ]
    german = client.get(
        f"/api/v1/governance/meetings/{meeting_id}", headers={"accept-language": "de"}
    )
    assert [i["heading"] for i in german.json()["agenda"]] == ["Report", "Freigabe: Waiting one"]
    assert send(client, "delete", f"/agenda-items/{item_id}").status_code == 204
    assert send(client, "delete", f"/agenda-items/{item_id}").status_code == 404

    stranger = make_person()
    refused_minutes = send(
        client,
        "put",
        f"/meetings/{meeting_id}/minutes",
        {"minutes": "We met.", "attendees": [stranger.pk]},
    )
    assert (refused_minutes.status_code, list(refused_minutes.json()["errors"])) == (
        400,
        ["attendees"],
    )
    response = send(
        client,
        "put",
        f"/meetings/{meeting_id}/minutes",
        {"minutes": "We met.", "attendees": [member.pk]},
    )
    assert response.status_code == 200, response.content
    detail = response.json()
    assert (detail["status"], detail["minutes"]) == ("held", "We met.")
    assert [a["name"] for a in detail["attendees"]] == ["Mia Member"]
    assert [i["heading"] for i in detail["agenda"]] == ["Approval: Waiting one"]
    late = send(client, "post", f"/meetings/{meeting_id}/agenda-items", {"title": "Too late"})
    assert late.status_code == 400
    reader = api(make_user(Role.ETHICS_BOARD))
    assert send(reader, "patch", f"/meetings/{meeting_id}", {"title": "x"}).status_code == 403
    written = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        DecisionAction.MEETING_PLANNED,
        DecisionAction.MEETING_CHANGED,
        DecisionAction.AGENDA_ITEM_ADDED,
        DecisionAction.AGENDA_ITEM_REMOVED,
        DecisionAction.AGENDA_BUILT,
        DecisionAction.MINUTES_RECORDED,
    } <= written
