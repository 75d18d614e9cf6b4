"""The feedback and idea box: items anyone posts (feedback, a question or an idea), the
support (+1) others give them, and the programme team's public answer.

An **anonymous** item stores no author and no time finer than the day it was posted
(``posted_on``), the same rule as a survey response (DESIGN.md, anonymity invariant); every
item carries only the date, so anonymous ones do not stand out by a missing timestamp. A
The item's id is random, not a sequence: numbered in order, an anonymous item would sit
between the named posts before and after it, whose audit events carry the exact time. A
**support** is one row per supporting person, always someone else's mark: the poster of an
anonymous item is never recorded as its supporter, so supports reveal nothing about who
posted it.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BoxAction",
    "FeedbackCategory",
    "FeedbackItem",
    "FeedbackKind",
    "FeedbackStatus",
    "FeedbackSupport",
]


class BoxAction(models.TextChoices):
    """Audit actions of the feedback box. Posting anonymously is deliberately not among the
    events written (see ``services.item_post``)."""

    POSTED = "feedback.item_posted", _("Feedback posted")
    SUPPORTED = "feedback.item_supported", _("Feedback supported")
    SUPPORT_WITHDRAWN = "feedback.item_support_withdrawn", _("Support of feedback withdrawn")
    ANSWERED = "feedback.item_answered", _("Feedback answered")
    STATUS_CHANGED = "feedback.item_status_changed", _("Status of feedback changed")
    PROMOTED = "feedback.item_promoted", _("Idea promoted to a use case")


class FeedbackKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback")
    QUESTION = "question", _("Question")
    IDEA = "idea", _("Idea")


class FeedbackCategory(models.TextChoices):
    TOOLS = "tools", _("Tools and access")
    TRAINING = "training", _("Training")
    DATA_PROTECTION = "data_protection", _("Data protection")
    WORKS_AGREEMENTS = "works_agreements", _("Works agreements")
    USE_CASES = "use_cases", _("Use cases")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "other", _("Other")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    ANSWERED = "answered", _("Answered")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


def random_id() -> int:
    """A positive id below 2**52: short enough for the ``id`` converter and for JSON
    numbers read as floats, long enough that two posts never draw the same."""
    return secrets.randbelow(2**52 - 1) + 1


class FeedbackItem(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    category = models.CharField(
        _("category"),
        max_length=30,
        choices=FeedbackCategory.choices,
        default=FeedbackCategory.OTHER,
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    # Empty for an anonymous item, and for a named one whose account was removed.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    posted_on = models.DateField(_("posted on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
        db_index=True,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set by the first answer and never again: the box's KPI (days to a first answer).
    first_answered_on = models.DateField(_("first answered on"), null=True, blank=True)
    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ("-posted_on", "-pk")
        indexes: ClassVar = [models.Index(fields=["posted_on"], name="feedback_item_posted")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(author__isnull=True),
                name="feedback_anonymous_has_no_author",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("feedback:box_item", args=[self.pk])


class FeedbackSupport(models.Model):
    """One person's "+1" for an item: at most one each."""

    item = models.ForeignKey(
        FeedbackItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["item", "user"], name="feedback_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.item_id}"
