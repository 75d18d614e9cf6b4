"""Setting the AI-literacy coverage target, audited like every setting that changes what a
report says."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields
from wandel.core.errors import DomainError
from wandel.core.models import User
from wandel.enablement.literacy.models import LiteracyAction, LiteracyTarget

TARGET_OUT_OF_RANGE = _("The target is a percentage from 1 to 100.")


@user_action
def literacy_target_set(*, target_percent: int, actor: User | None) -> LiteracyTarget:
    if not 1 <= target_percent <= 100:
        raise DomainError(TARGET_OUT_OF_RANGE, field="target_percent")
    before = LiteracyTarget.current()
    stored, _created = LiteracyTarget.objects.update_or_create(
        pk=1, defaults={"target_percent": target_percent}
    )
    if before != target_percent:
        audit_record(
            actor=actor,
            action=LiteracyAction.TARGET_SET,
            target=stored,
            changes=changed_fields({"target_percent": before}, {"target_percent": target_percent}),
        )
    return stored
