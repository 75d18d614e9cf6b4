"""Writing a checked import inside its action's transaction; a file that changes nothing
writes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext

from wandel.core.actions import require_transaction
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.org.imports.checks import (
    WRITE_FAILED,
    ImportIssue,
    ImportRejected,
    KnownUnit,
    PersonPlan,
    UnitPlan,
    chunks,
)
from wandel.org.models import OrgAction, Person, Unit
from wandel.org.services import accounts_close_for_leavers


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


def apply_plan(
    *,
    content: bytes,
    file_name: str,
    actor: User | None,
    units: Mapping[str, UnitPlan],
    people: list[PersonPlan],
    existing_units: Mapping[str, KnownUnit],
    action: OrgAction,
) -> ImportReport:
    """Write a checked plan and its audit event; a building block of the import actions."""
    require_transaction("Applying an import")
    report = ImportReport(file_name=file_name)
    unit_ids = apply_units(units, existing_units, report)
    created, updated, closed = apply_people(people, unit_ids, report)
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
                # Every account closed is named: closing one is what an audit must show.
                "closed_accounts": closed,
            },
        )
    return report


@contextmanager
def write_failures_rejected(file_name: str) -> Iterator[None]:
    """A write the database refuses (another import got there first) is a refused import."""
    try:
        yield
    except IntegrityError as error:
        raise ImportRejected(
            [ImportIssue(file_name, None, "", str(WRITE_FAILED) % {"error": error})]
        ) from None


def apply_units(
    units: Mapping[str, UnitPlan], existing: Mapping[str, KnownUnit], report: ImportReport
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
                changed.append(Unit(pk=unit_ids[code], name=name, parent_id=parent_id))
        elif name != known.name or parent_code != known.parent_code:
            changed.append(Unit(pk=known.pk, name=name, parent_id=parent_id))
            report.units_updated += 1
    if changed:
        Unit.objects.bulk_update(changed, ["name", "parent"])
    return unit_ids


def apply_people(
    people: list[PersonPlan], unit_ids: Mapping[str, int], report: ImportReport
) -> tuple[list[str], list[str], list[str]]:
    """Create and update people; returns the employee IDs created and updated, and the
    e-mail addresses of the accounts closed because their person left."""
    if not people:
        return [], [], []
    by_id: dict[str, Person] = {}
    for chunk in chunks([plan.values["employee_id"] for plan in people]):
        by_id.update((p.employee_id, p) for p in Person.objects.filter(employee_id__in=chunk))
    accounts: dict[str, int] = {}
    for chunk in chunks([plan.values["email"] for plan in people]):
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
    # Updates first: an address a person gives up may go to a new colleague in the same file.
    if to_update:
        fields = sorted(update_fields | {"updated_at"})
        now = timezone.now()
        for person in to_update:
            person.updated_at = now
        Person.objects.bulk_update(to_update, fields, batch_size=1000)
    Person.objects.bulk_create(to_create, batch_size=1000)
    report.people_created = len(to_create)
    leavers = [p.pk for p in to_create + to_update if not p.active and p.user_id is not None]
    closed: list[str] = []
    if leavers:
        closed = [account.email for account in accounts_close_for_leavers(person_ids=leavers)]
    report.accounts_closed = len(closed)
    return (
        [p.employee_id for p in to_create],
        [p.employee_id for p in to_update],
        closed,
    )
