"""The coverage target of AI literacy: one setting for the organisation."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["LiteracyAction", "LiteracyTarget"]

DEFAULT_TARGET = 90


class LiteracyAction(models.TextChoices):
    TARGET_SET = "enablement.literacy_target_set", _("AI-literacy target set")


class LiteracyTarget(models.Model):
    """The share of people whose required trainings are done and valid that counts as
    covered (green); up to ten points below is amber, further below red."""

    target_percent = models.PositiveSmallIntegerField(
        _("target (%)"),
        default=DEFAULT_TARGET,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("AI-literacy target")
        verbose_name_plural = _("AI-literacy targets")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(pk=1), name="enablement_one_literacy_target"),
        ]

    def __str__(self) -> str:
        return f"{self.target_percent} %"

    @classmethod
    def current(cls) -> int:
        stored = cls.objects.filter(pk=1).values_list("target_percent", flat=True).first()
        return stored if stored is not None else DEFAULT_TARGET
