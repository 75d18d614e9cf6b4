from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Collate, Concat, Lower, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.collation import NAMES, name_order
from wandel.core.roles import Role


class OrgAction(models.TextChoices):
    """Audit actions of the org app."""

    ROLE_ASSIGNED = "org.role_assigned", _("Role assigned")
    ROLE_ENDED = "org.role_ended", _("Role ended")
    PEOPLE_IMPORTED = "org.people_imported", _("People imported")
    UNITS_IMPORTED = "org.units_imported", _("Units imported")
    ACCOUNT_CREATED = "org.account_created", _("Account created")
    ACCOUNT_CLOSED = "org.account_closed", _("Account closed")
    UNIT_CREATED = "org.unit_created", _("Unit created")
    UNIT_UPDATED = "org.unit_updated", _("Unit changed")
    PERSON_CREATED = "org.person_created", _("Person added")
    PERSON_UPDATED = "org.person_updated", _("Person changed")
    STAKEHOLDER_GROUP_CREATED = "org.stakeholder_group_created", _("Stakeholder group created")
    STAKEHOLDER_GROUP_UPDATED = "org.stakeholder_group_updated", _("Stakeholder group changed")
    CONCERN_ADDED = "org.concern_added", _("Concern recorded")
    CONCERN_ANSWERED = "org.concern_answered", _("Concern answered")
    TOUCHPOINT_RECORDED = "org.touchpoint_recorded", _("Touchpoint recorded")


class Unit(models.Model):
    """An organisational unit; units form a tree through ``parent``."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit_detail", args=[self.pk])


class Person(models.Model):
    """Someone in the organisation, as the HR export knows them."""

    employee_id = models.CharField(_("employee ID"), max_length=50, unique=True)
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=[("de", _("German")), ("en", _("English"))],
    )
    active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the people search looks in, kept up to date by the database: one column, so one
    # trigram index serves every word of a search on PostgreSQL (migration 0003) and an
    # import writes one index instead of four.
    search_text = models.GeneratedField(
        expression=Concat(
            "first_name",
            Value(" "),
            "last_name",
            Value(" "),
            "email",
            Value(" "),
            "job_title",
            output_field=models.TextField(),
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # Böhm before Busch (``core.collation``), on PostgreSQL and SQLite alike.
        ordering = (*name_order("last_name", "first_name"), "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="org_person_email_ci_unique"),
        ]
        # Lists and pickers sort by name; the search has a trigram index on search_text on
        # PostgreSQL (migration 0003) and finds employee IDs in any case through the last
        # one: without it, the search's OR has a part no index serves and scans everyone.
        indexes: ClassVar = [
            models.Index(
                Collate("last_name", NAMES),
                Collate("first_name", NAMES),
                F("id"),
                name="org_person_name_order_idx",
            ),
            models.Index(Upper("employee_id"), name="org_person_employee_id_ci_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("org:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def current(self) -> RoleAssignmentQuerySet:
        today = timezone.localdate()
        return self.filter(
            Q(assigned_on__lte=today), Q(ended_on__isnull=True) | Q(ended_on__gt=today)
        )


class RoleAssignment(models.Model):
    """A role held by a person from ``assigned_on`` until (not including) ``ended_on``."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    assigned_on = models.DateField(_("assigned on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ("-assigned_on", "role")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(ended_on__isnull=True),
                name="org_one_open_assignment_per_role",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("assigned_on")),
                name="org_assignment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class AdkarStage(models.TextChoices):
    AWARENESS = "awareness", _("Awareness")
    DESIRE = "desire", _("Desire")
    KNOWLEDGE = "knowledge", _("Knowledge")
    ABILITY = "ability", _("Ability")
    REINFORCEMENT = "reinforcement", _("Reinforcement")


LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class StakeholderGroup(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    power = models.PositiveSmallIntegerField(
        _("power"), validators=LEVEL_VALIDATORS, help_text=_("1 (low) to 5 (high)")
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), validators=LEVEL_VALIDATORS, help_text=_("1 (low) to 5 (high)")
    )
    adkar_stage = models.CharField(
        _("ADKAR stage"), max_length=20, choices=AdkarStage.choices, default=AdkarStage.AWARENESS
    )
    units = models.ManyToManyField(Unit, verbose_name=_("units"), blank=True)
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ("name",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(power__gte=1, power__lte=5), name="org_stakeholder_power_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5),
                name="org_stakeholder_interest_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:stakeholder_detail", args=[self.pk])


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ADDRESSED = "addressed", _("Addressed")


class Concern(models.Model):
    group = models.ForeignKey(
        StakeholderGroup,
        verbose_name=_("stakeholder group"),
        on_delete=models.CASCADE,
        related_name="concerns",
    )
    text = models.TextField(_("concern"))
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    response = models.TextField(_("our response"), blank=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ("status", "-raised_on")

    def __str__(self) -> str:
        return self.text[:80]


class TouchpointKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")
    INFO_SESSION = "info_session", _("Information session")
    ONE_ON_ONE = "one_on_one", _("One-to-one conversation")
    NEWSLETTER = "newsletter", _("Newsletter or e-mail")
    SURVEY = "survey", _("Survey")
    OTHER = "other", _("Other")


class Touchpoint(models.Model):
    """One entry of a stakeholder group's engagement log."""

    group = models.ForeignKey(
        StakeholderGroup,
        verbose_name=_("stakeholder group"),
        on_delete=models.CASCADE,
        related_name="touchpoints",
    )
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=20, choices=TouchpointKind.choices)
    summary = models.TextField(_("summary"))
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")
        ordering = ("-happened_on", "-created_at")

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}"
