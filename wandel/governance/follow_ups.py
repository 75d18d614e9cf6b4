"""The daily reminders of conditions and mitigations (registered on ``core.reminders``):
their owners are told once when the due date is a week or less away, and once when it has
passed and the item is still open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from wandel.core.actions import user_action
from wandel.core.models import Notification
from wandel.core.notifications.services import notify
from wandel.core.tracking import TrackedStatus
from wandel.governance.decisions.models import DecisionCondition
from wandel.governance.follow_up_events import (
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
    FollowUpKind,
    reminder_params,
)
from wandel.governance.reviews.ethics.models import EthicsCondition
from wandel.governance.risks.models import Mitigation

# Each kind: its model, and the page where an item of it is followed up.
FollowUp = DecisionCondition | EthicsCondition | Mitigation
KINDS: tuple[tuple[FollowUpKind, type[FollowUp], Callable[[Any], str]], ...] = (
    (
        FollowUpKind.DECISION_CONDITION,
        DecisionCondition,
        lambda item: reverse("governance:decision_detail", args=[item.decision_id]),
    ),
    (
        FollowUpKind.ETHICS_CONDITION,
        EthicsCondition,
        lambda item: reverse("governance:ethics_review", args=[item.review_id]),
    ),
    (
        FollowUpKind.MITIGATION,
        Mitigation,
        lambda item: reverse("governance:risk_detail", args=[item.risk_id]),
    ),
)


@user_action
def follow_up_reminders(today: date) -> int:
    """Remind the owners of open conditions and mitigations due within ``DUE_SOON_DAYS`` or
    overdue, each date once; returns how many were told."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    already = _reminded()
    told = 0
    for kind, model, url in KINDS:
        due = (
            model._default_manager.exclude(status=TrackedStatus.DONE)
            .filter(due_on__isnull=False, due_on__lte=soon, owner__user__is_active=True)
            .select_related("owner__user")
        )
        for item in due:
            # Both are there: the query asks for a due date and an owner with an account.
            assert item.due_on is not None
            assert item.owner is not None
            event = OVERDUE if item.due_on < today else DUE_SOON
            params = reminder_params(kind, item.pk, item.text, item.due_on)
            if (event.key, params["item"], params["due"]) in already:
                continue
            told += len(
                notify(recipients=[item.owner.user], event=event, params=params, url=url(item))
            )
    return told


def _reminded() -> set[tuple[str, str, str]]:
    """The reminders sent so far: (event, item, due date)."""
    rows = Notification.objects.filter(event__in=[DUE_SOON.key, OVERDUE.key]).values_list(
        "event", "params"
    )
    return {(event, params.get("item", ""), params.get("due", "")) for event, params in rows}
