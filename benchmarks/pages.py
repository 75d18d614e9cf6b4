"""Which pages the benchmark measures, and how many queries each one makes.

Run inside Django against one database (``python -m benchmarks.pages OUT.json``, with
``WANDEL_DATABASE_URL`` and ``WANDEL_DATA_DIR`` set). The pages come from the URL
configuration and the OpenAPI document, not from a list kept by hand, so a new page is
measured as soon as it exists:

- every route of the URL configuration is a candidate; those without parameters are
  requested directly, those with parameters get the first URL of theirs that a crawl from
  the navigation finds (one sample per route);
- the crawl signs in as each demo login in turn, so a page only a works council or a data
  protection officer may open is reached too; the first login that gets an answer other
  than 403 or a redirect owns the page;
- every GET operation of the API document without path parameters (the lists) is requested
  with an API token of the programme admin.

Every page is measured a second time once the crawl has opened them all, so that caches
a process fills on its first request of a kind count the same at every size. Given the
pages of a crawl of another database (``python -m benchmarks.pages OUT.json
SMALL.json``), each route is measured at the URL and as the login the other crawl used
wherever that URL answers the same way here: both sizes then count the queries of the same
object (the demo creates its hand-written records first, so they have the same keys at every
size), and a difference means the page grows with the data, not that the sample changed.

For each page the answer's status, size and query count are written to OUT.json; routes that
nothing reached are listed with the reason.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

# Routes the crawl must not follow: they change state on GET or only redirect elsewhere.
SKIPPED_ROUTES = {
    "logout",
    "set_language",
    "admin:logout",
    "admin:view_on_site",
    "admin:jsi18n",
}
# Django's admin has a page per model and action; a sample of each kind is enough.
MAX_CRAWLED = 400


@dataclass
class Page:
    route: str
    url: str
    login: str
    kind: str  # "page" or "api"
    status: int
    bytes: int
    queries: int
    content_type: str


@dataclass
class Pages:
    pages: list[Page] = field(default_factory=list)
    unreached: dict[str, str] = field(default_factory=dict)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links(html: str, base: str) -> Iterator[str]:
    parser = _Links()
    parser.feed(html)
    for href in parser.links:
        href = urldefrag(href).url
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = parts.path if parts.path.startswith("/") else base.rsplit("/", 1)[0] + "/" + href
        yield path + (f"?{parts.query}" if parts.query else "")


def route_name(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def routes_of_urlconf() -> dict[str, bool]:
    """Every named route of the URL configuration: name → whether it takes parameters."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, bool] = {}

    def walk(patterns: Sequence[object], namespace: str, parameters: bool) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                takes = parameters or bool(pattern.pattern.regex.groupindex)
                walk(pattern.url_patterns, inner, takes)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                takes = parameters or bool(pattern.pattern.regex.groupindex)
                found.setdefault(name, takes)

    walk(get_resolver().url_patterns, "", False)
    return found


def measure(client: object, url: str, **headers: str) -> tuple[int, bytes, int, str]:
    """Status, body and queries of one GET."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # The log of queries holds at most 9,000 (Django's limit) and is emptied only when a
    # request starts, which capturing turns off: without emptying it here, a crawl's pages
    # after its first 9,000 queries would all count 0, or fewer than they make.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)  # type: ignore[attr-defined]
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
    content_type = response.headers.get("Content-Type", "")
    return response.status_code, body, len(queries.captured_queries), content_type


def crawl_pages(logins: list[str]) -> Pages:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from wandel.core.context_processors import NAVIGATION

    result = Pages()
    owned: dict[str, Page] = {}
    refused: set[str] = set()
    routes = routes_of_urlconf()
    plain = []
    for name, takes in sorted(routes.items()):
        if takes or name in SKIPPED_ROUTES:
            continue
        try:
            plain.append(reverse(name))
        except NoReverseMatch:
            continue
    navigation = [reverse(entry.url_name) for entry in sorted(NAVIGATION, key=lambda e: e.position)]
    User = get_user_model()
    for login in logins:
        user = User.objects.get(email=login)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        queue: deque[str] = deque(["/", *navigation, *plain])
        # One URL per route and login: enough to find the links each kind of page has.
        crawled: set[str] = set()
        while queue and len(crawled) < MAX_CRAWLED:
            url = queue.popleft()
            route = route_name(url)
            if route is None or route in SKIPPED_ROUTES or route in crawled:
                continue
            if route.startswith("api:"):
                continue  # measured with a token below, from the API document
            crawled.add(route)
            status, body, count, content_type = measure(client, url)
            if status == 403 or 300 <= status < 400:
                refused.add(route)
                continue
            if route not in owned:
                owned[route] = Page(
                    route, url, login, "page", status, len(body), count, content_type
                )
            if status == 200 and content_type.startswith("text/html"):
                queue.extend(links(body.decode(), url))
    result.pages.extend(owned.values())
    for name in sorted(routes):
        if name in owned or name.startswith("api:"):
            continue
        if name in SKIPPED_ROUTES:
            result.unreached[name] = "skipped: changes state or redirects"
        elif name in refused:
            result.unreached[name] = "refused or redirected for every demo login"
        else:
            result.unreached[name] = "no link to it from the navigation (POST-only or unlinked)"
    return result


def same_urls(pages: Pages, other: list[dict[str, object]]) -> None:
    """Measure each route at the URL the other crawl used, where it answers the same here."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    clients: dict[str, Client] = {}
    by_route = {page.route: index for index, page in enumerate(pages.pages)}
    for sample in other:
        route, url, login = str(sample["route"]), str(sample["url"]), str(sample["login"])
        if sample["kind"] != "page" or route not in by_route:
            continue
        if login not in clients:
            clients[login] = Client(raise_request_exception=False)
            clients[login].force_login(User.objects.get(email=login))
        status, body, count, content_type = measure(clients[login], url)
        if status == sample["status"]:
            pages.pages[by_route[route]] = Page(
                route, url, login, "page", status, len(body), count, content_type
            )


def api_pages(token: str, login: str) -> list[Page]:
    from django.test import Client

    client = Client(raise_request_exception=False)
    headers = {"Authorization": f"Bearer {token}"}
    document = json.loads(client.get("/api/v1/openapi.json", headers=headers).content)
    pages = []
    for path, operations in sorted(document["paths"].items()):
        if "get" not in operations or "{" in path:
            continue
        status, body, count, content_type = measure(client, path, **headers)
        route = operations["get"].get("operationId", path)
        pages.append(
            Page(f"api:{route}", path, login, "api", status, len(body), count, content_type)
        )
    return pages


def main(out: Path, other: Path | None = None) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wandel.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from wandel.demo.org.accounts import ADMIN, LOGINS

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # Refused pages are expected while crawling as each login; their log lines are not news.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    logins = [ADMIN] + [login.email for login in LOGINS if login.email != ADMIN]
    result = crawl_pages(logins)
    # Measured again once every page has been opened: the crawl's first request of a kind
    # fills per-process caches (content types, translations) that a later one finds full.
    samples = [asdict(page) for page in result.pages]
    same_urls(result, json.loads(other.read_text())["pages"] if other else samples)
    token = _token(call_command, ADMIN)
    result.pages.extend(api_pages(token, ADMIN))
    out.write_text(
        json.dumps(
            {"pages": [asdict(page) for page in result.pages], "unreached": result.unreached},
            indent=1,
        )
    )


def _token(call_command: object, email: str) -> str:
    from io import StringIO

    buffer = StringIO()
    call_command("create_token", email, name="benchmark", stdout=buffer)  # type: ignore[operator]
    return buffer.getvalue().strip()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
