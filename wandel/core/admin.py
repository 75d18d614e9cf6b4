"""Core records in the admin site: for looking up, never for granting powers.

Accounts are read-only here: what an account may do comes from its person's roles (the
person page), and a break-glass superuser is made on the server (``wandel createsuperuser``),
where it is audited. Tokens are created with ``wandel create-token``; revoking one here goes
through the audited service.
"""

from __future__ import annotations

from typing import cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wandel.core.admin_site import ReadOnlyAdmin
from wandel.core.models import ApiToken, AuditEvent, TokenStatus, User
from wandel.core.tokens import api_token_revoke


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "is_active", "is_superuser", "last_login")
    search_fields = ("email", "display_name")
    list_filter = ("is_active", "is_superuser")
    fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Profile"), {"fields": ("display_name", "language")}),
        (_("Access"), {"fields": ("is_active", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "password_changed_at")}),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "target_label")
    list_filter = ("action",)
    search_fields = ("actor_label", "target_label", "action")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = (
        "prefix",
        "name",
        "user",
        "created_at",
        "expires_at",
        "last_used_on",
        "token_status",
    )
    list_select_related = ("user",)
    search_fields = ("user__email", "name", "prefix")
    actions = ("revoke_tokens",)

    @admin.display(description=_("status"))
    def token_status(self, token: ApiToken) -> str:
        return str(TokenStatus(token.status()).label)

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        actor = cast(User, request.user)  # the admin site lets only signed-in admins in
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, actor=actor)
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
