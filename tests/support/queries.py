"""Query counting that can fail: the same page with little and with more data.

A test that compares query counts proves nothing when the larger page does not really show
more (an empty audit log, a unit page that grew other units than the one shown). So
`assert_queries_do_not_grow` renders the page, lets the test add data, renders again, checks
both answers are 200 and that the second one shows more of what grows, and only then
compares the number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.support.downloads import downloaded

# What grows on the page: a piece of text counted in the answer (one per row, say
# "<td><time"), or a function that counts it (say, the items of an API list).
Shows = str | Callable[[HttpResponse], int]


@dataclass(frozen=True)
class Rendered:
    response: HttpResponse
    queries: int
    shown: int


def count_queries(
    client: Client, url: str, *, headers: dict[str, str] | None = None
) -> tuple[HttpResponse, int]:
    """One GET, its answer and the number of database queries it took; fails unless 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers or {})
        # A streamed answer (an export) reads the database while it is sent.
        downloaded(response)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return response, len(captured)


def shown(response: HttpResponse, shows: Shows) -> int:
    if callable(shows):
        return shows(response)
    return downloaded(response).decode("utf-8-sig").count(shows)


def api_items(response: HttpResponse) -> int:
    """How many items an API list answer holds (a paginated object or a plain list)."""
    data = response.json()
    return len(data["items"] if isinstance(data, dict) else data)


def api_rows(response: HttpResponse) -> int:
    """How many items all the lists of an API answer hold, at any depth (the items of a
    list, the concerns and touchpoints of a group ...)."""

    def rows(value: object) -> int:
        if isinstance(value, list):
            return len(value) + sum(rows(item) for item in value)
        if isinstance(value, dict):
            return sum(rows(item) for item in value.values())
        return 0

    return rows(response.json())


def render(
    client: Client, url: str, shows: Shows, *, headers: dict[str, str] | None = None
) -> Rendered:
    response, queries = count_queries(client, url, headers=headers)
    return Rendered(response, queries, shown(response, shows))


def assert_queries_do_not_grow(
    client: Client,
    url: str,
    *,
    grow: Callable[[], str | None],
    shows: Shows,
    headers: dict[str, str] | None = None,
    warm_up: bool = True,
) -> tuple[Rendered, Rendered]:
    """Render `url`, call `grow`, render again (or the URL `grow` returns, for a richer
    object of the same kind), and fail unless the second page shows more and took exactly
    as many queries.

    `warm_up` renders once first, so a write done only on the first request (a token's
    first use of the day, a session) is not counted for the small page alone.
    """
    if warm_up:
        count_queries(client, url, headers=headers)
    small = render(client, url, shows, headers=headers)
    large_url = grow() or url
    large = render(client, large_url, shows, headers=headers)
    assert large.shown > small.shown, (
        f"{large_url} does not show more than {url} ({large.shown} vs {small.shown} of "
        f"{shows!r}); the comparison of query counts would prove nothing"
    )
    assert large.queries == small.queries, (
        f"{large_url}: {small.queries} queries with {small.shown} shown, "
        f"{large.queries} with {large.shown}"
    )
    return small, large
