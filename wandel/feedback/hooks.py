"""What feedback adds to the extension points (see ``core.registry``): its pages in the
navigation and its audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.roles import Permission
from wandel.feedback.surveys import results_api
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
API_ROUTERS.register(Mounted("/", results_api.router))
