"""Who is calling: a bearer token, or else the browser's session (with its CSRF check)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from wandel.core.tokens import api_token_user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class BrowserSession(SessionAuth):
    """The signed-in browser (the API's own documentation page uses it).

    A request that brings an ``Authorization`` header is a token client: when its token is
    unknown, revoked or expired it gets 401, not the CSRF refusal of a session it never had.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" in request.headers:
            return None
        return super().__call__(request)


def authentication() -> list[Any]:
    return [BearerToken(), BrowserSession()]
