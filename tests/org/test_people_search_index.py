"""The people search has indexes that serve it on PostgreSQL (migration org/0003)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.support.personas import make_person
from wandel.org.models import Person
from wandel.org.queries import matching_people


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_has_a_trigram_index_on_the_searched_text(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'org_person' "
            "AND indexname LIKE '%%_trgm' ORDER BY indexname"
        )
        found = cursor.fetchall()
    assert [name for name, _ in found] == ["org_person_search_text_trgm"]
    assert "USING gin (upper(search_text) gin_trgm_ops)" in found[0][1]


def test_matching_people_needs_every_word_in_some_column(db):
    ines = make_person(first_name="Ines", last_name="Sicherheit", email="ines@example.com")
    make_person(first_name="Inge", last_name="Meyer", email="inge@example.com")
    people = Person.objects.order_by("last_name")
    assert list(matching_people(people, "INES")) == [ines]
    assert list(matching_people(people, "sicher ines@")) == [ines]
    assert list(matching_people(people, "ines meyer")) == []
    assert list(matching_people(people, ines.employee_id.lower())) == [ines]
    assert list(matching_people(people, "example.com sicherheit")) == [ines]


def test_the_searched_text_follows_every_change_to_a_person(db):
    ines = make_person(first_name="Ines", last_name="Sicherheit", email="ines@example.com")
    Person.objects.filter(pk=ines.pk).update(job_title="Datenschutz", last_name="Schmidt")

    assert Person.objects.get(pk=ines.pk).search_text == (
        "Ines Schmidt ines@example.com Datenschutz"
    )
    assert list(matching_people(Person.objects.all(), "datenschutz schmidt")) == [
        Person.objects.get(pk=ines.pk)
    ]
