"""Form pages that choose people or use cases carry pickers, not a ``<select>`` of every
row: their size and query count stay the same however many people and use cases exist."""

from __future__ import annotations

import pytest

from tests.support.governance import make_body, make_risk
from tests.support.personas import make_person
from tests.support.portfolio import make_use_case
from tests.support.queries import count_queries
from wandel.org.models import Unit


def grow_people_and_use_cases(number: int) -> None:
    # In one unit: units may stay a select (a few hundred at most).
    unit = Unit.objects.first()
    for _ in range(number):
        make_person(account=False, unit=unit)
        make_use_case(unit=unit)


@pytest.fixture
def objects(admin, db) -> dict[str, int]:
    return {
        "body": make_body().pk,
        "risk": make_risk(actor=admin).pk,
        "use_case": make_use_case(actor=admin).pk,
    }


PAGES = [
    "/governance/decisions/new/",
    "/governance/risks/new/",
    "/governance/risks/{risk}/",
    "/governance/risks/{risk}/edit/",
    "/governance/budgets/new/",
    "/governance/bodies/{body}/",
    "/portfolio/{use_case}/team/",
    "/portfolio/workshops/new/",
    "/org/stakeholders/new/",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_page_does_not_grow_with_people_and_use_cases(admin_client, objects, page):
    url = page.format(**objects)
    count_queries(admin_client, url)  # warm up the session
    grow_people_and_use_cases(5)
    small, small_queries = count_queries(admin_client, url)
    grow_people_and_use_cases(40)
    large, large_queries = count_queries(admin_client, url)

    assert large_queries == small_queries
    assert large.content.count(b"<option") == small.content.count(b"<option")
    assert large.content.count(b"<option") < 100
    assert b"data-picker" in large.content
