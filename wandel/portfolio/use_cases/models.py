"""Use cases, the criteria they are scored by and their scores, their moves through the
lifecycle, and changes of gate facts that wait for confirmation."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.org.models import Person, Unit


class PortfolioAction(models.TextChoices):
    """Audit actions of the portfolio app."""

    SUBMITTED = "portfolio.submitted", _("Use case submitted")
    MOVED = "portfolio.moved", _("Use case moved")
    MOVE_REFUSED = "portfolio.move_refused", _("Use case move refused")
    SCORED = "portfolio.scored", _("Use case scored")
    CRITERION_CHANGED = "portfolio.criterion_changed", _("Scoring criterion changed")
    OWNER_CHANGED = "portfolio.owner_changed", _("Product owner changed")
    CHANGED = "portfolio.changed", _("Use case changed")
    TEAM_CHANGED = "portfolio.team_changed", _("Use-case team changed")
    CRITERIA_SEEDED = "portfolio.criteria_seeded", _("Default scoring criteria created")
    FACT_CHANGE_REQUESTED = (
        "portfolio.fact_change_requested",
        _("Change of a gate fact put to the data-protection officer"),
    )
    FACT_CHANGE_CONFIRMED = "portfolio.fact_change_confirmed", _("Change of a gate fact confirmed")
    FACT_CHANGE_REJECTED = "portfolio.fact_change_rejected", _("Change of a gate fact rejected")
    SUPPORTED = "portfolio.supported", _("Idea supported")
    SUPPORT_WITHDRAWN = "portfolio.support_withdrawn", _("Support of an idea withdrawn")


class Capability(models.TextChoices):
    CHAT = "chat", _("Chat / assistant")
    RETRIEVAL = "retrieval", _("Retrieval over documents")
    EXTRACTION = "extraction", _("Extraction")
    GENERATION = "generation", _("Text generation")
    CODE = "code", _("Code")
    TRANSLATION = "translation", _("Translation")
    CLASSIFICATION = "classification", _("Classification")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    ASSESSED = "assessed", _("Assessed")
    APPROVED = "approved", _("Approved")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("Production")
    RETIRED = "retired", _("Retired")
    REJECTED = "rejected", _("Rejected")
    ON_HOLD = "on_hold", _("On hold")


class UseCase(models.Model):
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem today"))
    process = models.CharField(_("affected process"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="use_cases"
    )
    expected_benefit = models.TextField(
        _("expected benefit"),
        help_text=_("E.g. hours saved per month, faster answers, fewer errors."),
    )
    hours_saved_per_month = models.DecimalField(
        _("hours saved per month"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    people_helped = models.PositiveIntegerField(
        _("people helped"), null=True, blank=True, help_text=_("How many people would use it.")
    )
    data_involved = models.TextField(_("data involved"))
    personal_data = models.BooleanField(_("personal data involved"))
    capability = models.CharField(_("LLM capability"), max_length=20, choices=Capability.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA, db_index=True
    )
    stage_changed_at = models.DateTimeField(_("in stage since"), default=timezone.now)
    # The stage a use case on hold was paused from: it may resume there or earlier, never
    # later, so that "on hold" is no way around assessment and approval.
    paused_from = models.CharField(
        _("paused from"), max_length=20, choices=Stage.choices, blank=True, default=""
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    product_owner = models.ForeignKey(
        Person,
        verbose_name=_("product owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_use_cases",
    )
    team = models.ManyToManyField(
        Person, verbose_name=_("team members"), blank=True, related_name="use_cases"
    )
    linked_units = models.ManyToManyField(
        Unit, verbose_name=_("linked units"), blank=True, related_name="linked_use_cases"
    )
    # Cached results of scoring.score_use_case, refreshed whenever a score or a weight
    # changes, so that lists sort and filter by score in the database.
    value_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, editable=False)
    feasibility_score = models.DecimalField(
        max_digits=4, decimal_places=2, null=True, editable=False
    )
    risk_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, editable=False)
    total_score = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, editable=False, db_index=True
    )
    vetoed = models.BooleanField(_("vetoed"), default=False, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the portfolio's search looks in, kept up to date by the database: one column, so
    # one trigram index on PostgreSQL (migration 0004) serves every word of a search.
    search_text = models.GeneratedField(
        expression=Concat("title", Value(" "), "problem", output_field=models.TextField()),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("use case")
        verbose_name_plural = _("use cases")
        ordering = ("-created_at",)
        # For the list's sorts by title and by date (the default sort by score has its own
        # index, written per database in portfolio/0002: SQLite indexes no NULLS LAST).
        indexes: ClassVar = [
            models.Index(fields=["title", "id"], name="portfolio_usecase_by_title"),
            models.Index(fields=["created_at", "id"], name="portfolio_usecase_by_created"),
            # The steering committee's list of use cases waiting for a decision, longest
            # waiting first: read in order instead of sorting every one waiting.
            models.Index(
                fields=["stage_changed_at", "id"],
                name="portfolio_usecase_waiting",
                condition=models.Q(stage__in=["assessed", "prototype", "pilot"]),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:use_case_detail", args=[self.pk])


class FactChangeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class FactChange(models.Model):
    """A change of a fact the governance gates depend on (e.g. "personal data involved"),
    asked for after approval by someone who may not decide it alone. It takes effect only
    when the data-protection officer confirms it."""

    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="fact_changes"
    )
    field = models.CharField(_("fact"), max_length=50)
    old_value = models.JSONField(_("value before"))
    new_value = models.JSONField(_("value asked for"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FactChangeStatus.choices,
        default=FactChangeStatus.PENDING,
        db_index=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked for on"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("gate-fact change")
        verbose_name_plural = _("gate-fact changes")
        ordering = ("-requested_at", "-pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("use_case", "field"),
                condition=Q(status="pending"),
                name="portfolio_one_pending_change_per_fact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.use_case}: {self.field} → {self.new_value}"

    @property
    def label(self) -> str:
        return str(getattr(UseCase._meta.get_field(self.field), "verbose_name", self.field))


ONLY_RISK_VETOES = _("Only risk criteria can veto a use case.")


class CriterionGroup(models.TextChoices):
    VALUE = "value", _("Value")
    FEASIBILITY = "feasibility", _("Feasibility")
    RISK = "risk", _("Risk")


class Criterion(models.Model):
    """One assessment criterion; admins set its weight, its scale anchors and any veto."""

    group = models.CharField(_("group"), max_length=20, choices=CriterionGroup.choices)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120)
    low_en = models.CharField(_("1 means (English)"), max_length=200, blank=True)
    low_de = models.CharField(_("1 means (German)"), max_length=200, blank=True)
    high_en = models.CharField(_("5 means (English)"), max_length=200, blank=True)
    high_de = models.CharField(_("5 means (German)"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    veto_at = models.PositiveSmallIntegerField(
        _("veto from score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("A score at or above this blocks the use case, whatever its total."),
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        # Value first, then feasibility, then risk: the order the assessment reads in.
        ordering = (
            models.Case(
                models.When(group="value", then=0),
                models.When(group="feasibility", then=1),
                default=2,
            ),
            "position",
            "pk",
        )
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(veto_at__isnull=True) | Q(group="risk"),
                name="portfolio_only_risk_criteria_veto",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.veto_at is not None and self.group != CriterionGroup.RISK:
            raise ValidationError({"veto_at": ONLY_RISK_VETOES})

    @property
    def name(self) -> str:
        return self.name_de if (get_language() or "").startswith("de") else self.name_en

    @property
    def low(self) -> str:
        return self.low_de if (get_language() or "").startswith("de") else self.low_en

    @property
    def high(self) -> str:
        return self.high_de if (get_language() or "").startswith("de") else self.high_en


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Score(models.Model):
    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"), validators=SCORE_VALIDATORS)
    rationale = models.CharField(_("rationale"), max_length=500)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored"), default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["use_case", "criterion"], name="portfolio_one_score"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="portfolio_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class StageChange(models.Model):
    """The lifecycle history of a use case: who moved it, when and why."""

    use_case = models.ForeignKey(
        UseCase, verbose_name=_("use case"), on_delete=models.CASCADE, related_name="moves"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ("-at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["-at", "-id"], name="portfolio_stagechange_recent")
        ]

    def __str__(self) -> str:
        return f"{self.use_case}: {self.from_stage} → {self.to_stage}"


class UseCaseMark(models.Model):
    """A person's mark on a use case, at most one of each kind per person."""

    use_case = models.ForeignKey(
        UseCase,
        verbose_name=_("use case"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        abstract = True
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["use_case", "user"], name="portfolio_%(class)s_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.use_case_id}"


class Support(UseCaseMark):
    """One person's "+1" for a use case: at most one each, never the submitter's own."""

    class Meta(UseCaseMark.Meta):
        verbose_name = _("support")
        verbose_name_plural = _("supports")


class Follow(UseCaseMark):
    """A person who is told when a use case moves, without owning or having submitted it."""

    class Meta(UseCaseMark.Meta):
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
