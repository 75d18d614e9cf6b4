"""What core itself adds to the extension points (see ``core.registry``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core import audit_api
from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.models import CoreAction
from wandel.core.roles import Permission

NAVIGATION.register(NavEntry(_("Overview"), "core:home", "core:home", None, position=0))
NAVIGATION.register(
    NavEntry(_("Audit log"), "core:audit_log", "core:audit", Permission.VIEW_AUDIT, position=900)
)
NAVIGATION.register(
    NavEntry(
        _("Security events"),
        "core:security_events",
        "core:security",
        Permission.VIEW_SECURITY_EVENTS,
        position=910,
    )
)
AUDIT_ACTIONS.register(CoreAction)
API_ROUTERS.register(Mounted("/", audit_api.router))
