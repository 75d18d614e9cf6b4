"""The daily reminder (registered on ``core.reminders``) of community events: everyone
registered is told the day before (or on the day, for an event planned at short notice),
once per event and date."""

from __future__ import annotations

from datetime import date, timedelta

from wandel.core.actions import user_action
from wandel.core.reminders import Due, remind_once
from wandel.enablement.community.models import Registration, RegistrationStatus
from wandel.enablement.community.notifications import EVENT_SOON, event_params


@user_action
def event_reminders(today: date) -> int:
    """Tell those registered for events starting today or tomorrow; returns how many."""
    registrations = (
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            event__cancelled=False,
            event__starts_at__date__gte=today,
            event__starts_at__date__lte=today + timedelta(days=1),
            person__user__is_active=True,
        )
        .select_related("event", "person__user")
        .order_by("event__starts_at", "pk")
    )
    return remind_once(
        EVENT_SOON,
        (
            Due(
                registration.person.user,
                f"event:{registration.event_id}:{registration.person_id}",
                event_params(registration.event)["day"],
                event_params(registration.event),
                registration.event.get_absolute_url(),
            )
            for registration in registrations
        ),
    )
