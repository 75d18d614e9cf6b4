"""How a use case is measured: its quality requirements, its KPIs with their measurements,
and the comments people leave under them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wandel.portfolio.use_cases.models import UseCase


class RequirementStatus(models.TextChoices):
    NOT_TESTED = "not_tested", _("Not yet tested")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class QualityRequirement(models.Model):
    """An acceptance criterion for the outputs, with the evidence for its status."""

    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    text = models.CharField(_("acceptance criterion"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequirementStatus.choices,
        default=RequirementStatus.NOT_TESTED,
    )
    evidence_note = models.TextField(_("evidence"), blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True)
    evidence_date = models.DateField(_("tested on"), null=True, blank=True)

    class Meta:
        verbose_name = _("quality requirement")
        verbose_name_plural = _("quality requirements")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.text


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Cadence(models.IntegerChoices):
    """How often a KPI is measured while its use case is live, in days."""

    WEEKLY = 7, _("Every week")
    MONTHLY = 30, _("Every month")
    QUARTERLY = 91, _("Every quarter")


class Kpi(models.Model):
    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(_("name"), max_length=200)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"))
    measure_every = models.PositiveSmallIntegerField(
        _("measurement schedule"),
        choices=Cadence.choices,
        null=True,
        blank=True,
        default=Cadence.MONTHLY,
        help_text=_(
            "How often a value is recorded while the use case is in pilot or production; the "
            "product owner is reminded when one is due. Empty: no schedule."
        ),
    )

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name


class KpiMeasurement(models.Model):
    kpi = models.ForeignKey(
        Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ("measured_on", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kpi", "measured_on"], name="portfolio_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} ({self.measured_on})"


class Comment(models.Model):
    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.text[:60]
