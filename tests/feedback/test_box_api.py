"""The feedback box over the API: listing with the page's filters and public answers, one
item, posting (an anonymous post names nobody), supporting once, and constant queries."""

from __future__ import annotations

import json

import pytest
import time_machine

from tests.support.api import bearer
from tests.support.personas import make_user
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.feedback.box.models import FeedbackItem, FeedbackSupport
from wandel.feedback.box.services import item_answer, item_post, item_support

pytestmark = pytest.mark.django_db

F = "/api/v1/feedback"


def post(actor, title: str, *, kind: str = "idea", anonymous: bool = False):
    return item_post(
        kind=kind, category="tools", title=title, text="Text.", anonymous=anonymous, actor=actor
    )


def test_an_answered_item_shows_its_answer_and_named_poster(client, admin):
    poster = make_user(email="poster@example.com")
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        item = post(poster, "Minutes assistant")
    with time_machine.travel("2026-12-03 10:00 +01:00", tick=False):
        item_answer(item=item, answer="We try it in Sales.", status="planned", actor=admin)
    reader = make_user()
    item_support(item=item, actor=reader)

    response = client.get(f"{F}/items/{item.pk}", headers=bearer(reader))

    assert response.status_code == 200
    assert response.json() == {
        "id": item.pk,
        "kind": "idea",
        "category": "tools",
        "title": "Minutes assistant",
        "text": "Text.",
        "anonymous": False,
        "author": str(poster),
        "posted_on": "2026-12-01",
        "status": "planned",
        "answer": "We try it in Sales.",
        "first_answered_on": "2026-12-03",
        "use_case": None,
        "supporters": 1,
        "supported": True,
    }


def test_the_list_filters_like_the_page(client, employee):
    post(employee, "An idea", kind="idea")
    post(employee, "A question", kind="question")

    response = client.get(f"{F}/items?kind=question", headers=bearer(employee))

    assert [row["title"] for row in response.json()["items"]] == ["A question"]


def test_posting_anonymously_names_nobody(client, employee):
    response = client.post(
        f"{F}/items",
        json.dumps(
            {"kind": "question", "title": "Are prompts stored?", "text": "?", "anonymous": True}
        ),
        content_type="application/json",
        headers=bearer(employee),
    )

    assert response.status_code == 201
    assert response.json()["author"] is None
    assert response.json()["category"] == "other"
    assert FeedbackItem.objects.get().author is None


def test_a_support_counts_once_and_is_withdrawn(client, employee):
    item = post(make_user(), "An idea")
    headers = bearer(employee)

    client.post(f"{F}/items/{item.pk}/support", headers=headers)
    again = client.post(f"{F}/items/{item.pk}/support", headers=headers)
    withdrawn = client.delete(f"{F}/items/{item.pk}/support", headers=headers)

    assert again.json() == {"supporters": 1, "supported": True}
    assert withdrawn.json() == {"supporters": 0, "supported": False}
    assert not FeedbackSupport.objects.exists()


def test_one_s_own_named_post_cannot_be_supported(client, employee):
    item = post(employee, "My idea")

    response = client.post(f"{F}/items/{item.pk}/support", headers=bearer(employee))

    assert response.status_code == 409


def test_the_list_takes_as_many_queries_with_more_items(client, admin):
    author = make_user()
    post(author, "Item 0")
    headers = bearer(make_user())

    def grow() -> None:
        for number in range(1, 6):
            item = post(author, f"Item {number}", anonymous=number == 2)
            item_support(item=item, actor=admin)
            item_answer(item=item, answer="Yes.", actor=admin)

    assert_queries_do_not_grow(client, f"{F}/items", grow=grow, shows=api_items, headers=headers)
