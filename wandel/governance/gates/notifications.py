"""What a request for a gate item tells the body asked."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.notifications.events import NotificationEvent
from wandel.governance.needs import Need
from wandel.portfolio.use_cases.models import Stage

GATE_REQUESTED = NotificationEvent(
    key="governance.gate_requested",
    label=_("Someone asks your body for what a use case's gate needs"),
    message=_("%(person)s asks for “%(need)s” on “%(use_case)s” (the move to %(stage)s)."),
    choices={"need": Need, "stage": Stage},
)
EVENTS = (GATE_REQUESTED,)
