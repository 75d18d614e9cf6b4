"""The trainings API as clients use it: the catalogue and paths, sessions with seats and the
waiting list, enrolling and cancelling, completions; who may do what, the audit trail of each
write, and lists that cost the same queries with more data."""

from __future__ import annotations

import datetime

import pytest

from tests.support.api import bearer
from tests.support.enablement import make_course, make_path
from tests.support.personas import make_person, make_unit, make_user
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.enablement.trainings.models import Completion, CompletionSource, Enrolment
from wandel.enablement.trainings.services import enrol, session_schedule

pytestmark = pytest.mark.django_db

E = "/api/v1/enablement"
UTC = datetime.UTC


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2030, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def trainer():
    return make_user(Role.TRAINER)


@pytest.fixture
def course():
    return make_course("Prompting basics", topics=["prompting"], validity_months=None)


def schedule(course, *, day: int = 2, capacity: int = 2, trainer=None):
    return session_schedule(
        course=course,
        starts_at=at(day, 9),
        ends_at=at(day, 11),
        capacity=capacity,
        place="Room 4.12",
        trainer=trainer,
        actor=None,
    )


def test_the_catalogue_lists_courses_by_topic_and_hides_retired_ones_from_employees(
    client, course, trainer
):
    safe = make_course("Safe use", topics=["safe_use", "data_protection"], active=False)
    schedule(course)
    employee = bearer(make_user())

    listed = client.get(f"{E}/courses", headers=employee).json()
    assert listed == {
        "count": 1,
        "items": [
            {
                "id": course.pk,
                "title": "Prompting basics",
                "description": "What to type into the assistant, and what never.",
                "topics": ["prompting"],
                "level": "basic",
                "format": "workshop",
                "duration_minutes": 90,
                "validity_months": None,
                "target_roles": [],
                "target_units": [],
                "active": True,
                "next_start": "2030-03-02T09:00:00Z",
                "upcoming": 1,
            }
        ],
    }
    assert client.get(f"{E}/courses?active=false", headers=employee).json()["count"] == 0
    managing = bearer(trainer)
    titles = [c["title"] for c in client.get(f"{E}/courses", headers=managing).json()["items"]]
    assert titles == ["Prompting basics", "Safe use"]
    by_topic = client.get(f"{E}/courses?topic=data_protection", headers=managing).json()
    assert [c["id"] for c in by_topic["items"]] == [safe.pk]
    assert client.get(f"{E}/courses?topic=retrieval", headers=managing).json()["count"] == 0


def test_a_trainer_adds_and_changes_a_course_and_each_write_is_audited(client, trainer):
    unit = make_unit("SAL", "Sales")
    headers = bearer(trainer)
    response = client.post(
        f"{E}/courses",
        {
            "title": "  Retrieval for sales  ",
            "description": "Asking the knowledge base.",
            "topics": ["retrieval"],
            "level": "intermediate",
            "format": "lab",
            "duration_minutes": 120,
            "validity_months": 24,
            "target_roles": ["product_owner"],
            "target_units": [unit.pk],
            "materials": [{"title": "Slides", "url": "https://intranet.example.org/slides"}],
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Retrieval for sales"
    assert body["target_units"] == [{"id": unit.pk, "name": "Sales"}]
    assert body["materials"] == [{"title": "Slides", "url": "https://intranet.example.org/slides"}]
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.target_id) == ("enablement.course_created", str(body["id"]))

    changed = client.patch(
        f"{E}/courses/{body['id']}",
        {"active": False, "duration_minutes": 90},
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["active"], changed.json()["duration_minutes"]) == (False, 90)
    assert changed.json()["materials"] == body["materials"]
    event = AuditEvent.objects.latest("pk")
    assert event.action == "enablement.course_updated"
    assert event.changes == {
        "active": {"from": True, "to": False},
        "duration_minutes": {"from": 120, "to": 90},
    }


def test_course_writes_are_refused_to_employees_and_bad_input_by_field(client, trainer, course):
    employee = bearer(make_user())
    body = {"title": "x", "description": "d", "topics": ["prompting"], "duration_minutes": 60}
    assert (
        client.post(f"{E}/courses", body, "application/json", headers=employee).status_code == 403
    )
    assert (
        client.patch(
            f"{E}/courses/{course.pk}", {}, "application/json", headers=employee
        ).status_code
        == 403
    )
    headers = bearer(trainer)
    taken = client.post(
        f"{E}/courses", {**body, "title": "prompting BASICS"}, "application/json", headers=headers
    )
    assert taken.status_code == 409
    assert taken.json()["errors"] == {
        "title": ["“prompting BASICS” is taken; give it another name."]
    }
    unknown = client.post(
        f"{E}/courses", {**body, "target_units": [999999]}, "application/json", headers=headers
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {
        "target_units": ["There is nothing with the ID 999999 here."]
    }
    assert client.get(f"{E}/courses/999999", headers=headers).status_code == 404


def test_paths_list_their_courses_in_order(client, course):
    second = make_course("Safe use")
    unit = make_unit("IT", "IT")
    path = make_path([second, course], name="Developers", roles=["it_security"], units=[unit])
    expected = {
        "id": path.pk,
        "name": "Developers",
        "description": "",
        "roles": ["it_security"],
        "units": [{"id": unit.pk, "name": "IT"}],
        "starts_on": "2026-01-01",
        "complete_within_days": 90,
        "active": True,
        "courses": [
            {"id": second.pk, "title": "Safe use"},
            {"id": course.pk, "title": "Prompting basics"},
        ],
    }
    headers = bearer(make_user())
    assert client.get(f"{E}/paths", headers=headers).json() == {"count": 1, "items": [expected]}
    assert client.get(f"{E}/paths/{path.pk}", headers=headers).json() == expected


def test_an_employee_enrols_lands_on_the_waiting_list_when_full_and_moves_up(client, course):
    session = schedule(course, capacity=1)
    first, second = make_user(), make_user()
    seat = client.post(f"{E}/sessions/{session.pk}/enrolments", headers=bearer(first))
    assert seat.status_code == 201
    assert seat.json()["status"] == "enrolled"
    assert seat.json()["waiting_position"] is None

    waits = client.post(f"{E}/sessions/{session.pk}/enrolments", headers=bearer(second))
    assert waits.status_code == 201
    assert (waits.json()["status"], waits.json()["waiting_position"]) == ("waiting", 1)
    assert AuditEvent.objects.latest("pk").changes == {
        "person": str(second.person),
        "status": "waiting",
    }
    again = client.post(f"{E}/sessions/{session.pk}/enrolments", headers=bearer(second))
    assert again.status_code == 409

    # Someone else's enrolment is not the employee's to cancel.
    mine = seat.json()["id"]
    assert client.post(f"{E}/enrolments/{mine}/cancel", headers=bearer(second)).status_code == 403
    cancelled = client.post(f"{E}/enrolments/{mine}/cancel", headers=bearer(first))
    assert cancelled.json()["status"] == "cancelled"
    assert Enrolment.objects.get(pk=waits.json()["id"]).status == "enrolled"
    actions = list(AuditEvent.objects.order_by("-pk").values_list("action", flat=True)[:2])
    assert actions == ["enablement.moved_up", "enablement.enrolment_cancelled"]


def test_a_session_shows_seats_and_its_roster_only_to_trainers(client, course, trainer):
    coach = make_person(first_name="Cora", last_name="Coach", account=False)
    session = schedule(course, capacity=1, trainer=coach)
    ada = make_person(first_name="Ada", last_name="Aigner")
    ben = make_person(first_name="Ben", last_name="Berg")
    seat = enrol(session=session, person=ada, actor=None)
    wait = enrol(session=session, person=ben, actor=None)
    Enrolment.objects.filter(pk=seat.pk).update(enrolled_at=at(1, 8))
    Enrolment.objects.filter(pk=wait.pk).update(enrolled_at=at(1, 9))
    shared = {
        "id": session.pk,
        "course": {"id": course.pk, "title": "Prompting basics"},
        "starts_at": "2030-03-02T09:00:00Z",
        "ends_at": "2030-03-02T11:00:00Z",
        "place": "Room 4.12",
        "online_url": "",
        "trainer": {"id": coach.pk, "name": "Cora Coach"},
        "capacity": 1,
        "seats_free": 0,
        "waiting": 1,
        "cancelled": False,
    }

    def enrolment(e, person, status, position, enrolled_at):
        return {
            "id": e.pk,
            "session": session.pk,
            "person": {"id": person.pk, "name": person.full_name},
            "status": status,
            "attended": None,
            "enrolled_at": enrolled_at,
            "waiting_position": position,
        }

    as_ben = client.get(f"{E}/sessions/{session.pk}", headers=bearer(ben.user)).json()
    assert as_ben == {
        **shared,
        "mine": enrolment(wait, ben, "waiting", 1, "2030-03-01T09:00:00Z"),
        "roster": None,
    }
    as_trainer = client.get(f"{E}/sessions/{session.pk}", headers=bearer(trainer)).json()
    assert as_trainer == {
        **shared,
        "mine": None,
        "roster": {
            "enrolled": [enrolment(seat, ada, "enrolled", None, "2030-03-01T08:00:00Z")],
            "waiting": [enrolment(wait, ben, "waiting", 1, "2030-03-01T09:00:00Z")],
        },
    }
    listed = client.get(f"{E}/sessions/{session.pk}/enrolments", headers=bearer(trainer)).json()
    assert listed["items"] == [
        enrolment(seat, ada, "enrolled", None, "2030-03-01T08:00:00Z"),
        enrolment(wait, ben, "waiting", 1, "2030-03-01T09:00:00Z"),
    ]
    refused = client.get(f"{E}/sessions/{session.pk}/enrolments", headers=bearer(ben.user))
    assert refused.status_code == 403


def test_sessions_list_upcoming_ones_by_course_and_from_a_day(client, course):
    other = make_course("Safe use")
    march = schedule(course, day=2)
    later = schedule(other, day=20)
    headers = bearer(make_user())
    ids = [s["id"] for s in client.get(f"{E}/sessions", headers=headers).json()["items"]]
    assert ids == [march.pk, later.pk]
    by_course = client.get(f"{E}/sessions?course={other.pk}", headers=headers).json()
    assert [s["id"] for s in by_course["items"]] == [later.pk]
    from_day = client.get(f"{E}/sessions?from=2030-03-10", headers=headers).json()
    assert [s["id"] for s in from_day["items"]] == [later.pk]


def test_a_trainer_schedules_and_cancels_a_session(client, course, trainer):
    headers = bearer(trainer)
    body = {
        "course": course.pk,
        "starts_at": "2030-04-01T09:00:00+02:00",
        "ends_at": "2030-04-01T08:00:00+02:00",
        "capacity": 8,
        "online_url": "https://meet.example.org/prompting",
    }
    refused = client.post(f"{E}/sessions", body, "application/json", headers=headers)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"ends_at": ["A session must end after it starts."]}
    body["ends_at"] = "2030-04-01T11:00:00+02:00"
    created = client.post(f"{E}/sessions", body, "application/json", headers=headers)
    assert created.status_code == 201, created.content
    assert created.json()["starts_at"] == "2030-04-01T07:00:00Z"
    assert AuditEvent.objects.latest("pk").action == "enablement.session_scheduled"

    session_id = created.json()["id"]
    employee = bearer(make_user())
    assert client.post(f"{E}/sessions/{session_id}/cancel", headers=employee).status_code == 403
    cancelled = client.post(f"{E}/sessions/{session_id}/cancel", headers=headers)
    assert cancelled.json()["cancelled"] is True
    assert AuditEvent.objects.latest("pk").action == "enablement.session_cancelled"


def test_completions_are_everyones_for_trainers_and_ones_own_for_employees(client, course, trainer):
    employee = make_user()
    other = make_person()
    headers = bearer(trainer)
    recorded = client.post(
        f"{E}/completions",
        {"person": employee.person.pk, "course": course.pk, "completed_on": "2026-11-02"},
        "application/json",
        headers=headers,
    )
    assert recorded.status_code == 201, recorded.content
    assert recorded.json() == {
        "id": recorded.json()["id"],
        "person": {"id": employee.person.pk, "name": employee.person.full_name},
        "course": {"id": course.pk, "title": "Prompting basics"},
        "completed_on": "2026-11-02",
        "source": "recorded",
        "session": None,
    }
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.changes["completed_on"]) == (
        "enablement.completion_recorded",
        "2026-11-02",
    )
    Completion.objects.create(
        person=other, course=course, completed_on="2026-10-01", source=CompletionSource.LMS
    )
    everyone = client.get(f"{E}/completions", headers=headers).json()
    assert everyone["count"] == 2
    one = client.get(f"{E}/completions?person={other.pk}", headers=headers).json()
    assert [c["person"]["id"] for c in one["items"]] == [other.pk]

    own = bearer(employee)
    mine = client.get(f"{E}/completions", headers=own).json()
    assert [c["person"]["id"] for c in mine["items"]] == [employee.person.pk]
    assert client.get(f"{E}/completions?person={other.pk}", headers=own).status_code == 403
    refused = client.post(
        f"{E}/completions",
        {"person": other.pk, "course": course.pk, "completed_on": "2026-11-02"},
        "application/json",
        headers=own,
    )
    assert refused.status_code == 403


def test_the_lists_take_as_many_queries_with_more_data(client, course, trainer):
    headers = bearer(trainer)
    session = schedule(course, capacity=50)

    added = iter(range(100))

    def more_courses() -> None:
        for _ in range(3):
            n = next(added)
            make_course(f"Course {n}", target_units=[make_unit()])
            schedule(course, day=3 + n)

    assert_queries_do_not_grow(
        client, f"{E}/courses", grow=more_courses, shows=api_items, headers=headers
    )
    assert_queries_do_not_grow(
        client, f"{E}/sessions", grow=more_courses, shows=api_items, headers=headers
    )

    def more_people() -> None:
        for _ in range(3):
            person = make_person()
            enrol(session=session, person=person, actor=None)
            Completion.objects.create(
                person=person, course=course, completed_on="2026-01-05", source="lms"
            )

    assert_queries_do_not_grow(
        client,
        f"{E}/sessions/{session.pk}/enrolments",
        grow=more_people,
        shows=api_items,
        headers=headers,
    )
    assert_queries_do_not_grow(
        client, f"{E}/completions", grow=more_people, shows=api_items, headers=headers
    )

    make_path([course], name="First path", units=[make_unit()])

    def more_paths() -> None:
        for n in range(3):
            make_path(
                [course, make_course(f"Path course {n}")], name=f"Path {n}", units=[make_unit()]
            )

    assert_queries_do_not_grow(
        client, f"{E}/paths", grow=more_paths, shows=api_items, headers=headers
    )
