"""Security events: sign-ins, failures, pauses, sign-outs and password changes.

They are recorded from Django's and django-axes' signals and from the password views, kept
for ``WANDEL_SECURITY_EVENT_DAYS`` and shown only to holders of
``core.view_security_events`` (IT & security, programme admins). They are never counted per
person: the page lists events, and no figure anywhere is built from them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone

from wandel.core.models import SecurityEvent, SecurityEventKind, User, normalise_email
from wandel.core.security.throttle import client_address, typed_account


def security_event_record(
    *,
    kind: SecurityEventKind,
    request: HttpRequest | None,
    user: User | None = None,
    account: str = "",
) -> SecurityEvent:
    """Append one event. ``account`` is the account's e-mail address; never a typed text
    that matches no account (it could be a password typed into the wrong field)."""
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        account=user.email if user is not None else account,
        ip_address=client_address(request) if request is not None else None,
    )


def security_events_purge(*, now: Any = None) -> int:
    """Delete the events older than the retention period; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SECURITY_EVENT_DAYS)
    deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="wandel.security.login")
    user_logged_out.connect(_logged_out, dispatch_uid="wandel.security.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="wandel.security.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="wandel.security.locked_out")


def _logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    security_event_record(kind=SecurityEventKind.LOGIN, request=request, user=user)


def _logged_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        security_event_record(kind=SecurityEventKind.LOGOUT, request=request, user=user)


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Without a request it was a script on the server, not a sign-in attempt.
    if request is None:
        return
    security_event_record(
        kind=SecurityEventKind.LOGIN_FAILED,
        request=request,
        user=_known_account(typed_account(request, credentials)),
    )


def _locked_out(sender: Any, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    security_event_record(
        kind=SecurityEventKind.LOCKED_OUT,
        request=request,
        user=_known_account(normalise_email(username or "")),
    )


def _known_account(email: str) -> User | None:
    if not email:
        return None
    return User.objects.filter(email__iexact=email).first()
