from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "wandel.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from django.db import models

        from wandel.core.audit import register_actions
        from wandel.governance import models as governance_models

        # Every sub-domain names its audit actions in a TextChoices class ending in "Action".
        for name in dir(governance_models):
            value = getattr(governance_models, name)
            if (
                name.endswith("Action")
                and isinstance(value, type)
                and issubclass(value, models.TextChoices)
            ):
                register_actions(value)

        from django.db.models.signals import post_migrate
        from django.urls import reverse

        from wandel.core.queries import register_overview
        from wandel.core.roles import Permission
        from wandel.governance import budgets, risks
        from wandel.governance.gates import GATE_NAME, gate_check
        from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults
        from wandel.portfolio.extensions import DetailLink, register_detail_links
        from wandel.portfolio.gates import register_gate

        register_gate(GATE_NAME, gate_check)
        from wandel.core.api.registry import register_router
        from wandel.governance import api_ai_act, api_decisions, api_risks
        from wandel.governance.reviews.codetermination import api as codetermination_api
        from wandel.governance.reviews.dpia import api as dpia_api
        from wandel.governance.reviews.ethics import api as ethics_api

        for module in (
            api_decisions,
            api_risks,
            ethics_api,
            dpia_api,
            codetermination_api,
            api_ai_act,
        ):
            register_router(module.router, prefix="/governance")
        post_migrate.connect(checklist_ensure_defaults, sender=self)
        register_overview(risks.overview_figures)
        register_overview(budgets.overview_figures)

        def governance_link(use_case: object, user: object) -> list[DetailLink]:
            if not user.has_perm(Permission.VIEW_GOVERNANCE):  # type: ignore[attr-defined]
                return []
            url = reverse("governance:use_case_governance", args=[use_case.pk])  # type: ignore[attr-defined]
            return [DetailLink(_("Governance"), url)]

        register_detail_links(governance_link)
