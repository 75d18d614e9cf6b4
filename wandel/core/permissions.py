"""Permission checks for pages; the API uses the same ``user.has_perm`` calls."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from wandel.core.roles import Permission


def require_permission[R: HttpResponseBase](
    permission: Permission,
) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Refuse with 403 unless the signed-in user holds ``permission``.

    Sign-in itself is enforced for every page by LoginRequiredMiddleware.
    """

    # Generic in the answer's type, so a streamed download (not an HttpResponse) is a view
    # like any other.
    def decorator(view: Callable[..., R]) -> Callable[..., R]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorator
