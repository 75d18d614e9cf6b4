"""What surveys tell people: a wave is open for them (the invitation, with their personal
link), and a reminder while they have not answered. Neither says anything about answers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.notifications.events import NotificationEvent

SURVEY_INVITED = NotificationEvent(
    key="feedback.survey_invited",
    label=_("A survey is open for you"),
    message=_("“%(survey)s” is open for you until %(day)s. Your answers are anonymous."),
    dates=("day",),
)
SURVEY_REMINDED = NotificationEvent(
    key="feedback.survey_reminded",
    label=_("Reminder of a survey you have not answered"),
    message=_(
        "Reminder: “%(survey)s” is open until %(day)s. If you have answered, thank you — "
        "please ignore this message."
    ),
    dates=("day",),
)
EVENTS = (SURVEY_INVITED, SURVEY_REMINDED)
