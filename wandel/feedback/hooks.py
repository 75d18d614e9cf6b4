"""What feedback adds to the extension points (see ``core.registry``): its pages in the
navigation, its audit actions, notifications and reminders, the surveys open for a person
and the posts waiting for an answer on the home page, its API routers, and the link from a
use case to the feedback behind it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.notifications.events import NOTIFICATION_EVENTS
from wandel.core.reminders import REMINDERS
from wandel.core.roles import Permission
from wandel.core.todos import HOME_TODOS
from wandel.feedback.box import api as box_api
from wandel.feedback.box import links as box_links
from wandel.feedback.box import notifications as box_notifications
from wandel.feedback.box import todos as box_todos
from wandel.feedback.box.models import BoxAction
from wandel.feedback.officehours import api as office_hours_api
from wandel.feedback.officehours import notifications as office_hours_notifications
from wandel.feedback.officehours import reminders as office_hours_reminders
from wandel.feedback.officehours.models import OfficeHoursAction
from wandel.feedback.surveys import api as surveys_api
from wandel.feedback.surveys import notifications as survey_notifications
from wandel.feedback.surveys import reminders as survey_reminders
from wandel.feedback.surveys import results_api
from wandel.feedback.surveys import todos as survey_todos
from wandel.feedback.surveys.models import SurveyAction
from wandel.portfolio.extensions import DETAIL_LINKS

AUDIT_ACTIONS.register(SurveyAction)
AUDIT_ACTIONS.register(OfficeHoursAction)
AUDIT_ACTIONS.register(BoxAction)
NAVIGATION.register(
    NavEntry(
        _("Surveys"),
        "feedback:surveys",
        "feedback:survey",
        # Those who read results find them here; managing surveys is the admin's, who
        # reads results too (core/roles.py).
        Permission.VIEW_SURVEY_RESULTS,
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
        position=180,
    )
)
NAVIGATION.register(
    NavEntry(
        _("Feedback"),
        "feedback:box",
        "feedback:box",
        Permission.TAKE_PART,
        position=175,
    )
)
for event in office_hours_notifications.EVENTS:
    NOTIFICATION_EVENTS.register(event)
REMINDERS.register(office_hours_reminders.office_hours_reminders)
API_ROUTERS.register(Mounted("/feedback", office_hours_api.router))
for event in box_notifications.EVENTS:
    NOTIFICATION_EVENTS.register(event)
DETAIL_LINKS.register(box_links.use_case_feedback)
HOME_TODOS.register(box_todos.waiting_for_an_answer)
API_ROUTERS.register(Mounted("/feedback", box_api.router))
for event in survey_notifications.EVENTS:
    NOTIFICATION_EVENTS.register(event)
HOME_TODOS.register(survey_todos.open_surveys)
REMINDERS.register(survey_reminders.wave_reminders)
# Surveys and their results are a contract for reporting tools: /api/v1/surveys.
API_ROUTERS.register(Mounted("/", surveys_api.router))
