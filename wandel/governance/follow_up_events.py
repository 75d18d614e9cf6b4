"""What the owners of conditions and mitigations are told: that they own one, and when its
due date comes near or passes; and those responsible for a risk's or a DPIA's review, when
its date comes near or passes. The sub-domains (decisions, ethics reviews, risks) call
``assigned``; the reminders are in ``follow_ups``."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify

# How long before its due date an owner is reminded.
DUE_SOON_DAYS = 7


class FollowUpKind(models.TextChoices):
    DECISION_CONDITION = "decision_condition", _("Condition of a decision")
    ETHICS_CONDITION = "ethics_condition", _("Condition of an ethics approval")
    MITIGATION = "mitigation", _("Mitigation of a risk")
    RISK_REVIEW = "risk_review", _("Review of a risk")
    DPIA_REVIEW = "dpia_review", _("Review of a DPIA")


ASSIGNED = NotificationEvent(
    key="governance.follow_up_assigned",
    label=_("You were made responsible for a condition, a mitigation or a risk's reviews"),
    message=_("You are responsible for “%(text)s” (%(kind)s)."),
    choices={"kind": FollowUpKind},
)
DUE_SOON = NotificationEvent(
    key="governance.follow_up_due_soon",
    label=_("A condition or mitigation you own is due within a week"),
    message=_("“%(text)s” (%(kind)s) is due on %(due)s."),
    choices={"kind": FollowUpKind},
    dates=("due",),
)
OVERDUE = NotificationEvent(
    key="governance.follow_up_overdue",
    label=_("A condition or mitigation you own is overdue"),
    message=_("“%(text)s” (%(kind)s) was due on %(due)s and is not closed yet."),
    choices={"kind": FollowUpKind},
    dates=("due",),
)
REVIEW_DUE_SOON = NotificationEvent(
    key="governance.review_due_soon",
    label=_("A review you are responsible for (of a risk, of a DPIA) is due within a week"),
    message=_("“%(text)s” (%(kind)s) is due on %(due)s."),
    choices={"kind": FollowUpKind},
    dates=("due",),
)
REVIEW_OVERDUE = NotificationEvent(
    key="governance.review_overdue",
    label=_("A review you are responsible for (of a risk, of a DPIA) is overdue"),
    message=_("“%(text)s” (%(kind)s) was due on %(due)s and has not been reviewed yet."),
    choices={"kind": FollowUpKind},
    dates=("due",),
)
EVENTS = (ASSIGNED, DUE_SOON, OVERDUE, REVIEW_DUE_SOON, REVIEW_OVERDUE)


def short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def item_key(kind: FollowUpKind, pk: int) -> str:
    """Names the condition or mitigation in a notification's parameters (for reminders
    sent once)."""
    return f"{kind.value}:{pk}"


def assigned(
    *,
    owner: User | None,
    kind: FollowUpKind,
    pk: int,
    text: str,
    url: str,
    actor: User | None,
) -> None:
    """Tell ``owner`` they are responsible; in the caller's transaction."""
    notify(
        recipients=[owner],
        event=ASSIGNED,
        params={"text": short(text), "kind": kind.value, "item": item_key(kind, pk)},
        url=url,
        actor=actor,
    )


def reminder_params(kind: FollowUpKind, pk: int, text: str, due: date) -> dict[str, str]:
    return {
        "text": short(text),
        "kind": kind.value,
        "item": item_key(kind, pk),
        "due": due.isoformat(),
    }
