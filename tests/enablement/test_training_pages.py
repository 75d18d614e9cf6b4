"""The training pages as people use them: enrol and cancel on a session's page, the trainer's
roster and attendance page, one's path, and coverage with persons shown only to trainers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.support.enablement import make_course, make_path, make_session, started
from tests.support.personas import make_person, make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.enablement.literacy.services import literacy_target_set
from wandel.enablement.trainings.models import Completion, Enrolment
from wandel.enablement.trainings.services import enrol
from wandel.org.models import Person

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def trainer():
    return make_user(Role.TRAINER)


def test_an_employee_enrols_on_the_session_page_then_the_full_session_offers_the_waiting_list(
    employee,
):
    session = make_session(capacity=1)
    page = signed_in(employee)

    assert "Enrol</button>" in page.get(session.get_absolute_url()).content.decode()
    response = page.post(f"/enablement/sessions/{session.pk}/enrol/", follow=True)
    assert "You are enrolled." in response.content.decode()

    other = make_user()
    full = signed_in(other).get(session.get_absolute_url()).content.decode()
    assert "Join the waiting list</button>" in full
    response = signed_in(other).post(f"/enablement/sessions/{session.pk}/enrol/", follow=True)
    assert "You are number 1 on the waiting list" in response.content.decode()


def test_someone_else_s_enrolment_cannot_be_cancelled_by_an_employee(employee):
    session = make_session()
    person = make_person()
    seat = enrol(session=session, person=person, actor=None)

    response = signed_in(employee).post(f"/enablement/enrolments/{seat.pk}/cancel/")

    assert response.status_code == 403
    assert Enrolment.objects.get(pk=seat.pk).status == "enrolled"


def test_the_trainer_takes_attendance_and_those_present_have_completed(trainer):
    session = make_session()
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    for person in (anna, ben):
        enrol(session=session, person=person, actor=None)
    started(session)
    page = signed_in(trainer)

    form = page.get(f"/enablement/sessions/{session.pk}/attendance/").content.decode()
    assert form.count('name="present"') == 2
    response = page.post(
        f"/enablement/sessions/{session.pk}/attendance/", {"present": [anna.pk]}, follow=True
    )

    assert "1 present, 1 absent" in response.content.decode()
    assert list(Completion.objects.values_list("person__last_name", "source")) == [
        ("Anna", "session")
    ]
    page.post(f"/enablement/sessions/{session.pk}/attendance/", {"present": [ben.pk]})
    assert list(Completion.objects.values_list("person__last_name", flat=True)) == ["Ben"]


def test_attendance_before_the_session_starts_is_refused(trainer):
    session = make_session()

    response = signed_in(trainer).post(f"/enablement/sessions/{session.pk}/attendance/")

    assert response.status_code == 409
    assert "once the session has started" in response.content.decode()


def test_the_path_page_and_the_home_page_show_what_is_due(employee):
    course = make_course("Safe use")
    make_path([course])

    path = signed_in(employee).get("/enablement/my-path/").content.decode()
    home = signed_in(employee).get("/").content.decode()

    assert 'data-status="overdue"' in path or 'data-status="due"' in path
    assert "Your learning path" in home
    assert "Safe use" in home


def test_coverage_names_people_only_for_trainers(employee, trainer):
    course = make_course("Safe use")
    make_path([course])
    make_person(last_name="Uncovered")

    for_trainer = signed_in(trainer).get("/enablement/literacy/").content.decode()
    for_employee = signed_in(employee).get("/enablement/literacy/").content.decode()

    assert "Uncovered" in for_trainer
    assert "Uncovered" not in for_employee
    assert 'id="by-unit"' in for_employee


def test_the_session_page_takes_as_many_queries_with_more_people_enrolled(trainer):
    session = make_session(capacity=3)
    enrol(session=session, person=make_person(), actor=None)

    def grow() -> None:
        for _ in range(4):
            enrol(session=session, person=make_person(), actor=None)

    assert_queries_do_not_grow(
        signed_in(trainer), session.get_absolute_url(), grow=grow, shows="<tr"
    )


def test_the_catalogue_and_sessions_take_as_many_queries_with_more_courses(employee):
    first = make_course("First")
    make_path([first])
    make_session(first)
    page = signed_in(employee)

    def grow() -> None:
        for number in range(3):
            course = make_course(f"More {number}")
            make_path([course], name=f"Path {number}")
            make_session(course)

    assert_queries_do_not_grow(page, "/enablement/", grow=grow, shows="<tr")


def test_the_coverage_page_takes_as_many_queries_with_more_people(trainer):
    """Both renders compute the report: new people change the key it is cached under."""
    make_path([make_course("Safe use")])
    make_person()
    page = signed_in(trainer)
    page.get("/enablement/")  # the session's first request

    def grow() -> None:
        for _ in range(5):
            make_person()

    assert_queries_do_not_grow(page, "/enablement/literacy/", grow=grow, shows="<tr", warm_up=False)


def test_the_coverage_page_is_computed_once_until_something_it_reads_changes(trainer):
    course = make_course("Safe use")
    make_path([course])
    person = make_person(last_name="Anna")
    page = signed_in(trainer)

    first = page.get("/enablement/literacy/").content.decode()
    with CaptureQueriesContext(connection) as again:
        second = page.get("/enablement/literacy/").content.decode()
    assert (
        first.split('id="not-covered"')[1].split("</table>")[0]
        == (second.split('id="not-covered"')[1].split("</table>")[0])
    )
    assert not any("enablement_pathcourse" in q["sql"] for q in again.captured_queries)

    Completion.objects.create(
        person=person, course=course, completed_on=timezone.localdate(), source="recorded"
    )
    changed = page.get("/enablement/literacy/").content.decode()
    assert "Anna" in first.split('id="not-covered"')[1]
    assert "Anna" not in changed.split('id="not-covered"')[1]


def test_the_page_lists_the_first_hundred_not_covered_and_counts_the_rest(trainer):
    make_path([make_course("Safe use")])
    for _ in range(103):
        make_person(account=False)

    page = signed_in(trainer).get("/enablement/literacy/").content.decode()

    table = page.split('id="not-covered"')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 100
    assert "And 4 more: the table export lists everyone." in page  # the trainer counts too


def test_a_new_target_or_path_shows_at_once_on_the_cached_coverage_page(trainer):
    course = make_course("Safe use")
    make_path([course])
    make_person(last_name="Anna")
    page = signed_in(trainer)
    assert "Target: 90 %." in page.get("/enablement/literacy/").content.decode()

    literacy_target_set(target_percent=75, actor=None)
    assert "Target: 75 %." in page.get("/enablement/literacy/").content.decode()

    anna = Person.objects.get(last_name="Anna")
    Completion.objects.create(
        person=anna, course=course, completed_on=timezone.localdate(), source="recorded"
    )
    covered = page.get("/enablement/literacy/").content.decode()
    assert "Anna" not in covered.split('id="not-covered"')[1]

    make_path([make_course("Data protection")], name="Everyone else")  # audited, no new row
    shown = page.get("/enablement/literacy/").content.decode()
    assert "Anna" in shown.split('id="not-covered"')[1]
