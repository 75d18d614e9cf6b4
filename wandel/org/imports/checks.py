"""Reading and checking an import file completely before anything is written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from django.conf import settings
from django.core.validators import validate_email
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wandel.core.errors import DomainError
from wandel.core.tabular import (
    MAX_REPORTED_PROBLEMS,
    Table,
    TableUnreadable,
    normalise_header,
    read_table,
)
from wandel.org.imports.columns import PEOPLE_COLUMNS, Column
from wandel.org.imports.writes import KnownPerson, people_known
from wandel.org.models import Unit

MISSING_COLUMN = _("The column is missing.")
REQUIRED_VALUE = _("A value is required.")
TOO_LONG = _("At most %(limit)d characters are allowed.")
BAD_EMAIL = _("“%(value)s” is not a valid e-mail address.")
BAD_LANGUAGE = _("“%(value)s” is not a language; use de or en.")
BAD_YES_NO = _("“%(value)s” is neither yes nor no.")
DUPLICATE_EMPLOYEE = _("Employee ID “%(value)s” also appears in line %(other)d.")
DUPLICATE_EMAIL = _("E-mail “%(value)s” also appears in line %(other)d.")
DUPLICATE_UNIT = _("Unit code “%(value)s” also appears in line %(other)d.")
EMAIL_TAKEN = _("E-mail “%(value)s” already belongs to employee %(other)s.")
UNIT_CONFLICT = _("Unit “%(code)s” is given a different %(what)s in line %(other)d.")
UNKNOWN_PARENT = _("Parent unit “%(value)s” is neither in the file nor in Wandel.")
NEW_UNIT_NEEDS_NAME = _("Unit “%(value)s” is new, so its name is required.")
UNIT_CYCLE = _("Unit “%(value)s” would end up inside itself.")
OWN_PARENT = _("A unit cannot be its own parent.")
WRITE_FAILED = _("The data could not be saved: %(error)s")
# What Django's validate_email allows (RFC 3696, section 3).
MAX_EMAIL_LENGTH = 320

YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x", "wahr"})
NO = frozenset({"no", "n", "nein", "false", "0", "falsch"})
YES_OR_NO = YES | NO
LANGUAGES = {
    "de": "de",
    "deutsch": "de",
    "german": "de",
    "en": "en",
    "englisch": "en",
    "english": "en",
}


@dataclass(frozen=True)
class ImportIssue:
    file_name: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file_name}: {self.message}"
        return gettext("%(file)s, line %(line)d, field “%(field)s”: %(message)s") % {
            "file": self.file_name,
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


IMPORT_REJECTED = _("The file has %(count)d problem(s); nothing was imported.")


class ImportRejected(DomainError):
    """The file cannot be imported; ``issues`` names file, line and field of the first
    problems (``MAX_REPORTED_PROBLEMS``), ``more_issues`` counts the rest."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        ordered = sorted(issues, key=lambda i: (i.line or 0, i.field))
        self.issues = ordered[:MAX_REPORTED_PROBLEMS]
        self.more_issues = len(ordered) - len(self.issues)
        super().__init__(IMPORT_REJECTED % {"count": len(ordered)})

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.issues)

    def details(self) -> dict[str, Any]:
        return {
            "issues": [issue.as_dict() for issue in self.issues],
            "more_issues": self.more_issues,
        }


@dataclass
class UnitPlan:
    code: str
    name: str | None
    parent_code: str | None
    parent_given: bool
    line: int


@dataclass
class PersonPlan:
    line: int
    values: dict[str, Any] = field(default_factory=dict)


class Issues(list[ImportIssue]):
    """The problems of one file. ``names`` gives each column's header as the file wrote it,
    so that a problem names the column the way the file's author knows it."""

    def __init__(self, file_name: str, names: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.file_name = file_name
        self.names = names or {}

    def add(self, line: int | None, column: str, message: Promise | str, **params: Any) -> None:
        text = str(message) % params if params else str(message)
        self.append(ImportIssue(self.file_name, line, self.names.get(column, column), text))


def header_names(columns: Iterable[Column]) -> dict[str, str]:
    """Every header that names a column: its aliases, and its label in every language the
    import page and the templates show it in ("Einheitencode", "Unit code"), normalised
    as headers are."""
    names = {}
    for column in columns:
        for alias in column.aliases:
            names[alias] = column.key
        for code, _language in settings.LANGUAGES:
            with translation.override(code):
                names[normalise_header(str(column.label))] = column.key
    return names


def read_file(content: bytes, file_name: str, columns: Iterable[Column]) -> Table:
    try:
        return read_table(content, file_name, header_names(columns))
    except TableUnreadable as error:
        raise ImportRejected([ImportIssue(file_name, None, "", str(error.message))]) from None


def ignored_columns(table: Table, columns: Iterable[Column]) -> tuple[str, ...]:
    """The file's columns the import does not read, as the file names them."""
    known = {column.key for column in columns}
    return tuple(table.names[key] for key in table.headers if key and key not in known)


def check_columns(table: Table, columns: Iterable[Column], issues: Issues) -> None:
    for column in columns:
        if column.required and column.key not in table.headers:
            issues.add(1, column.key, MISSING_COLUMN)


def cleaned(
    raw: Mapping[str, str],
    line: int,
    columns: Iterable[Column],
    headers: tuple[str, ...],
    issues: Issues,
) -> dict[str, Any] | None:
    """One row's values checked field by field; None when any field is wrong."""
    return RowCheck(columns, headers)(raw, line, issues)


class RowCheck:
    """The field-by-field check of ``cleaned``, prepared once for a file's columns, so that
    a file of 20,000 rows does not decide 20,000 times which columns it has."""

    def __init__(self, columns: Iterable[Column], headers: tuple[str, ...]) -> None:
        # The unit name may be left out for a unit Wandel knows (check_units decides).
        self.fields = tuple(
            (c.key, c.required and c.key != "unit_name", c.max_length)
            for c in columns
            if c.key in headers
        )

    def __call__(self, raw: Mapping[str, str], line: int, issues: Issues) -> dict[str, Any] | None:
        before = len(issues)
        values: dict[str, Any] = {}
        for key, required, limit in self.fields:
            value = raw.get(key, "")
            if not value:
                if required:
                    issues.add(line, key, REQUIRED_VALUE)
                    continue
            elif len(value) > limit:
                issues.add(line, key, TOO_LONG, limit=limit)
                continue
            values[key] = value
        if "email" in values:
            email = values["email"].lower()
            if not email_valid(email):
                issues.add(line, "email", BAD_EMAIL, value=values["email"])
            values["email"] = email
        if "language" in values:
            language = values["language"].lower()
            if language and language not in LANGUAGES:
                issues.add(line, "language", BAD_LANGUAGE, value=values["language"])
            values["language"] = LANGUAGES.get(language, "")
        if "active" in values:
            active = values["active"].lower()
            if active and active not in YES_OR_NO:
                issues.add(line, "active", BAD_YES_NO, value=values["active"])
            values["active"] = active not in NO
        parent = values.get("parent_unit_code")
        if parent and parent == values.get("unit_code"):
            issues.add(line, "parent_unit_code", OWN_PARENT)
        if len(issues) != before:
            # Keep the row's unit, if that part is fine, so that one wrong e-mail does not
            # also report every unit below this one as having an unknown parent.
            if "unit_code" in values and not any(
                i.line == line and i.field.endswith("unit_code") for i in issues[before:]
            ):
                return {"unit_code": values["unit_code"], **unit_part(values), "_invalid": True}
            return None
        return values


def email_valid(email: str) -> bool:
    """Django's ``validate_email``, with the verdict on each domain remembered: a file
    of 20,000 people has a handful of domains, and the domain check is the slow part."""
    if not email or "@" not in email or len(email) > MAX_EMAIL_LENGTH:
        return False
    user, domain = email.rsplit("@", 1)
    return bool(_email_user().match(user)) and _domain_valid(domain)


@cache
def _email_user() -> re.Pattern[str]:
    # Django compiles its patterns lazily behind a proxy that costs more than the match.
    lazy = validate_email.user_regex
    return re.compile(lazy.pattern, lazy.flags)


@lru_cache(maxsize=1024)
def _domain_valid(domain: str) -> bool:
    return domain in validate_email.domain_allowlist or validate_email.validate_domain_part(domain)


def unit_part(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: values[k] for k in ("unit_name", "parent_unit_code") if k in values}


def unit_plan(values: Mapping[str, Any], line: int, headers: tuple[str, ...]) -> UnitPlan:
    parent_given = "parent_unit_code" in headers
    return UnitPlan(
        code=values["unit_code"],
        name=values.get("unit_name") or None,
        # Without the column the row has no parent value: the unit keeps the one it has.
        parent_code=values.get("parent_unit_code") or None,
        parent_given=parent_given,
        line=line,
    )


def parse_people(table: Table, issues: Issues) -> tuple[dict[str, UnitPlan], list[PersonPlan]]:
    units: dict[str, UnitPlan] = {}
    people: list[PersonPlan] = []
    if issues:
        return units, people
    check = RowCheck(PEOPLE_COLUMNS, table.headers)
    parent_given = "parent_unit_code" in table.headers
    seen_ids: dict[str, int] = {}
    for row in table.rows:
        line = row.line
        values = check(row.values, line, issues)
        if values is None:
            continue
        if values.get("_invalid"):
            units.setdefault(values["unit_code"], unit_plan(values, line, table.headers))
            continue
        employee_id = values["employee_id"]
        other = seen_ids.get(employee_id)
        if other is not None:
            issues.add(line, "employee_id", DUPLICATE_EMPLOYEE, value=employee_id, other=other)
            continue
        seen_ids[employee_id] = line
        known = units.get(values["unit_code"])
        if known is None:
            units[values["unit_code"]] = unit_plan(values, line, table.headers)
        else:
            # Most rows repeat a unit already seen: compared in place, without a new plan.
            name = values.get("unit_name") or None
            if name and known.name and name != known.name:
                issues.add(
                    line,
                    "unit_name",
                    UNIT_CONFLICT,
                    code=known.code,
                    what=gettext("name"),
                    other=known.line,
                )
            elif not known.name:
                known.name = name
            if parent_given and (values.get("parent_unit_code") or None) != known.parent_code:
                issues.add(
                    line,
                    "parent_unit_code",
                    UNIT_CONFLICT,
                    code=known.code,
                    what=gettext("parent unit"),
                    other=known.line,
                )
        people.append(PersonPlan(line, values))
    return units, people


@dataclass(frozen=True)
class KnownUnit:
    pk: int
    name: str
    parent_code: str | None


def existing_units() -> dict[str, KnownUnit]:
    rows = Unit.objects.values_list("pk", "code", "name", "parent__code")
    return {code: KnownUnit(pk, name, parent) for pk, code, name, parent in rows}


def check_units(
    units: Mapping[str, UnitPlan], existing: Mapping[str, KnownUnit], issues: Issues
) -> None:
    final_parent: dict[str, str | None] = {code: u.parent_code for code, u in existing.items()}
    for code, plan in units.items():
        if plan.name is None and code not in existing:
            issues.add(plan.line, "unit_name", NEW_UNIT_NEEDS_NAME, value=code)
        if plan.parent_given or code not in existing:
            final_parent[code] = plan.parent_code
    for code, plan in units.items():
        parent = final_parent.get(code)
        if parent is not None and parent not in final_parent:
            issues.add(plan.line, "parent_unit_code", UNKNOWN_PARENT, value=parent)
    for code, plan in units.items():
        seen = {code}
        parent = final_parent.get(code)
        while parent is not None and parent in final_parent:
            if parent == code:
                issues.add(plan.line, "parent_unit_code", UNIT_CYCLE, value=code)
                break
            if parent in seen:
                break  # a cycle further up, named for the units in it
            seen.add(parent)
            parent = final_parent[parent]


def check_people_emails(
    people: list[PersonPlan],
    issues: Issues,
    known: Mapping[str, KnownPerson] | None = None,
) -> None:
    """E-mail addresses must stay unique once the file is applied.

    ``known`` is everyone in Wandel (``people_known``), read once for the checks and the
    writing alike."""
    in_file: dict[str, int] = {}
    for person in people:
        email = person.values["email"]
        if email in in_file:
            issues.add(person.line, "email", DUPLICATE_EMAIL, value=email, other=in_file[email])
        else:
            in_file[email] = person.line
    if not in_file:
        return
    file_ids = {p.values["employee_id"] for p in people}
    if known is None:
        known = people_known()
    # Addresses are unique regardless of case in the database, so they are compared so here.
    owners = {person.email.lower(): person.employee_id for person in known.values()}
    for email, line in in_file.items():
        owner = owners.get(email)
        if owner is not None and owner not in file_ids:
            issues.add(line, "email", EMAIL_TAKEN, value=email, other=owner)
