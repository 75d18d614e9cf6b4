"""Migration operations that only some databases need."""

from __future__ import annotations

from typing import Any

from django.db import migrations


class TrigramIndex(migrations.operations.base.Operation):
    """A PostgreSQL trigram (``pg_trgm``) GIN index on ``UPPER(column)`` for each column.

    Django writes ``icontains`` on PostgreSQL as ``UPPER(column::text) LIKE UPPER(…)``; a
    trigram index on exactly that expression serves it, so a search for a part of a name
    does not read the whole table. SQLite has no such index; there the operation does
    nothing. The index is not part of the model state (Django cannot describe an operator
    class on an expression portably), so ``makemigrations`` never asks for it again.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, *, table: str, columns: list[str], prefix: str) -> None:
        self.table = table
        self.columns = columns
        self.prefix = prefix

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"table": self.table, "columns": self.columns, "prefix": self.prefix}
        return (self.__class__.__name__, [], kwargs)

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _name(self, column: str) -> str:
        return f"{self.prefix}_{column}_trgm"

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in self.columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{self._name(column)}" ON "{self.table}" '
                f'USING gin (UPPER(("{column}")::text) gin_trgm_ops)'
            )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in self.columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{self._name(column)}"')

    def describe(self) -> str:
        return f"Trigram indexes on {self.table} ({', '.join(self.columns)}) on PostgreSQL"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.prefix}_trgm"
