"""How django-axes counts failed sign-ins in Wandel, and what a paused sign-in shows.

An account is paused after ``WANDEL_LOGIN_ACCOUNT_LIMIT`` failures and an address after
``WANDEL_LOGIN_ADDRESS_LIMIT`` (higher, since many people may share one address), each for
``WANDEL_LOGIN_COOLOFF_MINUTES``. Axes itself knows only one limit, so the handler reports an
address over its own limit as having reached the account limit.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wandel.core.models import normalise_email


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        # One query set per entry of AXES_LOCKOUT_PARAMETERS: by account, then by address.
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.LOGIN_ADDRESS_LIMIT:
            return max(by_account, settings.LOGIN_ACCOUNT_LIMIT)
        return int(by_account)


def typed_account(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account name as Wandel looks it up, so "Ann@X.org " and "ann@x.org" count as one."""
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = request.POST.get("username", "")
    return normalise_email(str(typed or ""))


def client_address(request: HttpRequest) -> str | None:
    """The address a sign-in came from.

    Behind a reverse proxy (``WANDEL_BEHIND_PROXY``) that is the last address in
    ``X-Forwarded-For``, the one the proxy itself appended; earlier entries come from the
    client and could be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if _is_address(forwarded):
            return forwarded
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_address(remote) else None


def paused(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The answer to a sign-in while its account or address is paused (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/paused.html", {"minutes": minutes}, status=429)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
