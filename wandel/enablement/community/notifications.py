"""What the community tells people: an event they registered for was cancelled."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.enablement.community.models import Event
from wandel.org.models import Person

EVENT_CANCELLED = NotificationEvent(
    key="enablement.event_cancelled",
    label=_("A community event you registered for was cancelled"),
    message=_("“%(event)s” on %(day)s was cancelled."),
    dates=("day",),
)
EVENTS = (EVENT_CANCELLED,)


def tell(
    event_kind: NotificationEvent, event: Event, people: list[Person], actor: User | None
) -> None:
    notify(
        recipients=[person.user if person.user_id else None for person in people],
        event=event_kind,
        params={
            "event": event.title,
            "day": timezone.localtime(event.starts_at).date().isoformat(),
        },
        url=event.get_absolute_url(),
        actor=actor,
    )
