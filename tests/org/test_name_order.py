"""Names sort as readers expect: Böhm before Busch, Özdemir among the O, upper and lower
case together; in the people list, the picker and wherever people are listed, on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import re

import pytest

from tests.support.personas import make_person
from wandel.core.collation import name_key
from wandel.org.models import Person

pytestmark = pytest.mark.django_db

LAST_NAMES = ["Busch", "Özdemir", "becker", "Böhm", "Otto", "Bauer", "Zander", "Ärmel"]
SORTED = ["Ärmel", "Bauer", "becker", "Böhm", "Busch", "Otto", "Özdemir", "Zander"]


@pytest.fixture
def people():
    return [make_person(first_name="Kim", last_name=name) for name in LAST_NAMES]


def test_the_comparison_leaves_accents_and_case_aside_first():
    assert name_key("Böhm") < name_key("Busch")
    assert name_key("becker") < name_key("Böhm")
    assert sorted(LAST_NAMES, key=name_key) == SORTED


def test_people_are_ordered_by_name_in_the_database(people):
    assert list(Person.objects.values_list("last_name", flat=True)) == SORTED


def test_the_people_list_and_the_picker_sort_by_name(people, admin_client):
    listed = admin_client.get("/org/people/").content.decode()
    shown = [name for name in re.findall(r">([^<>,]+), Kim</a>", listed) if name in LAST_NAMES]
    assert shown == SORTED

    picked = admin_client.get("/pick/people/", {"q": "Kim"}).content.decode()
    offered = [name for name in LAST_NAMES if name in picked]
    assert sorted(offered, key=picked.index) == SORTED
