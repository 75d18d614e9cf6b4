"""Writing a checked import inside its action's transaction; a file that changes nothing
writes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from wandel.core.actions import require_transaction
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.notifications.services import invitations_queue
from wandel.org.imports.checks import (
    WRITE_FAILED,
    ImportIssue,
    ImportRejected,
    KnownUnit,
    PersonPlan,
    UnitPlan,
)
from wandel.org.imports.writes import (
    KnownPerson,
    people_insert,
    people_known,
    people_update,
    units_update,
)
from wandel.org.models import OrgAction, Person, Unit
from wandel.org.services import accounts_close_for_leavers, accounts_create_for


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
    accounts_created: int = 0
    # The file's columns the import did not read, as the file names them.
    ignored_columns: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(
            self.units_created
            + self.units_updated
            + self.people_created
            + self.people_updated
            + self.accounts_linked
            + self.accounts_closed
            + self.accounts_created
        )

    def summary(self) -> str:
        summary = gettext(
            "%(file)s: %(units_created)d units created, %(units_updated)d updated; "
            "%(people_created)d people created, %(people_updated)d updated, "
            "%(people_unchanged)d unchanged; %(accounts_linked)d accounts linked."
        ) % {"file": self.file_name, **self.as_dict()}
        if self.accounts_created:
            summary += " " + ngettext(
                "%(count)d account created; its invitation is being sent.",
                "%(count)d accounts created; their invitations are being sent.",
                self.accounts_created,
            ) % {"count": self.accounts_created}
        return summary

    def ignored_summary(self) -> str:
        """A warning about the columns the import did not read, or nothing."""
        if not self.ignored_columns:
            return ""
        names = ", ".join(f"“{name}”" for name in self.ignored_columns)
        return ngettext(
            "%(file)s: the column %(names)s is not one the import reads; it was ignored.",
            "%(file)s: the columns %(names)s are not ones the import reads; they were ignored.",
            len(self.ignored_columns),
        ) % {"file": self.file_name, "names": names}

    def as_dict(self) -> dict[str, int]:
        return {
            "units_created": self.units_created,
            "units_updated": self.units_updated,
            "people_created": self.people_created,
            "people_updated": self.people_updated,
            "people_unchanged": self.people_unchanged,
            "accounts_linked": self.accounts_linked,
            "accounts_closed": self.accounts_closed,
            "accounts_created": self.accounts_created,
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
    existing_people: Mapping[str, KnownPerson] | None = None,
    invite: bool = False,
) -> ImportReport:
    """Write a checked plan and its audit event; a building block of the import actions.
    With ``invite``, the people of the file who have no account get one and an invitation."""
    require_transaction("Applying an import")
    report = ImportReport(file_name=file_name)
    unit_ids = apply_units(units, existing_units, report)
    created, updated, closed = apply_people(people, unit_ids, report, existing_people)
    invited: list[str] = []
    if invite:
        accounts = accounts_create_for(plan.values["employee_id"] for plan in people)
        invitations_queue(accounts)
        invited = [account.email for account in accounts]
        report.accounts_created = len(accounts)
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
                # Every account closed or created is named: what an audit must show.
                "closed_accounts": closed,
                **({"created_accounts": invited} if invite else {}),
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

    changed: list[tuple[int, str, int | None]] = []
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
                changed.append((unit_ids[code], name, parent_id))
        elif name != known.name or parent_code != known.parent_code:
            changed.append((known.pk, name, parent_id))
            report.units_updated += 1
    units_update(changed)
    return unit_ids


def apply_people(
    people: list[PersonPlan],
    unit_ids: Mapping[str, int],
    report: ImportReport,
    known: Mapping[str, KnownPerson] | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """Create and update people; returns the employee IDs created and updated, and the
    e-mail addresses of the accounts closed because their person left.

    ``known`` is everyone in Wandel (``people_known``); each row is compared with it in
    memory, so a person who did not change costs no query, and the writes are one
    statement for the new people and one for the changed ones."""
    if not people:
        return [], [], []
    if known is None:
        known = people_known()
    accounts: dict[str, int] = dict(
        User.objects.filter(person__isnull=True).values_list("email", "pk")
    )
    job_title, language, active = (
        Person._meta.get_field(name).get_default()  # type: ignore[union-attr]
        for name in ("job_title", "language", "active")
    )
    to_create: list[KnownPerson] = []
    to_update: list[KnownPerson] = []
    for plan in people:
        values = plan.values
        account = accounts.pop(values["email"], None)
        person = known.get(values["employee_id"])
        if person is None:
            to_create.append(
                KnownPerson(
                    None,
                    values["employee_id"],
                    values["email"],
                    values["first_name"],
                    values["last_name"],
                    unit_ids[values["unit_code"]],
                    values.get("job_title", job_title),
                    values.get("language", language),
                    values.get("active", active),
                    account,
                )
            )
            report.accounts_linked += account is not None
            continue
        wanted = KnownPerson(
            person.pk,
            person.employee_id,
            values["email"],
            values["first_name"],
            values["last_name"],
            unit_ids[values["unit_code"]],
            # A column left out of the file leaves the value in Wandel as it is.
            values.get("job_title", person.job_title),
            values.get("language", person.language),
            values.get("active", person.active),
            person.user_id,
        )
        changed = wanted != person
        if person.user_id is None and account is not None:
            wanted = wanted._replace(user_id=account)
            report.accounts_linked += 1
        if changed:
            report.people_updated += 1
            to_update.append(wanted)
        elif wanted.user_id != person.user_id:
            # Linking an account is written, but the person did not change.
            to_update.append(wanted)
        else:
            report.people_unchanged += 1
    now = timezone.now()
    # Updates first: an address a person gives up may go to a new colleague in the same file.
    people_update(to_update, now=now)
    people_insert(to_create, now=now, existing=len(known))
    report.people_created = len(to_create)
    leavers = [p.pk for p in to_update if p.pk and not p.active and p.user_id is not None]
    new_leavers = [p.employee_id for p in to_create if not p.active and p.user_id is not None]
    if new_leavers:
        leavers += Person.objects.filter(employee_id__in=new_leavers).values_list("pk", flat=True)
    closed: list[str] = []
    if leavers:
        closed = [account.email for account in accounts_close_for_leavers(person_ids=leavers)]
    report.accounts_closed = len(closed)
    return (
        [p.employee_id for p in to_create],
        [p.employee_id for p in to_update],
        closed,
    )
