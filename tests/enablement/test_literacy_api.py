"""The caller's path and AI-literacy coverage over the API, against the hand-computed
organisation of ``conftest``: aggregates per unit and role, never a person."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.personas import PASSWORD, make_person, make_unit
from tests.support.queries import api_rows, assert_queries_do_not_grow
from wandel.core.models import User
from wandel.enablement.trainings.models import Course

pytestmark = pytest.mark.django_db

E = "/api/v1/enablement"


def account_of(person) -> dict[str, str]:
    person.user = User.objects.create_user(person.email, PASSWORD)
    person.save()
    return {**bearer(person.user), "Accept-Language": "en"}


@pytest.fixture(autouse=True)
def today():
    with frozen("2026-12-07 12:00"):
        yield


def row(label, unit, role, covered, required, percent, light):
    return {
        "label": label,
        "unit": unit,
        "role": role,
        "covered": covered,
        "required": required,
        "percent": percent,
        "light": light,
    }


def test_my_path_lists_the_required_courses_soonest_first(client, organisation):
    person = organisation["people"]["IT new"]
    courses = dict(Course.objects.values_list("title", "pk"))
    answer = client.get(f"{E}/my-path", headers=account_of(person))

    assert answer.status_code == 200
    assert answer.json() == {
        "covered": False,
        "courses": [
            {
                "course": {
                    "id": courses["Retrieval and guardrails"],
                    "title": "Retrieval and guardrails",
                },
                "status": "due",
                "due": "2027-01-19",
                "completed_on": None,
                "valid_until": None,
            },
            {
                "course": {"id": courses["Safe use"], "title": "Safe use"},
                "status": "due",
                "due": "2027-02-18",
                "completed_on": None,
                "valid_until": None,
            },
        ],
    }


def test_a_covered_person_s_path_shows_when_each_completion_runs_out(client, organisation):
    person = organisation["people"]["IT covered"]
    answer = client.get(f"{E}/my-path", headers=account_of(person)).json()

    assert answer["covered"] is True
    assert [(c["status"], c["completed_on"], c["valid_until"]) for c in answer["courses"]] == [
        ("done", "2026-06-01", "2027-06-01"),
        ("done", "2026-06-02", "2028-06-02"),
    ]


def test_coverage_is_counted_per_unit_and_role_and_names_nobody(client, organisation):
    it, sales = organisation["it"], organisation["sales"]
    platform = it.children.get()
    headers = account_of(organisation["people"]["IT new"])
    answer = client.get(f"{E}/literacy", headers=headers)

    assert answer.status_code == 200
    assert answer.json() == {
        "today": "2026-12-07",
        "target": 50,
        "scope": None,
        "total": row("", None, None, 3, 7, 42, "amber"),
        "by_unit": [
            row("IT", {"id": it.pk, "name": "IT"}, None, 0, 1, 0, "red"),
            row(
                "Platform team",
                {"id": platform.pk, "name": "Platform team"},
                None,
                1,
                2,
                50,
                "green",
            ),
            row("Sales", {"id": sales.pk, "name": "Sales"}, None, 2, 4, 50, "green"),
        ],
        "by_role": [row("Product owner", None, "product_owner", 1, 1, 100, "green")],
    }
    assert "Sales never" not in answer.content.decode()


def test_coverage_of_a_unit_takes_the_units_below_it(client, organisation):
    it = organisation["it"]
    headers = account_of(organisation["people"]["IT new"])
    answer = client.get(f"{E}/literacy?unit={it.pk}", headers=headers).json()

    assert answer["scope"] == {"id": it.pk, "name": "IT"}
    assert answer["total"] == row("IT", {"id": it.pk, "name": "IT"}, None, 1, 3, 33, "red")
    assert [r["label"] for r in answer["by_unit"]] == ["IT", "Platform team"]
    assert answer["by_role"] == []
    assert client.get(f"{E}/literacy?unit=999999", headers=headers).status_code == 404


def test_an_account_without_a_person_has_no_path_and_anonymous_callers_none_at_all(client):
    no_person = User.objects.create_user("robot@example.com", PASSWORD)
    assert client.get(f"{E}/my-path", headers=bearer(no_person)).status_code == 404
    assert Client().get(f"{E}/my-path").status_code == 401


def test_coverage_takes_as_many_queries_with_more_people(client, organisation):
    """Both answers compute the coverage: new people change the key it is cached under."""
    headers = account_of(organisation["people"]["IT new"])
    client.get(f"{E}/my-path", headers=headers)  # the token's first use of the day

    def grow() -> None:
        for n in range(3):
            make_person(last_name=f"New {n}", unit=make_unit(name=f"New unit {n}"), account=False)

    assert_queries_do_not_grow(
        client, f"{E}/literacy", grow=grow, shows=api_rows, headers=headers, warm_up=False
    )
