"""The daily reminder (registered on ``core.reminders``) of training sessions: everyone
enrolled is told the day before (or on the day, for a session scheduled at short notice),
once per session and date."""

from __future__ import annotations

from datetime import date, timedelta

from wandel.core.actions import user_action
from wandel.core.notifications.services import notify
from wandel.core.reminders import already_reminded
from wandel.enablement.trainings.models import Enrolment, EnrolmentStatus
from wandel.enablement.trainings.notifications import SESSION_SOON, session_params


@user_action
def session_reminders(today: date) -> int:
    """Tell those enrolled in sessions starting today or tomorrow; returns how many."""
    already = already_reminded(SESSION_SOON)
    enrolments = (
        Enrolment.objects.filter(
            status=EnrolmentStatus.ENROLLED,
            session__cancelled=False,
            session__starts_at__date__gte=today,
            session__starts_at__date__lte=today + timedelta(days=1),
            person__user__is_active=True,
        )
        .select_related("session__course", "person__user")
        .order_by("session__starts_at", "pk")
    )
    told = 0
    for enrolment in enrolments:
        session = enrolment.session
        params = {
            **session_params(session),
            "item": f"session:{session.pk}:{enrolment.person_id}",
            "due": session_params(session)["day"],
        }
        if (SESSION_SOON.key, params["item"], params["due"]) in already:
            continue
        told += len(
            notify(
                recipients=[enrolment.person.user],
                event=SESSION_SOON,
                params=params,
                url=session.get_absolute_url(),
            )
        )
    return told
