"""The people and unit lists read the same rows on the page and in the API.

One query function with one filters dataclass serves both, so a filter means the same on
either: ``q`` (every word must match), ``unit`` (a unit's code, or its id), ``active``
(``true`` by default, ``false`` for people who left, ``all`` for both).
"""

from __future__ import annotations

import pytest

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit
from wandel.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, Person]:
    top = make_unit(code="GF", name="Geschäftsführung")
    it = make_unit(code="IT", name="IT", parent=top)
    # A unit whose code is another unit's id: the code wins, ids are for the rest.
    numeric = make_unit(code=str(it.pk), name="Kostenstelle")
    made = {
        "ida": make_person(first_name="Ida", last_name="Icks", unit=it, account=False),
        "ina": make_person(first_name="Ina", last_name="Icks", unit=top, account=False),
        "otto": make_person(first_name="Otto", last_name="Oh", unit=it, account=False),
        "kai": make_person(first_name="Kai", last_name="Kost", unit=numeric, account=False),
        "lea": make_person(first_name="Lea", last_name="Left", unit=it, account=False),
    }
    made["lea"].active = False
    made["lea"].save()
    made["otto"].job_title = "Entwickler"
    made["otto"].save()
    return made


def page_ids(client, query: str) -> list[int]:
    response = client.get(f"/org/people/?{query}")
    assert response.status_code == 200
    return [person.pk for person in response.context["page"].object_list]


def api_ids(client, headers: dict[str, str], query: str) -> list[int]:
    response = client.get(f"/api/v1/people?{query}", headers=headers)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


QUERIES = {
    "no filter": ("", ["ida", "ina", "kai", "otto"]),
    "one word": ("q=icks", ["ida", "ina"]),
    "two words must both match": ("q=ida+icks", ["ida"]),
    "job title": ("q=entwickler", ["otto"]),
    "unit by code": ("unit=IT", ["ida", "otto"]),
    "unit by code that looks like an id": ("unit={numeric_code}", ["kai"]),
    "unit by id": ("unit={top_id}", ["ina"]),
    "unknown unit": ("unit=NOPE", []),
    "only people who left": ("active=false", ["lea"]),
    "everyone": ("active=all", ["ida", "ina", "kai", "lea", "otto"]),
    "unit, word and everyone": ("unit=IT&q=left&active=all", ["lea"]),
    "unit and word, active only": ("unit=IT&q=left", []),
}


@pytest.mark.parametrize("case", QUERIES)
def test_the_page_and_the_api_list_the_same_people_in_the_same_order(
    case, people, admin_client, admin
):
    query, expected = QUERIES[case]
    query = query.format(numeric_code=people["kai"].unit.code, top_id=people["ina"].unit_id)
    headers = bearer(admin)
    expected_ids = [people[name].pk for name in expected]  # by last name, then first name
    # The admin's own person record is in the list too; it sits in the first unit made.
    admin_pk = admin.person.pk

    on_page = [pk for pk in page_ids(admin_client, query) if pk != admin_pk]
    in_api = [pk for pk in api_ids(admin_client, headers, query) if pk != admin_pk]

    assert on_page == expected_ids
    assert in_api == on_page


def test_the_page_and_the_api_list_the_units_in_the_same_order(admin_client, admin):
    top = make_unit(code="Z", name="Zentrale")
    make_unit(code="B", name="Beta", parent=top)
    make_unit(code="A", name="Alpha", parent=top)
    make_unit(code="Y", name="Anderes")
    headers = bearer(admin)

    on_page = [node.unit.pk for node in admin_client.get("/org/units/").context["nodes"]]
    response = admin_client.get("/api/v1/units", headers=headers)
    in_api = [item["id"] for item in response.json()["items"]]

    assert in_api == on_page
    codes = [
        item["code"] for item in response.json()["items"] if item["code"] in {"Z", "B", "A", "Y"}
    ]
    assert codes == ["Y", "Z", "A", "B"]


def test_the_stakeholder_groups_are_the_same_on_the_page_and_in_the_api(admin_client, admin):
    from wandel.org.models import StakeholderGroup

    for name in ("Vertrieb", "Betriebsrat", "IT"):
        StakeholderGroup.objects.create(name=name, power=3, interest=3)
    headers = bearer(admin)

    on_page = [g.pk for g in admin_client.get("/org/stakeholders/").context["groups"]]
    response = admin_client.get("/api/v1/stakeholder-groups", headers=headers)

    assert [item["id"] for item in response.json()["items"]] == on_page
    assert [item["name"] for item in response.json()["items"]] == [
        "Betriebsrat",
        "IT",
        "Vertrieb",
    ]
