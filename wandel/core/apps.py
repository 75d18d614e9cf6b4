from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wandel.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from wandel.core import accounts, audit_api, converters
        from wandel.core.api.registry import register_router
        from wandel.core.audit import register_actions
        from wandel.core.models import CoreAction
        from wandel.core.security import events

        converters.register()
        register_actions(CoreAction)
        events.connect()
        accounts.connect()
        register_router(audit_api.router)


class WandelAdminConfig(AdminConfig):
    default_site = "wandel.core.admin_site.WandelAdminSite"

    def ready(self) -> None:
        super().ready()
        from django.contrib import admin
        from django.contrib.auth.models import Group

        # Groups would grant Django model permissions beside the roles; Wandel grants none
        # through them (core.security.backends), so they have no place in the admin site.
        if admin.site.is_registered(Group):
            admin.site.unregister(Group)
