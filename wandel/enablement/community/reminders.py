"""The daily reminder (registered on ``core.reminders``) of community events: everyone
registered is told the day before (or on the day, for an event planned at short notice),
once per event and date."""

from __future__ import annotations

from datetime import date, timedelta

from wandel.core.actions import user_action
from wandel.core.notifications.services import notify
from wandel.core.reminders import already_reminded
from wandel.enablement.community.models import Registration, RegistrationStatus
from wandel.enablement.community.notifications import EVENT_SOON, event_params


@user_action
def event_reminders(today: date) -> int:
    """Tell those registered for events starting today or tomorrow; returns how many."""
    already = already_reminded(EVENT_SOON)
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
    told = 0
    for registration in registrations:
        event = registration.event
        params = event_params(event)
        params |= {"item": f"event:{event.pk}:{registration.person_id}", "due": params["day"]}
        if (EVENT_SOON.key, params["item"], params["due"]) in already:
            continue
        told += len(
            notify(
                recipients=[registration.person.user],
                event=EVENT_SOON,
                params=params,
                url=event.get_absolute_url(),
            )
        )
    return told
