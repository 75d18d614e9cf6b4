"""The ethics board's checklist, its reviews, their answers and conditions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.core.tracking import TrackedItem

__all__ = [
    "POSITIVE_OUTCOMES",
    "EthicsAnswer",
    "EthicsAssessment",
    "EthicsChecklistItem",
    "EthicsCondition",
    "EthicsOutcome",
    "EthicsReview",
    "EthicsReviewStatus",
]


def _german() -> bool:
    return (get_language() or "").startswith("de")


class EthicsChecklistItem(models.Model):
    """One question of the ethics board's checklist; the board words and orders them."""

    text_en = models.CharField(_("question (English)"), max_length=400)
    text_de = models.CharField(_("question (German)"), max_length=400)
    help_en = models.TextField(_("guidance (English)"), blank=True)
    help_de = models.TextField(_("guidance (German)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("ethics checklist item")
        verbose_name_plural = _("ethics checklist items")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_de if _german() else self.text_en

    @property
    def help(self) -> str:
        return self.help_de if _german() else self.help_en


class EthicsReviewStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    COMPLETED = "completed", _("Completed")


class EthicsOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")


POSITIVE_OUTCOMES = frozenset({EthicsOutcome.APPROVED, EthicsOutcome.APPROVED_WITH_CONDITIONS})


class EthicsReview(models.Model):
    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="ethics_reviews",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EthicsReviewStatus.choices,
        default=EthicsReviewStatus.DRAFT,
        db_index=True,
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=EthicsOutcome.choices, blank=True
    )
    reasons = models.TextField(_("reasons"), blank=True)
    started_on = models.DateField(_("started"), default=timezone.localdate)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ethics review")
        verbose_name_plural = _("ethics reviews")
        ordering = ("-started_on", "-pk")
        constraints: ClassVar = [
            # An outcome belongs to a completed review, and a completed review has one.
            models.CheckConstraint(
                condition=(
                    Q(status="draft", outcome="", completed_on__isnull=True)
                    | (Q(status="completed", completed_on__isnull=False) & ~Q(outcome=""))
                ),
                name="governance_ethics_outcome_when_completed",
            ),
            models.UniqueConstraint(
                fields=["use_case"],
                condition=Q(status="draft"),
                name="governance_one_ethics_draft_per_use_case",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Ethics review of “%(use_case)s” (%(date)s)")
            % {"use_case": self.use_case, "date": self.started_on.isoformat()}
        )

    @property
    def is_draft(self) -> bool:
        return self.status == EthicsReviewStatus.DRAFT

    @property
    def passed(self) -> bool:
        return self.status == EthicsReviewStatus.COMPLETED and self.outcome in POSITIVE_OUTCOMES


class EthicsAssessment(models.TextChoices):
    NO_CONCERN = "no_concern", _("No concern")
    CONCERN = "concern", _("Concern")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class EthicsAnswer(models.Model):
    review = models.ForeignKey(
        EthicsReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(
        EthicsChecklistItem,
        verbose_name=_("checklist item"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    assessment = models.CharField(_("assessment"), max_length=20, choices=EthicsAssessment.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("ethics answer")
        verbose_name_plural = _("ethics answers")
        ordering = ("item__position", "item__pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["review", "item"], name="governance_one_answer_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_assessment_display()}"


class EthicsCondition(TrackedItem):
    """A condition of an approval, tracked until someone closes it with a note."""

    review = models.ForeignKey(
        EthicsReview,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    text = models.TextField(_("condition"))
    owner = models.ForeignKey(
        "org.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ethics_conditions",
    )

    class Meta(TrackedItem.Meta):
        verbose_name = _("ethics condition")
        verbose_name_plural = _("ethics conditions")
        ordering = ("pk",)
