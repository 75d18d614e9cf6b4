"""Import of units and people from an HR export (CSV or XLSX).

An import is checked completely before anything is written: every problem is collected
with file, line and field, and if there is any, nothing is imported. A clean file is
applied in one transaction, and a file that changes nothing writes nothing, so importing
the same file twice is harmless.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.tabular import Table, TableUnreadable, read_table
from wandel.org.models import OrgAction, Person, Unit
from wandel.org.services import accounts_close_for_leavers


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    help: Promise
    required: bool
    max_length: int = 200
    aliases: tuple[str, ...] = ()


UNIT_COLUMNS = (
    Column(
        "unit_code",
        _("Unit code"),
        _("The unit's key in the HR system, e.g. a cost centre or org unit ID."),
        required=True,
        max_length=50,
        aliases=("einheit", "einheit_code", "org_einheit", "organisationseinheit", "unit"),
    ),
    Column(
        "unit_name",
        _("Unit name"),
        _("The unit's name as people know it."),
        required=True,
        aliases=("einheit_name", "einheitsname", "bezeichnung_einheit"),
    ),
    Column(
        "parent_unit_code",
        _("Parent unit code"),
        _("Code of the unit above; empty for a top-level unit."),
        required=False,
        max_length=50,
        aliases=("ubergeordnete_einheit", "uebergeordnete_einheit", "parent_unit", "parent"),
    ),
)

PEOPLE_COLUMNS = (
    Column(
        "employee_id",
        _("Employee ID"),
        _("The person's key in the HR system (personnel number). Never reused."),
        required=True,
        max_length=50,
        aliases=("personalnummer", "personnel_number", "mitarbeiternummer", "id"),
    ),
    Column(
        "email",
        _("E-mail"),
        _("Work e-mail address; also links the person to their Wandel account."),
        required=True,
        max_length=254,
        aliases=("e_mail", "mail", "e_mail_adresse", "email_address"),
    ),
    Column(
        "first_name",
        _("First name"),
        _("Given name."),
        required=True,
        max_length=100,
        aliases=("vorname",),
    ),
    Column(
        "last_name",
        _("Last name"),
        _("Family name."),
        required=True,
        max_length=100,
        aliases=("nachname", "name"),
    ),
    *UNIT_COLUMNS,
    Column(
        "job_title",
        _("Job title"),
        _("Optional."),
        required=False,
        aliases=("funktion", "position", "stellenbezeichnung"),
    ),
    Column(
        "language",
        _("Language"),
        _("Optional: de or en, for e-mails to this person."),
        required=False,
        max_length=20,
        aliases=("sprache",),
    ),
    Column(
        "active",
        _("Active"),
        _("Optional: yes or no (ja/nein); empty means yes. Use no for people who left."),
        required=False,
        max_length=10,
        aliases=("aktiv",),
    ),
)

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

YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x", "wahr"})
NO = frozenset({"no", "n", "nein", "false", "0", "falsch"})
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


class ImportRejected(Exception):
    def __init__(self, issues: list[ImportIssue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.line or 0, i.field))
        super().__init__("\n".join(str(issue) for issue in self.issues))


@dataclass
class ImportReport:
    file_name: str
    units_created: int = 0
    units_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    accounts_linked: int = 0
    accounts_closed: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.units_created
            + self.units_updated
            + self.people_created
            + self.people_updated
            + self.accounts_linked
            + self.accounts_closed
        )

    def summary(self) -> str:
        return gettext(
            "%(file)s: %(units_created)d units created, %(units_updated)d updated; "
            "%(people_created)d people created, %(people_updated)d updated, "
            "%(people_unchanged)d unchanged; %(accounts_linked)d accounts linked."
        ) % {"file": self.file_name, **self.as_dict()}

    def as_dict(self) -> dict[str, int]:
        return {
            "units_created": self.units_created,
            "units_updated": self.units_updated,
            "people_created": self.people_created,
            "people_updated": self.people_updated,
            "people_unchanged": self.people_unchanged,
            "accounts_linked": self.accounts_linked,
            "accounts_closed": self.accounts_closed,
        }


@dataclass
class _UnitPlan:
    code: str
    name: str | None
    parent_code: str | None
    parent_given: bool
    line: int


@dataclass
class _PersonPlan:
    line: int
    values: dict[str, Any] = field(default_factory=dict)


class _Issues(list[ImportIssue]):
    def __init__(self, file_name: str) -> None:
        super().__init__()
        self.file_name = file_name

    def add(self, line: int | None, column: str, message: Promise | str, **params: Any) -> None:
        text = str(message) % params if params else str(message)
        self.append(ImportIssue(self.file_name, line, column, text))


def people_import(*, content: bytes, file_name: str, actor: User | None) -> ImportReport:
    """Create or update units and people from an HR export; all or nothing."""
    table = _read(content, file_name, PEOPLE_COLUMNS)
    issues = _Issues(file_name)
    _check_columns(table, PEOPLE_COLUMNS, issues)
    units, people = _parse_people(table, issues)
    existing_units = _existing_units()
    _check_units(units, existing_units, issues)
    _check_people_emails(people, issues)
    if issues:
        raise ImportRejected(issues)
    return _apply(
        content=content,
        file_name=file_name,
        actor=actor,
        units=units,
        people=people,
        existing_units=existing_units,
        action=OrgAction.PEOPLE_IMPORTED,
    )


def units_import(*, content: bytes, file_name: str, actor: User | None) -> ImportReport:
    """Create or update units (and their tree) from a units file; all or nothing."""
    table = _read(content, file_name, UNIT_COLUMNS)
    issues = _Issues(file_name)
    _check_columns(table, UNIT_COLUMNS, issues)
    units: dict[str, _UnitPlan] = {}
    if not issues:
        for row in table.rows:
            values = _cleaned(row.values, row.line, UNIT_COLUMNS, table.headers, issues)
            if values is None or values.get("_invalid"):
                continue
            code = values["unit_code"]
            if code in units:
                issues.add(
                    row.line, "unit_code", DUPLICATE_UNIT, value=code, other=units[code].line
                )
                continue
            units[code] = _unit_plan(values, row.line, table.headers)
    existing_units = _existing_units()
    _check_units(units, existing_units, issues)
    if issues:
        raise ImportRejected(issues)
    return _apply(
        content=content,
        file_name=file_name,
        actor=actor,
        units=units,
        people=[],
        existing_units=existing_units,
        action=OrgAction.UNITS_IMPORTED,
    )


def _read(content: bytes, file_name: str, columns: Iterable[Column]) -> Table:
    aliases = {alias: column.key for column in columns for alias in column.aliases}
    try:
        return read_table(content, file_name, aliases)
    except TableUnreadable as error:
        raise ImportRejected([ImportIssue(file_name, None, "", str(error.message))]) from None


def _check_columns(table: Table, columns: Iterable[Column], issues: _Issues) -> None:
    for column in columns:
        if column.required and column.key not in table.headers:
            issues.add(1, column.key, MISSING_COLUMN)


def _cleaned(
    raw: Mapping[str, str],
    line: int,
    columns: Iterable[Column],
    headers: tuple[str, ...],
    issues: _Issues,
) -> dict[str, Any] | None:
    """One row's values checked field by field; None when any field is wrong."""
    before = len(issues)
    values: dict[str, Any] = {}
    for column in columns:
        if column.key not in headers:
            continue
        value = raw.get(column.key, "")
        if column.required and not value and column.key != "unit_name":
            issues.add(line, column.key, REQUIRED_VALUE)
            continue
        if len(value) > column.max_length:
            issues.add(line, column.key, TOO_LONG, limit=column.max_length)
            continue
        values[column.key] = value
    if "email" in values:
        email = values["email"].lower()
        try:
            validate_email(email)
        except ValidationError:
            issues.add(line, "email", BAD_EMAIL, value=values["email"])
        values["email"] = email
    if "language" in values:
        language = values["language"].lower()
        if language and language not in LANGUAGES:
            issues.add(line, "language", BAD_LANGUAGE, value=values["language"])
        values["language"] = LANGUAGES.get(language, "")
    if "active" in values:
        active = values["active"].lower()
        if active and active not in YES | NO:
            issues.add(line, "active", BAD_YES_NO, value=values["active"])
        values["active"] = active not in NO
    parent = values.get("parent_unit_code")
    if parent and parent == values.get("unit_code"):
        issues.add(line, "parent_unit_code", OWN_PARENT)
    if len(issues) != before:
        # Keep the row's unit, if that part is fine, so that one wrong e-mail does not also
        # report every unit below this one as having an unknown parent.
        if "unit_code" in values and not any(
            i.line == line and i.field.endswith("unit_code") for i in issues[before:]
        ):
            return {"unit_code": values["unit_code"], **_unit_part(values), "_invalid": True}
        return None
    return values


def _unit_part(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: values[k] for k in ("unit_name", "parent_unit_code") if k in values}


def _unit_plan(values: Mapping[str, Any], line: int, headers: tuple[str, ...]) -> _UnitPlan:
    parent_given = "parent_unit_code" in headers
    return _UnitPlan(
        code=values["unit_code"],
        name=values.get("unit_name") or None,
        parent_code=(values.get("parent_unit_code") or None) if parent_given else None,
        parent_given=parent_given,
        line=line,
    )


def _parse_people(table: Table, issues: _Issues) -> tuple[dict[str, _UnitPlan], list[_PersonPlan]]:
    units: dict[str, _UnitPlan] = {}
    people: list[_PersonPlan] = []
    if issues:
        return units, people
    seen_ids: dict[str, int] = {}
    for row in table.rows:
        values = _cleaned(row.values, row.line, PEOPLE_COLUMNS, table.headers, issues)
        if values is None:
            continue
        if values.get("_invalid"):
            units.setdefault(values["unit_code"], _unit_plan(values, row.line, table.headers))
            continue
        employee_id = values["employee_id"]
        if employee_id in seen_ids:
            issues.add(
                row.line,
                "employee_id",
                DUPLICATE_EMPLOYEE,
                value=employee_id,
                other=seen_ids[employee_id],
            )
            continue
        seen_ids[employee_id] = row.line
        plan = _unit_plan(values, row.line, table.headers)
        known = units.get(plan.code)
        if known is None:
            units[plan.code] = plan
        else:
            if plan.name and known.name and plan.name != known.name:
                issues.add(
                    row.line,
                    "unit_name",
                    UNIT_CONFLICT,
                    code=plan.code,
                    what=gettext("name"),
                    other=known.line,
                )
            elif plan.name and not known.name:
                known.name = plan.name
            if plan.parent_given and plan.parent_code != known.parent_code:
                issues.add(
                    row.line,
                    "parent_unit_code",
                    UNIT_CONFLICT,
                    code=plan.code,
                    what=gettext("parent unit"),
                    other=known.line,
                )
        people.append(_PersonPlan(line=row.line, values=values))
    return units, people


@dataclass(frozen=True)
class _KnownUnit:
    pk: int
    name: str
    parent_code: str | None


def _existing_units() -> dict[str, _KnownUnit]:
    rows = Unit.objects.values_list("pk", "code", "name", "parent__code")
    return {code: _KnownUnit(pk, name, parent) for pk, code, name, parent in rows}


def _check_units(
    units: Mapping[str, _UnitPlan], existing: Mapping[str, _KnownUnit], issues: _Issues
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
            if parent in seen:
                issues.add(plan.line, "parent_unit_code", UNIT_CYCLE, value=code)
                break
            seen.add(parent)
            parent = final_parent[parent]


def _check_people_emails(people: list[_PersonPlan], issues: _Issues) -> None:
    """E-mail addresses must stay unique once the file is applied."""
    in_file: dict[str, int] = {}
    file_ids = {p.values["employee_id"] for p in people}
    for person in people:
        email = person.values["email"]
        if email in in_file:
            issues.add(person.line, "email", DUPLICATE_EMAIL, value=email, other=in_file[email])
        else:
            in_file[email] = person.line
    if not in_file:
        return
    for chunk in _chunks(list(in_file)):
        taken = Person.objects.filter(email__in=chunk).values_list("employee_id", "email")
        for employee_id, email in taken:
            if employee_id not in file_ids:
                issues.add(in_file[email], "email", EMAIL_TAKEN, value=email, other=employee_id)


def _chunks(values: list[str], size: int = 5000) -> Iterator[list[str]]:
    """Keeps IN lists below the databases' parameter limits for very large HR files."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _apply(
    *,
    content: bytes,
    file_name: str,
    actor: User | None,
    units: Mapping[str, _UnitPlan],
    people: list[_PersonPlan],
    existing_units: Mapping[str, _KnownUnit],
    action: OrgAction,
) -> ImportReport:
    report = ImportReport(file_name=file_name)
    try:
        with transaction.atomic():
            unit_ids = _apply_units(units, existing_units, report)
            created, updated = _apply_people(people, unit_ids, report)
            if report.changed:
                audit_record(
                    actor=actor,
                    action=action,
                    changes={
                        "file": file_name,
                        "sha256": hashlib.sha256(content).hexdigest(),
                        **report.as_dict(),
                        "people_created_ids": created[:500],
                        "people_updated_ids": updated[:500],
                    },
                )
    except IntegrityError as error:
        raise ImportRejected(
            [ImportIssue(file_name, None, "", str(WRITE_FAILED) % {"error": error})]
        ) from None
    return report


def _apply_units(
    units: Mapping[str, _UnitPlan], existing: Mapping[str, _KnownUnit], report: ImportReport
) -> dict[str, int]:
    unit_ids = {code: known.pk for code, known in existing.items()}
    new = [
        Unit(code=code, name=plan.name or code)
        for code, plan in units.items()
        if code not in existing
    ]
    for unit in Unit.objects.bulk_create(new):
        unit_ids[unit.code] = unit.pk
    report.units_created = len(new)

    changed: list[Unit] = []
    for code, plan in units.items():
        known = existing.get(code)
        name = plan.name or (known.name if known else code)
        if known is None:
            parent_code = plan.parent_code
        else:
            parent_code = plan.parent_code if plan.parent_given else known.parent_code
        parent_id = unit_ids[parent_code] if parent_code else None
        if known is None:
            if parent_id is not None:
                changed.append(Unit(pk=unit_ids[code], code=code, name=name, parent_id=parent_id))
        elif name != known.name or parent_code != known.parent_code:
            changed.append(Unit(pk=known.pk, code=code, name=name, parent_id=parent_id))
            report.units_updated += 1
    if changed:
        Unit.objects.bulk_update(changed, ["name", "parent"])
    return unit_ids


def _apply_people(
    people: list[_PersonPlan], unit_ids: Mapping[str, int], report: ImportReport
) -> tuple[list[str], list[str]]:
    if not people:
        return [], []
    by_id: dict[str, Person] = {}
    for chunk in _chunks([plan.values["employee_id"] for plan in people]):
        by_id.update((p.employee_id, p) for p in Person.objects.filter(employee_id__in=chunk))
    accounts: dict[str, int] = {}
    for chunk in _chunks([plan.values["email"] for plan in people]):
        accounts.update(
            User.objects.filter(email__in=chunk, person__isnull=True).values_list("email", "pk")
        )
    to_create: list[Person] = []
    to_update: list[Person] = []
    update_fields: set[str] = set()
    for plan in people:
        values = plan.values
        wanted: dict[str, Any] = {
            "email": values["email"],
            "first_name": values["first_name"],
            "last_name": values["last_name"],
            "unit_id": unit_ids[values["unit_code"]],
        }
        for optional in ("job_title", "language", "active"):
            if optional in values:
                wanted[optional] = values[optional]
        account = accounts.pop(values["email"], None)
        person = by_id.get(values["employee_id"])
        if person is None:
            to_create.append(Person(employee_id=values["employee_id"], user_id=account, **wanted))
            report.accounts_linked += account is not None
            continue
        diff = {name for name, value in wanted.items() if getattr(person, name) != value}
        if person.user_id is None and account is not None:
            wanted["user_id"] = account
            diff.add("user_id")
            report.accounts_linked += 1
        if diff - {"user_id"}:
            report.people_updated += 1
            to_update.append(person)
        elif diff:
            to_update.append(person)
        else:
            report.people_unchanged += 1
        for name in diff:
            setattr(person, name, wanted[name])
        update_fields |= diff
    Person.objects.bulk_create(to_create, batch_size=1000)
    report.people_created = len(to_create)
    if to_update:
        fields = sorted({f.removesuffix("_id") for f in update_fields} | {"updated_at"})
        now = timezone.now()
        for person in to_update:
            person.updated_at = now
        Person.objects.bulk_update(to_update, fields, batch_size=1000)
        leavers = [p.pk for p in to_update if not p.active and p.user_id is not None]
        report.accounts_closed = accounts_close_for_leavers(person_ids=leavers)
    return (
        [p.employee_id for p in to_create],
        [p.employee_id for p in to_update],
    )
