from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "wandel.demo"
    label = "demo"
    verbose_name = _("Demo organisation")

    def ready(self) -> None:
        from wandel.demo import hooks  # noqa: F401  (registers on import)
