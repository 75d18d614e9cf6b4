from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "wandel.portfolio"
    label = "portfolio"
    verbose_name = _("Use-case portfolio")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from wandel.portfolio import hooks  # noqa: F401  (registers on import)
        from wandel.portfolio.use_cases.defaults import criteria_ensure_defaults

        post_migrate.connect(criteria_ensure_defaults, sender=self)
