"""The sorted lists have indexes that match their order, on SQLite and PostgreSQL alike
(the portfolio's default sort has one written per database by its migration)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

EXPECTED = {
    "portfolio_usecase": {
        "portfolio_usecase_by_score",
        "portfolio_usecase_by_title",
        "portfolio_usecase_by_created",
    },
    "governance_decision": {"governance_decision_by_date"},
    "governance_meeting": {"governance_meeting_by_date"},
    "governance_agendaitem": {"governance_agenda_order"},
    "governance_decisioncondition": {"governance_condition_open_due"},
    "portfolio_stagechange": {"portfolio_stagechange_recent"},
}


@pytest.mark.parametrize(("table", "names"), EXPECTED.items())
def test_each_sorted_list_has_its_index(table, names):
    with connection.cursor() as cursor:
        found = set(connection.introspection.get_constraints(cursor, table))
    assert names <= found


def test_the_score_index_orders_like_the_list():
    with connection.cursor() as cursor:
        index = connection.introspection.get_constraints(cursor, "portfolio_usecase")[
            "portfolio_usecase_by_score"
        ]
    assert index["columns"] == ["vetoed", "total_score", "title", "id"]
    # SQLite's introspection reports the order only of indexes Django wrote itself.
    assert index.get("orders", ["ASC", "DESC", "ASC", "ASC"]) == ["ASC", "DESC", "ASC", "ASC"]
