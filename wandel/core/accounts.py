"""Accounts that Wandel itself makes outside a person's page: the operator's break-glass one.

``User.objects.create_superuser`` (behind ``wandel createsuperuser``) creates the account and
sends ``superuser_created``; this module, connected in ``CoreConfig.ready``, records it in the
audit log within the same transaction.
"""

from __future__ import annotations

from typing import Any

from wandel.core.audit import audit_record
from wandel.core.models import CoreAction, User, superuser_created


def connect() -> None:
    superuser_created.connect(_superuser_created, dispatch_uid="wandel.core.superuser_created")


def _superuser_created(sender: Any, *, user: User, **kwargs: Any) -> None:
    audit_record(
        actor=None,
        action=CoreAction.SUPERUSER_CREATED,
        target=user,
        changes={"email": user.email},
    )
