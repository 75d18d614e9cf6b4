from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "wandel.portfolio"
    label = "portfolio"
    verbose_name = _("Use-case portfolio")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from wandel.core.audit import register_actions
        from wandel.core.queries import register_overview
        from wandel.portfolio.models import PortfolioAction
        from wandel.portfolio.queries import overview_figures

        register_actions(PortfolioAction)
        register_overview(overview_figures)
        from wandel.portfolio.defaults import criteria_ensure_defaults

        post_migrate.connect(criteria_ensure_defaults, sender=self)
