"""The API's permission check: the same ``has_perm`` as the pages use."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wandel.core.errors import NotPermitted
from wandel.core.models import User
from wandel.core.roles import Permission

NO_PERMISSION = _("You do not have permission to do this.")


def require(request: HttpRequest, permission: Permission) -> User:
    """The calling user, if they hold ``permission``; otherwise a 403 answer."""
    user = request.user
    if not isinstance(user, User) or not user.has_perm(permission):
        raise NotPermitted(NO_PERMISSION)
    return user


def refuse() -> NotPermitted:
    """The refusal for an object-level check (``raise refuse()``)."""
    return NotPermitted(NO_PERMISSION)


def signed_in(request: HttpRequest) -> User:
    """The user behind a request the API has authenticated (every operation requires it)."""
    user = request.user
    assert isinstance(user, User)
    return user
