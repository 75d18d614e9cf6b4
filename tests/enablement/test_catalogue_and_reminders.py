"""The catalogue's forms refuse what they cannot store with a clear error, a change of a
course is audited with what changed, and those enrolled are reminded of a session once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.support.enablement import make_course, make_session
from tests.support.personas import make_person, make_user
from wandel.core.models import AuditEvent, Notification
from wandel.core.roles import Role
from wandel.enablement.literacy.services import literacy_target_set
from wandel.enablement.trainings.catalogue import CourseInput, course_update
from wandel.enablement.trainings.reminders import session_reminders
from wandel.enablement.trainings.services import enrol, enrolment_cancel

pytestmark = pytest.mark.django_db

COURSE = {
    "title": "Prompting for support",
    "description": "d",
    "topics": ["prompting"],
    "level": "basic",
    "format": "workshop",
    "duration_minutes": "60",
    "active": "on",
}


@pytest.fixture
def trainer_page() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_user(Role.TRAINER))
    return client


def test_a_material_line_without_a_link_is_refused_by_its_line(trainer_page):
    response = trainer_page.post(
        "/enablement/courses/new/",
        {**COURSE, "materials": "Slides https://intranet/slides.pdf\nCheat sheet"},
    )

    assert response.status_code == 400
    assert "Line 2: end it with a link that starts with https://." in response.content.decode()


def test_a_second_course_of_the_same_title_is_refused(trainer_page):
    make_course("Prompting for support")

    response = trainer_page.post(
        "/enablement/courses/new/", {**COURSE, "title": "prompting FOR support"}
    )

    assert response.status_code == 400
    assert "is taken; give it another name." in response.content.decode()


def test_a_session_ending_before_it_starts_is_refused_in_words_at_its_end(trainer_page):
    course = make_course()

    response = trainer_page.post(
        "/enablement/sessions/new/",
        {
            "course": course.pk,
            "starts_at": "2030-03-02T10:00",
            "ends_at": "2030-03-02T09:00",
            "place": "Room 1",
            "capacity": "12",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "A session must end after it starts." in page
    assert "Constraint" not in page


def test_materials_are_kept_with_their_titles(trainer_page):
    response = trainer_page.post(
        "/enablement/courses/new/",
        {**COURSE, "materials": "Slides https://intranet/slides.pdf\n\nhttps://intranet/sheet"},
    )

    assert response.status_code == 302
    page = trainer_page.get(response["Location"]).content.decode()
    assert '<a href="https://intranet/slides.pdf" rel="noopener noreferrer">Slides</a>' in page
    assert (
        '<a href="https://intranet/sheet" rel="noopener noreferrer">https://intranet/sheet</a>'
        in page
    )


def test_a_course_s_change_is_audited_with_what_changed_and_no_change_writes_nothing():
    course = make_course("Safe use", validity_months=12)
    data = CourseInput(
        title="Safe use",
        description=course.description,
        topics=["safe_use"],
        level="basic",
        format="workshop",
        duration_minutes=90,
        validity_months=24,
    )

    course_update(course=course, data=data, actor=None)
    course_update(course=course, data=data, actor=None)

    (event,) = AuditEvent.objects.filter(action="enablement.course_updated")
    assert event.changes == {"validity_months": {"from": 12, "to": 24}}


def test_those_enrolled_are_reminded_of_tomorrow_s_session_once():
    today = timezone.localdate()
    tomorrow = make_session(in_days=1)
    later = make_session(in_days=3)
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    enrol(session=tomorrow, person=anna, actor=None)
    enrol(session=later, person=ben, actor=None)

    assert session_reminders(today) == 1
    assert session_reminders(today) == 0
    assert session_reminders(today + datetime.timedelta(days=2)) == 1

    (reminder,) = Notification.objects.filter(recipient=anna.user, event="enablement.session_soon")
    assert reminder.params["course"] == "Safe use of the company assistant"
    assert reminder.params["where"] == "Room 4.12"
    assert reminder.url == f"/enablement/sessions/{tomorrow.pk}/"


def test_a_cancellation_and_a_new_target_are_audited_from_and_to():
    anna = make_person(last_name="Anna")
    seat = enrol(session=make_session(), person=anna, actor=None)
    enrolment_cancel(enrolment=seat, actor=anna.user)
    literacy_target_set(target_percent=80, actor=None)

    cancelled = AuditEvent.objects.get(action="enablement.enrolment_cancelled")
    assert cancelled.changes == {
        "person": str(anna),
        "status": {"from": "enrolled", "to": "cancelled"},
    }
    target = AuditEvent.objects.get(action="enablement.literacy_target_set")
    assert target.changes == {"target_percent": {"from": 90, "to": 80}}
