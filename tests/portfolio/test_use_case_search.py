"""The portfolio's search: every word in the title or the problem, one index on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.support.portfolio import make_use_case
from wandel.portfolio.use_cases.queries import Filters, use_cases

pytestmark = pytest.mark.django_db


def _found(q: str) -> set[str]:
    return {u.title for u in use_cases(Filters(search=q))}


def test_every_word_must_be_in_the_title_or_the_problem():
    make_use_case(title="Angebote entwerfen", problem="Offers take two days to write.")
    make_use_case(title="Tickets zusammenfassen", problem="Agents read long threads.")

    assert _found("angebote") == {"Angebote entwerfen"}
    assert _found("THREADS") == {"Tickets zusammenfassen"}
    assert _found("tickets long") == {"Tickets zusammenfassen"}
    assert _found("angebote threads") == set()
    assert _found("") == {"Angebote entwerfen", "Tickets zusammenfassen"}


def test_the_search_follows_an_edited_title():
    use_case = make_use_case(title="Alter Titel", problem="Nothing special.")
    use_case.title = "Neuer Titel"
    use_case.save()

    assert _found("neuer") == {"Neuer Titel"}
    assert _found("alter") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_postgresql_has_a_trigram_index_on_the_searched_text():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'portfolio_usecase_search_text_trgm'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (upper(search_text) gin_trgm_ops)" in definition
