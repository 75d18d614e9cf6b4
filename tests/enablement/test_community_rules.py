"""The community's rules through its services: founding and changing groups, joining and
leaving, registering while places are left, cancelling an event (and telling people), and
taking attendance."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.support.community import event_started, make_event, make_group
from tests.support.personas import make_person
from wandel.core.errors import DomainError
from wandel.core.models import AuditEvent, Notification
from wandel.enablement.community.groups import (
    GroupInput,
    Link,
    group_join,
    group_leave,
    group_update,
)
from wandel.enablement.community.models import GroupMembership, Registration
from wandel.enablement.community.reminders import event_reminders
from wandel.enablement.community.services import (
    event_attendance_take,
    event_cancel,
    event_register,
    event_schedule,
    event_update,
    registration_cancel,
)

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    """The community's audit events, oldest first (seeding writes events of its own)."""
    return list(
        AuditEvent.objects.filter(action__startswith="enablement.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_new_group_has_its_organisers_as_members_and_is_audited():
    anna = make_person(last_name="Anna")

    group = make_group(
        organisers=[anna],
        links=[Link("Prompt library", "https://wiki.example.com/prompts")],
    )

    assert group.links == [["Prompt library", "https://wiki.example.com/prompts"]]
    assert list(GroupMembership.objects.values_list("person__last_name", "organiser")) == [
        ("Anna", True)
    ]
    assert actions() == ["enablement.group_created"]


def test_a_group_needs_a_free_name_an_organiser_and_known_topics():
    anna = make_person()
    make_group("Prompting circle Sales", organisers=[anna])

    with pytest.raises(DomainError, match="is taken"):
        make_group("prompting circle sales", organisers=[anna])
    with pytest.raises(DomainError, match="at least one organiser"):
        make_group("Another circle", organisers=[])
    with pytest.raises(DomainError, match="“poetry” is not a topic"):
        make_group("A third circle", organisers=[anna], topics=["poetry"])


def test_changing_organisers_keeps_the_former_one_as_a_member():
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    group = make_group(organisers=[anna])

    group_update(
        group=group,
        data=GroupInput(name=group.name, organisers=[ben], topics=["prompting"]),
        actor=None,
    )

    assert sorted(GroupMembership.objects.values_list("person__last_name", "organiser")) == [
        ("Anna", False),
        ("Ben", True),
    ]
    changes = AuditEvent.objects.get(action="enablement.group_updated").changes
    assert changes["organisers"]["to"] == [str(ben)]


def test_a_person_joins_once_and_leaves():
    group = make_group(organisers=[make_person()])
    carla = make_person()

    group_join(group=group, person=carla, actor=None)
    with pytest.raises(DomainError, match="already a member"):
        group_join(group=group, person=carla, actor=None)
    group_leave(group=group, person=carla, actor=None)

    assert not GroupMembership.objects.filter(person=carla).exists()
    assert actions()[-2:] == ["enablement.group_joined", "enablement.group_left"]


def test_the_last_organiser_cannot_leave():
    anna = make_person()
    group = make_group(organisers=[anna])

    with pytest.raises(DomainError, match="at least one organiser"):
        group_leave(group=group, person=anna, actor=None)


def test_a_group_meeting_needs_its_group_and_every_event_a_place():
    starts = timezone.now() + datetime.timedelta(days=2)
    common = {"title": "Circle", "starts_at": starts, "actor": None}

    with pytest.raises(DomainError, match="needs its group"):
        event_schedule(
            kind="group_meeting",
            ends_at=starts + datetime.timedelta(hours=1),
            place="Room 1",
            **common,
        )
    with pytest.raises(DomainError, match="place or an online link"):
        event_schedule(kind="meetup", ends_at=starts + datetime.timedelta(hours=1), **common)
    with pytest.raises(DomainError, match="end after it starts"):
        event_schedule(kind="meetup", ends_at=starts, place="Room 1", **common)


def test_a_full_event_refuses_the_next_registration_with_a_clear_message():
    event = make_event(capacity=2)
    for _ in range(2):
        event_register(event=event, person=make_person(), actor=None)

    with pytest.raises(DomainError) as refused:
        event_register(event=event, person=make_person(), actor=None)

    assert str(refused.value) == "This event is full: all 2 places are taken."
    assert Registration.objects.count() == 2


def test_a_cancelled_registration_frees_its_place():
    event = make_event(capacity=1)
    first = event_register(event=event, person=make_person(), actor=None)

    registration_cancel(registration=first, actor=None)
    event_register(event=event, person=make_person(), actor=None)

    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "cancelled",
        "registered",
    ]


def test_an_event_without_a_limit_takes_everyone_but_nobody_twice():
    event = make_event(capacity=None)
    dora = make_person()
    for _ in range(3):
        event_register(event=event, person=make_person(), actor=None)
    event_register(event=event, person=dora, actor=None)

    with pytest.raises(DomainError, match="already registered"):
        event_register(event=event, person=dora, actor=None)


def test_cancelling_an_event_tells_those_registered_and_closes_registration():
    event = make_event("Prompting clinic")
    came, left = make_person(), make_person()
    event_register(event=event, person=came, actor=None)
    gone = event_register(event=event, person=left, actor=None)
    registration_cancel(registration=gone, actor=None)

    event_cancel(event=event, actor=None)

    told = Notification.objects.filter(event="enablement.event_cancelled")
    assert [n.recipient_id for n in told] == [came.user_id]
    assert told[0].url == f"/enablement/events/{event.pk}/"
    with pytest.raises(DomainError, match=r"This event is cancelled\."):
        event_register(event=event, person=make_person(), actor=None)


def test_attendance_marks_who_came_and_can_be_corrected():
    event = make_event()
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    for person in (anna, ben):
        event_register(event=event, person=person, actor=None)

    with pytest.raises(DomainError, match="once the event has started"):
        event_attendance_take(event=event, present=[anna.pk], actor=None)
    event_started(event)
    taken = event_attendance_take(event=event, present=[anna.pk], actor=None)
    again = event_attendance_take(event=event, present=[ben.pk], actor=None)

    assert (taken.present, taken.absent) == (1, 1)
    assert (again.present, again.absent) == (1, 1)
    assert sorted(Registration.objects.values_list("person__last_name", "attended")) == [
        ("Anna", False),
        ("Ben", True),
    ]
    assert AuditEvent.objects.filter(action="enablement.event_attendance_taken").count() == 2


def test_registration_cannot_be_cancelled_once_the_event_started():
    event = make_event()
    registration = event_register(event=event, person=make_person(), actor=None)
    event_started(event)

    with pytest.raises(DomainError, match="has started"):
        registration_cancel(registration=registration, actor=None)


def test_an_event_keeps_at_least_as_many_places_as_are_registered():
    event = make_event(capacity=5)
    for _ in range(3):
        event_register(event=event, person=make_person(), actor=None)
    fields = {
        "title": "GenAI meetup, second floor",
        "kind": "meetup",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": "Second floor",
        "actor": None,
    }

    with pytest.raises(DomainError) as refused:
        event_update(event=event, capacity=2, **fields)
    event_update(event=event, capacity=3, **fields)

    assert str(refused.value) == "3 people are registered; the event cannot have fewer places."
    (audited,) = AuditEvent.objects.filter(action="enablement.event_updated")
    assert audited.changes == {
        "title": {"from": "GenAI meetup", "to": "GenAI meetup, second floor"},
        "place": {"from": "Canteen", "to": "Second floor"},
        "capacity": {"from": 5, "to": 3},
    }


def test_those_registered_are_reminded_of_tomorrow_s_event_once():
    today = timezone.localdate()
    tomorrow = make_event("Prompting clinic", in_days=1, place="Canteen")
    later = make_event("Later", in_days=3)
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    event_register(event=tomorrow, person=anna, actor=None)
    event_register(event=later, person=ben, actor=None)

    assert event_reminders(today) == 1
    assert event_reminders(today) == 0
    assert event_reminders(today + datetime.timedelta(days=2)) == 1

    (reminder,) = Notification.objects.filter(recipient=anna.user, event="enablement.event_soon")
    assert reminder.params["event"] == "Prompting clinic"
    assert reminder.params["where"] == "Canteen"
    assert reminder.url == f"/enablement/events/{tomorrow.pk}/"
