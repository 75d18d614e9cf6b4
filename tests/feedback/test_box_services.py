"""The box's writes: anonymous posts keep no trace of their poster, one support per person,
the first answer's date is kept, status changes are audited and told, and an idea becomes
a use case once."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine

from tests.support.personas import make_unit, make_user
from wandel.core.errors import DomainError
from wandel.core.models import AuditEvent, Notification
from wandel.core.roles import Role
from wandel.feedback.box.models import FeedbackItem, FeedbackSupport
from wandel.feedback.box.services import (
    ALREADY_PROMOTED,
    ONLY_IDEAS,
    OWN_ITEM,
    item_answer,
    item_post,
    item_promote,
    item_set_status,
    item_support,
    item_unsupport,
)
from wandel.portfolio.use_cases.models import Follow, UseCase

pytestmark = pytest.mark.django_db


def post(actor, *, kind: str = "idea", anonymous: bool = False, title: str = "Draft minutes"):
    return item_post(
        kind=kind,
        category="tools",
        title=title,
        text="Let the assistant draft meeting minutes.",
        anonymous=anonymous,
        actor=actor,
    )


def promote(item, actor, unit):
    return item_promote(
        item=item,
        actor=actor,
        title="Minutes assistant",
        problem="Minutes take an hour per meeting.",
        process="Meetings",
        unit=unit,
        expected_benefit="Ten hours a month",
        data_involved="Meeting notes",
        personal_data=False,
        capability="generation",
    )


def test_an_anonymous_post_stores_no_author_and_writes_no_audit_event(employee):
    before = AuditEvent.objects.count()

    with time_machine.travel("2026-12-07 15:42 +01:00", tick=False):
        item = post(employee, anonymous=True)

    stored = FeedbackItem.objects.get(pk=item.pk)
    assert stored.author is None
    assert stored.anonymous is True
    assert stored.posted_on == D(2026, 12, 7)
    assert AuditEvent.objects.count() == before
    assert not FeedbackSupport.objects.exists()


def test_item_ids_are_drawn_at_random_so_they_do_not_order_the_posts(employee):
    first = post(employee, anonymous=True)
    second = post(employee)

    # Numbered in sequence, the anonymous post's neighbours would date it.
    assert abs(second.pk - first.pk) > 1
    assert 0 < first.pk < 2**52


def test_a_named_post_keeps_its_author_and_is_audited(employee):
    item = post(employee)

    assert item.author == employee
    event = AuditEvent.objects.latest("id")
    assert event.action == "feedback.item_posted"
    assert event.actor == employee


def test_a_post_needs_a_title_and_a_text(employee):
    with pytest.raises(DomainError) as refused:
        item_post(
            kind="idea", category="tools", title=" ", text="x", anonymous=False, actor=employee
        )

    assert refused.value.field == "title"
    assert not FeedbackItem.objects.exists()


def test_each_person_supports_an_item_once(employee):
    item = post(make_user(), anonymous=True)
    colleague = make_user()

    item_support(item=item, actor=employee)
    item_support(item=item, actor=employee)
    item_support(item=item, actor=colleague)

    assert FeedbackSupport.objects.filter(item=item).count() == 2
    item_unsupport(item=item, actor=employee)
    assert list(FeedbackSupport.objects.filter(item=item).values_list("user", flat=True)) == [
        colleague.pk
    ]


def test_nobody_supports_their_own_named_post(employee):
    item = post(employee)

    with pytest.raises(DomainError) as refused:
        item_support(item=item, actor=employee)

    assert str(refused.value) == str(OWN_ITEM)


def test_the_first_answer_date_is_set_once_and_the_poster_told(employee, admin):
    item = post(employee)

    with time_machine.travel("2026-12-09 10:00 +01:00", tick=False):
        item_answer(item=item, answer="We are testing it.", status="answered", actor=admin)
    with time_machine.travel("2026-12-20 10:00 +01:00", tick=False):
        item_answer(item=item, answer="It is live now.", status="done", actor=admin)

    stored = FeedbackItem.objects.get(pk=item.pk)
    assert stored.first_answered_on == D(2026, 12, 9)
    assert stored.answer == "It is live now."
    assert stored.status == "done"
    assert stored.answered_by == admin
    told = Notification.objects.filter(recipient=employee, event="feedback.item_answered")
    assert told.count() == 2


def test_a_status_change_is_audited_with_the_team_member_and_told(employee, admin):
    item = post(employee)

    item_set_status(item=item, status="in_review", actor=admin)

    event = AuditEvent.objects.latest("id")
    assert event.action == "feedback.item_status_changed"
    assert event.actor == admin
    assert event.changes == {"status": {"from": "received", "to": "in_review"}}
    (notification,) = Notification.objects.filter(recipient=employee)
    assert notification.params == {"item": "Draft minutes", "status": "in_review"}


def test_answering_an_anonymous_item_tells_nobody(employee, admin):
    item = post(employee, anonymous=True)

    item_answer(item=item, answer="Thanks.", actor=admin)

    assert not Notification.objects.exists()


def test_an_idea_becomes_a_use_case_its_poster_follows(employee, admin):
    unit = make_unit("SAL", "Sales")
    item = post(employee)

    use_case = promote(item, admin, unit)

    stored = FeedbackItem.objects.get(pk=item.pk)
    assert stored.use_case == use_case
    assert stored.status == "planned"
    assert list(use_case.feedback_items.all()) == [stored]
    assert use_case.stage == "idea"
    assert use_case.submitted_by == admin
    assert Follow.objects.filter(use_case=use_case, user=employee).exists()
    assert Notification.objects.filter(recipient=employee, event="feedback.item_promoted").exists()
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))[-2:]
    assert actions == ["portfolio.submitted", "feedback.item_promoted"]


def test_an_idea_is_promoted_only_once(employee, admin):
    unit = make_unit("SAL", "Sales")
    item = post(employee)
    promote(item, admin, unit)

    with pytest.raises(DomainError) as refused:
        promote(item, admin, unit)

    assert str(refused.value) == str(ALREADY_PROMOTED % {"use_case": "Minutes assistant"})
    assert UseCase.objects.count() == 1


def test_only_an_idea_becomes_a_use_case(employee):
    unit = make_unit("SAL", "Sales")
    item = post(employee, kind="question")

    with pytest.raises(DomainError) as refused:
        promote(item, make_user(Role.ADMIN), unit)

    assert str(refused.value) == str(ONLY_IDEAS)
    assert not UseCase.objects.exists()


def test_promoting_an_anonymous_idea_makes_nobody_follow(employee, admin):
    item = post(employee, anonymous=True)

    use_case = promote(item, admin, make_unit())

    assert not Follow.objects.filter(use_case=use_case).exists()
