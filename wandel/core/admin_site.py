from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wandel.core.roles import Permission


class WandelAdminSite(admin.AdminSite):
    """The Django admin, open to programme admins (not to a separate 'staff' flag)."""

    site_header = _("Wandel administration")
    site_title = _("Wandel administration")
    index_title = _("Configuration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.has_perm(Permission.CONFIGURE))


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only change through Wandel's services, which write the audit log."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
