"""Writing many people at once: one statement for the new ones, one for the changed ones;
and the units' names and places in the tree.

On PostgreSQL the rows go in with ``COPY``, the changed ones through a temporary table and
one ``UPDATE … FROM``: an HR export of 20,000 people is written in a fraction of a second,
where the ORM's ``bulk_create`` and ``bulk_update`` spend seconds building SQL. Elsewhere
(SQLite, in process) ``executemany`` of one prepared statement is as fast. Either way the
number of statements does not grow with the file, and the caller's transaction holds it all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from wandel.org.models import Person, Unit

# The columns an import writes, in the order of ``KnownPerson`` after its pk.
WRITTEN = (
    "employee_id",
    "email",
    "first_name",
    "last_name",
    "unit_id",
    "job_title",
    "language",
    "active",
    "user_id",
)
_UPDATE_TABLE = "wandel_import_people"


class KnownPerson(NamedTuple):
    """A person as the import compares and writes them (``pk`` is None for a new one)."""

    pk: int | None
    employee_id: str
    email: str
    first_name: str
    last_name: str
    unit_id: int
    job_title: str
    language: str
    active: bool
    user_id: int | None


def people_known() -> dict[str, KnownPerson]:
    """Everyone in Wandel by employee ID, in one query of the columns an import compares."""
    rows = Person.objects.values_list("pk", *WRITTEN)
    return {row[1]: KnownPerson._make(row) for row in rows}


# Below this many new people the search's trigram index takes them one by one.
REBUILD_FROM = 5_000


def people_insert(rows: Sequence[KnownPerson], *, now: datetime, existing: int) -> None:
    """Write these new people; ``existing`` is how many Wandel holds already.

    PostgreSQL's trigram index of the people search takes two thirds of the time of a
    COPY of 20,000 people when it is written row by row, and a third when it is built
    afresh after them; the five sorted indexes (names, e-mail, employee ID, unit) take
    320 ms row by row and 100 ms built afresh. So when an import at least doubles the
    people (the first import from HR, a merger) and brings thousands, those indexes are
    dropped before the rows and built again after them, in the import's transaction:
    readers of the people table wait for that second, and nothing else changes. The
    indexes behind constraints (the primary key, unique employee IDs and accounts) stay
    and check every row as it comes. The foreign keys to units and accounts are checked
    once for all rows instead of once per row (see ``_foreign_keys_checked_once``)."""
    if not rows:
        return
    columns = [*(_column(name) for name in WRITTEN), _column("created_at"), _column("updated_at")]
    table = _quoted(Person._meta.db_table)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
            rebuild = len(rows) >= max(REBUILD_FROM, existing)
            with (
                _indexes_rebuilt(cursor) if rebuild else nullcontext(),
                _foreign_keys_checked_once(cursor) if rebuild else nullcontext(),
                cursor.cursor.copy(statement) as copy,
            ):
                # The time written once as text: the csv module would format it per row.
                written = now.isoformat()
                copy.write(_csv((*row[1:], written, written) for row in rows))
        else:
            stamp = connection.ops.adapt_datetimefield_value(now)
            placeholders = ", ".join(["%s"] * len(columns))
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 (names from the model)
            cursor.executemany(insert, [(*row[1:], stamp, stamp) for row in rows])


@contextmanager
def _indexes_rebuilt(cursor: Any) -> Iterator[None]:
    """The people table's indexes that back no constraint dropped for the block and built
    again after it, as they were."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes AS i WHERE schemaname = current_schema() "
        "AND tablename = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c "
        "WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass) "
        "ORDER BY indexname",
        [Person._meta.db_table],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {_quoted(name)}")
    yield
    # An index cannot be built while the rows' foreign keys wait to be checked at commit:
    # they are checked now instead (Django declares them deferrable, deferred by default).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for _name, definition in indexes:
        cursor.execute(definition)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def _foreign_keys_checked_once(cursor: Any) -> Iterator[None]:
    """The people table's foreign keys dropped for the block and added again after it, as
    they were.

    Checked row by row, the keys to units and accounts of 20,000 new people take 120 ms at
    commit; added again after the rows, PostgreSQL checks them in one join each, in 10 ms.
    Adding them locks the units and accounts against writes until the import commits (a
    second, for an import this size); a row pointing nowhere fails the import as before."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [Person._meta.db_table],
    )
    keys = cursor.fetchall()
    table = _quoted(Person._meta.db_table)
    for name, _definition in keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quoted(name)}")
    yield
    for name, definition in keys:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {_quoted(name)} {definition}")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def people_update(rows: Sequence[KnownPerson], *, now: datetime) -> None:
    """Write every column of these people as given (their pk picks the row)."""
    if not rows:
        return
    changed = [_column(name) for name in WRITTEN[1:]]
    table = _quoted(Person._meta.db_table)
    pk = _column("id")
    updated_at = _column("updated_at")
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            # A copy of the table's column types, without its constraints or rows. It is
            # dropped again at once: two imports may share a transaction in tests.
            shape = f"SELECT {pk}, {', '.join(changed)} FROM {table} WITH NO DATA"  # noqa: S608 (names from the model)
            cursor.execute(f"CREATE TEMPORARY TABLE {_UPDATE_TABLE} AS {shape}")
            with cursor.cursor.copy(
                f"COPY {_UPDATE_TABLE} ({pk}, {', '.join(changed)}) FROM STDIN WITH (FORMAT csv)"
            ) as copy:
                copy.write(_csv((row.pk, *row[2:]) for row in rows))
            assignments = ", ".join(f"{column} = new.{column}" for column in changed)
            source = f"FROM {_UPDATE_TABLE} AS new WHERE {table}.{pk} = new.{pk}"
            update = f"UPDATE {table} SET {assignments}, {updated_at} = %s {source}"  # noqa: S608 (names from the model)
            cursor.execute(update, [now])
            cursor.execute(f"DROP TABLE {_UPDATE_TABLE}")
        else:
            stamp = connection.ops.adapt_datetimefield_value(now)
            assignments = ", ".join(f"{column} = %s" for column in changed)
            update = f"UPDATE {table} SET {assignments}, {updated_at} = %s WHERE {pk} = %s"  # noqa: S608 (names from the model)
            cursor.executemany(update, [(*row[2:], stamp, row.pk) for row in rows])


def units_update(rows: Sequence[tuple[int, str, int | None]]) -> None:
    """Set name and parent of these units, given as (pk, name, parent pk).

    One prepared statement for all of them: PostgreSQL runs them pipelined, and the ORM's
    ``bulk_update`` would spend longer building a CASE for each unit than the database takes.
    Units are few (hundreds), so no COPY is needed."""
    if not rows:
        return
    table = _quoted(Unit._meta.db_table)
    name, parent, updated_at = (_column(f, Unit) for f in ("name", "parent", "updated_at"))
    pk = _column("id", Unit)
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    assignments = f"{name} = %s, {parent} = %s, {updated_at} = %s"
    update = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        cursor.executemany(update, [(row[1], row[2], stamp, row[0]) for row in rows])


def _csv(rows: Iterable[tuple[object, ...]]) -> str:
    """Rows as COPY's CSV format reads them, written by the csv module's C writer (several
    times faster than psycopg's row-by-row ``write_row``): every value quoted but None, which
    stays an empty field, so COPY tells NULL from an empty text."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NOTNULL, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _column(name: str, model: type[Person | Unit] = Person) -> str:
    return _quoted(model._meta.get_field(name).column)  # type: ignore[union-attr, arg-type]


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)
