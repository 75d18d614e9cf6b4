"""Authentication backends: who may sign in, and which sign-ins are paused.

Permissions come only from roles (``org.backends.RoleBackend``). Django's ``ModelBackend``
would also grant per-user and group permissions, and everything to a superuser; Wandel
keeps it for checking passwords only.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class PasswordBackend(ModelBackend):
    """Checks e-mail address and password; grants no permissions of its own."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False


class LoginThrottle(AxesStandaloneBackend):
    """Refuses sign-ins from a locked account or address (django-axes).

    Only sign-ins over HTTP are throttled: ``authenticate()`` without a request (a script
    on the server, a management command) is not someone guessing passwords from outside.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[arg-type]
