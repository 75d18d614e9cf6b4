"""The user actions of the org app: one function each, one transaction, its audit events.

Views, the API, the import commands and the demo loader call these and nothing else to
change units, people, roles, accounts and stakeholder engagement. Each action validates
first and refuses with an ``OrgError`` that names the field it concerns; then it writes the
change and an audit event with the changed fields from what to what.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import DomainError
from wandel.core.models import User, normalise_email
from wandel.core.roles import Role
from wandel.org.models import (
    AdkarStage,
    Concern,
    ConcernStatus,
    OrgAction,
    Person,
    RoleAssignment,
    StakeholderGroup,
    Touchpoint,
    Unit,
)

ROLE_ALREADY_HELD = _("%(person)s already holds the role “%(role)s”.")
ROLE_ALREADY_ENDED = _("This role assignment has already ended.")
END_BEFORE_START = _("A role cannot end before it was assigned.")
ACCOUNT_EXISTS = _("%(person)s already has an account.")
EMAIL_IN_USE = _("Another account already uses the e-mail address %(email)s.")
CONCERN_NEEDS_RESPONSE = _("Say how the concern was addressed.")
UNIT_INSIDE_ITSELF = _("A unit cannot sit below itself or one of its own sub-units.")
EMAIL_TAKEN = _("Another person already has this e-mail address.")

# The fields each audit event shows from what to what.
UNIT_FIELDS = ("code", "name", "parent")
PERSON_FIELDS = (
    "employee_id",
    "email",
    "first_name",
    "last_name",
    "unit",
    "job_title",
    "language",
    "active",
)
GROUP_SCALARS = ("name", "description", "power", "interest", "adkar_stage", "contact")
GROUP_FIELDS = (*GROUP_SCALARS, "units")
CONCERN_FIELDS = ("text", "raised_on")
ANSWER_FIELDS = ("status", "response")
TOUCHPOINT_FIELDS = ("happened_on", "kind", "summary", "outcome")


class OrgError(DomainError):
    """A write the rules refuse; the message is meant for the user."""


# Units ---------------------------------------------------------------------------------


@user_action
def unit_create(*, actor: User | None, code: str, name: str, parent: Unit | None) -> Unit:
    unit = Unit(code=code, name=name, parent=parent)
    _check(unit)
    unit.save()
    _record_created(actor, OrgAction.UNIT_CREATED, unit, UNIT_FIELDS)
    return unit


@user_action
def unit_update(
    *, unit: Unit, actor: User | None, code: str, name: str, parent: Unit | None
) -> Unit:
    """Rename, re-code or move a unit in the tree; never below itself."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if parent is not None and unit.pk in _ancestors_and_self(parent):
        raise OrgError(UNIT_INSIDE_ITSELF, field="parent")
    before = snapshot(unit, UNIT_FIELDS)
    unit.code, unit.name, unit.parent = code, name, parent
    _check(unit)
    changes = changed_fields(before, snapshot(unit, UNIT_FIELDS))
    if changes:
        unit.save()
        audit_record(actor=actor, action=OrgAction.UNIT_UPDATED, target=unit, changes=changes)
    return unit


def _ancestors_and_self(unit: Unit) -> set[int]:
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    seen: set[int] = set()
    current: int | None = unit.pk
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    return seen


# People --------------------------------------------------------------------------------


@user_action
def person_create(
    *,
    actor: User | None,
    employee_id: str,
    email: str,
    first_name: str,
    last_name: str,
    unit: Unit,
    job_title: str = "",
    language: str = "",
    active: bool = True,
) -> Person:
    person = Person(
        employee_id=employee_id,
        email=normalise_email(email),
        first_name=first_name,
        last_name=last_name,
        unit=unit,
        job_title=job_title,
        language=language,
        active=active,
    )
    _check_person(person)
    person.save()
    _record_created(actor, OrgAction.PERSON_CREATED, person, PERSON_FIELDS)
    return person


@user_action
def person_update(
    *,
    person: Person,
    actor: User | None,
    employee_id: str,
    email: str,
    first_name: str,
    last_name: str,
    unit: Unit,
    job_title: str,
    language: str,
    active: bool,
) -> Person:
    """Change what is known about a person; marking them as left closes their account."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person, PERSON_FIELDS)
    person.employee_id, person.email = employee_id, normalise_email(email)
    person.first_name, person.last_name = first_name, last_name
    person.unit, person.job_title, person.language, person.active = (
        unit,
        job_title,
        language,
        active,
    )
    _check_person(person)
    changes = changed_fields(before, snapshot(person, PERSON_FIELDS))
    if changes:
        person.save()
        audit_record(actor=actor, action=OrgAction.PERSON_UPDATED, target=person, changes=changes)
    for account in accounts_close_for_leavers(person_ids=[person.pk]):
        audit_record(
            actor=actor,
            action=OrgAction.ACCOUNT_CLOSED,
            target=person,
            changes={"account": account.email, "is_active": {"from": True, "to": False}},
        )
    return person


def _check_person(person: Person) -> None:
    clash = Person.objects.filter(email__iexact=person.email).exclude(pk=person.pk)
    if person.email and clash.exists():
        raise OrgError(EMAIL_TAKEN, field="email")
    _check(person)


# Roles ---------------------------------------------------------------------------------


@user_action
def role_assign(
    *,
    person: Person,
    role: Role,
    actor: User | None,
    assigned_on: date | None = None,
    note: str = "",
) -> RoleAssignment:
    # The person's row lock makes a second, simultaneous assignment wait and then refuse.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if RoleAssignment.objects.filter(person=person, role=role, ended_on__isnull=True).exists():
        raise OrgError(ROLE_ALREADY_HELD % {"person": person, "role": role.label}, field="role")
    assignment = RoleAssignment.objects.create(
        person=person,
        role=role,
        assigned_on=assigned_on or timezone.localdate(),
        assigned_by=actor,
        note=note,
    )
    audit_record(
        actor=actor,
        action=OrgAction.ROLE_ASSIGNED,
        target=person,
        changes={"role": role.value, "assigned_on": assignment.assigned_on, "note": note},
    )
    return assignment


@user_action
def role_end(
    *, assignment: RoleAssignment, actor: User | None, ended_on: date | None = None
) -> RoleAssignment:
    ended_on = ended_on or timezone.localdate()
    assignment = (
        RoleAssignment.objects.select_for_update().select_related("person").get(pk=assignment.pk)
    )
    if assignment.ended_on is not None:
        raise OrgError(ROLE_ALREADY_ENDED)
    if ended_on < assignment.assigned_on:
        raise OrgError(END_BEFORE_START, field="ended_on")
    assignment.ended_on = ended_on
    assignment.ended_by = actor
    assignment.save(update_fields=["ended_on", "ended_by"])
    audit_record(
        actor=actor,
        action=OrgAction.ROLE_ENDED,
        target=assignment.person,
        changes={"role": assignment.role, "ended_on": ended_on},
    )
    return assignment


@user_action
def account_create(*, person: Person, actor: User | None, password: str | None = None) -> User:
    """Give a person a sign-in. Without a password the account has none until the person
    sets one through the invitation (``core.invitations.invitation_send``)."""
    # Under a row lock, so two clicks on "Create account" cannot make two accounts.
    linked = Person.objects.select_for_update().values_list("user_id", flat=True).get(pk=person.pk)
    if linked is not None:
        raise OrgError(ACCOUNT_EXISTS % {"person": person})
    if User.objects.filter(email__iexact=person.email).exists():
        raise OrgError(EMAIL_IN_USE % {"email": person.email})
    user = User.objects.create_user(
        person.email,
        password,
        display_name=person.full_name,
        language=person.language,
    )
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    audit_record(
        actor=actor,
        action=OrgAction.ACCOUNT_CREATED,
        target=person,
        changes={
            "email": user.email,
            "language": user.language,
            "password": "set" if password else "invitation",
        },
    )
    return user


def accounts_create_for(employee_ids: Iterable[str]) -> list[User]:
    """Accounts without a password for the present people among ``employee_ids`` who have
    none, where no account uses their e-mail address yet; in the caller's transaction (the
    people import, whose audit event names them)."""
    require_transaction("Creating accounts")
    taken = {email.lower() for email in User.objects.values_list("email", flat=True)}
    people = [
        person
        for person in Person.objects.filter(
            employee_id__in=list(employee_ids), active=True, user__isnull=True
        ).only("pk", "email", "first_name", "last_name", "language")
        if person.email.lower() not in taken
    ]
    if not people:
        return []
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=person.email,
            display_name=person.full_name,
            language=person.language,
            password=make_password(None),
            date_joined=now,
        )
        for person in people
    )
    for person, user in zip(people, users, strict=True):
        person.user = user
        person.updated_at = now
    Person.objects.bulk_update(people, ["user", "updated_at"], batch_size=500)
    return users


def accounts_close_for_leavers(*, person_ids: Iterable[int]) -> list[User]:
    """Close the accounts of those of these people who are marked as having left.

    A building block of the actions that mark people as left (editing a person, an import);
    it returns the accounts it closed, and the action records them in its audit event(s).
    """
    require_transaction("Closing the accounts of people who left")
    accounts = list(
        User.objects.select_for_update()
        .filter(person__pk__in=list(person_ids), person__active=False, is_active=True)
        .order_by("email")
    )
    User.objects.filter(pk__in=[a.pk for a in accounts]).update(is_active=False)
    return accounts


# Stakeholder engagement ----------------------------------------------------------------


@user_action
def stakeholder_group_create(
    *,
    actor: User | None,
    name: str,
    power: int,
    interest: int,
    description: str = "",
    adkar_stage: str = AdkarStage.AWARENESS,
    units: Iterable[Unit] = (),
    contact: Person | None = None,
) -> StakeholderGroup:
    group = StakeholderGroup(
        name=name,
        description=description,
        power=power,
        interest=interest,
        adkar_stage=adkar_stage,
        contact=contact,
    )
    _check(group)
    group.save()
    group.units.set(list(units))
    _record_created(actor, OrgAction.STAKEHOLDER_GROUP_CREATED, group, GROUP_FIELDS)
    return group


@user_action
def stakeholder_group_update(
    *,
    group: StakeholderGroup,
    actor: User | None,
    name: str,
    power: int,
    interest: int,
    description: str,
    adkar_stage: str,
    units: Iterable[Unit],
    contact: Person | None,
) -> StakeholderGroup:
    """Change a group's description, its place on the power/interest grid, its ADKAR stage."""
    group = StakeholderGroup.objects.select_for_update().get(pk=group.pk)
    before = snapshot(group, GROUP_FIELDS)
    group.name, group.description, group.contact = name, description, contact
    group.power, group.interest, group.adkar_stage = power, interest, adkar_stage
    _check(group)
    units = list(units)
    # The units as ``snapshot`` shows them, before they are stored.
    after = {**snapshot(group, GROUP_SCALARS), "units": sorted(str(u) for u in units)}
    changes = changed_fields(before, after)
    if changes:
        group.save()
        group.units.set(units)
        audit_record(
            actor=actor, action=OrgAction.STAKEHOLDER_GROUP_UPDATED, target=group, changes=changes
        )
    return group


@user_action
def concern_add(
    *, group: StakeholderGroup, text: str, actor: User | None, raised_on: date | None = None
) -> Concern:
    concern = Concern(group=group, text=text, raised_on=raised_on or timezone.localdate())
    _check(concern)
    concern.save()
    audit_record(
        actor=actor,
        action=OrgAction.CONCERN_ADDED,
        target=group,
        changes={
            "concern": concern.pk,
            **changed_fields({}, snapshot(concern, CONCERN_FIELDS)),
        },
    )
    return concern


@user_action
def concern_answer(*, concern: Concern, response: str, actor: User | None) -> Concern:
    """Record how a concern was addressed; a concern is never closed without an answer."""
    if not response.strip():
        raise OrgError(CONCERN_NEEDS_RESPONSE, field="response")
    concern = Concern.objects.select_for_update().select_related("group").get(pk=concern.pk)
    before = snapshot(concern, ANSWER_FIELDS)
    concern.status = ConcernStatus.ADDRESSED
    concern.response = response.strip()
    changes = changed_fields(before, snapshot(concern, ANSWER_FIELDS))
    if changes:
        concern.save(update_fields=["status", "response"])
        audit_record(
            actor=actor,
            action=OrgAction.CONCERN_ANSWERED,
            target=concern.group,
            changes={"concern": concern.pk, **changes},
        )
    return concern


@user_action
def touchpoint_record(
    *,
    group: StakeholderGroup,
    kind: str,
    summary: str,
    actor: User | None,
    happened_on: date | None = None,
    outcome: str = "",
) -> Touchpoint:
    touchpoint = Touchpoint(
        group=group,
        kind=kind,
        summary=summary,
        outcome=outcome,
        happened_on=happened_on or timezone.localdate(),
        recorded_by=actor,
    )
    _check(touchpoint)
    touchpoint.save()
    audit_record(
        actor=actor,
        action=OrgAction.TOUCHPOINT_RECORDED,
        target=group,
        changes={
            "touchpoint": touchpoint.pk,
            **changed_fields({}, snapshot(touchpoint, TOUCHPOINT_FIELDS)),
        },
    )
    return touchpoint


# Shared --------------------------------------------------------------------------------


def _check(instance: models.Model) -> None:
    """The model's own rules (required fields, choices, ranges, unique values) by field."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise OrgError.from_validation_error(error) from None


def _record_created(
    actor: User | None, action: OrgAction, instance: models.Model, fields: Iterable[str]
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=instance,
        changes=changed_fields({}, snapshot(instance, fields)),
    )
