"""What the portfolio adds to the extension points (see ``core.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.queries import OVERVIEW_FIGURES
from wandel.core.roles import Permission
from wandel.portfolio import api, api_measures, api_workshops
from wandel.portfolio.measures import MeasureAction
from wandel.portfolio.models import PortfolioAction
from wandel.portfolio.queries import overview_figures
from wandel.portfolio.workshops import WorkshopAction

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
for module in (api, api_measures, api_workshops):
    API_ROUTERS.register(Mounted("/", module.router))
OVERVIEW_FIGURES.register(overview_figures)
