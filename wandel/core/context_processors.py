from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel import __version__
from wandel.core.roles import Permission


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    section: str


NAVIGATION: tuple[tuple[str | Promise, str, str, Permission | None], ...] = (
    (_("Overview"), "core:home", "core:home", None),
    (_("Portfolio"), "portfolio:use_case_list", "portfolio:", Permission.VIEW_USE_CASES),
    (_("Workshops"), "portfolio:workshop_list", "portfolio:workshop", Permission.RUN_WORKSHOPS),
    (_("Governance"), "governance:steering", "governance:", Permission.VIEW_GOVERNANCE),
    (
        _("Co-determination"),
        "governance:codetermination_overview",
        "governance:codetermination",
        Permission.VIEW_CODETERMINATION,
    ),
    (_("Units"), "org:unit_list", "org:unit", Permission.VIEW_UNITS),
    (_("People"), "org:person_list", "org:person", Permission.VIEW_PEOPLE),
    (_("Stakeholders"), "org:stakeholder_list", "org:stakeholder", Permission.VIEW_STAKEHOLDERS),
    (_("Import"), "org:import", "org:import", Permission.MANAGE_PEOPLE),
    (_("Audit log"), "core:audit_log", "core:audit", Permission.VIEW_AUDIT),
    (
        _("Security events"),
        "core:security_events",
        "core:security",
        Permission.VIEW_SECURITY_EVENTS,
    ),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    items: list[NavItem] = []
    current = ""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        current = f"{match.namespace}:{match.url_name}"
    if user is not None and user.is_authenticated:
        for label, url_name, section, permission in NAVIGATION:
            if permission is None or user.has_perm(permission):
                items.append(NavItem(label, reverse(url_name), section))
    # The most specific section wins ("portfolio:workshop" over "portfolio:").
    matching = [i.section for i in items if current.startswith(i.section)]
    active = max(matching, key=len, default="")
    return {
        "nav_items": items,
        "nav_active": active,
        "wandel_version": __version__,
        "can_configure": bool(
            user and user.is_authenticated and user.has_perm(Permission.CONFIGURE)
        ),
    }
