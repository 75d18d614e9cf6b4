"""The benchmark's databases and demo data: created for the run, dropped after it.

``python -m benchmarks.data UNITS PEOPLE`` loads the demo organisation of that size into the
database ``WANDEL_DATABASE_URL`` names (after migrating it) and prints the seconds it took.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/wandel_bench"


@dataclass(frozen=True)
class Database:
    url: str

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    def sibling(self, suffix: str) -> Database:
        parts = urlsplit(self.url)
        return Database(urlunsplit(parts._replace(path=f"/{self.name}_{suffix}")))

    def _maintenance_url(self) -> str:
        return urlunsplit(urlsplit(self.url)._replace(path="/postgres"))

    def _execute(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self._maintenance_url(), autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self) -> None:
        self.drop()
        self._execute("CREATE DATABASE {}")

    def drop(self) -> None:
        self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


@contextmanager
def databases(base: Database, suffixes: tuple[str, ...]) -> Iterator[dict[str, Database]]:
    """Fresh databases named after ``base``, dropped at the end whatever happens."""
    created = {suffix: base if suffix == "" else base.sibling(suffix) for suffix in suffixes}
    try:
        for database in created.values():
            database.create()
        yield created
    finally:
        for database in created.values():
            database.drop()


def main(units: int, people: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wandel.settings")
    django.setup()
    from django.core.management import call_command

    from wandel.demo.base import SIZES, DemoSize
    from wandel.demo.generator import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    size = DemoSize(units=units, people=people)
    named = next((name for name, known in SIZES.items() if known == size), None)
    start = time.perf_counter()
    load_demo(named or size)
    seconds = time.perf_counter() - start
    settle()
    print(f"{seconds:.3f}")


def settle() -> None:
    """What autovacuum does within a minute of a bulk load: statistics for the planner, and
    the GIN indexes' own figures, without which PostgreSQL never picks a trigram index."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
