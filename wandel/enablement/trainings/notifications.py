"""What the trainings tell people: a seat from the waiting list, an enrolment made for them,
a cancelled session, and the session coming up."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.enablement.trainings.models import TrainingSession
from wandel.org.models import Person

MOVED_UP = NotificationEvent(
    key="enablement.moved_up",
    label=_("You moved up from a training's waiting list"),
    message=_("A seat became free: you are now enrolled in “%(course)s” on %(day)s."),
    dates=("day",),
)
ENROLLED_BY_TRAINER = NotificationEvent(
    key="enablement.enrolled_for_you",
    label=_("Someone enrolled you in a training"),
    message=_("You were enrolled in “%(course)s” on %(day)s."),
    dates=("day",),
)
WAITING_BY_TRAINER = NotificationEvent(
    key="enablement.waiting_for_you",
    label=_("Someone put you on a training's waiting list"),
    message=_("You are on the waiting list of “%(course)s” on %(day)s."),
    dates=("day",),
)
SESSION_CANCELLED = NotificationEvent(
    key="enablement.session_cancelled",
    label=_("A training session you enrolled in was cancelled"),
    message=_("The session of “%(course)s” on %(day)s was cancelled."),
    dates=("day",),
)
SESSION_SOON = NotificationEvent(
    key="enablement.session_soon",
    label=_("A training session you enrolled in is coming up"),
    message=_("Reminder: “%(course)s” on %(day)s at %(time)s, %(where)s."),
    dates=("day",),
)
EVENTS = (MOVED_UP, ENROLLED_BY_TRAINER, WAITING_BY_TRAINER, SESSION_CANCELLED, SESSION_SOON)


def session_params(session: TrainingSession) -> dict[str, str]:
    starts = timezone.localtime(session.starts_at)
    return {
        "course": session.course.title,
        "day": starts.date().isoformat(),
        "time": starts.strftime("%H:%M"),
        "where": session.place or session.online_url or "",
    }


def tell(
    event: NotificationEvent,
    session: TrainingSession,
    people: list[Person],
    actor: User | None,
) -> None:
    notify(
        recipients=[person.user if person.user_id else None for person in people],
        event=event,
        params=session_params(session),
        url=session.get_absolute_url(),
        actor=actor,
    )
