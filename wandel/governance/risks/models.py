"""The risk register: risks and their mitigations.

Acceptances of risks are steering-committee decisions (``decisions.models``), which point
here; nothing in this module marks a risk accepted by itself.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.tracking import TrackedItem

__all__ = [
    "RATING_VALIDATORS",
    "Mitigation",
    "Risk",
    "RiskAction",
    "RiskCategory",
    "RiskStatus",
]

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class RiskAction(models.TextChoices):
    """Audit actions of the risk register."""

    RECORDED = "governance.risk_recorded", _("Risk recorded")
    CHANGED = "governance.risk_changed", _("Risk changed")
    CLOSED = "governance.risk_closed", _("Risk closed")
    REOPENED = "governance.risk_reopened", _("Risk reopened")
    ACCEPTANCE_REQUESTED = "governance.risk_acceptance_requested", _("Risk acceptance requested")
    ACCEPTED = "governance.risk_accepted", _("Risk accepted by decision")
    ACCEPTANCE_REFUSED = "governance.risk_acceptance_refused", _("Risk acceptance refused")
    ACCEPTANCE_ENDED = "governance.risk_acceptance_ended", _("Risk acceptance ended")
    MITIGATION_ADDED = "governance.mitigation_added", _("Mitigation added")
    MITIGATION_CHANGED = "governance.mitigation_changed", _("Mitigation changed")
    MITIGATION_CLOSED = "governance.mitigation_closed", _("Mitigation closed")


class RiskCategory(models.TextChoices):
    DATA_PROTECTION = "data_protection", _("Data protection")
    SECURITY = "security", _("Security")
    QUALITY_HALLUCINATION = "quality_hallucination", _("Quality / hallucination")
    BIAS = "bias", _("Bias")
    EMPLOYEE_IMPACT = "employee_impact", _("Employee impact")
    LEGAL = "legal", _("Legal")
    OPERATIONAL = "operational", _("Operational")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTANCE_REQUESTED = "acceptance_requested", _("Acceptance requested")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


class Risk(models.Model):
    """One entry of the risk register, rated likelihood × impact before and after mitigation."""

    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        help_text=_("Leave empty for a risk of the programme or the platform as a whole."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=30, choices=RiskCategory.choices)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), validators=RATING_VALIDATORS, help_text=_("1 (rare) to 5 (almost certain)")
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), validators=RATING_VALIDATORS, help_text=_("1 (minor) to 5 (severe)")
    )
    owner = models.ForeignKey(
        "org.Person", verbose_name=_("risk owner"), on_delete=models.PROTECT, related_name="risks"
    )
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"),
        null=True,
        blank=True,
        validators=RATING_VALIDATORS,
        help_text=_("After the mitigations take effect."),
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"),
        null=True,
        blank=True,
        validators=RATING_VALIDATORS,
        help_text=_("After the mitigations take effect."),
    )
    review_on = models.DateField(_("next review"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=RiskStatus.choices,
        default=RiskStatus.OPEN,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ("-created_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="governance_risk_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=(
                    Q(residual_likelihood__isnull=True, residual_impact__isnull=True)
                    | Q(
                        residual_likelihood__gte=1,
                        residual_likelihood__lte=5,
                        residual_impact__gte=1,
                        residual_impact__lte=5,
                    )
                ),
                name="governance_risk_residual_both_1_to_5",
                violation_error_message=_(
                    "Give both residual ratings (likelihood and impact) or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:risk_detail", args=[self.pk])

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int | None:
        if self.residual_likelihood is None or self.residual_impact is None:
            return None
        return self.residual_likelihood * self.residual_impact

    @property
    def review_overdue(self) -> bool:
        return self.status != RiskStatus.CLOSED and self.review_on < timezone.localdate()


class Mitigation(TrackedItem):
    """A measure against a risk; it is done once someone closes it with a note."""

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="mitigations"
    )
    text = models.CharField(_("measure"), max_length=500)
    owner = models.ForeignKey(
        "org.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mitigations",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta(TrackedItem.Meta):
        verbose_name = _("mitigation")
        verbose_name_plural = _("mitigations")
        ordering = ("pk",)
