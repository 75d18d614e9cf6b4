"""How Wandel connects to each database engine."""

from __future__ import annotations

import pytest
from django.db import connection

from wandel.env import database


def test_postgresql_connections_keep_the_written_join_order_beyond_three_tables():
    config = database("postgres://wandel@db.example.com:5432/wandel")

    assert config["OPTIONS"]["options"] == "-c join_collapse_limit=3"
    assert config["CONN_MAX_AGE"] == 60


def test_options_given_in_the_url_are_kept_beside_it():
    config = database("postgres://wandel@db/wandel?sslmode=require&options=-c%20work_mem%3D8MB")

    assert config["OPTIONS"]["sslmode"] == "require"
    assert config["OPTIONS"]["options"] == "-c work_mem=8MB -c join_collapse_limit=3"


def test_sqlite_gets_no_planner_options():
    assert "options" not in database("sqlite:////tmp/wandel.sqlite3")["OPTIONS"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_suites_postgresql_connection_uses_it(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone() == ("3",)
