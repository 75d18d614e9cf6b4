"""The REST API under /api/v1/: one NinjaAPI, with a router per app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, include
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from wandel import __version__
from wandel.core.roles import Permission
from wandel.core.tokens import api_token_user

NO_PERMISSION = _("You do not have permission to do this.")


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


def require(request: HttpRequest, permission: Permission) -> None:
    """The API's permission check: the same ``has_perm`` as the pages use."""
    if not request.user.has_perm(permission):
        raise HttpError(403, str(NO_PERMISSION))


def build_api() -> NinjaAPI:
    from wandel.org.api import router as org_router
    from wandel.portfolio.api import router as portfolio_router

    api = NinjaAPI(
        title="Wandel API",
        version="1",
        description=(
            f"Wandel {__version__}. Authenticate with `Authorization: Bearer <token>` "
            "(create one with `wandel create-token EMAIL`); pages and API share permissions."
        ),
        auth=[BearerToken(), SessionAuth()],
        urls_namespace="api",
    )
    api.add_router("/", org_router)
    api.add_router("/", portfolio_router)
    from wandel.governance import api_ai_act, api_decisions, api_reviews, api_risks

    for module in (api_decisions, api_risks, api_reviews, api_ai_act):
        api.add_router("/governance", module.router)
    return api


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
