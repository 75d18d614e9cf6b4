"""Workshops over the API: plan, edit, ideas, status, ballots and the ranking, with the
pages' rules (and their refusals)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import api_items, api_rows, assert_queries_do_not_grow
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.workshops.models import Vote, Workshop, WorkshopStatus

pytestmark = pytest.mark.django_db

URL = "/api/v1/workshops"


class Api:
    """A client that speaks JSON with one user's token."""

    def __init__(self, user: User) -> None:
        self.client = Client()
        self.headers = bearer(user)

    def get(self, url: str):
        return self.client.get(url, headers=self.headers)

    def send(self, method: str, url: str, body: object):
        return getattr(self.client, method)(
            url, json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def unit():
    return make_unit(code="PR", name="Production")


@pytest.fixture
def fay(unit) -> User:
    person = make_person(first_name="Fay", last_name="Fischer", unit=unit, roles=(Role.TRAINER,))
    assert person.user is not None
    return person.user


@pytest.fixture
def alice(unit) -> Person:
    return make_person(first_name="Alice", last_name="Anders", unit=unit)


@pytest.fixture
def otto(unit) -> Person:
    return make_person(first_name="Otto", last_name="Offline", unit=unit, account=False)


@pytest.fixture
def ideas(unit) -> list[UseCase]:
    return [make_use_case(title=title, unit=unit) for title in ("Alpha", "Beta")]


@pytest.fixture
def planned(fay, alice, otto, ideas) -> Workshop:
    response = Api(fay).send(
        "post",
        URL,
        {
            "title": "Ideation",
            "held_on": "2030-05-04",
            "units": ["PR"],
            "participants": [alice.pk, otto.pk],
            "dots_per_person": 3,
        },
    )
    assert response.status_code == 201, response.content
    workshop = Workshop.objects.get(pk=response.json()["id"])
    workshop.ideas.add(*ideas)
    return workshop


@pytest.fixture
def voting(planned) -> Workshop:
    Workshop.objects.filter(pk=planned.pk).update(status=WorkshopStatus.VOTING)
    planned.refresh_from_db()
    return planned


# Planning ----------------------------------------------------------------------------------


def test_planning_a_workshop_makes_the_caller_its_facilitator(planned, fay):
    response = Api(fay).get(f"{URL}/{planned.pk}")
    body = response.json()
    assert response.status_code == 200
    assert body["title"] == "Ideation"
    assert body["facilitator"] == "Fay Fischer"
    assert body["unit_codes"] == ["PR"]
    assert [p["name"] for p in body["participants"]] == ["Alice Anders", "Otto Offline"]
    assert [i["title"] for i in body["ideas"]] == ["Alpha", "Beta"]
    assert body["status"] == "planned"
    assert AuditEvent.objects.filter(action="portfolio.workshop_planned").count() == 1


def test_planning_with_an_unknown_unit_is_a_field_error(fay):
    response = Api(fay).send("post", URL, {"title": "X", "held_on": "2030-01-01", "units": ["NO"]})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "There is no unit with the code NO.",
        "errors": {"units": ["There is no unit with the code NO."]},
    }
    assert not Workshop.objects.exists()


def test_an_employee_cannot_plan_or_list_workshops(unit):
    api = Api(make_user())
    assert api.send("post", URL, {"title": "X", "held_on": "2030-01-01"}).status_code == 403
    assert api.get(URL).status_code == 403


def test_the_list_is_paginated_latest_first(planned, fay):
    later = Workshop.objects.create(title="Later", held_on="2031-01-01")
    body = Api(fay).get(URL).json()
    assert body["count"] == 2
    assert [w["id"] for w in body["items"]] == [later.pk, planned.pk]


def test_editing_changes_only_the_fields_sent_and_is_audited(planned, fay, alice):
    response = Api(fay).send(
        "patch", f"{URL}/{planned.pk}", {"title": "Ideation day", "participants": [alice.pk]}
    )
    assert response.status_code == 200
    planned.refresh_from_db()
    assert (planned.title, planned.dots_per_person) == ("Ideation day", 3)
    assert list(planned.participants.all()) == [alice]
    event = AuditEvent.objects.order_by("-id").first()
    assert event.action == "portfolio.workshop_changed"
    assert event.changes == {
        "title": {"from": "Ideation", "to": "Ideation day"},
        "participants": {"from": ["Alice Anders", "Otto Offline"], "to": ["Alice Anders"]},
    }


def test_dots_per_person_cannot_drop_below_a_ballot_cast(voting, fay, otto, ideas):
    Vote.objects.create(workshop=voting, voter=otto, use_case=ideas[0], dots=3)
    response = Api(fay).send("patch", f"{URL}/{voting.pk}", {"dots_per_person": 2})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "dots_per_person": [
            "A participant has already placed 3 dots; dots per person cannot go below that."
        ]
    }


# Ideas and status --------------------------------------------------------------------------


def test_capturing_an_idea_creates_a_linked_use_case(planned, fay):
    response = Api(fay).send(
        "post",
        f"{URL}/{planned.pk}/ideas",
        {
            "title": "Gamma",
            "problem": "p",
            "process": "p",
            "unit": "PR",
            "expected_benefit": "b",
            "data_involved": "d",
            "capability": "chat",
        },
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Gamma"
    assert response.json()["stage"] == "idea"
    assert planned.ideas.filter(title="Gamma").exists()


def test_an_existing_use_case_is_linked_once(planned, fay, unit):
    other = make_use_case(title="Delta", unit=unit)
    api = Api(fay)
    link = f"{URL}/{planned.pk}/ideas/link"
    assert api.send("post", link, {"use_case": other.pk}).status_code == 201
    again = api.send("post", link, {"use_case": other.pk})
    assert again.status_code == 400
    assert again.json()["detail"] == "“Delta” is already an idea of this workshop."


def test_opening_and_closing_the_vote(planned, fay):
    api = Api(fay)
    status = f"{URL}/{planned.pk}/status"
    assert api.send("post", status, {"to": "voting"}).json()["status"] == "voting"
    refused = api.send("post", status, {"to": "voting"})
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Voting can only be opened for a planned workshop."
    assert api.send("post", status, {"to": "closed"}).json()["status"] == "closed"


def test_a_participant_cannot_run_the_workshop(planned, alice):
    assert alice.user is not None
    api = Api(alice.user)
    assert api.get(f"{URL}/{planned.pk}").status_code == 200
    assert api.send("post", f"{URL}/{planned.pk}/status", {"to": "voting"}).status_code == 403
    assert api.send("patch", f"{URL}/{planned.pk}", {"title": "Mine"}).status_code == 403


def test_someone_who_neither_runs_nor_takes_part_cannot_see_it(planned):
    assert Api(make_user()).get(f"{URL}/{planned.pk}").status_code == 403


# Ballots -----------------------------------------------------------------------------------


def test_a_participant_casts_and_replaces_their_ballot(voting, alice, ideas):
    assert alice.user is not None
    api = Api(alice.user)
    ballot = f"{URL}/{voting.pk}/ballot"
    first = api.send("put", ballot, {"dots": [{"use_case": ideas[0].pk, "dots": 3}]})
    assert first.status_code == 200
    second = api.send("put", ballot, {"dots": [{"use_case": ideas[1].pk, "dots": 2}]})
    assert second.json() == {
        "voter": {"id": alice.pk, "name": "Alice Anders"},
        "dots": [{"use_case": ideas[1].pk, "dots": 2}],
        "used": 2,
        "limit": 3,
    }
    assert AuditEvent.objects.filter(action="portfolio.workshop_ballot_cast").count() == 2


def test_the_facilitator_casts_a_stand_in_ballot(voting, fay, otto, ideas):
    response = Api(fay).send(
        "put",
        f"{URL}/{voting.pk}/ballot",
        {"voter": otto.pk, "dots": [{"use_case": ideas[0].pk, "dots": 1}]},
    )
    assert response.status_code == 200
    assert response.json()["voter"] == {"id": otto.pk, "name": "Otto Offline"}


def test_nobody_else_casts_ballots_for_others(voting, alice, otto, ideas):
    body = {"voter": otto.pk, "dots": [{"use_case": ideas[0].pk, "dots": 1}]}
    other_trainer = make_user(Role.TRAINER)
    assert Api(other_trainer).send("put", f"{URL}/{voting.pk}/ballot", body).status_code == 403
    assert alice.user is not None
    assert Api(alice.user).send("put", f"{URL}/{voting.pk}/ballot", body).status_code == 403
    assert not Vote.objects.exists()


def test_the_facilitator_cannot_vote_for_a_participant_with_an_account(voting, fay, alice, ideas):
    body = {"voter": alice.pk, "dots": [{"use_case": ideas[0].pk, "dots": 1}]}
    response = Api(fay).send("put", f"{URL}/{voting.pk}/ballot", body)
    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_a_ballot_over_the_limit_is_refused(voting, alice, ideas):
    assert alice.user is not None
    body = {"dots": [{"use_case": ideas[0].pk, "dots": 2}, {"use_case": ideas[1].pk, "dots": 2}]}
    response = Api(alice.user).send("put", f"{URL}/{voting.pk}/ballot", body)
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Each participant has 3 dots, but this distribution uses 4. Nothing was saved."
    )


# Ranking -----------------------------------------------------------------------------------


def test_the_ranking_is_hidden_from_participants_while_voting(voting, fay, alice, otto, ideas):
    Vote.objects.create(workshop=voting, voter=otto, use_case=ideas[1], dots=2)
    assert alice.user is not None
    ranking = f"{URL}/{voting.pk}/ranking"

    hidden = Api(alice.user).get(ranking)
    assert hidden.status_code == 403
    assert hidden.json()["detail"] == "The ranking is shown once voting is closed."
    assert Api(make_user(Role.TRAINER)).get(ranking).status_code == 403

    shown = Api(fay).get(ranking).json()
    assert [(r["rank"], r["use_case"]["title"], r["dots"]) for r in shown["items"]] == [
        (1, "Beta", 2),
        (2, "Alpha", 0),
    ]

    Api(fay).send("post", f"{URL}/{voting.pk}/status", {"to": "closed"})
    after = Api(alice.user).get(ranking)
    assert after.status_code == 200
    assert [r["use_case"]["title"] for r in after.json()["items"]] == ["Beta", "Alpha"]


# Queries -----------------------------------------------------------------------------------


def test_the_list_does_not_grow_with_more_workshops(planned, fay, unit):
    api = Api(fay)

    def grow() -> None:
        for number in range(8):
            workshop = Workshop.objects.create(
                title=f"W{number}", held_on="2029-01-01", facilitator=fay
            )
            workshop.units.add(unit, make_unit())

    # api_rows: the workshops and their unit codes
    assert_queries_do_not_grow(api.client, URL, grow=grow, shows=api_rows, headers=api.headers)


def test_the_ranking_does_not_grow_with_more_ideas(planned, fay, alice, otto):
    api = Api(fay)

    def grow() -> None:
        for number in range(8):
            idea = make_use_case(title=f"Idea {number}", unit=make_unit())
            planned.ideas.add(idea)
            Vote.objects.create(workshop=planned, voter=alice, use_case=idea, dots=1)
            Vote.objects.create(workshop=planned, voter=otto, use_case=idea, dots=number % 3)

    assert_queries_do_not_grow(
        api.client, f"{URL}/{planned.pk}/ranking", grow=grow, shows=api_items, headers=api.headers
    )
