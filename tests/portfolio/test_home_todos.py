"""The home page's "For you" lists from the portfolio: a person's ideas with what happens
next, and the use cases a product owner owns."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.home import todo_lists
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.portfolio.use_cases.models import Stage, UseCase
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db


def lists_of(user, language: str = "en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return todo_lists(client.get("/"))


def test_a_person_follows_their_ideas_and_what_happens_next(employee):
    first = make_use_case(actor=employee, title="Summarise tickets")
    second = make_use_case(actor=employee, title="Draft replies")
    UseCase.objects.filter(pk=second.pk).update(stage=Stage.ASSESSED)
    make_use_case(actor=make_user(), title="Someone else's")

    ideas = lists_of(employee)["Your ideas"]

    assert ideas.total == 2
    assert [(item.text, item.url, item.detail) for item in ideas.items] == [
        (
            "Draft replies",
            f"/portfolio/{second.pk}/",
            "Assessed: the steering committee decides whether to go ahead.",
        ),
        (
            "Summarise tickets",
            f"/portfolio/{first.pk}/",
            "Idea: the portfolio team scores it next.",
        ),
    ]


def test_the_next_step_is_in_german_for_a_german_reader(employee):
    make_use_case(actor=employee, title="Tickets zusammenfassen")

    (idea,) = lists_of(employee, "de")["Ihre Ideen"].items

    assert idea.detail == "Idee: Als Nächstes bewertet das Portfolio-Team sie."


def test_someone_without_ideas_has_no_list_of_them(employee):
    assert "Your ideas" not in lists_of(employee)


def test_a_product_owner_sees_their_open_use_cases_with_a_link_to_all(owner, admin):
    for number in range(6):
        use_case = make_use_case(title=f"Owned {number}")
        product_owner_set(use_case=use_case, person=owner.person, actor=admin)
    retired = make_use_case(title="Retired one")
    product_owner_set(use_case=retired, person=owner.person, actor=admin)
    UseCase.objects.filter(pk=retired.pk).update(stage=Stage.RETIRED)

    owned = lists_of(owner)["Use cases you own"]

    assert owned.total == 6
    assert len(owned.items) == 5
    assert owned.items[0].detail == "Idea"
    assert owned.rest == "All 6"
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    assert f'href="/portfolio/?owner={owner.person.pk}"' in client.get("/").content.decode()
    assert "Retired one" not in [item.text for item in owned.items]
