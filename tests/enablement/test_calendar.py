"""Calendar files: a session's and an event's .ics download, and the personal feed that a
calendar app fetches with its secret token alone. Each answer is parsed with ``icalendar``
and compared with values written out by hand."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.test import Client

from tests.support.community import make_event, make_group
from tests.support.enablement import make_course
from tests.support.personas import make_person, make_user
from tests.support.queries import count_queries
from wandel.core.models import AuditEvent
from wandel.enablement.calendar.models import CalendarFeed
from wandel.enablement.community.services import event_cancel, event_register
from wandel.enablement.trainings.models import TrainingSession
from wandel.enablement.trainings.services import enrol, session_cancel, session_schedule
from wandel.org.models import Person

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def events_of(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def a_session(*, capacity: int = 10, day: int = 4) -> TrainingSession:
    trainer = make_person(first_name="Tina", last_name="Trainer", email="tina@example.com")
    return session_schedule(
        course=make_course("Prompting basics"),
        starts_at=datetime.datetime(2030, 3, day, 8, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2030, 3, day, 10, 30, tzinfo=UTC),
        capacity=capacity,
        place="Room 4.12",
        online_url="https://meet.example.com/prompting",
        trainer=trainer,
        actor=None,
    )


def test_a_session_s_ics_names_course_place_times_and_trainer(employee):
    session = a_session()

    response = signed_in(employee).get(f"/enablement/sessions/{session.pk}/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="session-{session.pk}.ics"'
    ((uid, event),) = events_of(response.content).items()
    assert uid == f"session-{session.pk}@wandel.enablement"
    assert str(event["SUMMARY"]) == "Prompting basics"
    assert str(event["LOCATION"]) == "Room 4.12"
    assert event.decoded("DTSTART") == datetime.datetime(2030, 3, 4, 8, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime.datetime(2030, 3, 4, 10, 30, tzinfo=UTC)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:tina@example.com"
    assert event["ORGANIZER"].params["CN"] == "Tina Trainer"
    assert "https://meet.example.com/prompting" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/enablement/sessions/{session.pk}/"
    assert "DTSTAMP" in event
    assert b"DTSTART:20300304T080000Z" in response.content


def test_the_uid_stays_and_a_cancelled_session_says_so(employee):
    session = a_session()
    url = f"/enablement/sessions/{session.pk}/calendar.ics"
    before = events_of(signed_in(employee).get(url).content)

    session_cancel(session=session, actor=None)
    after = events_of(signed_in(employee).get(url).content)

    assert list(before) == list(after) == [f"session-{session.pk}@wandel.enablement"]
    assert str(next(iter(after.values()))["STATUS"]) == "CANCELLED"


def test_an_event_s_ics_names_its_group(employee):
    group = make_group("Prompting circle Sales", organisers=[make_person()])
    event = make_event("Circle: offers", group=group, place="Sales lounge")

    response = signed_in(employee).get(f"/enablement/events/{event.pk}/calendar.ics")

    ((uid, entry),) = events_of(response.content).items()
    assert uid == f"event-{event.pk}@wandel.enablement"
    assert str(entry["SUMMARY"]) == "Circle: offers"
    assert str(entry["LOCATION"]) == "Sales lounge"
    assert "User group: Prompting circle Sales" in str(entry["DESCRIPTION"])


def make_feed(client: Client) -> str:
    """Make (or replace) the signed-in person's feed; the link shown, as a path."""
    page = client.post("/enablement/calendar/").content.decode()
    start = page.index("http://testserver/enablement/calendar/feed/")
    url = page[start : page.index('"', start)]
    return url.removeprefix("http://testserver")


def test_the_feed_lists_seats_waiting_places_and_registrations_without_signing_in():
    user = make_user()
    person = user.person
    seat = a_session(capacity=1, day=4)
    enrol(session=seat, person=person, actor=None)
    other = session_schedule(
        course=seat.course,
        starts_at=datetime.datetime(2030, 3, 5, 8, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2030, 3, 5, 9, 0, tzinfo=UTC),
        capacity=1,
        place="Room 1",
        actor=None,
    )
    enrol(session=other, person=make_person(), actor=None)
    enrol(session=other, person=person, actor=None)  # the waiting list
    called_off = make_event("Called off")
    event_register(event=called_off, person=person, actor=None)
    event_cancel(event=called_off, actor=None)
    meetup = make_event("Meetup")
    event_register(event=meetup, person=person, actor=None)
    make_event("Not registered")
    path = make_feed(signed_in(user))

    response = Client().get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = {uid: str(event["STATUS"]) for uid, event in events_of(response.content).items()}
    assert found == {
        f"session-{seat.pk}@wandel.enablement": "CONFIRMED",
        f"session-{other.pk}@wandel.enablement": "TENTATIVE",
        f"event-{called_off.pk}@wandel.enablement": "CANCELLED",
        f"event-{meetup.pk}@wandel.enablement": "CONFIRMED",
    }


def test_a_wrong_token_opens_nothing_and_a_replaced_link_stops_working():
    user = make_user()
    client = signed_in(user)
    first = make_feed(client)

    second = make_feed(client)

    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert Client().get("/enablement/calendar/feed/guessed.ics").status_code == 404
    assert CalendarFeed.objects.count() == 1
    assert list(
        AuditEvent.objects.filter(action__startswith="enablement.calendar")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["enablement.calendar_feed_created", "enablement.calendar_feed_replaced"]


def test_only_the_token_s_digest_is_stored():
    user = make_user()
    path = make_feed(signed_in(user))
    token = path.removeprefix("/enablement/calendar/feed/").removesuffix(".ics")

    feed = CalendarFeed.objects.get()
    assert token not in feed.digest
    assert len(feed.digest) == 64


def test_the_feed_page_shows_the_link_once_then_offers_to_replace_it():
    client = signed_in(make_user())

    assert "Make my feed link" in client.get("/enablement/calendar/").content.decode()
    make_feed(client)
    later = client.get("/enablement/calendar/").content.decode()

    assert "/enablement/calendar/feed/" not in later
    assert "Replace my feed link" in later


def test_the_feed_takes_as_many_queries_with_more_dates():
    user = make_user()
    person = user.person
    enrol(session=a_session(day=4), person=person, actor=None)
    event_register(event=make_event("One"), person=person, actor=None)
    path = make_feed(signed_in(user))
    _small, few = count_queries(Client(), path)

    course = make_course("More prompting")
    for day in (6, 7, 8):
        session = session_schedule(
            course=course,
            starts_at=datetime.datetime(2030, 3, day, 8, 0, tzinfo=UTC),
            ends_at=datetime.datetime(2030, 3, day, 9, 0, tzinfo=UTC),
            capacity=5,
            place="Room 2",
            trainer=make_person(),
            actor=None,
        )
        enrol(session=session, person=person, actor=None)
        event_register(event=make_event(f"More {day}"), person=person, actor=None)
    large, many = count_queries(Client(), path)

    assert len(events_of(large.content)) == 8
    assert many == few


def test_the_feed_of_a_person_who_left_opens_nothing():
    user = make_user()
    path = make_feed(signed_in(user))
    Person.objects.filter(pk=user.person.pk).update(active=False)

    assert Client().get(path).status_code == 404


def test_a_session_s_ics_is_tentative_for_someone_on_its_waiting_list():
    user = make_user()
    session = a_session(capacity=1)
    enrol(session=session, person=make_person(), actor=None)
    enrol(session=session, person=user.person, actor=None)

    response = signed_in(user).get(f"/enablement/sessions/{session.pk}/calendar.ics")

    ((_uid, entry),) = events_of(response.content).items()
    assert str(entry["STATUS"]) == "TENTATIVE"
