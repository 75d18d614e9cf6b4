from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "wandel.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from wandel.core.api.registry import register_router
        from wandel.core.audit import register_actions
        from wandel.core.queries import register_overview
        from wandel.org import api, api_stakeholders
        from wandel.org.models import OrgAction
        from wandel.org.queries import overview_figures

        register_actions(OrgAction)
        register_router(api.router)
        register_router(api_stakeholders.router)
        register_overview(overview_figures)
