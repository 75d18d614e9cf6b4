from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnablementConfig(AppConfig):
    name = "wandel.enablement"
    label = "enablement"
    verbose_name = _("Enablement")

    def ready(self) -> None:
        from wandel.enablement import hooks  # noqa: F401  (registers on import)
