"""The people search has indexes that serve it on PostgreSQL (migration org/0002)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.support.personas import make_person
from wandel.org.models import Person
from wandel.org.queries import matching_people


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_has_trigram_indexes_on_the_searched_columns(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'org_person' "
            "AND indexname LIKE '%%_trgm' ORDER BY indexname"
        )
        found = cursor.fetchall()
    assert [name for name, _ in found] == [
        "org_person_email_trgm",
        "org_person_first_name_trgm",
        "org_person_job_title_trgm",
        "org_person_last_name_trgm",
    ]
    assert all("gin_trgm_ops" in definition for _, definition in found)


def test_matching_people_needs_every_word_in_some_column(db):
    ines = make_person(first_name="Ines", last_name="Sicherheit", email="ines@example.com")
    make_person(first_name="Inge", last_name="Meyer", email="inge@example.com")
    people = Person.objects.order_by("last_name")
    assert list(matching_people(people, "INES")) == [ines]
    assert list(matching_people(people, "sicher ines@")) == [ines]
    assert list(matching_people(people, "ines meyer")) == []
    assert list(matching_people(people, ines.employee_id.lower())) == [ines]
