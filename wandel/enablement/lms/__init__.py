"""Import of completions from an LMS export (CSV or XLSX), the way people are imported
(``org.imports``): the file is read with the same readers and checked completely before
anything is written (every problem named with file, line and field; if there is any,
nothing is imported), then applied with one audit event in one transaction. A completion
Wandel already has (the same person, course and day) is skipped, so importing the same file
twice changes nothing. The page and the command call ``completions_import``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.db.models.functions import Lower, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.tabular import Table
from wandel.enablement.lms.models import LmsAction
from wandel.enablement.trainings.models import Completion, CompletionSource, Course
from wandel.org.imports import Column, ImportIssue, ImportRejected
from wandel.org.imports.apply import write_failures_rejected
from wandel.org.imports.checks import Issues, RowCheck, check_columns, ignored_columns, read_file
from wandel.org.models import Person

__all__ = [
    "BAD_DATE",
    "COLUMNS",
    "FUTURE_DATE",
    "UNKNOWN_COURSE",
    "UNKNOWN_PERSON",
    "ImportIssue",
    "ImportRejected",
    "LmsReport",
    "completions_import",
]

UNKNOWN_PERSON = _("No person in Wandel has the e-mail address or employee ID “%(value)s”.")
UNKNOWN_COURSE = _("No course in the catalogue has the title “%(value)s”.")
BAD_DATE = _("“%(value)s” is not a date; write it as 2026-03-31 or 31.03.2026.")
FUTURE_DATE = _("%(value)s lies in the future.")

COLUMNS = (
    Column(
        "person",
        _("Person"),
        _("The person's work e-mail address or employee ID (personnel number)."),
        required=True,
        max_length=254,
        aliases=(
            "email",
            "e_mail",
            "mail",
            "e_mail_adresse",
            "employee_id",
            "personalnummer",
            "personnel_number",
            "mitarbeiternummer",
            "teilnehmer",
            "teilnehmerin",
            "participant",
            "learner",
            "user",
        ),
    ),
    Column(
        "course",
        _("Course"),
        _("The course's title as in Wandel's catalogue (upper and lower case do not matter)."),
        required=True,
        aliases=("kurs", "course_title", "kurstitel", "titel", "title", "training", "schulung"),
    ),
    Column(
        "completed_on",
        _("Completed on"),
        _("The day it was completed: 2026-03-31 or 31.03.2026."),
        required=True,
        max_length=40,
        aliases=(
            "abgeschlossen_am",
            "abschlussdatum",
            "completion_date",
            "completed",
            "completed_at",
            "datum",
            "date",
        ),
    ),
)

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?")
GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass
class LmsReport:
    file_name: str
    created: int = 0
    # Lines whose completion Wandel already had, or that repeat an earlier line.
    unchanged: int = 0
    ignored_columns: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.created)

    def summary(self) -> str:
        return ngettext(
            "%(file)s: %(created)d completion imported, %(unchanged)d already known.",
            "%(file)s: %(created)d completions imported, %(unchanged)d already known.",
            self.created,
        ) % {"file": self.file_name, "created": self.created, "unchanged": self.unchanged}

    def ignored_summary(self) -> str:
        if not self.ignored_columns:
            return ""
        names = ", ".join(f"“{name}”" for name in self.ignored_columns)
        return ngettext(
            "%(file)s: the column %(names)s is not one the import reads; it was ignored.",
            "%(file)s: the columns %(names)s are not ones the import reads; they were ignored.",
            len(self.ignored_columns),
        ) % {"file": self.file_name, "names": names}


def parse_date(value: str) -> date | None:
    """ISO (as a workbook's date cells are read) or German day-first; None if neither."""
    try:
        if match := ISO_DATE.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := GERMAN_DATE.fullmatch(value):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def completions_import(*, content: bytes, file_name: str, actor: User | None) -> LmsReport:
    """Create the completions of an LMS export; all or nothing."""
    # Reading needs no database, so it happens before the transaction (as for people).
    table = read_file(content, file_name, COLUMNS)
    with write_failures_rejected(file_name):
        return _completions_import(table=table, content=content, actor=actor)


@user_action
def _completions_import(*, table: Table, content: bytes, actor: User | None) -> LmsReport:
    file_name = table.file_name
    issues = Issues(file_name, table.names)
    check_columns(table, COLUMNS, issues)
    rows: list[tuple[int, dict[str, str]]] = []
    if not issues:
        check = RowCheck(COLUMNS, table.headers)
        for row in table.rows:
            values = check(row.values, row.line, issues)
            if values is not None:
                rows.append((row.line, values))
    people = _people({values["person"] for _line, values in rows})
    courses = {title.casefold(): pk for pk, title in Course.objects.values_list("pk", "title")}
    today = timezone.localdate()
    wanted: dict[tuple[int, int, date], int] = {}
    repeated = 0
    for line, values in rows:
        person = people.get(_person_key(values["person"]))
        if person is None:
            issues.add(line, "person", UNKNOWN_PERSON, value=values["person"])
        course = courses.get(values["course"].casefold())
        if course is None:
            issues.add(line, "course", UNKNOWN_COURSE, value=values["course"])
        day = parse_date(values["completed_on"])
        if day is None:
            issues.add(line, "completed_on", BAD_DATE, value=values["completed_on"])
        elif day > today:
            issues.add(line, "completed_on", FUTURE_DATE, value=values["completed_on"])
        if person is None or course is None or day is None:
            continue
        if (person, course, day) in wanted:
            repeated += 1
        else:
            wanted[(person, course, day)] = line
    if issues:
        raise ImportRejected(issues)
    known = set(
        Completion.objects.filter(
            person_id__in={key[0] for key in wanted}, course_id__in={key[1] for key in wanted}
        ).values_list("person_id", "course_id", "completed_on")
    )
    new = [key for key in wanted if key not in known]
    Completion.objects.bulk_create(
        Completion(
            person_id=person,
            course_id=course,
            completed_on=day,
            source=CompletionSource.LMS,
            recorded_by=actor if actor is not None and actor.pk else None,
        )
        for person, course, day in new
    )
    report = LmsReport(
        file_name=file_name,
        created=len(new),
        unchanged=len(wanted) - len(new) + repeated,
        ignored_columns=ignored_columns(table, COLUMNS),
    )
    # A file that changes nothing writes nothing, not even an audit event (as for people).
    if report.changed:
        audit_record(
            actor=actor,
            action=LmsAction.COMPLETIONS_IMPORTED,
            changes={
                "file": file_name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "created": report.created,
                "unchanged": report.unchanged,
            },
        )
    return report


def _person_key(value: str) -> str:
    return value.lower() if "@" in value else value.upper()


def _people(values: set[str]) -> dict[str, int]:
    """Who the file names, by lower-case e-mail and upper-case employee ID (both unique
    regardless of case in Wandel); two queries however long the file."""
    emails = {value.lower() for value in values if "@" in value}
    ids = {value.upper() for value in values if "@" not in value}
    found: dict[str, int] = {}
    if emails:
        rows = (
            Person.objects.annotate(key=Lower("email"))
            .filter(key__in=emails)
            .values_list("key", "pk")
        )
        found.update(rows)
    if ids:
        rows = (
            Person.objects.annotate(key=Upper("employee_id"))
            .filter(key__in=ids)
            .values_list("key", "pk")
        )
        found.update(rows)
    return found
