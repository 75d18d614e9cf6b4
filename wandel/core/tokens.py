"""API tokens: created once (the plain token is shown only then), checked by digest.

A token works while it is not revoked, not expired, its account is active (a person who
leaves has their account closed) and the account's password has not changed since the token
was made. Creating and revoking a token are audited.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import DomainError
from wandel.core.models import ApiToken, CoreAction, User

TOKEN_PREFIX = "wdl_"  # noqa: S105 (a public marker, not a secret)
DAYS_NOT_POSITIVE = _("A token must be valid for at least one day.")
ALREADY_REVOKED = _("This token has already been revoked.")


class TokenError(DomainError):
    """A token request the rules refuse."""


@user_action
def api_token_create(
    *, user: User, name: str, actor: User | None = None, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; ``days`` limits how long it works. Returns it with the plain
    text, which is never stored."""
    if days is not None and days < 1:
        raise TokenError(DAYS_NOT_POSITIVE, field="days")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=plain[:12],
        digest=_digest(plain),
        created_at=now,
        expires_at=now + timedelta(days=days) if days is not None else None,
    )
    audit_record(
        actor=actor,
        action=CoreAction.TOKEN_CREATED,
        target=token,
        changes={"account": user.email, "name": name, "expires_at": token.expires_at},
    )
    return token, plain


@user_action
def api_token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        raise TokenError(ALREADY_REVOKED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action=CoreAction.TOKEN_REVOKED,
        target=token,
        changes={"account": token.user.email, "name": token.name},
    )
    return token


def api_token_user(plain: str) -> User | None:
    """The account a working token belongs to, or None (see the module's docstring)."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(plain), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .filter(
            Q(user__password_changed_at__isnull=True)
            | Q(user__password_changed_at__lte=F("created_at"))
        )
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
