from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "wandel.portfolio"
    label = "portfolio"
    verbose_name = _("Use-case portfolio")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from wandel.core.api.registry import register_router
        from wandel.core.audit import register_actions
        from wandel.core.queries import register_overview
        from wandel.portfolio.api import router
        from wandel.portfolio.models import PortfolioAction
        from wandel.portfolio.queries import overview_figures

        register_actions(PortfolioAction)
        register_router(router)
        register_overview(overview_figures)
        from wandel.portfolio.defaults import criteria_ensure_defaults

        post_migrate.connect(criteria_ensure_defaults, sender=self)
        self._register_workshops_and_measures()

    def _register_workshops_and_measures(self) -> None:
        """Audit actions and API routers of workshops, requirements, KPIs and comments."""
        from wandel.core.api.registry import register_router
        from wandel.core.audit import register_actions
        from wandel.portfolio import api_measures, api_workshops
        from wandel.portfolio.measures import MeasureAction
        from wandel.portfolio.workshops import WorkshopAction

        register_actions(WorkshopAction)
        register_actions(MeasureAction)
        register_router(api_measures.router)
        register_router(api_workshops.router)
