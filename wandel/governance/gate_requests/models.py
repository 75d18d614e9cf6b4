"""A request to the body that gives one need of a use case's gate, open until it acts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.governance.needs import Need

__all__ = ["GateRequest", "GateRequestAction"]


class GateRequestAction(models.TextChoices):
    REQUESTED = "governance.gate_requested", _("Gate item requested")


class GateRequest(models.Model):
    """Someone asked the body that gives ``need`` to act on ``use_case`` for the move to
    ``stage``. The request is settled when that body acts (starts the review, records the
    check, the assessment, the decision), which ends it on the body's home page."""

    use_case = models.ForeignKey(
        "portfolio.UseCase",
        on_delete=models.CASCADE,
        related_name="gate_requests",
        verbose_name=_("use case"),
    )
    need = models.CharField(_("what is needed"), max_length=30, choices=Need.choices)
    stage = models.CharField(_("for the move to"), max_length=20)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)

    class Meta:
        verbose_name = _("gate request")
        verbose_name_plural = _("gate requests")
        constraints = [
            # Asking twice adds nothing: one open request per use case and need.
            models.UniqueConstraint(
                fields=["use_case", "need"],
                condition=Q(settled_at__isnull=True),
                name="governance_one_open_gate_request",
            )
        ]
        indexes = [
            # A body's home page reads its open requests, oldest first.
            models.Index(
                fields=["need", "requested_at"],
                condition=Q(settled_at__isnull=True),
                name="governance_open_gate_requests",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_need_display()} ({self.use_case_id})"
