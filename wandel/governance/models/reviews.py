"""Governance models: ethics reviews, the DPIA threshold check and DPIA, works-council
involvement."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.governance.dpia_criteria import Decision

__all__ = [
    "AgreementStatus",
    "CouncilInvolvement",
    "Dpia",
    "DpiaCheck",
    "DpiaStatus",
    "EthicsAnswer",
    "EthicsAssessment",
    "EthicsChecklistItem",
    "EthicsCondition",
    "EthicsOutcome",
    "EthicsReview",
    "EthicsReviewStatus",
    "ReviewAction",
]


class ReviewAction(models.TextChoices):
    """Audit actions of ethics reviews, DPIAs and works-council involvement."""

    CHECKLIST_CHANGED = "governance.ethics_checklist_changed", _("Ethics checklist changed")
    CHECKLIST_SEEDED = "governance.checklist_seeded", _("Default ethics checklist created")
    ETHICS_STARTED = "governance.ethics_review_started", _("Ethics review started")
    ETHICS_SAVED = "governance.ethics_review_saved", _("Ethics review saved")
    ETHICS_COMPLETED = "governance.ethics_review_completed", _("Ethics review completed")
    CONDITION_ADDED = "governance.ethics_condition_added", _("Ethics condition added")
    CONDITION_REMOVED = "governance.ethics_condition_removed", _("Ethics condition removed")
    CONDITION_CLOSED = "governance.ethics_condition_closed", _("Ethics condition closed")
    DPIA_CHECKED = "governance.dpia_checked", _("DPIA threshold checked")
    DPIA_SAVED = "governance.dpia_saved", _("DPIA saved")
    DPIA_COMPLETED = "governance.dpia_completed", _("DPIA completed and signed off")
    DPIA_REOPENED = "governance.dpia_reopened", _("DPIA reopened")
    COUNCIL_ASSESSED = "governance.council_assessed", _("Co-determination assessed")
    COUNCIL_UPDATED = "governance.council_updated", _("Works-council involvement updated")


def _german() -> bool:
    return (get_language() or "").startswith("de")


# Ethics reviews ----------------------------------------------------------------------------


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


class EthicsCondition(models.Model):
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
    due_on = models.DateField(_("due"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closing_note = models.TextField(_("how it was met"), blank=True)

    class Meta:
        verbose_name = _("ethics condition")
        verbose_name_plural = _("ethics conditions")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


# DPIA --------------------------------------------------------------------------------------


class DpiaCheck(models.Model):
    """One run of the DPIA threshold check; the history is kept and the latest counts."""

    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="dpia_checks",
    )
    answers = models.JSONField(_("answers"), default=dict)
    required = models.BooleanField(_("DPIA required"))
    # WP248 allows a documented departure from the two-criteria rule in either direction.
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=Decision.choices,
        default=Decision.RULE,
    )
    rationale = models.TextField(
        _("rationale"),
        blank=True,
        help_text=_(
            "Why the criteria apply or not, and the reason for a decision that departs from them."
        ),
    )
    criteria_version = models.CharField(_("version of the criteria"), max_length=40, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        verbose_name = _("DPIA threshold check")
        verbose_name_plural = _("DPIA threshold checks")
        ordering = ("-checked_at", "-pk")
        get_latest_by = ("checked_at", "pk")

    def __str__(self) -> str:
        return str(_("DPIA threshold check of “%(use_case)s”") % {"use_case": self.use_case})

    @property
    def applying(self) -> list[str]:
        return [key for key, value in self.answers.items() if value]


class DpiaStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    COMPLETED = "completed", _("Completed and signed off")


# The texts of a DPIA, in the order of Art. 35(7) and (9) GDPR; the prior consultation
# (Art. 36) is needed only when a high residual risk remains.
DPIA_SECTIONS = (
    "description",
    "necessity",
    "risks",
    "measures",
    "data_subject_views",
    "dpo_opinion",
    "prior_consultation",
)
# Everything a DPIA records besides its status and sign-off.
DPIA_FIELDS = (*DPIA_SECTIONS, "controller", "residual_risk_high", "review_on")


class Dpia(models.Model):
    """The data protection impact assessment of a use case (Art. 35 (7) GDPR)."""

    use_case = models.OneToOneField(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="dpia",
    )
    description = models.TextField(
        _("description of the processing"),
        blank=True,
        help_text=_("What is processed, for which purpose, by whom, with which systems."),
    )
    necessity = models.TextField(
        _("necessity and proportionality"),
        blank=True,
        help_text=_("Legal basis, why the data is needed, data minimisation, retention."),
    )
    risks = models.TextField(
        _("risks to the rights and freedoms of the people concerned"),
        blank=True,
        help_text=_("Which harm could arise for whom, how likely and how severe."),
    )
    measures = models.TextField(
        _("measures to address the risks"),
        blank=True,
        help_text=_("Safeguards, security measures and mechanisms that protect the data."),
    )
    data_subject_views = models.TextField(
        _("views of the people concerned or their representatives"),
        blank=True,
        help_text=_(
            "Art. 35(9) GDPR: e.g. the works council's position or a survey of the employees "
            "concerned — or why their views were not sought."
        ),
    )
    dpo_opinion = models.TextField(
        _("opinion of the data protection officer"),
        blank=True,
        help_text=_("The DPO advises and gives an opinion (Art. 35(2), 39(1)(c) GDPR)."),
    )
    controller = models.ForeignKey(
        "org.Person",
        verbose_name=_("controller (business owner)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The named business owner who carries out the DPIA for the controller and "
            "approves it (Art. 35(1) GDPR); the data protection officer advises."
        ),
    )
    residual_risk_high = models.BooleanField(
        _("a high risk remains after the measures"),
        default=False,
        help_text=_("Then the supervisory authority must be consulted first (Art. 36 GDPR)."),
    )
    prior_consultation = models.TextField(
        _("prior consultation of the supervisory authority"),
        blank=True,
        help_text=_("When the authority was consulted, and its written advice (Art. 36 GDPR)."),
    )
    review_on = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "When the DPIA is reviewed again, at the latest when the risk changes "
            "(Art. 35(11) GDPR)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DpiaStatus.choices, default=DpiaStatus.DRAFT
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_on = models.DateField(_("signed off"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("DPIA")
        verbose_name_plural = _("DPIAs")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_off_on__isnull=False),
                name="governance_dpia_signed_off_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return str(_("DPIA of “%(use_case)s”") % {"use_case": self.use_case})

    @property
    def is_completed(self) -> bool:
        return self.status == DpiaStatus.COMPLETED


# Works council -----------------------------------------------------------------------------


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
