"""API tokens: created once (the plain token is shown only then), checked by digest."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from wandel.core.models import ApiToken, User

TOKEN_PREFIX = "wdl_"  # noqa: S105 (a public marker, not a secret)


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=plain[:12], digest=_digest(plain))
    return token, plain


def api_token_user(plain: str) -> User | None:
    """The active user a token belongs to, or None for an unknown or revoked token."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
    return token.user


def _digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()
