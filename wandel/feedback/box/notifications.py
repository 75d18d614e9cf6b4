"""What the box tells the named poster of an item: it was answered, its status changed, or
it became a use case. An anonymous item has nobody to tell."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.feedback.box.models import FeedbackItem, FeedbackStatus

ANSWERED = NotificationEvent(
    key="feedback.item_answered",
    label=_("Your feedback or idea was answered"),
    message=_("“%(item)s” has an answer from the programme team."),
)
STATUS_CHANGED = NotificationEvent(
    key="feedback.item_status_changed",
    label=_("The status of your feedback or idea changed"),
    message=_("“%(item)s” is now: %(status)s."),
    choices={"status": FeedbackStatus},
)
PROMOTED = NotificationEvent(
    key="feedback.item_promoted",
    label=_("Your idea became a use case"),
    message=_("Your idea “%(item)s” became the use case “%(use_case)s”; you follow it."),
)
EVENTS = (ANSWERED, STATUS_CHANGED, PROMOTED)


def tell_poster(
    event: NotificationEvent, item: FeedbackItem, actor: User | None, **params: str
) -> None:
    if item.author is None:
        return
    notify(
        recipients=[item.author],
        event=event,
        params={"item": item.title, **params},
        url=item.get_absolute_url(),
        actor=actor,
    )
