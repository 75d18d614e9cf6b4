from django.apps import AppConfig
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoAction(models.TextChoices):
    LOADED = "demo.loaded", _("Demo organisation loaded")


class DemoConfig(AppConfig):
    name = "wandel.demo"
    label = "demo"
    verbose_name = _("Demo organisation")

    def ready(self) -> None:
        from wandel.core.audit import register_actions

        register_actions(DemoAction)
