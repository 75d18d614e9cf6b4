"""Community events over the API: upcoming events with their free places, one event with
who comes for those who manage it, registering oneself (a full event refuses) and cancelling
a registration, each audited; the list costs the same queries with more events."""

from __future__ import annotations

import datetime

import pytest

from tests.support.api import bearer
from tests.support.community import make_group
from tests.support.personas import make_person, make_user
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.enablement.community.models import Registration
from wandel.enablement.community.services import event_register, event_schedule

pytestmark = pytest.mark.django_db

E = "/api/v1/enablement"
UTC = datetime.UTC


def schedule(title: str = "GenAI meetup", *, day: int = 2, capacity: int | None = 1, group=None):
    return event_schedule(
        title=title,
        kind="group_meeting" if group else "meetup",
        group=group,
        starts_at=datetime.datetime(2030, 5, day, 16, tzinfo=UTC),
        ends_at=datetime.datetime(2030, 5, day, 18, tzinfo=UTC),
        place="Canteen",
        capacity=capacity,
        actor=None,
    )


def test_an_event_shows_its_places_and_attendees_only_to_who_manages_it(client):
    organiser = make_person(first_name="Olga", last_name="Organiser")
    group = make_group(organisers=[organiser])
    event = schedule("Prompting circle", group=group, capacity=10)
    guest = make_person(first_name="Gus", last_name="Guest")
    registration = event_register(event=event, person=guest, actor=None)
    Registration.objects.filter(pk=registration.pk).update(
        registered_at=datetime.datetime(2030, 4, 1, 8, tzinfo=UTC)
    )
    shown = {
        "id": event.pk,
        "title": "Prompting circle",
        "kind": "group_meeting",
        "group": {"id": group.pk, "name": "Prompting circle Sales"},
        "starts_at": "2030-05-02T16:00:00Z",
        "ends_at": "2030-05-02T18:00:00Z",
        "place": "Canteen",
        "online_url": "",
        "capacity": 10,
        "places_free": 9,
        "cancelled": False,
    }
    gus = {
        "id": registration.pk,
        "event": event.pk,
        "person": {"id": guest.pk, "name": "Gus Guest"},
        "status": "registered",
        "registered_at": "2030-04-01T08:00:00Z",
    }

    as_guest = client.get(f"{E}/events/{event.pk}", headers=bearer(guest.user)).json()
    assert as_guest == {**shown, "description": "", "mine": gus, "attendees": None}
    as_organiser = client.get(f"{E}/events/{event.pk}", headers=bearer(organiser.user)).json()
    assert as_organiser == {**shown, "description": "", "mine": None, "attendees": [gus]}
    listed = client.get(f"{E}/events", headers=bearer(guest.user)).json()
    assert listed == {"count": 1, "items": [shown]}
    assert client.get(f"{E}/events/999999", headers=bearer(guest.user)).status_code == 404


def test_registering_takes_the_last_place_and_a_full_event_refuses(client):
    event = schedule(capacity=1)
    first, second = make_user(), make_user()
    url = f"{E}/events/{event.pk}/registrations"

    taken = client.post(url, headers=bearer(first))
    assert taken.status_code == 201
    assert (taken.json()["status"], taken.json()["person"]["id"]) == (
        "registered",
        first.person.pk,
    )
    event_log = AuditEvent.objects.latest("pk")
    assert (event_log.action, event_log.changes) == (
        "enablement.event_registered",
        {"person": str(first.person)},
    )
    full = client.post(url, headers={**bearer(second), "Accept-Language": "en"})
    assert full.status_code == 409
    assert full.json()["detail"] == "This event is full: all 1 places are taken."


def test_a_registration_is_cancelled_by_its_person_or_a_trainer_only(client):
    event = schedule(capacity=None)
    guest, other = make_user(), make_user()
    registration = event_register(event=event, person=guest.person, actor=None)
    url = f"{E}/registrations/{registration.pk}/cancel"

    assert client.post(url, headers=bearer(other)).status_code == 403
    cancelled = client.post(url, headers=bearer(guest))
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert AuditEvent.objects.latest("pk").action == "enablement.event_registration_cancelled"

    again = event_register(event=event, person=guest.person, actor=None)
    trainer = bearer(make_user(Role.TRAINER))
    answer = client.post(f"{E}/registrations/{again.pk}/cancel", headers=trainer)
    assert answer.json()["status"] == "cancelled"


def test_the_list_takes_as_many_queries_with_more_events(client):
    headers = bearer(make_user())
    schedule("First")
    numbers = iter(range(3, 30))

    def grow() -> None:
        for _ in range(3):
            n = next(numbers)
            group = make_group(f"Group {n}", organisers=[make_person()])
            schedule(f"Event {n}", day=n, group=group)

    assert_queries_do_not_grow(client, f"{E}/events", grow=grow, shows=api_items, headers=headers)
