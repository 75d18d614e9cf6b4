"""Wandel in processes of its own, for the tests that start servers and workers: a database
of the test's own on PostgreSQL, and the ``wandel`` command run against it.

``database`` makes a database next to the one ``WANDEL_TEST_DATABASE_URL`` names (or on
127.0.0.1:5432) and drops it at the end of the module. Without a reachable PostgreSQL the
test is skipped, except when ``CI`` is set, where that is a failure.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    configured = os.environ.get("WANDEL_TEST_DATABASE_URL", "")
    return configured if configured.startswith(("postgres://", "postgresql://")) else DEFAULT_SERVER


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def administer(url: str, statement: str, name: str) -> None:
    maintenance = with_database(url, "postgres")
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def wandel(*arguments: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "wandel.cli", *arguments],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"wandel {arguments[0]} failed:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    url = server_url()
    base = urlsplit(url).path.lstrip("/") or "postgres"
    name = f"{base}_processes_{secrets.token_hex(4)}"
    try:
        administer(url, "CREATE DATABASE {}", name)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but PostgreSQL at {url} cannot be reached: {error}")
        pytest.skip(f"PostgreSQL at {url} cannot be reached: {error}")
    try:
        yield with_database(url, name)
    finally:
        administer(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
