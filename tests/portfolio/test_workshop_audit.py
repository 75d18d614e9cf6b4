"""Every change of a workshop and every ballot lands in the audit log, with what changed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.personas import make_person, make_unit
from tests.support.portfolio import make_use_case
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.workshops.models import Workshop, WorkshopStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def fay(unit) -> User:
    """The facilitator, with a name the audit log shows."""
    person = make_person(first_name="Fay", last_name="Fischer", unit=unit, roles=(Role.TRAINER,))
    assert person.user is not None
    return person.user


@pytest.fixture
def fay_client(fay) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(fay)
    return client


@pytest.fixture
def unit():
    return make_unit(name="Production")


@pytest.fixture
def alice(unit) -> Person:
    return make_person(first_name="Alice", last_name="Anders", unit=unit)


@pytest.fixture
def otto(unit) -> Person:
    return make_person(first_name="Otto", last_name="Offline", unit=unit, account=False)


@pytest.fixture
def ideas(unit) -> list[UseCase]:
    return [make_use_case(title=title, unit=unit) for title in ("Alpha", "Beta")]


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def plan(client, unit, alice, otto) -> Workshop:
    response = client.post(
        reverse("portfolio:workshop_create"),
        {
            "title": "Ideation",
            "held_on": "2030-05-04",
            "units": [unit.pk],
            "participants": [alice.pk, otto.pk],
            "agenda": "Pain points",
            "dots_per_person": "3",
        },
    )
    assert response.status_code == 302
    return Workshop.objects.get()


def test_planning_a_workshop_is_audited_with_its_plan(fay_client, fay, unit, alice, otto):
    workshop = plan(fay_client, unit, alice, otto)

    event = last_event()
    assert event.action == "portfolio.workshop_planned"
    assert (event.actor, event.target_type, event.target_id) == (
        fay,
        "portfolio.Workshop",
        str(workshop.pk),
    )
    assert event.changes == {
        "title": {"from": None, "to": "Ideation"},
        "held_on": {"from": None, "to": "2030-05-04"},
        "units": {"from": None, "to": ["Production"]},
        "participants": {"from": None, "to": ["Alice Anders", "Otto Offline"]},
        "agenda": {"from": None, "to": "Pain points"},
        "dots_per_person": {"from": None, "to": 3},
        "facilitator": {"from": None, "to": "Fay Fischer"},
        "status": {"from": None, "to": "planned"},
    }


def test_editing_a_workshop_records_only_the_changed_fields(fay_client, unit, alice, otto):
    workshop = plan(fay_client, unit, alice, otto)
    response = fay_client.post(
        reverse("portfolio:workshop_edit", args=[workshop.pk]),
        {
            "title": "Ideation day",
            "held_on": "2030-05-04",
            "units": [unit.pk],
            "participants": [alice.pk],
            "agenda": "Pain points",
            "dots_per_person": "5",
        },
    )
    assert response.status_code == 302

    event = last_event()
    assert event.action == "portfolio.workshop_changed"
    assert event.changes == {
        "title": {"from": "Ideation", "to": "Ideation day"},
        "participants": {"from": ["Alice Anders", "Otto Offline"], "to": ["Alice Anders"]},
        "dots_per_person": {"from": 3, "to": 5},
    }


def test_ideas_added_and_captured_are_audited(fay_client, unit, alice, otto, ideas):
    workshop = plan(fay_client, unit, alice, otto)
    fay_client.post(
        reverse("portfolio:workshop_idea_add", args=[workshop.pk]), {"use_case": ideas[0].pk}
    )
    event = last_event()
    assert event.action == "portfolio.workshop_idea_added"
    assert event.changes == {"ideas": {"from": [], "to": ["Alpha"]}}

    fay_client.post(
        reverse("portfolio:workshop_idea_create", args=[workshop.pk]),
        {
            "title": "Gamma",
            "problem": "p",
            "process": "p",
            "unit": unit.pk,
            "expected_benefit": "b",
            "data_involved": "d",
            "capability": "chat",
        },
    )
    submitted, linked = AuditEvent.objects.order_by("-id")[1], last_event()
    assert submitted.action == "portfolio.submitted"
    assert linked.action == "portfolio.workshop_idea_added"
    assert linked.changes == {"ideas": {"from": ["Alpha"], "to": ["Alpha", "Gamma"]}}


def test_opening_and_closing_the_vote_are_audited(fay_client, unit, alice, otto, ideas):
    workshop = plan(fay_client, unit, alice, otto)
    workshop.ideas.add(*ideas)
    status = reverse("portfolio:workshop_status", args=[workshop.pk])

    fay_client.post(status, {"to": "voting"})
    assert last_event().action == "portfolio.workshop_voting_opened"
    assert last_event().changes == {"status": {"from": "planned", "to": "voting"}}

    fay_client.post(status, {"to": "closed"})
    assert last_event().action == "portfolio.workshop_voting_closed"
    assert last_event().changes == {"status": {"from": "voting", "to": "closed"}}


def test_a_refused_status_change_leaves_no_event(fay_client, unit, alice, otto):
    workshop = plan(fay_client, unit, alice, otto)
    before = AuditEvent.objects.count()
    fay_client.post(reverse("portfolio:workshop_status", args=[workshop.pk]), {"to": "voting"})
    assert Workshop.objects.get().status == WorkshopStatus.PLANNED  # no ideas yet
    assert AuditEvent.objects.count() == before


def test_each_ballot_is_audited_with_the_dots_before_and_after(
    fay_client, fay, unit, alice, otto, ideas
):
    workshop = plan(fay_client, unit, alice, otto)
    workshop.ideas.add(*ideas)
    Workshop.objects.filter(pk=workshop.pk).update(status=WorkshopStatus.VOTING)
    vote = reverse("portfolio:workshop_vote", args=[workshop.pk])
    alpha, beta = (f"idea_{idea.pk}" for idea in ideas)
    assert isinstance(alice.user, User)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(alice.user)

    client.post(vote, {alpha: "2", beta: "1"})
    event = last_event()
    assert (event.action, event.actor) == ("portfolio.workshop_ballot_cast", alice.user)
    assert event.changes == {
        "voter": "Alice Anders",
        "stand_in": False,
        "dots": {"from": {}, "to": {"Alpha": 2, "Beta": 1}},
    }

    client.post(vote, {alpha: "0", beta: "3"})
    assert last_event().changes["dots"] == {
        "from": {"Alpha": 2, "Beta": 1},
        "to": {"Beta": 3},
    }

    fay_client.post(vote, {"voter": otto.pk, alpha: "1"})
    event = last_event()
    assert event.actor == fay
    assert event.changes == {
        "voter": "Otto Offline",
        "stand_in": True,
        "dots": {"from": {}, "to": {"Alpha": 1}},
    }
