"""Timing pages over HTTP against a running server, interleaved with its floor.

Each sample of a page is taken right after a sample of ``/healthz`` on the same server, so a
page's time is read as a ratio to what the server needs to answer anything at all in that
same moment: the ratio holds when the machine is busier or quieter than usual, an absolute
time does not.
"""

from __future__ import annotations

import http.client
import re
import statistics
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p95_ms: float
    samples: int


def percentiles(samples: list[float]) -> Timing:
    """The median and the 95th percentile (inclusive method) of samples in seconds, in ms."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return Timing(ordered[0] * 1000, ordered[0] * 1000, 1)
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[-1]
    return Timing(statistics.median(ordered) * 1000, p95 * 1000, len(ordered))


class Session:
    """A signed-in browser, reduced to what a benchmark needs: cookies and one connection per
    request (gunicorn's sync workers close the connection after each answer anyway)."""

    def __init__(self, base: str, *, token: str | None = None) -> None:
        parts = urlsplit(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.cookies: dict[str, str] = {}
        self.token = token

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie: SimpleCookie = SimpleCookie()
                cookie.load(header)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
            return response.status, content, dict(response.headers.items())
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, bytes]:
        status, content, _headers = self.request("GET", path)
        return status, content

    def sign_in(self, email: str, password: str) -> None:
        status, page = self.get("/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or match is None:
            raise RuntimeError(f"The sign-in page answered {status} without a form.")
        form = urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": email,
                "password": password,
            }
        )
        status, _content, _headers = self.request(
            "POST",
            "/accounts/login/",
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}/accounts/login/",
            },
        )
        if status != 302:
            raise RuntimeError(f"Signing in as {email} answered {status}, not a redirect.")


@dataclass(frozen=True)
class Measured:
    page: Timing
    floor: Timing
    bytes: int
    status: int


def measure(session: Session, floor: Session, path: str, *, samples: int) -> Measured:
    """``samples`` timings of ``path``, each right after one of ``/healthz``; one warm-up."""
    status, body = session.get(path)
    page_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(samples):
        start = time.perf_counter()
        floor.get("/healthz")
        floor_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        status, body = session.get(path)
        page_times.append(time.perf_counter() - start)
    return Measured(percentiles(page_times), percentiles(floor_times), len(body), status)
