"""Import of units and people from an HR export (CSV or XLSX).

An import is one user action: the file is checked completely before anything is written
(every problem collected with file, line and field; if there is any, nothing is imported),
then applied with its one audit event in the same, outermost transaction. A file that
changes nothing writes nothing, so importing the same file twice is harmless. The page, the
commands, the API and the demo loader all call ``people_import`` or ``units_import``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from wandel.core.actions import user_action
from wandel.core.models import User
from wandel.core.tabular import Table
from wandel.org.imports.apply import ImportReport, apply_plan, write_failures_rejected
from wandel.org.imports.checks import (
    DUPLICATE_UNIT,
    ImportIssue,
    ImportRejected,
    Issues,
    UnitPlan,
    check_columns,
    check_people_emails,
    check_units,
    cleaned,
    existing_units,
    ignored_columns,
    parse_people,
    read_file,
    unit_plan,
)
from wandel.org.imports.columns import PEOPLE_COLUMNS, UNIT_COLUMNS, Column
from wandel.org.imports.writes import people_known
from wandel.org.models import OrgAction

__all__ = [
    "PEOPLE_COLUMNS",
    "UNIT_COLUMNS",
    "Column",
    "ImportIssue",
    "ImportRejected",
    "ImportReport",
    "people_import",
    "units_import",
]


def people_import(
    *, content: bytes, file_name: str, actor: User | None, invite: bool = False
) -> ImportReport:
    """Create or update units and people from an HR export; all or nothing. With
    ``invite``, everyone in the file without an account gets one and an invitation."""
    # Reading the file needs no database, so it happens before the transaction: a large
    # workbook does not keep other writers waiting while it is parsed.
    with garbage_collection_paused():
        table = read_file(content, file_name, PEOPLE_COLUMNS)
        with write_failures_rejected(file_name):
            return _people_import(
                table=table, content=content, file_name=file_name, actor=actor, invite=invite
            )


def units_import(*, content: bytes, file_name: str, actor: User | None) -> ImportReport:
    """Create or update units (and their tree) from a units file; all or nothing."""
    table = read_file(content, file_name, UNIT_COLUMNS)
    with write_failures_rejected(file_name):
        return _units_import(table=table, content=content, file_name=file_name, actor=actor)


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """An import allocates a few small objects per cell that all live until it ends; the
    cycle collector would walk them again and again, for a third of the time, and find
    nothing to free. Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@user_action
def _people_import(
    *, table: Table, content: bytes, file_name: str, actor: User | None, invite: bool
) -> ImportReport:
    issues = Issues(file_name, table.names)
    check_columns(table, PEOPLE_COLUMNS, issues)
    units, people = parse_people(table, issues)
    known_units = existing_units()
    check_units(units, known_units, issues)
    known_people = people_known()
    check_people_emails(people, issues, known_people)
    if issues:
        raise ImportRejected(issues)
    report = apply_plan(
        content=content,
        file_name=file_name,
        actor=actor,
        units=units,
        people=people,
        existing_units=known_units,
        action=OrgAction.PEOPLE_IMPORTED,
        existing_people=known_people,
        invite=invite,
    )
    report.ignored_columns = ignored_columns(table, PEOPLE_COLUMNS)
    return report


@user_action
def _units_import(
    *, table: Table, content: bytes, file_name: str, actor: User | None
) -> ImportReport:
    issues = Issues(file_name, table.names)
    check_columns(table, UNIT_COLUMNS, issues)
    units: dict[str, UnitPlan] = {}
    if not issues:
        for row in table.rows:
            values = cleaned(row.values, row.line, UNIT_COLUMNS, table.headers, issues)
            if values is None or values.get("_invalid"):
                continue
            code = values["unit_code"]
            if code in units:
                issues.add(
                    row.line, "unit_code", DUPLICATE_UNIT, value=code, other=units[code].line
                )
                continue
            units[code] = unit_plan(values, row.line, table.headers)
    known_units = existing_units()
    check_units(units, known_units, issues)
    if issues:
        raise ImportRejected(issues)
    report = apply_plan(
        content=content,
        file_name=file_name,
        actor=actor,
        units=units,
        people=[],
        existing_units=known_units,
        action=OrgAction.UNITS_IMPORTED,
    )
    report.ignored_columns = ignored_columns(table, UNIT_COLUMNS)
    return report
