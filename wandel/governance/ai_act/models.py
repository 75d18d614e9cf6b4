"""Governance models: EU AI Act classifications of use cases and confirmed obligations.

The questionnaire itself is data (``wandel/governance/data/ai_act/questionnaire.json``), not
a model: a classification stores the answers given, a rationale for each, and what they led
to. Classifications are never changed; classifying again adds a new one, and the newest in
force is the current one, so the history shows how the assessment developed.

Once a use case is approved, a new classification that would remove a gate need (a lower
risk class, no employee impact any more, fewer obligations) is not in force until the
data-protection officer confirms it (``ai_act.services``); until then the previous one stays
current for the gates.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.governance.facts import RiskClass

__all__ = [
    "IN_FORCE",
    "AiActAction",
    "Classification",
    "ClassificationStatus",
    "ObligationConfirmation",
]


class AiActAction(models.TextChoices):
    """Audit actions of the EU AI Act classification."""

    CLASSIFIED = "governance.ai_act_classified", _("Use case classified under the EU AI Act")
    OBLIGATION_CONFIRMED = (
        "governance.ai_act_obligation_confirmed",
        _("EU AI Act obligation confirmed"),
    )
    CLASSIFICATION_REQUESTED = (
        "governance.ai_act_classification_requested",
        _("EU AI Act re-classification put to the data-protection officer"),
    )
    CLASSIFICATION_CONFIRMED = (
        "governance.ai_act_classification_confirmed",
        _("EU AI Act re-classification confirmed"),
    )
    CLASSIFICATION_REJECTED = (
        "governance.ai_act_classification_rejected",
        _("EU AI Act re-classification rejected"),
    )


class ClassificationStatus(models.TextChoices):
    APPLIED = "applied", _("In force since it was recorded")
    PENDING = "pending", _("Awaiting the data-protection officer's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the data-protection officer")
    REJECTED = "rejected", _("Rejected by the data-protection officer")


# The statuses of classifications the gates may use; the newest of them is the current one.
IN_FORCE = (ClassificationStatus.APPLIED, ClassificationStatus.CONFIRMED)


class Classification(models.Model):
    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="ai_act_classifications",
    )
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=50)
    # {question id: option id, or a list of option ids for questions with several answers};
    # only the questions that were asked.
    answers = models.JSONField(_("answers"), default=dict)
    # {question id: the classifier's reason for the answer}
    rationales = models.JSONField(_("rationales"), default=dict)
    risk_class = models.CharField(_("risk class"), max_length=20, choices=RiskClass.choices)
    employee_impact = models.BooleanField(_("affects employees"), default=False)
    # Obligation ids, in the questionnaire's order; their texts and dates stay in the file.
    obligations = models.JSONField(_("obligations"), default=list)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("classified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    classified_at = models.DateTimeField(_("classified"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClassificationStatus.choices,
        default=ClassificationStatus.APPLIED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or rejected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed or rejected on"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        verbose_name = _("EU AI Act classification")
        verbose_name_plural = _("EU AI Act classifications")
        ordering = ("-classified_at", "-pk")
        indexes: ClassVar = [
            models.Index(
                fields=["use_case", "-classified_at", "-id"], name="governance_ai_act_current"
            ),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["use_case"],
                condition=models.Q(status="pending"),
                name="governance_one_pending_classification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.use_case}: {self.get_risk_class_display()}"

    @property
    def pending(self) -> bool:
        return self.status == ClassificationStatus.PENDING


class ObligationConfirmation(models.Model):
    """Evidence that one obligation of a classification is met."""

    classification = models.ForeignKey(
        Classification,
        verbose_name=_("classification"),
        on_delete=models.CASCADE,
        related_name="confirmations",
    )
    obligation_id = models.CharField(_("obligation"), max_length=80)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_on = models.DateField(_("confirmed on"), default=timezone.localdate)
    evidence = models.TextField(_("evidence"))

    class Meta:
        verbose_name = _("confirmed obligation")
        verbose_name_plural = _("confirmed obligations")
        ordering = ("pk",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["classification", "obligation_id"],
                name="governance_one_confirmation_per_obligation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classification}: {self.obligation_id}"
