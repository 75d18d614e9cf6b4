"""The community pages as people use them: join a group, register on the upcoming events
page (a full event says so), the organiser's rights over their group and its meetings,
attendance, and constant query counts on the lists."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.community import event_started, make_event, make_group
from tests.support.personas import make_person, make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.enablement.community.groups import Link, group_join
from wandel.enablement.community.models import Event, GroupMembership, Registration
from wandel.enablement.community.services import event_register

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_an_employee_joins_a_group_on_its_page_and_sees_its_links(employee):
    group = make_group(
        organisers=[make_person()],
        links=[Link("Prompt library", "https://wiki.example.com/prompts")],
    )
    page = signed_in(employee)

    before = page.get(group.get_absolute_url()).content.decode()
    response = page.post(f"/enablement/groups/{group.pk}/join/", follow=True)

    assert "Join the group</button>" in before
    assert 'href="https://wiki.example.com/prompts"' in before
    assert "You are a member of this group." in response.content.decode()
    assert GroupMembership.objects.filter(person=employee.person, organiser=False).exists()


def test_an_employee_registers_on_the_upcoming_events_page_and_returns_there(employee):
    event = make_event("Prompting clinic")

    response = signed_in(employee).post(
        f"/enablement/events/{event.pk}/register/", {"next": "events"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/enablement/events/"
    content = response.content.decode()
    assert "You are registered for “Prompting clinic”." in content
    assert '<span class="badge ok">registered</span>' in content


def test_a_full_event_says_so_on_the_list_and_refuses_with_a_message(employee):
    event = make_event("Small round", capacity=1)
    event_register(event=event, person=make_person(), actor=None)
    page = signed_in(employee)

    listed = page.get("/enablement/events/").content.decode()
    response = page.post(f"/enablement/events/{event.pk}/register/", follow=True)

    assert '<span class="badge muted">full</span>' in listed
    assert "This event is full: all 1 places are taken." in response.content.decode()
    assert not Registration.objects.filter(person=employee.person).exists()


def test_the_upcoming_events_page_shows_today_on_but_not_the_past(employee):
    make_event("Tomorrow", in_days=1)
    event_started(make_event("Running now"))
    past = make_event("Last month")
    event_started(past, hours_ago=24 * 30)

    content = signed_in(employee).get("/enablement/events/").content.decode()

    assert "Tomorrow" in content
    assert "Running now" in content
    assert "Last month" not in content


def test_an_organiser_manages_their_group_and_its_meetings_but_not_others():
    organiser = make_user()
    group = make_group(organisers=[organiser.person])
    other = make_group("Retrieval circle", organisers=[make_person()])
    page = signed_in(organiser)

    response = page.post(
        f"/enablement/groups/{group.pk}/meetings/new/",
        {
            "title": "Circle: offers",
            "starts_at": "2030-02-02T17:00",
            "ends_at": "2030-02-02T18:00",
            "place": "Sales lounge",
        },
    )

    meeting = Event.objects.get(title="Circle: offers")
    assert response.status_code == 302
    assert (meeting.kind, meeting.group_id) == ("group_meeting", group.pk)
    assert page.get(f"/enablement/groups/{other.pk}/edit/").status_code == 403
    assert page.get(f"/enablement/groups/{other.pk}/meetings/new/").status_code == 403
    assert page.get("/enablement/events/new/").status_code == 403
    edited = page.post(
        f"/enablement/events/{meeting.pk}/edit/",
        {
            "title": "Circle: offers and tenders",
            "starts_at": "2030-02-02T17:00",
            "ends_at": "2030-02-02T18:00",
            "place": "Sales lounge",
        },
    )
    assert edited.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.group_id) == ("Circle: offers and tenders", group.pk)
    assert page.post(f"/enablement/events/{meeting.pk}/cancel/").status_code == 302


def test_a_member_who_does_not_organise_cannot_manage_the_group(employee):
    group = make_group(organisers=[make_person()])
    group_join(group=group, person=employee.person, actor=None)
    meeting = make_event("Circle", group=group)

    page = signed_in(employee)

    assert page.get(f"/enablement/groups/{group.pk}/edit/").status_code == 403
    assert page.get(f"/enablement/events/{meeting.pk}/edit/").status_code == 403
    assert page.post(f"/enablement/events/{meeting.pk}/cancel/").status_code == 403
    assert page.get(f"/enablement/events/{meeting.pk}/attendance/").status_code == 403


def test_the_organiser_takes_attendance_on_the_checkbox_page():
    organiser = make_user()
    group = make_group(organisers=[organiser.person])
    meeting = make_event("Circle", group=group)
    anna, ben = make_person(last_name="Anna"), make_person(last_name="Ben")
    for person in (anna, ben):
        event_register(event=meeting, person=person, actor=None)
    event_started(meeting)
    page = signed_in(organiser)

    form = page.get(f"/enablement/events/{meeting.pk}/attendance/").content.decode()
    response = page.post(
        f"/enablement/events/{meeting.pk}/attendance/", {"present": [anna.pk]}, follow=True
    )

    assert form.count('name="present"') == 2
    assert "Attendance saved: 1 present, 1 absent." in response.content.decode()
    assert sorted(Registration.objects.values_list("person__last_name", "attended")) == [
        ("Anna", True),
        ("Ben", False),
    ]


def test_a_trainer_founds_a_group_with_links_given_as_lines():
    trainer = make_user(Role.TRAINER)
    organiser = make_person()

    response = signed_in(trainer).post(
        "/enablement/groups/new/",
        {
            "name": "Prompting circle Sales",
            "topics": ["prompting"],
            "links": "Prompt library https://wiki.example.com/prompts\n\nnot a link",
            "organisers": [organiser.pk],
        },
    )

    assert response.status_code == 400
    assert "Line 3: end it with a link" in response.content.decode()


def test_the_upcoming_events_page_takes_as_many_queries_with_more_events(employee):
    group = make_group(organisers=[make_person()])
    event_register(event=make_event("First", group=group), person=employee.person, actor=None)
    page = signed_in(employee)

    def grow() -> None:
        for number in range(4):
            event = make_event(f"More {number}", group=group)
            event_register(event=event, person=employee.person, actor=None)
            event_register(event=event, person=make_person(), actor=None)

    assert_queries_do_not_grow(page, "/enablement/events/", grow=grow, shows="<tr")


def test_the_group_pages_take_as_many_queries_with_more_members_and_groups(employee):
    group = make_group(organisers=[make_person()])
    make_event("Circle", group=group)
    page = signed_in(employee)

    def more_members() -> None:
        for _ in range(4):
            group_join(group=group, person=make_person(), actor=None)
        make_event("Circle again", group=group)

    def more_groups() -> None:
        for number in range(3):
            make_group(f"Circle {number}", organisers=[make_person()])

    assert_queries_do_not_grow(page, group.get_absolute_url(), grow=more_members, shows="<li")
    assert_queries_do_not_grow(page, "/enablement/groups/", grow=more_groups, shows="<tr")


def test_the_event_page_takes_as_many_queries_with_more_people_registered():
    trainer = make_user(Role.TRAINER)
    event = make_event(capacity=None)
    event_register(event=event, person=make_person(), actor=None)

    def grow() -> None:
        for _ in range(4):
            event_register(event=event, person=make_person(), actor=None)

    assert_queries_do_not_grow(signed_in(trainer), event.get_absolute_url(), grow=grow, shows="<tr")
