from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wandel.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from wandel.core import (
            accounts,
            collation,
            converters,
            hooks,  # noqa: F401  (registers on import)
        )
        from wandel.core.security import events

        converters.register()
        events.connect()
        accounts.connect()
        collation.connect()


class WandelAdminConfig(AdminConfig):
    default_site = "wandel.core.admin_site.WandelAdminSite"

    def ready(self) -> None:
        super().ready()
        from django.contrib import admin
        from django.contrib.auth.models import Group
        from django_tasks_db.models import DBTaskResult

        # Groups would grant Django model permissions beside the roles; Wandel grants none
        # through them (core.security.backends), so they have no place in the admin site.
        if admin.site.is_registered(Group):
            admin.site.unregister(Group)
        # The queue of background tasks is Wandel's own machinery; what an admin acts on
        # (e-mail that could not be delivered) has its own page, where acting is audited.
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
