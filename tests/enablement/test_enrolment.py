"""Enrolment: seats first come first served, the waiting list behind them, a cancellation
moving the first waiting person up and telling them; a trainer enrolling a group."""

from __future__ import annotations

import pytest

from tests.support.enablement import make_session, started
from tests.support.personas import make_person, make_user
from wandel.core.models import AuditEvent, Notification
from wandel.core.roles import Role
from wandel.enablement.trainings.models import Enrolment, EnrolmentStatus
from wandel.enablement.trainings.services import (
    TrainingError,
    enrol,
    enrol_group,
    enrolment_cancel,
    session_cancel,
    session_update,
)

pytestmark = pytest.mark.django_db


def statuses(session) -> dict[str, str]:
    return {
        e.person.last_name: e.status
        for e in Enrolment.objects.filter(session=session).select_related("person")
    }


def told(person, event: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person.user, event=event))


def test_seats_go_first_come_first_served_and_then_the_waiting_list():
    session = make_session(capacity=2)
    anna, ben, cem = (make_person(last_name=name) for name in ("Anna", "Ben", "Cem"))

    for person in (anna, ben, cem):
        enrol(session=session, person=person, actor=person.user)

    assert statuses(session) == {"Anna": "enrolled", "Ben": "enrolled", "Cem": "waiting"}


def test_a_cancellation_moves_the_first_waiting_up_and_tells_them():
    session = make_session(capacity=1)
    anna, ben, cem = (make_person(last_name=name) for name in ("Anna", "Ben", "Cem"))
    seat = enrol(session=session, person=anna, actor=anna.user)
    enrol(session=session, person=ben, actor=ben.user)
    enrol(session=session, person=cem, actor=cem.user)

    enrolment_cancel(enrolment=seat, actor=anna.user)

    assert statuses(session) == {"Anna": "cancelled", "Ben": "enrolled", "Cem": "waiting"}
    (note,) = told(ben, "enablement.moved_up")
    assert note.params["course"] == "Safe use of the company assistant"
    assert note.url == f"/enablement/sessions/{session.pk}/"
    assert told(cem, "enablement.moved_up") == []
    assert list(
        AuditEvent.objects.filter(action__startswith="enablement.")
        .order_by("id")
        .values_list("action", flat=True)
    )[-2:] == ["enablement.enrolment_cancelled", "enablement.moved_up"]


def test_leaving_the_waiting_list_moves_nobody_up():
    session = make_session(capacity=1)
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    enrol(session=session, person=anna, actor=anna.user)
    waiting = enrol(session=session, person=ben, actor=ben.user)

    enrolment_cancel(enrolment=waiting, actor=ben.user)

    assert statuses(session) == {"Anna": "enrolled", "Ben": "cancelled"}
    assert Notification.objects.filter(event="enablement.moved_up").count() == 0


def test_nobody_is_enrolled_twice_and_may_enrol_again_after_cancelling():
    session = make_session(capacity=3)
    anna = make_person(last_name="Anna")
    first = enrol(session=session, person=anna, actor=anna.user)

    with pytest.raises(TrainingError, match="already enrolled"):
        enrol(session=session, person=anna, actor=anna.user)
    enrolment_cancel(enrolment=first, actor=anna.user)
    again = enrol(session=session, person=anna, actor=anna.user)

    assert again.status == EnrolmentStatus.ENROLLED
    assert again.pk != first.pk


def test_a_cancelled_or_past_session_takes_no_enrolment_and_a_started_one_no_cancellation():
    cancelled = make_session()
    session_cancel(session=cancelled, actor=None)
    anna = make_person()
    with pytest.raises(TrainingError, match="cancelled"):
        enrol(session=cancelled, person=anna, actor=anna.user)
    over = started(make_session(), hours_ago=5)
    with pytest.raises(TrainingError, match="over"):
        enrol(session=over, person=anna, actor=anna.user)
    running = make_session()
    seat = enrol(session=running, person=anna, actor=anna.user)
    started(running)
    with pytest.raises(TrainingError, match="has started"):
        enrolment_cancel(enrolment=seat, actor=anna.user)


def test_a_trainer_enrols_a_group_and_each_is_told():
    trainer = make_user(Role.TRAINER)
    session = make_session(capacity=2)
    anna, ben, cem = (make_person(last_name=name) for name in ("Anna", "Ben", "Cem"))
    enrol(session=session, person=anna, actor=anna.user)

    result = enrol_group(session=session, people=[anna, ben, cem], actor=trainer)

    assert (result.already, result.enrolled, result.waiting) == ([anna], [ben], [cem])
    assert statuses(session) == {"Anna": "enrolled", "Ben": "enrolled", "Cem": "waiting"}
    assert len(told(ben, "enablement.enrolled_for_you")) == 1
    assert len(told(cem, "enablement.waiting_for_you")) == 1
    assert told(anna, "enablement.enrolled_for_you") == []


def test_more_seats_move_the_waiting_up_and_fewer_than_enrolled_are_refused():
    session = make_session(capacity=1)
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    enrol(session=session, person=anna, actor=anna.user)
    enrol(session=session, person=ben, actor=ben.user)
    fields = {
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "place": session.place,
    }

    session_update(session=session, capacity=2, actor=None, **fields)
    assert statuses(session) == {"Anna": "enrolled", "Ben": "enrolled"}
    assert len(told(ben, "enablement.moved_up")) == 1
    with pytest.raises(TrainingError, match="2 people are enrolled"):
        session_update(session=session, capacity=1, actor=None, **fields)


def test_cancelling_a_session_tells_everyone_enrolled_or_waiting():
    session = make_session(capacity=1)
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    enrol(session=session, person=anna, actor=anna.user)
    enrol(session=session, person=ben, actor=ben.user)

    session_cancel(session=session, actor=make_user(Role.TRAINER))

    assert len(told(anna, "enablement.session_cancelled")) == 1
    assert len(told(ben, "enablement.session_cancelled")) == 1
