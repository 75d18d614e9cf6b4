"""The works council's involvement in a use case."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AgreementStatus",
    "CouncilInvolvement",
]


class AgreementStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    IN_NEGOTIATION = "in_negotiation", _("In negotiation")
    AGREED = "agreed", _("Agreed")


class CouncilInvolvement(models.Model):
    """How the works council is involved in a use case (BetrVG §§ 87, 90)."""

    use_case = models.OneToOneField(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="council_involvement",
    )
    monitoring_capable = models.BooleanField(
        _("allows conclusions about employees' behaviour or performance"),
        help_text=_(
            "Does the use case process data that allow conclusions about the behaviour or "
            "performance of individual employees (§ 87 (1) no. 6 BetrVG)? It is enough that "
            "the system is able to; whether anyone intends to does not matter. If so, "
            "co-determination is required."
        ),
    )
    assessed_on = models.DateField(_("assessed"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    information_given_on = models.DateField(
        _("works council informed (§ 90 BetrVG)"),
        null=True,
        blank=True,
        help_text=_("When the works council was informed about the planned use, in good time."),
    )
    consultation_notes = models.TextField(_("consultation notes"), blank=True)
    agreement_status = models.CharField(
        _("works agreement"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NOT_NEEDED,
    )
    agreement_reference = models.CharField(
        _("reference of the works agreement"), max_length=200, blank=True
    )
    agreement_clauses = models.TextField(_("relevant clauses"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("works-council involvement")
        verbose_name_plural = _("works-council involvements")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(monitoring_capable=False) | ~Q(agreement_status="not_needed"),
                name="governance_agreement_needed_when_monitoring_capable",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Works-council involvement in “%(use_case)s”") % {"use_case": self.use_case})

    @property
    def codetermination_required(self) -> bool:
        return self.monitoring_capable
