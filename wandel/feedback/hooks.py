"""What feedback adds to the extension points (see ``core.registry``): its pages in the
navigation, its audit actions, notifications and reminders, and its API routers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.notifications.events import NOTIFICATION_EVENTS
from wandel.core.reminders import REMINDERS
from wandel.core.roles import Permission
from wandel.feedback.officehours import api as office_hours_api
from wandel.feedback.officehours import notifications as office_hours_notifications
from wandel.feedback.officehours import reminders as office_hours_reminders
from wandel.feedback.officehours.models import OfficeHoursAction
from wandel.feedback.surveys import results_api
from wandel.feedback.surveys.models import SurveyAction

AUDIT_ACTIONS.register(SurveyAction)
AUDIT_ACTIONS.register(OfficeHoursAction)
NAVIGATION.register(
    NavEntry(
        _("Surveys"),
        "feedback:surveys",
        "feedback:survey",
        Permission.MANAGE_SURVEYS,
        position=170,
    )
)
API_ROUTERS.register(Mounted("/", results_api.router))
NAVIGATION.register(
    NavEntry(
        _("Office hours"),
        "feedback:office_hours",
        "feedback:office_hours",
        Permission.TAKE_PART,
        position=175,
    )
)
for event in office_hours_notifications.EVENTS:
    NOTIFICATION_EVENTS.register(event)
REMINDERS.register(office_hours_reminders.office_hours_reminders)
API_ROUTERS.register(Mounted("/feedback", office_hours_api.router))
