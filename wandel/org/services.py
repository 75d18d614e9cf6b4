"""Writes of the org app that have rules: roles, accounts, stakeholder engagement."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.org.models import (
    Concern,
    ConcernStatus,
    OrgAction,
    Person,
    RoleAssignment,
    StakeholderGroup,
    Touchpoint,
)

ROLE_ALREADY_HELD = _("%(person)s already holds the role “%(role)s”.")
ROLE_ALREADY_ENDED = _("This role assignment has already ended.")
END_BEFORE_START = _("A role cannot end before it was assigned.")
ACCOUNT_EXISTS = _("%(person)s already has an account.")
EMAIL_IN_USE = _("Another account already uses the e-mail address %(email)s.")
CONCERN_NEEDS_RESPONSE = _("Say how the concern was addressed.")


class OrgError(Exception):
    """A write the rules refuse; the message is meant for the user."""


def role_assign(
    *,
    person: Person,
    role: Role,
    actor: User | None,
    assigned_on: date | None = None,
    note: str = "",
) -> RoleAssignment:
    with transaction.atomic():
        if RoleAssignment.objects.filter(person=person, role=role, ended_on__isnull=True).exists():
            raise OrgError(ROLE_ALREADY_HELD % {"person": person, "role": role.label})
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


def role_end(
    *, assignment: RoleAssignment, actor: User | None, ended_on: date | None = None
) -> RoleAssignment:
    ended_on = ended_on or timezone.localdate()
    with transaction.atomic():
        assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.ended_on is not None:
            raise OrgError(ROLE_ALREADY_ENDED)
        if ended_on < assignment.assigned_on:
            raise OrgError(END_BEFORE_START)
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


def account_create(*, person: Person, actor: User | None, password: str | None = None) -> User:
    """Give a person a sign-in; without a password they set one through 'forgot password'."""
    with transaction.atomic():
        if person.user_id is not None:
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
            changes={"email": user.email},
        )
    return user


def accounts_close_for_leavers(*, person_ids: Iterable[int]) -> int:
    """People marked as having left can no longer sign in; returns how many accounts closed."""
    return User.objects.filter(
        person__pk__in=list(person_ids), person__active=False, is_active=True
    ).update(is_active=False)


def concern_add(*, group: StakeholderGroup, text: str, raised_on: date | None = None) -> Concern:
    return Concern.objects.create(
        group=group, text=text, raised_on=raised_on or timezone.localdate()
    )


def concern_respond(*, concern: Concern, response: str) -> Concern:
    """Record how a concern was addressed; a concern is never closed without an answer."""
    if not response.strip():
        raise OrgError(CONCERN_NEEDS_RESPONSE)
    concern.status = ConcernStatus.ADDRESSED
    concern.response = response.strip()
    concern.save(update_fields=["status", "response"])
    return concern


def touchpoint_record(
    *,
    group: StakeholderGroup,
    kind: str,
    summary: str,
    actor: User | None,
    happened_on: date | None = None,
    outcome: str = "",
) -> Touchpoint:
    return Touchpoint.objects.create(
        group=group,
        kind=kind,
        summary=summary,
        outcome=outcome,
        happened_on=happened_on or timezone.localdate(),
        recorded_by=actor,
    )
