"""Authentication backend that turns a person's current roles into permissions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from wandel.core.roles import Role, permissions_for
from wandel.org.models import RoleAssignment


def current_roles(user: Any) -> frozenset[str]:
    """The roles the user's person holds today; cached on the user object per request."""
    if not getattr(user, "is_active", False) or user.pk is None:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_wandel_roles", None)
    if cached is None:
        cached = frozenset(
            RoleAssignment.objects.current()
            .filter(person__user_id=user.pk, person__active=True)
            .values_list("role", flat=True)
        )
        if user.is_superuser:
            cached |= {Role.ADMIN}
        user._wandel_roles = cached
    return cached


def holds_role(user: Any, role: str) -> bool:
    """Whether ``user`` holds ``role`` today: for decisions reserved to a role's holder, such
    as the data-protection officer's, which a programme admin's all-permissions may not take."""
    return user is not None and role in current_roles(user)


class RoleBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not getattr(user_obj, "is_active", False) or user_obj.is_anonymous:
            return set()
        return set(permissions_for(current_roles(user_obj)))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not getattr(user_obj, "is_active", False) or user_obj.is_anonymous:
            return False
        roles = current_roles(user_obj)
        # Programme admins may do everything, including the admin site's model permissions.
        return Role.ADMIN in roles or perm in permissions_for(roles)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj)) or (
            Role.ADMIN in current_roles(user_obj)
        )
