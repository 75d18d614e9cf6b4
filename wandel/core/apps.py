from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wandel.core"
    label = "core"
    verbose_name = _("Core")


class WandelAdminConfig(AdminConfig):
    default_site = "wandel.core.admin_site.WandelAdminSite"
