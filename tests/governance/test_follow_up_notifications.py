"""Owners of conditions and mitigations are told that they own one, and reminded once when
its due date is a week or less away and once when it has passed (``wandel remind``)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from tests.support.governance import condition, make_risk, record
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import Notification
from wandel.core.notifications.events import event_named
from wandel.core.roles import Role
from wandel.core.tracking import TrackedStatus
from wandel.governance.decisions.models import DecisionCondition
from wandel.governance.follow_ups import follow_up_reminders
from wandel.governance.reviews.ethics.services import (
    NewCondition,
    ethics_review_start,
    ethics_review_submit,
)
from wandel.governance.risks.services import mitigation_add, mitigation_update

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)
# A due day never before the day a test records its decision (conditions may not be due
# before the decision), whenever the suite runs.
LATER = datetime.date(2030, 12, 7)


def words(notification: Notification) -> str:
    return event_named(notification.event).words(notification.params)


def told(person, event: str) -> list[str]:
    rows = Notification.objects.filter(recipient=person.user, event=event).order_by("pk")
    return [words(n) for n in rows]


def test_the_owner_of_a_decision_condition_is_told(steerco):
    owner = make_person()

    decision = record(steerco, outcome="approved_with_conditions", conditions=[condition(owner)])

    assert told(owner, "governance.follow_up_assigned") == [
        "You are responsible for “Train the users” (Condition of a decision)."
    ]
    notification = Notification.objects.get(recipient=owner.user)
    assert notification.url == f"/governance/decisions/{decision.pk}/"


def test_a_mitigation_owner_is_told_when_named_and_when_it_changes_hands(steerco):
    first, second = make_person(), make_person()
    risk = make_risk()

    mitigation = mitigation_add(
        risk=risk, text="Preise nur aus dem Katalog", owner=first, actor=steerco
    )
    mitigation_update(mitigation=mitigation, actor=steerco, text="Preise nur aus dem PIM")
    mitigation_update(mitigation=mitigation, actor=steerco, owner=second)

    assert told(first, "governance.follow_up_assigned") == [
        "You are responsible for “Preise nur aus dem Katalog” (Mitigation of a risk)."
    ]
    assert told(second, "governance.follow_up_assigned") == [
        "You are responsible for “Preise nur aus dem PIM” (Mitigation of a risk)."
    ]
    assert Notification.objects.get(recipient=second.user).url == f"/governance/risks/{risk.pk}/"


def due(owner, days: int, text: str, status: str = TrackedStatus.OPEN) -> DecisionCondition:
    item = DecisionCondition.objects.filter(owner=owner).first()
    copy = DecisionCondition.objects.create(
        decision=item.decision,
        text=text,
        owner=owner,
        due_on=TODAY + datetime.timedelta(days=days),
        status=status,
        closed_on=TODAY if status == TrackedStatus.DONE else None,
    )
    return copy


def test_reminders_come_a_week_ahead_and_after_the_date_each_once(steerco):
    owner = make_person()
    record(steerco, outcome="approved_with_conditions", conditions=[condition(owner)])
    DecisionCondition.objects.update(due_on=TODAY + datetime.timedelta(days=30))
    due(owner, 7, "In einer Woche")
    due(owner, 8, "In acht Tagen")
    due(owner, 0, "Heute")
    due(owner, -1, "Gestern")
    due(owner, -3, "Erledigt", status=TrackedStatus.DONE)

    assert follow_up_reminders(TODAY) == 3

    assert sorted(told(owner, "governance.follow_up_due_soon")) == [
        "“Heute” (Condition of a decision) is due on 07/12/2026.",
        "“In einer Woche” (Condition of a decision) is due on 14/12/2026.",
    ]
    assert told(owner, "governance.follow_up_overdue") == [
        "“Gestern” (Condition of a decision) was due on 06/12/2026 and is not closed yet."
    ]
    assert follow_up_reminders(TODAY) == 0
    assert follow_up_reminders(TODAY + datetime.timedelta(days=1)) == 2  # 8 days, and today's


def test_a_new_due_date_is_reminded_of_again(steerco):
    owner = make_person()
    record(steerco, outcome="approved_with_conditions", conditions=[condition(owner)])
    item = DecisionCondition.objects.get()
    item.due_on = TODAY + datetime.timedelta(days=2)
    item.save()
    assert follow_up_reminders(TODAY) == 1

    item.due_on = TODAY + datetime.timedelta(days=5)
    item.save()

    assert follow_up_reminders(TODAY) == 1


def test_an_owner_without_an_account_is_skipped(steerco):
    owner = make_person(account=False)
    record(steerco, outcome="approved_with_conditions", conditions=[condition(owner, LATER)])

    assert follow_up_reminders(LATER) == 0


def test_the_reminder_shows_the_date_as_the_reader_writes_it(steerco):
    owner = make_person()
    record(steerco, outcome="approved_with_conditions", conditions=[condition(owner, LATER)])
    follow_up_reminders(LATER)

    reminder = Notification.objects.get(event="governance.follow_up_due_soon")
    with translation.override("de"):
        assert (
            words(reminder)
            == "„Train the users“ (Auflage einer Entscheidung) ist am 07.12.2030 fällig."
        )


def test_the_command_reminds_as_of_a_day(steerco):
    owner = make_person()
    record(
        steerco,
        outcome="approved_with_conditions",
        conditions=[condition(owner, timezone.localdate() + datetime.timedelta(days=3))],
    )
    out = io.StringIO()

    call_command("remind", stdout=out)

    assert out.getvalue().strip() == f"1 reminders sent for {timezone.localdate().isoformat()}."


def test_the_owner_of_an_ethics_condition_is_told(steerco):
    owner = make_person()
    ethics = make_user(Role.ETHICS_BOARD)
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)

    ethics_review_submit(
        review=review,
        answers={},
        reasons=None,
        actor=ethics,
        add_conditions=[NewCondition("Schulung vor dem Pilot", owner, TODAY)],
    )

    assert told(owner, "governance.follow_up_assigned") == [
        "You are responsible for “Schulung vor dem Pilot” (Condition of an ethics approval)."
    ]
    assert Notification.objects.get(recipient=owner.user).url == (
        f"/governance/reviews/ethics/{review.pk}/"
    )
