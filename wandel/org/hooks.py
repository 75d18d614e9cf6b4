"""What the organisation app adds to the extension points (see ``core.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.queries import OVERVIEW_FIGURES
from wandel.core.roles import Permission
from wandel.org import (
    api,
    api_stakeholders,
    pickers,  # noqa: F401  (registers the people picker)
)
from wandel.org.models import OrgAction
from wandel.org.queries import overview_figures

for entry in (
    NavEntry(_("Units"), "org:unit_list", "org:unit", Permission.VIEW_UNITS, position=300),
    NavEntry(_("People"), "org:person_list", "org:person", Permission.VIEW_PEOPLE, position=310),
    NavEntry(
        _("Stakeholders"),
        "org:stakeholder_list",
        "org:stakeholder",
        Permission.VIEW_STAKEHOLDERS,
        position=320,
    ),
    NavEntry(_("Import"), "org:import", "org:import", Permission.MANAGE_PEOPLE, position=330),
):
    NAVIGATION.register(entry)
AUDIT_ACTIONS.register(OrgAction)
API_ROUTERS.register(Mounted("/", api.router))
API_ROUTERS.register(Mounted("/", api_stakeholders.router))
OVERVIEW_FIGURES.register(overview_figures)
