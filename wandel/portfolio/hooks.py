"""What the portfolio adds to the extension points (see ``core.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.notifications.events import NOTIFICATION_EVENTS
from wandel.core.queries import OVERVIEW_FIGURES
from wandel.core.reminders import REMINDERS
from wandel.core.roles import Permission
from wandel.core.todos import HOME_TODOS
from wandel.portfolio.extensions import DETAIL_SECTIONS
from wandel.portfolio.measures import api as measures_api
from wandel.portfolio.measures import due as measures_due
from wandel.portfolio.measures import queries as measures_queries
from wandel.portfolio.measures.services import MeasureAction
from wandel.portfolio.use_cases import api as use_cases_api
from wandel.portfolio.use_cases import notifications as use_case_notifications
from wandel.portfolio.use_cases import pickers  # noqa: F401  (registers its pickers)
from wandel.portfolio.use_cases import queries as use_cases_queries
from wandel.portfolio.use_cases import todos as use_case_todos
from wandel.portfolio.use_cases.models import PortfolioAction
from wandel.portfolio.workshops import api as workshops_api
from wandel.portfolio.workshops import queries as workshops_queries
from wandel.portfolio.workshops.services import WorkshopAction

NAVIGATION.register(
    NavEntry(
        _("Portfolio"),
        "portfolio:use_case_list",
        "portfolio:",
        Permission.VIEW_USE_CASES,
        position=100,
    )
)
NAVIGATION.register(
    NavEntry(
        _("Workshops"),
        "portfolio:workshop_list",
        "portfolio:workshop",
        Permission.RUN_WORKSHOPS,
        position=110,
    )
)
for actions in (PortfolioAction, WorkshopAction, MeasureAction):
    AUDIT_ACTIONS.register(actions)
for module in (use_cases_api, measures_api, workshops_api):
    API_ROUTERS.register(Mounted("/", module.router))
# A use case's detail in the API nests its KPIs and quality requirements in the shapes the
# measures declare; the use cases name them only for type checking.
use_cases_api.use_case_detail_complete(
    kpi=measures_api.KpiWithMeasurementsOut, requirement=measures_api.RequirementOut
)
for event in (*use_case_notifications.EVENTS, *measures_due.EVENTS):
    NOTIFICATION_EVENTS.register(event)
HOME_TODOS.register(use_case_todos.my_use_cases)
HOME_TODOS.register(use_case_todos.my_ideas)
HOME_TODOS.register(measures_due.kpi_todos)
REMINDERS.register(measures_due.kpi_reminders)
OVERVIEW_FIGURES.register(use_cases_queries.overview_figures)
OVERVIEW_FIGURES.register(workshops_queries.overview_figures)
DETAIL_SECTIONS.register(measures_queries.measures_section)
