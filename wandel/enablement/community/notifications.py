"""What the community tells people: an event they registered for was cancelled, or is
coming up."""

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
EVENT_SOON = NotificationEvent(
    key="enablement.event_soon",
    label=_("A community event you registered for is coming up"),
    message=_("Reminder: “%(event)s” on %(day)s at %(time)s, %(where)s."),
    dates=("day",),
)
EVENTS = (EVENT_CANCELLED, EVENT_SOON)


def event_params(event: Event) -> dict[str, str]:
    starts = timezone.localtime(event.starts_at)
    return {
        "event": event.title,
        "day": starts.date().isoformat(),
        "time": starts.strftime("%H:%M"),
        "where": event.place or event.online_url or "",
    }


def tell(
    event_kind: NotificationEvent, event: Event, people: list[Person], actor: User | None
) -> None:
    notify(
        recipients=[person.user if person.user_id else None for person in people],
        event=event_kind,
        params=event_params(event),
        url=event.get_absolute_url(),
        actor=actor,
    )
