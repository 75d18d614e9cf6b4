"""The benchmark harness counts each page's queries on its own, however many it counted before:
the check that no page's queries grow with the data relies on it."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client

from benchmarks.pages import measure

pytestmark = pytest.mark.django_db


def test_a_page_counts_its_own_queries_after_thousands_were_logged():
    client = Client()
    # Django keeps at most 9,000 logged queries; fill the log as a long crawl does.
    connection.queries_log.extend({"sql": "SELECT 1", "time": "0.000"} for _ in range(9_000))

    status, body, queries, _type = measure(client, "/healthz")

    assert (status, queries) == (200, 1)  # the health check's SELECT 1
    assert json.loads(body)["database"] == "ok"


def test_two_pages_in_a_row_count_each_their_own():
    client = Client()

    first = measure(client, "/healthz")[2]
    second = measure(client, "/healthz")[2]

    assert (first, second) == (1, 1)
