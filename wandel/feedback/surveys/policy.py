"""The organisation's floor for the minimum group size: an admin sets it, the works council
confirms it. Changing the floor needs a new confirmation; both are audited."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.anonymity import DEFAULT_MIN_GROUP
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import AnonymityPolicy, User
from wandel.feedback.surveys.models import SurveyAction

LOWEST_FLOOR = 3
FLOOR_TOO_LOW = _("The minimum group size cannot be below 3.")
NOTHING_TO_CONFIRM = _("The minimum group size is already confirmed.")


def current_policy() -> AnonymityPolicy | None:
    return AnonymityPolicy.objects.select_related("set_by", "confirmed_by").first()


@user_action
def anonymity_floor_set(*, min_group: int, actor: User) -> AnonymityPolicy:
    """Set the floor; a value other than the one in force needs the works council again."""
    if min_group < LOWEST_FLOOR:
        raise DomainError(FLOOR_TOO_LOW, field="min_group")
    policy = AnonymityPolicy.objects.select_for_update().first()
    before = policy.min_group if policy is not None else DEFAULT_MIN_GROUP
    if policy is None:
        policy = AnonymityPolicy(min_group=min_group, set_by=actor, set_at=timezone.now())
    elif policy.min_group != min_group:
        policy.min_group = min_group
        policy.set_by = actor
        policy.set_at = timezone.now()
        policy.confirmed_by = None
        policy.confirmed_at = None
    policy.save()
    audit_record(
        actor=actor,
        action=SurveyAction.ANONYMITY_SET,
        target=policy,
        changes={"min_group": {"from": before, "to": min_group}},
    )
    return policy


@user_action
def anonymity_floor_confirm(*, actor: User) -> AnonymityPolicy:
    """The works council confirms the floor in force (the default, if none was set)."""
    policy = AnonymityPolicy.objects.select_for_update().first()
    if policy is None:
        policy = AnonymityPolicy(min_group=DEFAULT_MIN_GROUP, set_at=timezone.now())
    elif policy.confirmed_at is not None:
        raise ConflictError(NOTHING_TO_CONFIRM)
    policy.confirmed_by = actor
    policy.confirmed_at = timezone.now()
    policy.save()
    audit_record(
        actor=actor,
        action=SurveyAction.ANONYMITY_CONFIRMED,
        target=policy,
        changes={"min_group": policy.min_group},
    )
    return policy
