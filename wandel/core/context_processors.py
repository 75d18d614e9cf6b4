"""What every page's template gets: the main navigation, the version, the admin link.

The navigation's entries come from the apps (``NAVIGATION``, registered in their
``hooks.py``); core names none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from wandel import __version__
from wandel.core.notifications.queries import unread_count
from wandel.core.registry import Hook
from wandel.core.roles import Permission


@dataclass(frozen=True)
class NavEntry:
    """One entry of the main navigation, shown to those who hold ``permission`` (everyone
    signed in when None). ``section`` is the prefix of the URL names that mark it current;
    entries are shown by ``position``, lowest first."""

    label: str | Promise
    url_name: str
    section: str
    permission: Permission | None
    position: int


NAVIGATION: Hook[NavEntry] = Hook("navigation")


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    section: str


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    items: list[NavItem] = []
    current = ""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        current = f"{match.namespace}:{match.url_name}"
    if user is not None and user.is_authenticated:
        for entry in sorted(NAVIGATION, key=lambda e: e.position):
            if entry.permission is None or user.has_perm(entry.permission):
                items.append(NavItem(entry.label, reverse(entry.url_name), entry.section))
    # The most specific section wins (an entry for "app:workshop" over one for "app:").
    matching = [i.section for i in items if current.startswith(i.section)]
    active = max(matching, key=len, default="")
    signed_in = user is not None and user.is_authenticated
    unread = unread_count(user) if user is not None and signed_in else 0
    return {
        "nav_items": items,
        # The bell's count; one indexed count of the person's unread notifications.
        "unread_notifications": unread,
        "nav_active": active,
        "wandel_version": __version__,
        "can_configure": user is not None and signed_in and user.has_perm(Permission.CONFIGURE),
    }
