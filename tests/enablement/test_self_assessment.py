"""Self-assessment: a person rates their competence per topic of the course before the
session and after it once marked present; the levels are theirs, trainers see averages per
course from five people on."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tests.support.enablement import make_course, make_session, started
from tests.support.personas import make_person, make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import AnonymityPolicy, AuditEvent
from wandel.core.roles import Role
from wandel.enablement.assessment.models import SelfRating
from wandel.enablement.assessment.services import AssessmentError, self_assessment_save
from wandel.enablement.trainings.models import Enrolment
from wandel.enablement.trainings.services import attendance_take, enrol

pytestmark = pytest.mark.django_db

TOPICS = ["prompting", "safe_use"]


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def course():
    return make_course("Prompting safely", topics=TOPICS)


def rate(seat: Enrolment, prompting: int, safe_use: int) -> None:
    self_assessment_save(
        enrolment=seat, levels={"prompting": prompting, "safe_use": safe_use}, actor=None
    )


def present(session, seats: list[Enrolment]) -> list[Enrolment]:
    started(session, hours_ago=3)
    attendance_take(session=session, present=[s.person_id for s in seats], actor=None)
    return [Enrolment.objects.get(pk=s.pk) for s in seats]


def test_before_the_session_the_person_rates_every_topic_and_may_change_it():
    seat = enrol(session=make_session(course()), person=make_person(), actor=None)

    rate(seat, 2, 3)
    rate(seat, 1, 3)

    assert sorted(SelfRating.objects.values_list("phase", "topic", "level")) == [
        ("before", "prompting", 1),
        ("before", "safe_use", 3),
    ]
    event = AuditEvent.objects.filter(action="enablement.self_assessed").last()
    assert event is not None
    assert event.changes["phase"] == "before"
    assert "level" not in str(event.changes)
    assert "prompting" not in str(event.changes)


def test_a_topic_left_out_or_off_the_scale_is_refused():
    seat = enrol(session=make_session(course()), person=make_person(), actor=None)

    with pytest.raises(AssessmentError):
        self_assessment_save(enrolment=seat, levels={"prompting": 3}, actor=None)
    with pytest.raises(AssessmentError):
        rate(seat, 3, 6)
    assert not SelfRating.objects.exists()


def test_after_the_session_only_those_present_rate_again():
    session = make_session(course())
    here, away = (enrol(session=session, person=make_person(), actor=None) for _ in range(2))
    rate(here, 2, 2)
    started(session, hours_ago=3)
    attendance_take(session=session, present=[here.person_id], actor=None)

    rate(Enrolment.objects.get(pk=here.pk), 4, 5)
    with pytest.raises(AssessmentError):
        rate(Enrolment.objects.get(pk=away.pk), 4, 5)

    assert sorted(SelfRating.objects.values_list("phase", "topic", "level")) == [
        ("after", "prompting", 4),
        ("after", "safe_use", 5),
        ("before", "prompting", 2),
        ("before", "safe_use", 2),
    ]


def test_the_person_rates_on_the_page_and_sees_their_levels_on_the_session_page():
    user = make_user()
    session = make_session(course())
    seat = enrol(session=session, person=user.person, actor=None)
    page = signed_in(user)

    assert (
        "Rate yourself before the session" in page.get(session.get_absolute_url()).content.decode()
    )
    response = page.post(
        f"/enablement/enrolments/{seat.pk}/self-assessment/",
        {"prompting": "2", "safe_use": "4"},
        follow=True,
    )

    shown = response.content.decode()
    assert "Your self-assessment is saved." in shown
    assert '<th scope="row">Prompting</th><td class="num">2</td><td class="num">—</td>' in shown


def test_nobody_else_opens_a_person_s_self_assessment():
    seat = enrol(session=make_session(course()), person=make_person(), actor=None)

    for user in (make_user(), make_user(Role.TRAINER)):
        answer = signed_in(user).get(f"/enablement/enrolments/{seat.pk}/self-assessment/")
        assert answer.status_code == 403


def test_trainers_see_averages_per_topic_only_from_five_people():
    session = make_session(course(), capacity=10)
    seats = [enrol(session=session, person=make_person(), actor=None) for _ in range(5)]
    for seat, (p, s) in zip(seats, [(1, 2), (2, 2), (2, 3), (3, 3), (2, 5)], strict=True):
        rate(seat, p, s)
    after = present(session, seats[:4])
    for seat in after:
        rate(seat, 4, 4)

    page = signed_in(make_user(Role.TRAINER)).get(
        f"/enablement/courses/{session.course_id}/self-assessment/"
    )

    shown = page.content.decode()
    # Prompting before: (1 + 2 + 2 + 3 + 2) / 5 = 2.0; safe use: (2 + 2 + 3 + 3 + 5) / 5 = 3.0.
    assert '<th scope="row">Prompting</th>\n        <td class="num">2.0</td>' in shown
    assert '<th scope="row">Guardrails and safe use</th>\n        <td class="num">3.0</td>' in shown
    # After: four people only.
    assert shown.count("too few to show") == 2


def test_the_course_averages_keep_the_organisation_s_minimum_group():
    AnonymityPolicy.objects.create(min_group=6, set_at=timezone.now())
    session = make_session(course(), capacity=10)
    for _ in range(5):
        rate(enrol(session=session, person=make_person(), actor=None), 2, 3)

    page = signed_in(make_user(Role.TRAINER)).get(
        f"/enablement/courses/{session.course_id}/self-assessment/"
    )

    shown = page.content.decode()
    assert "An average is shown only for at least 6 people." in shown
    assert '<td class="num">2.0</td>' not in shown
    assert shown.count("too few to show") == 4


def test_the_course_averages_are_for_trainers_only(employee):
    make_session(course())
    answer = signed_in(employee).get("/enablement/courses/1/self-assessment/")

    assert answer.status_code == 403


def test_the_averages_take_as_many_queries_with_more_people():
    session = make_session(course(), capacity=30)
    for _ in range(5):
        rate(enrol(session=session, person=make_person(), actor=None), 3, 3)

    def grow() -> str:
        topics = ["retrieval", "prompting", "data_protection"]
        other = make_session(make_course("Retrieval", topics=topics), capacity=30)
        for _ in range(12):
            seat = enrol(session=other, person=make_person(), actor=None)
            self_assessment_save(enrolment=seat, levels=dict.fromkeys(topics, 3), actor=None)
        return f"/enablement/courses/{other.course_id}/self-assessment/"

    assert_queries_do_not_grow(
        signed_in(make_user(Role.TRAINER)),
        f"/enablement/courses/{session.course_id}/self-assessment/",
        grow=grow,
        shows='<td class="num">',
    )
