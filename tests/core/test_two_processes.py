"""Two ``wandel serve`` processes on one PostgreSQL database, set up as docs/deployment.md says.

The test makes its own database next to the one ``WANDEL_TEST_DATABASE_URL`` names (or on
127.0.0.1:5432), runs ``migrate`` there, starts two servers on
different ports and drops the database at the end. Without a reachable PostgreSQL it is
skipped, except when ``CI`` is set, where that is a failure.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.support.processes import ROOT, database, wandel  # noqa: F401  (a fixture)

PASSWORD = "two-processes-password"
ADMIN = "admin@example.com"
PAUSED = "paused@example.com"
LOGIN_LIMIT = 3
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Browser:
    """Just enough of a browser: one server, its cookies, forms with their CSRF token."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def on(self, other: Server) -> Browser:
        """The same browser, cookies and all, talking to another server."""
        return Browser(other.port, self.cookies)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie: SimpleCookie = SimpleCookie()
                cookie.load(header)
                for key, morsel in cookie.items():
                    if morsel.value:
                        self.cookies[key] = morsel.value
                    else:
                        self.cookies.pop(key, None)
            return response.status, content, response.headers.get("Location", "")
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request("GET", path)

    def submit(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """Fill in the form on the page at ``path`` and send it, as a person would."""
        status, page, _location = self.get(path)
        token = CSRF_FIELD.search(page.encode())
        assert status == 200, f"{path} answered {status}"
        assert token is not None, f"{path} has no form"
        return self.request("POST", path, {"csrfmiddlewaretoken": token.group(1).decode()} | fields)

    def sign_in(self, email: str, password: str) -> int:
        status, _page, _location = self.submit(
            "/accounts/login/", {"username": email, "password": password}
        )
        return status


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def browser(self) -> Browser:
        return Browser(self.port)


def start(env: dict[str, str], data_dir: Path, name: str) -> Server:
    port = free_port()
    log = data_dir / f"serve-{name}.log"
    command = [sys.executable, "-m", "wandel.cli", "serve", "--port", str(port), "--workers", "1"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--no-collectstatic"],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return Server(port, process, log)


def wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            if server.browser().get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"wandel serve did not answer:\n{server.log.read_text()}")


@pytest.fixture(scope="module")
def servers(
    database: str,  # noqa: F811  (the fixture imported above)
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Server, Server]]:
    """Two servers sharing the database, the secret key and the data directory (uploads)."""
    data_dir = tmp_path_factory.mktemp("two-processes")
    env = {key: value for key, value in os.environ.items() if not key.startswith("WANDEL_")}
    env |= {
        "PYTHONPATH": str(ROOT),
        "WANDEL_DATABASE_URL": database,
        "WANDEL_DATA_DIR": str(data_dir),
        "WANDEL_SECRET_KEY": secrets.token_urlsafe(64),
        "WANDEL_DEFAULT_LANGUAGE": "en",
        "WANDEL_LOGIN_ACCOUNT_LIMIT": str(LOGIN_LIMIT),
        "WANDEL_LOG_LEVEL": "WARNING",
    }
    env["DJANGO_SETTINGS_MODULE"] = "tests.core.two_processes_settings"
    wandel("migrate", "--no-input", "--verbosity", "0", env=env)
    first, second = start(env, data_dir, "first"), start(env, data_dir, "second")
    try:
        # The accounts are made while the servers start, which saves a few seconds.
        accounts = "; ".join(
            f"User.objects.create_superuser({email!r}, {PASSWORD!r})" for email in (ADMIN, PAUSED)
        )
        script = f"from wandel.core.models import User; {accounts}"
        wandel("shell", "--verbosity", "0", "--command", script, env=env)
        wait_until_up(first)
        wait_until_up(second)
        yield first, second
    finally:
        for server in (first, second):
            server.process.terminate()
        for server in (first, second):
            try:
                server.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.process.kill()


def test_the_two_servers_are_separate_processes(servers: tuple[Server, Server]) -> None:
    first, second = servers
    assert first.port != second.port
    assert first.process.pid != second.process.pid
    assert first.process.poll() is None
    assert second.process.poll() is None


def test_a_sign_in_through_one_server_works_on_the_other(servers: tuple[Server, Server]) -> None:
    first, second = servers
    browser = first.browser()
    assert browser.sign_in(ADMIN, PASSWORD) == 302

    status, page, _location = browser.on(second).get("/org/units/")
    assert status == 200
    assert ADMIN in page


def test_signing_out_through_one_server_ends_the_session_on_the_other(
    servers: tuple[Server, Server],
) -> None:
    first, second = servers
    browser = first.browser()
    assert browser.sign_in(ADMIN, PASSWORD) == 302
    kept = Browser(first.port, dict(browser.cookies))

    on_second = browser.on(second)
    status, page, _location = on_second.get("/org/units/")
    token = CSRF_FIELD.search(page.encode())
    assert status == 200
    assert token is not None
    form = {"csrfmiddlewaretoken": token.group(1).decode()}
    assert on_second.request("POST", "/accounts/logout/", form)[0] == 302

    status, _page, location = kept.get("/org/units/")
    assert status == 302
    assert location.startswith("/accounts/login/")


def test_a_change_through_one_server_is_seen_through_the_other(
    servers: tuple[Server, Server],
) -> None:
    first, second = servers
    browser = first.browser()
    assert browser.sign_in(ADMIN, PASSWORD) == 302

    status, _page, _location = browser.submit(
        "/org/units/new/", {"code": "TWO", "name": "Zweigstelle Nord", "parent": ""}
    )
    assert status == 302

    status, page, _location = browser.on(second).get("/org/units/")
    assert status == 200
    assert "Zweigstelle Nord" in page


def test_failed_sign_ins_count_on_both_servers_together(servers: tuple[Server, Server]) -> None:
    first, second = servers
    for attempt in range(LOGIN_LIMIT - 1):
        server = (first, second)[attempt % 2]
        assert server.browser().sign_in(PAUSED, "wrong password") == 200
    # The failure that reaches the limit pauses the account, on whichever server it lands.
    assert first.browser().sign_in(PAUSED, "wrong password") == 429

    # The right password is refused on either server while the account is paused.
    assert second.browser().sign_in(PAUSED, PASSWORD) == 429
    assert first.browser().sign_in(PAUSED, PASSWORD) == 429
