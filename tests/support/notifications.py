"""A notification event of the tests' own, and a one-line way to send it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.models import Notification, User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.portfolio.use_cases.models import Stage

MOVED = NotificationEvent(
    key="test.moved",
    label=_("Test: something moved"),
    # The portfolio's message, so that it has a German translation.
    message=_("“%(use_case)s” moved from %(from)s to %(to)s."),
    choices={"from": Stage, "to": Stage},
)
TRIAGE = {"use_case": "Ticket triage", "from": "idea", "to": "pilot"}


@user_action
def tell(
    recipients: list[User | None],
    *,
    actor: User | None = None,
    params: dict[str, Any] | None = None,
    url: str = "/portfolio/1/",
) -> list[Notification]:
    return notify(recipients=recipients, event=MOVED, params=params or TRIAGE, url=url, actor=actor)
