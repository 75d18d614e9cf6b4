"""Permission checks for pages; the API uses the same ``user.has_perm`` calls."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from wandel.core.roles import Permission

View = Callable[..., HttpResponse]


def require_permission(permission: Permission) -> Callable[[View], View]:
    """Refuse with 403 unless the signed-in user holds ``permission``.

    Sign-in itself is enforced for every page by LoginRequiredMiddleware.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorator
