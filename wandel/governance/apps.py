from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "wandel.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from wandel.governance import hooks  # noqa: F401  (registers on import)
        from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults

        post_migrate.connect(checklist_ensure_defaults, sender=self)
