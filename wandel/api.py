"""The REST API under /api/v1/: mounts the routers the apps registered (core.api.registry)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include

from wandel.core.api.site import build_api


def api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app_name, namespace = build_api().urls
    # The API authenticates every request itself (token or session); the login redirect of
    # LoginRequiredMiddleware would turn a missing token into an HTML page instead of a 401.
    _exempt(patterns)
    return include((patterns, app_name), namespace=namespace)  # type: ignore[return-value]


def _exempt(patterns: list[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _exempt(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
