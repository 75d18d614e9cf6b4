"""A recorded decision on a use case tells its product owner and its submitter."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.support.governance import make_body, record
from tests.support.portfolio import make_use_case
from wandel.core.models import Notification
from wandel.core.notifications.events import event_named
from wandel.governance.decisions.models import DecisionKind, DecisionOutcome
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db


def words(notification: Notification) -> str:
    return event_named(notification.event).words(notification.params)


def test_owner_and_submitter_hear_of_a_decision_on_their_use_case(owner, employee, steerco):
    use_case = make_use_case(actor=employee, title="Ticket triage")
    product_owner_set(use_case=use_case, person=owner.person, actor=None)
    body = make_body(name="Steering committee")

    record(
        steerco,
        body=body,
        kind=DecisionKind.PRIORITY,
        use_case=use_case,
        outcome=DecisionOutcome.DEFERRED,
    )

    told = Notification.objects.filter(event="governance.decision_recorded")
    assert sorted(n.recipient.email for n in told) == [employee.email, owner.email]
    notification = told.get(recipient=owner)
    assert words(notification) == (
        "Steering committee decided on “Ticket triage” (Priority): Deferred."
    )
    assert notification.url == f"/portfolio/{use_case.pk}/"
    with translation.override("de"):
        assert words(notification) == (
            "Steering committee hat über „Ticket triage“ entschieden (Priorisierung): Vertagt."
        )


def test_a_decision_without_a_use_case_tells_nobody(steerco, owner):
    record(steerco)

    assert not Notification.objects.filter(event="governance.decision_recorded").exists()


def test_the_one_who_records_it_is_not_told(steerco):
    use_case = make_use_case(actor=steerco)

    record(steerco, kind=DecisionKind.PRIORITY, use_case=use_case)

    assert not Notification.objects.filter(recipient=steerco).exists()
