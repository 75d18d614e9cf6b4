"""The DPIA threshold check and the data-protection impact assessment."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.governance.reviews.dpia.criteria import Decision

__all__ = [
    "DPIA_FIELDS",
    "DPIA_SECTIONS",
    "Dpia",
    "DpiaCheck",
    "DpiaStatus",
]


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
