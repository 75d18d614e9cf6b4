"""The anonymous evaluation of a session: counted per session, question and answer only,
once per attendee, and shown to trainers from five evaluations on once the window closed."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.test import Client
from django.utils import timezone

from tests.support.enablement import make_session, started
from tests.support.home import todo_lists
from tests.support.personas import make_person, make_user
from wandel.core.models import AnonymityPolicy, AuditEvent
from wandel.core.roles import Role
from wandel.enablement.assessment.models import EvaluationCount
from wandel.enablement.assessment.services import (
    ALREADY_EVALUATED,
    AssessmentError,
    session_evaluate,
)
from wandel.enablement.trainings.models import Enrolment, TrainingSession
from wandel.enablement.trainings.services import attendance_take, enrol

pytestmark = pytest.mark.django_db

GOOD = {"overall": "5", "useful": "4", "pace": "right", "recommend": "yes"}
POOR = {"overall": "2", "useful": "1", "pace": "too_fast", "recommend": "no"}


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def attended(count: int, *, hours_ago: float = 3) -> tuple[TrainingSession, list[Enrolment]]:
    """A session that ended, with ``count`` people marked present."""
    session = make_session(capacity=count + 1)
    people = [make_person() for _ in range(count)]
    seats = [enrol(session=session, person=person, actor=None) for person in people]
    started(session, hours_ago=hours_ago)
    attendance_take(session=session, present=[p.pk for p in people], actor=None)
    return session, [Enrolment.objects.get(pk=seat.pk) for seat in seats]


def close(session: TrainingSession) -> None:
    """Move the session 15 days into the past: its evaluation window (14 days) is over."""
    started(session, hours_ago=15 * 24)


def test_no_field_of_a_counter_links_an_answer_to_a_person_or_a_time():
    fields = EvaluationCount._meta.get_fields()

    links = sorted(f.name for f in fields if f.is_relation)
    times = [f.name for f in fields if isinstance(f, models.DateField | models.DateTimeField)]

    assert links == ["session"]
    assert times == []
    assert sorted(f.name for f in fields) == ["answer", "count", "id", "question", "session"]


def test_the_enrolment_keeps_only_that_its_person_evaluated():
    _session, (seat,) = attended(1)

    session_evaluate(enrolment=seat, answers=GOOD, actor=None)

    assert Enrolment.objects.get(pk=seat.pk).evaluated is True
    event = AuditEvent.objects.filter(action="enablement.session_evaluated").get()
    assert event.changes == {}
    assert "5" not in str(event.changes)
    assert "right" not in str(event.changes)


def test_the_counters_add_up_to_the_evaluations_given():
    session, seats = attended(6)
    for seat in seats[:4]:
        session_evaluate(enrolment=seat, answers=GOOD, actor=None)
    for seat in seats[4:]:
        session_evaluate(enrolment=seat, answers=POOR, actor=None)

    counts = {
        (q, a): c
        for q, a, c in EvaluationCount.objects.filter(session=session).values_list(
            "question", "answer", "count"
        )
    }

    # Every answer of every question has its counter: 5 + 5 + 3 + 2.
    assert len(counts) == 15
    assert counts[("overall", "5")] == 4
    assert counts[("overall", "2")] == 2
    assert counts[("overall", "1")] == 0
    assert counts[("pace", "right")] == 4
    assert counts[("pace", "too_fast")] == 2
    assert counts[("recommend", "no")] == 2
    for question in ("overall", "useful", "pace", "recommend"):
        assert sum(c for (q, _a), c in counts.items() if q == question) == 6


def test_a_second_evaluation_is_refused_and_counts_nothing():
    _session, (seat,) = attended(1)
    session_evaluate(enrolment=seat, answers=GOOD, actor=None)

    with pytest.raises(AssessmentError) as refused:
        session_evaluate(enrolment=seat, answers=POOR, actor=None)

    assert str(refused.value) == str(ALREADY_EVALUATED)
    assert EvaluationCount.objects.filter(question="overall", answer="2").get().count == 0
    assert EvaluationCount.objects.filter(question="overall", answer="5").get().count == 1


def test_only_those_present_evaluate_and_only_after_the_end():
    session = make_session()
    here, away = make_person(), make_person()
    seat_here = enrol(session=session, person=here, actor=None)
    seat_away = enrol(session=session, person=away, actor=None)
    started(session, hours_ago=1)  # still running
    attendance_take(session=session, present=[here.pk], actor=None)

    with pytest.raises(AssessmentError):
        session_evaluate(enrolment=seat_here, answers=GOOD, actor=None)
    started(session, hours_ago=3)
    with pytest.raises(AssessmentError):
        session_evaluate(enrolment=seat_away, answers=GOOD, actor=None)
    session_evaluate(enrolment=seat_here, answers=GOOD, actor=None)


def test_the_window_closes_fourteen_days_after_the_end():
    session, (early, late) = attended(2, hours_ago=2 + 13 * 24)
    session_evaluate(enrolment=early, answers=GOOD, actor=None)
    close(session)

    with pytest.raises(AssessmentError):
        session_evaluate(enrolment=late, answers=GOOD, actor=None)
    assert EvaluationCount.objects.filter(question="overall", answer="5").get().count == 1


def test_an_incomplete_evaluation_is_refused():
    _session, (seat,) = attended(1)

    with pytest.raises(AssessmentError):
        session_evaluate(enrolment=seat, answers={**GOOD, "pace": "fast"}, actor=None)

    assert not EvaluationCount.objects.exists()
    assert Enrolment.objects.get(pk=seat.pk).evaluated is False


def test_the_attendee_evaluates_on_the_page_once():
    session, (seat,) = attended(1)
    user = make_user()
    Enrolment.objects.filter(pk=seat.pk).update(person=user.person)
    page = signed_in(user)

    assert "Evaluate the session" in page.get(session.get_absolute_url()).content.decode()
    response = page.post(f"/enablement/enrolments/{seat.pk}/evaluate/", GOOD, follow=True)
    assert "your evaluation was counted" in response.content.decode()
    again = page.post(f"/enablement/enrolments/{seat.pk}/evaluate/", POOR)

    assert again.status_code == 409
    assert EvaluationCount.objects.filter(question="overall", answer="5").get().count == 1
    assert EvaluationCount.objects.filter(question="overall", answer="2").get().count == 0


def test_someone_else_s_enrolment_cannot_be_evaluated_not_even_by_a_trainer():
    _session, (seat,) = attended(1)

    for user in (make_user(), make_user(Role.TRAINER)):
        assert (
            signed_in(user).post(f"/enablement/enrolments/{seat.pk}/evaluate/", GOOD).status_code
            == 403
        )
    assert not EvaluationCount.objects.exists()


def test_results_are_hidden_below_five_evaluations():
    session, seats = attended(5)
    for seat in seats[:4]:
        session_evaluate(enrolment=seat, answers=GOOD, actor=None)
    close(session)

    page = signed_in(make_user(Role.TRAINER)).get(session.get_absolute_url()).content.decode()

    assert "Too few evaluations to show (4 of 5)." in page
    assert "evaluation-question" not in page


def test_results_are_hidden_while_the_evaluation_is_open():
    session, seats = attended(5)
    for seat in seats:
        session_evaluate(enrolment=seat, answers=GOOD, actor=None)

    page = signed_in(make_user(Role.TRAINER)).get(session.get_absolute_url()).content.decode()

    closes = timezone.localdate(session.ends_at + datetime.timedelta(days=14))
    assert "5 evaluations so far; the results are shown once the evaluation closes on" in page
    assert closes.strftime("%d/%m/%Y") in page
    assert "evaluation-question" not in page


def test_trainers_see_the_counts_from_five_evaluations_on():
    session, seats = attended(5)
    for seat in seats[:3]:
        session_evaluate(enrolment=seat, answers=GOOD, actor=None)
    for seat in seats[3:]:
        session_evaluate(enrolment=seat, answers=POOR, actor=None)
    close(session)

    page = signed_in(make_user(Role.TRAINER)).get(session.get_absolute_url()).content.decode()
    employee_page = signed_in(make_user()).get(session.get_absolute_url()).content.decode()

    assert "5 evaluations" in page
    # Overall: three gave 5, two gave 2 — (15 + 4) / 5 = 3.8.
    assert "average 3.8" in page
    # Useful: three gave 4, two gave 1 — (12 + 2) / 5 = 2.8.
    assert "average 2.8" in page
    assert '<th scope="row">too fast</th><td class="num">2</td><td class="num">40 %</td>' in page
    assert "evaluation-question" not in employee_page


def test_the_organisation_s_minimum_group_holds_for_evaluations_too():
    AnonymityPolicy.objects.create(min_group=7, set_at=timezone.now())
    session, seats = attended(6)
    for seat in seats:
        session_evaluate(enrolment=seat, answers=GOOD, actor=None)
    close(session)

    page = signed_in(make_user(Role.TRAINER)).get(session.get_absolute_url()).content.decode()

    assert "Too few evaluations to show (6 of 7)." in page
    assert "evaluation-question" not in page


def test_the_home_page_lists_the_sessions_still_to_evaluate():
    session, (seat,) = attended(1)
    user = make_user()
    Enrolment.objects.filter(pk=seat.pk).update(person=user.person)
    page = signed_in(user)

    lists = todo_lists(page.get("/"))
    session_evaluate(enrolment=Enrolment.objects.get(pk=seat.pk), answers=GOOD, actor=None)
    after = todo_lists(page.get("/"))

    assert [item.url for item in lists["Sessions to evaluate"].items] == [
        f"/enablement/enrolments/{seat.pk}/evaluate/"
    ]
    assert lists["Sessions to evaluate"].items[0].text.startswith(session.course.title)
    assert "Sessions to evaluate" not in after
