from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "wandel.feedback"
    label = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from wandel.feedback import hooks  # noqa: F401  (registers on import)
