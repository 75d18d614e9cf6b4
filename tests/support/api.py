"""Calling the REST API as a user: a bearer token in the headers a test client sends."""

from __future__ import annotations

from wandel.core.models import User
from wandel.core.tokens import api_token_create


def bearer(user: User, name: str = "test") -> dict[str, str]:
    """Headers for `client.get(url, headers=bearer(user))`, with a new token of the user."""
    return {"Authorization": f"Bearer {api_token_create(user=user, name=name)[1]}"}


def bearer_meta(user: User, name: str = "test") -> dict[str, str]:
    """The same as WSGI extra keywords, for `client.get(url, **bearer_meta(user))`."""
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name=name)[1]}"}
