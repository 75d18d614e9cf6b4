"""The daily reminder (registered on ``core.reminders``) of training sessions: everyone
enrolled is told the day before (or on the day, for a session scheduled at short notice),
once per session and date."""

from __future__ import annotations

from datetime import date, timedelta

from wandel.core.actions import user_action
from wandel.core.reminders import Due, remind_once
from wandel.enablement.trainings.models import Enrolment, EnrolmentStatus
from wandel.enablement.trainings.notifications import SESSION_SOON, session_params


@user_action
def session_reminders(today: date) -> int:
    """Tell those enrolled in sessions starting today or tomorrow; returns how many."""
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
    return remind_once(
        SESSION_SOON,
        (
            Due(
                enrolment.person.user,
                f"session:{enrolment.session_id}:{enrolment.person_id}",
                session_params(enrolment.session)["day"],
                session_params(enrolment.session),
                enrolment.session.get_absolute_url(),
            )
            for enrolment in enrolments
        ),
    )
