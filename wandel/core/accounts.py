"""Accounts that Wandel itself makes outside a person's page: the operator's break-glass one."""

from __future__ import annotations

from typing import Any

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.models import CoreAction, User


@user_action
def superuser_create(*, email: str, password: str | None, **fields: Any) -> User:
    """The operator's break-glass account: it has the programme admin's rights without a role,
    so its creation is recorded like a role assignment."""
    fields.setdefault("is_superuser", True)
    # Wandel does not use ``is_staff``; Django's own admin sign-in form still asks for it.
    fields.setdefault("is_staff", True)
    user = User.objects.create_user(email, password, **fields)
    audit_record(
        actor=None,
        action=CoreAction.SUPERUSER_CREATED,
        target=user,
        changes={"email": user.email},
    )
    return user
