from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "wandel.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from wandel.org import hooks  # noqa: F401  (registers on import)
