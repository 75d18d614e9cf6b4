"""What enablement adds to the extension points (see ``core.registry``): its pages in the
navigation, audit actions, notifications and reminders, the person's learning path and
retro actions on the home page, its figures on the overview, and a use case's sprints on
its page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.evidence import OBLIGATION_EVIDENCE
from wandel.core.notifications.events import NOTIFICATION_EVENTS
from wandel.core.queries import OVERVIEW_FIGURES
from wandel.core.reminders import REMINDERS
from wandel.core.roles import Permission
from wandel.core.todos import HOME_TODOS
from wandel.enablement.assessment import todos as assessment_todos
from wandel.enablement.assessment.models import AssessmentAction
from wandel.enablement.calendar.models import CalendarAction
from wandel.enablement.community import api as community_api
from wandel.enablement.community import notifications as community_notifications
from wandel.enablement.community import reminders as community_reminders
from wandel.enablement.community.models import CommunityAction
from wandel.enablement.literacy import api as literacy_api
from wandel.enablement.literacy import evidence as literacy_evidence
from wandel.enablement.literacy import todos as literacy_todos
from wandel.enablement.literacy.models import LiteracyAction
from wandel.enablement.lms.models import LmsAction
from wandel.enablement.sprints import api as sprints_api
from wandel.enablement.sprints import links as sprint_links
from wandel.enablement.sprints import todos as sprint_todos
from wandel.enablement.sprints.models import SprintAction
from wandel.enablement.trainings import api as trainings_api
from wandel.enablement.trainings import notifications as training_notifications
from wandel.enablement.trainings import queries as training_queries
from wandel.enablement.trainings import reminders as training_reminders
from wandel.enablement.trainings.models import TrainingAction
from wandel.portfolio.extensions import DETAIL_LINKS

NAVIGATION.register(
    NavEntry(
        _("Trainings"),
        "enablement:catalogue",
        "enablement:",
        Permission.VIEW_TRAININGS,
        position=150,
    )
)
for actions in (
    TrainingAction,
    LiteracyAction,
    AssessmentAction,
    LmsAction,
    CommunityAction,
    CalendarAction,
    SprintAction,
):
    AUDIT_ACTIONS.register(actions)
NAVIGATION.register(
    NavEntry(
        _("Sprints"),
        "enablement:sprints",
        "enablement:sprint",
        Permission.VIEW_USE_CASES,
        position=160,
    )
)
for event in (*training_notifications.EVENTS, *community_notifications.EVENTS):
    NOTIFICATION_EVENTS.register(event)
HOME_TODOS.register(literacy_todos.my_path)
HOME_TODOS.register(assessment_todos.sessions_to_evaluate)
HOME_TODOS.register(sprint_todos.retro_actions)
DETAIL_LINKS.register(sprint_links.use_case_sprints)
REMINDERS.register(training_reminders.session_reminders)
REMINDERS.register(community_reminders.event_reminders)
OVERVIEW_FIGURES.register(training_queries.overview_figures)
OBLIGATION_EVIDENCE.register(literacy_evidence.ai_literacy)
for module in (trainings_api, literacy_api, sprints_api, community_api):
    API_ROUTERS.register(Mounted("/enablement", module.router))
