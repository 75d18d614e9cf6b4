"""What feedback adds to the extension points (see ``core.registry``): its pages in the
navigation, its audit actions, notifications and daily reminder, the surveys open for a
person on the home page, and its API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.notifications.events import NOTIFICATION_EVENTS
from wandel.core.reminders import REMINDERS
from wandel.core.roles import Permission
from wandel.core.todos import HOME_TODOS
from wandel.feedback.surveys import api as surveys_api
from wandel.feedback.surveys import notifications as survey_notifications
from wandel.feedback.surveys import reminders as survey_reminders
from wandel.feedback.surveys import todos as survey_todos
from wandel.feedback.surveys.models import SurveyAction

AUDIT_ACTIONS.register(SurveyAction)
NAVIGATION.register(
    NavEntry(
        _("Surveys"),
        "feedback:surveys",
        "feedback:survey",
        Permission.MANAGE_SURVEYS,
        position=170,
    )
)
for event in survey_notifications.EVENTS:
    NOTIFICATION_EVENTS.register(event)
HOME_TODOS.register(survey_todos.open_surveys)
REMINDERS.register(survey_reminders.wave_reminders)
API_ROUTERS.register(Mounted("/feedback", surveys_api.router))
