"""Hole 4, vote stuffing: stand-in ballots are the facilitator's alone, a ballot replaces the
participant's earlier one, every ballot is audited, and the ranking stays hidden while the
vote is open (except from the facilitator)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.org.models import Person
from wandel.portfolio.workshops import queries as workshop_queries
from wandel.portfolio.workshops import services as workshop_services
from wandel.portfolio.workshops.models import Vote, Workshop
from wandel.portfolio.workshops.services import WorkshopError, votes_cast

pytestmark = pytest.mark.django_db

HIDDEN = "The ranking is shown once voting is closed."
NOT_THE_FACILITATOR_TEXT = (
    "Only the facilitator of this workshop records dots for other participants."
)


@pytest.fixture
def fay() -> User:
    """The facilitator."""
    return make_user(Role.TRAINER, email="fay@example.com")


@pytest.fixture
def tom() -> User:
    """Another trainer: he runs workshops too, but not this one."""
    return make_user(Role.TRAINER, email="tom@example.com")


@pytest.fixture
def alice() -> Person:
    return make_person(first_name="Alice", last_name="Anders")


@pytest.fixture
def otto() -> Person:
    return make_person(first_name="Otto", last_name="Offline", account=False)


@pytest.fixture
def workshop(fay, alice, otto) -> Workshop:
    unit = make_unit(name="Production")
    workshop = workshop_services.workshop_create(
        actor=fay,
        title="Ideation",
        held_on=datetime.date(2030, 5, 4),
        participants=[alice, otto],
        dots_per_person=3,
    )
    for title in ("Alpha", "Beta"):
        workshop_services.workshop_idea_add(
            workshop=workshop, use_case=make_use_case(title=title, unit=unit), actor=fay
        )
    return workshop_services.workshop_open_voting(workshop=workshop, actor=fay)


def login(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def idea(workshop: Workshop, title: str) -> int:
    return workshop.ideas.get(title=title).pk


def dots_of(workshop: Workshop, person: Person) -> dict[str, int]:
    return dict(
        Vote.objects.filter(workshop=workshop, voter=person).values_list("use_case__title", "dots")
    )


# Stand-in ballots ------------------------------------------------------------------------


def test_another_workshop_runner_cannot_cast_a_stand_in_ballot(workshop, otto, tom):
    with pytest.raises(WorkshopError) as refused:
        votes_cast(workshop=workshop, voter=otto, dots={idea(workshop, "Alpha"): 3}, actor=tom)
    assert str(refused.value) == NOT_THE_FACILITATOR_TEXT
    assert dots_of(workshop, otto) == {}


def test_a_programme_admin_who_does_not_facilitate_cannot_either(workshop, otto, admin):
    with pytest.raises(WorkshopError):
        votes_cast(workshop=workshop, voter=otto, dots={idea(workshop, "Alpha"): 3}, actor=admin)
    assert dots_of(workshop, otto) == {}


def test_the_vote_page_refuses_stand_in_ballots_from_other_runners(workshop, otto, tom):
    client = login(tom)
    url = reverse("portfolio:workshop_vote", args=[workshop.pk])
    assert client.get(url).status_code == 403
    assert client.get(url, {"voter": otto.pk}).status_code == 403
    response = client.post(url, {"voter": otto.pk, f"idea_{idea(workshop, 'Alpha')}": "3"})
    assert response.status_code == 403
    assert dots_of(workshop, otto) == {}


def test_the_facilitator_casts_a_stand_in_ballot(workshop, otto, fay):
    client = login(fay)
    url = reverse("portfolio:workshop_vote", args=[workshop.pk])
    response = client.post(url, {"voter": otto.pk, f"idea_{idea(workshop, 'Alpha')}": "3"})
    assert response.status_code == 302
    assert dots_of(workshop, otto) == {"Alpha": 3}


def test_the_stand_in_button_shows_only_for_the_facilitator(workshop, fay, tom):
    button = "Record dots for a participant"
    assert button in login(fay).get(workshop.get_absolute_url()).content.decode()
    assert button not in login(tom).get(workshop.get_absolute_url()).content.decode()


# Replacing, never adding up --------------------------------------------------------------


def test_a_second_stand_in_ballot_replaces_the_first(workshop, otto, fay):
    client = login(fay)
    url = reverse("portfolio:workshop_vote", args=[workshop.pk])
    alpha, beta = f"idea_{idea(workshop, 'Alpha')}", f"idea_{idea(workshop, 'Beta')}"
    for _ in range(3):
        client.post(url, {"voter": otto.pk, alpha: "3"})
    client.post(url, {"voter": otto.pk, beta: "2"})

    assert dots_of(workshop, otto) == {"Beta": 2}
    ranking = {
        entry.use_case.title: entry.dots for entry in workshop_queries.workshop_ranking(workshop)
    }
    assert ranking == {"Alpha": 0, "Beta": 2}


def test_a_participant_voting_again_replaces_their_ballot(workshop, alice):
    assert alice.user is not None
    client = login(alice.user)
    url = reverse("portfolio:workshop_vote", args=[workshop.pk])
    alpha = f"idea_{idea(workshop, 'Alpha')}"
    client.post(url, {alpha: "3"})
    client.post(url, {alpha: "3"})
    assert dots_of(workshop, alice) == {"Alpha": 3}


def test_every_ballot_is_audited(workshop, otto, alice, fay):
    assert alice.user is not None
    before = AuditEvent.objects.filter(action="portfolio.workshop_ballot_cast").count()
    votes_cast(workshop=workshop, voter=otto, dots={idea(workshop, "Alpha"): 1}, actor=fay)
    votes_cast(workshop=workshop, voter=otto, dots={idea(workshop, "Alpha"): 2}, actor=fay)
    votes_cast(workshop=workshop, voter=alice, dots={idea(workshop, "Beta"): 3}, actor=alice.user)
    events = AuditEvent.objects.filter(action="portfolio.workshop_ballot_cast").order_by("id")
    assert before == 0
    assert [(e.actor, e.changes["voter"], e.changes["dots"]["to"]) for e in events] == [
        (fay, "Otto Offline", {"Alpha": 1}),
        (fay, "Otto Offline", {"Alpha": 2}),
        (alice.user, "Alice Anders", {"Beta": 3}),
    ]


# The ranking while the vote is open -------------------------------------------------------


def test_a_participant_does_not_see_the_ranking_while_voting_is_open(workshop, alice, otto, fay):
    assert alice.user is not None
    votes_cast(workshop=workshop, voter=otto, dots={idea(workshop, "Beta"): 3}, actor=fay)
    client = login(alice.user)

    response = client.get(workshop.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["ranking"] is None
    assert HIDDEN in page
    # The ideas themselves stay visible, by title, not by dots.
    assert 0 < page.index("Alpha") < page.index("Beta")
    assert '<th scope="col" class="num">Dots</th>' not in page

    workshop_services.workshop_close(workshop=workshop, actor=fay)
    response = client.get(workshop.get_absolute_url())
    assert [(e.use_case.title, e.dots) for e in response.context["ranking"]] == [
        ("Beta", 3),
        ("Alpha", 0),
    ]
    assert HIDDEN not in response.content.decode()


def test_another_runner_sees_no_ranking_and_cannot_export_it_while_voting(workshop, tom):
    client = login(tom)
    response = client.get(workshop.get_absolute_url())
    assert response.status_code == 200
    assert response.context["ranking"] is None
    for fmt in ("csv", "xlsx"):
        export = reverse("portfolio:workshop_results_export", args=[workshop.pk, fmt])
        assert client.get(export).status_code == 403


def test_the_facilitator_sees_the_ranking_while_voting(workshop, otto, fay):
    votes_cast(workshop=workshop, voter=otto, dots={idea(workshop, "Beta"): 2}, actor=fay)
    client = login(fay)
    response = client.get(workshop.get_absolute_url())
    assert [(e.use_case.title, e.dots) for e in response.context["ranking"]] == [
        ("Beta", 2),
        ("Alpha", 0),
    ]
    assert HIDDEN not in response.content.decode()
    export = reverse("portfolio:workshop_results_export", args=[workshop.pk, "csv"])
    assert client.get(export).status_code == 200


# Closing early would show the ranking, so the vote is the facilitator's to close --------


def test_another_workshop_runner_cannot_close_the_vote_to_see_the_ranking(workshop, tom):
    with pytest.raises(workshop_services.NotPermitted) as refused:
        workshop_services.workshop_close(workshop=workshop, actor=tom)

    assert str(refused.value) == (
        "Only the facilitator of this workshop opens and closes its vote; change the "
        "facilitator first if they cannot."
    )
    workshop.refresh_from_db()
    assert workshop.status == "voting"


def test_the_status_page_refuses_another_runner_and_lets_the_facilitator_close(workshop, tom, fay):
    url = reverse("portfolio:workshop_status", args=[workshop.pk])
    detail = reverse("portfolio:workshop_detail", args=[workshop.pk])

    assert "Close voting" not in login(tom).get(detail).content.decode()
    assert "Close voting" in login(fay).get(detail).content.decode()
    assert login(tom).post(url, {"to": "closed"}).status_code == 403
    assert login(fay).post(url, {"to": "closed"}).status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == "closed"


def test_a_workshop_without_a_facilitator_is_closed_by_anyone_who_runs_workshops(tom, alice):
    unit = make_unit(name="Logistics")
    workshop = workshop_services.workshop_create(
        actor=tom,
        title="No facilitator",
        held_on=datetime.date(2030, 5, 4),
        participants=[alice],
        dots_per_person=3,
    )
    Workshop.objects.filter(pk=workshop.pk).update(facilitator=None)
    workshop.refresh_from_db()
    workshop_services.workshop_idea_add(
        workshop=workshop, use_case=make_use_case(title="Gamma", unit=unit), actor=tom
    )

    workshop_services.workshop_open_voting(workshop=workshop, actor=tom)
    workshop_services.workshop_close(workshop=workshop, actor=tom)

    workshop.refresh_from_db()
    assert workshop.status == "closed"
