"""Ideation workshops: who takes part, the ideas captured, and the dots each participant
puts on them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.models import UseCase


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Closed")


class Workshop(models.Model):
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    units = models.ManyToManyField(Unit, verbose_name=_("units"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    participants = models.ManyToManyField(
        Person, verbose_name=_("participants"), blank=True, related_name="workshops"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    dots_per_person = models.PositiveSmallIntegerField(
        _("dots per person"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    ideas = models.ManyToManyField(
        UseCase, verbose_name=_("ideas captured"), blank=True, related_name="workshops"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:workshop_detail", args=[self.pk])


class Vote(models.Model):
    """Dots one participant put on one idea in one workshop."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="votes"
    )
    use_case = models.ForeignKey(
        UseCase, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        Person, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="votes"
    )
    dots = models.PositiveSmallIntegerField(_("dots"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["workshop", "use_case", "voter"], name="portfolio_one_vote_row"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} → {self.use_case}: {self.dots}"
