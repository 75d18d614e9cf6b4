"""Governance models: bodies, their meetings and agendas, and the decision register.

A decision is a record, not a document: once recorded it never changes. A correction is a
new decision that supersedes the old one, so the register always shows what was decided,
when, and what replaced it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.tracking import TrackedItem

__all__ = [
    "APPROVING_OUTCOMES",
    "AgendaItem",
    "AgendaKind",
    "AgendaTopic",
    "Body",
    "BodyKind",
    "BodyMembership",
    "BodyRole",
    "Decision",
    "DecisionAction",
    "DecisionCondition",
    "DecisionIsImmutable",
    "DecisionKind",
    "DecisionOutcome",
    "GateStage",
    "Meeting",
    "MeetingStatus",
]


class DecisionAction(models.TextChoices):
    """Audit actions of bodies, meetings and decisions."""

    BODY_CREATED = "governance.body_created", _("Body created")
    BODY_CHANGED = "governance.body_changed", _("Body changed")
    MEMBER_ADDED = "governance.member_added", _("Body member added")
    MEMBER_ENDED = "governance.member_ended", _("Body membership ended")
    MEETING_PLANNED = "governance.meeting_planned", _("Meeting planned")
    MEETING_CHANGED = "governance.meeting_changed", _("Meeting changed")
    MINUTES_RECORDED = "governance.minutes_recorded", _("Meeting minutes recorded")
    AGENDA_ITEM_ADDED = "governance.agenda_item_added", _("Agenda item added")
    AGENDA_ITEM_REMOVED = "governance.agenda_item_removed", _("Agenda item removed")
    AGENDA_BUILT = "governance.agenda_built", _("Agenda built from open requests")
    DECISION_RECORDED = "governance.decision_recorded", _("Decision recorded")
    DECISION_SUPERSEDED = "governance.decision_superseded", _("Decision superseded")
    CONDITION_CLOSED = "governance.condition_closed", _("Decision condition closed")


class BodyKind(models.TextChoices):
    STEERING_COMMITTEE = "steering_committee", _("AI steering committee")
    ETHICS_BOARD = "ethics_board", _("Ethics board")
    OTHER = "other", _("Other body")


class BodyRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


class Body(models.Model):
    """A governance body: the AI steering committee, the ethics board, or another."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body_detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet["BodyMembership"]):
    def current(self) -> MembershipQuerySet:
        today = timezone.localdate()
        return self.filter(
            Q(started_on__lte=today), Q(ended_on__isnull=True) | Q(ended_on__gt=today)
        )


class BodyMembership(models.Model):
    """A seat in a body from ``started_on`` until (not including) ``ended_on``.

    Memberships are never deleted; ending one keeps the history of who sat in the body.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="body_memberships",
    )
    role_in_body = models.CharField(
        _("role in the body"), max_length=20, choices=BodyRole.choices, default=BodyRole.MEMBER
    )
    started_on = models.DateField(_("member since"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("body membership")
        verbose_name_plural = _("body memberships")
        ordering = ("-started_on", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["body", "person"],
                condition=Q(ended_on__isnull=True),
                name="governance_one_open_membership",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="governance_membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.body} ({self.get_role_in_body_display()})"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        "org.Person", verbose_name=_("attendees"), blank=True, related_name="meetings_attended"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-held_on", "-pk")
        # Lists run newest first, the upcoming ones oldest first: one index reads both ways.
        indexes: ClassVar = [
            models.Index(fields=["held_on", "id"], name="governance_meeting_by_date"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting_detail", args=[self.pk])


class AgendaKind(models.TextChoices):
    USE_CASE = "use_case", _("Use case")
    BUDGET = "budget", _("Budget request")
    RISK = "risk", _("Risk")
    REVIEW = "review", _("Review")
    OTHER = "other", _("Other")


class AgendaTopic(models.TextChoices):
    """What an agenda item Wandel put on the agenda is about. Its heading is worded from
    the topic and the subject's title in the reader's language when shown, never stored as
    a finished sentence."""

    NONE = "", _("Titled by a person")
    APPROVAL = "approval", _("Approval")
    PILOT_GATE = "pilot_gate", _("Pilot gate")
    PRODUCTION_GATE = "production_gate", _("Production gate")
    BUDGET_REQUEST = "budget_request", _("Budget request")
    RISK_ACCEPTANCE = "risk_acceptance", _("Risk acceptance")
    ETHICS_REVIEW = "ethics_review", _("Ethics review")


HEADINGS = {
    AgendaTopic.APPROVAL: _("Approval: %(title)s"),
    AgendaTopic.PILOT_GATE: _("Pilot gate: %(title)s"),
    AgendaTopic.PRODUCTION_GATE: _("Production gate: %(title)s"),
    AgendaTopic.BUDGET_REQUEST: _("Budget request: %(title)s"),
    AgendaTopic.RISK_ACCEPTANCE: _("Risk acceptance: %(title)s"),
    AgendaTopic.ETHICS_REVIEW: _("Ethics review: %(title)s"),
}


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("With a topic, the title of what the item is about (a use case, a request)."),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=AgendaTopic.choices, blank=True)
    done = models.BooleanField(
        _("done"), default=False, help_text=_("Set when a decision is recorded on the item.")
    )
    notes = models.TextField(_("notes"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.OTHER
    )
    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    budget_request = models.ForeignKey(
        "governance.BudgetRequest",
        verbose_name=_("budget request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    risk = models.ForeignKey(
        "governance.Risk",
        verbose_name=_("risk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    ethics_review = models.ForeignKey(
        "governance.EthicsReview",
        verbose_name=_("ethics review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "position", "pk")
        indexes: ClassVar = [
            models.Index(fields=["meeting", "position", "id"], name="governance_agenda_order")
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        """The item as the agenda shows it, in the active language."""
        if self.topic in HEADINGS:
            return str(HEADINGS[AgendaTopic(self.topic)] % {"title": self.title})
        return self.title


class DecisionKind(models.TextChoices):
    PRIORITY = "priority", _("Priority")
    BUDGET = "budget", _("Budget")
    RISK_ACCEPTANCE = "risk_acceptance", _("Risk acceptance")
    GATE_APPROVAL = "gate_approval", _("Gate approval")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


# The outcomes that approve (a gate, a budget, a risk's acceptance); a deferral settles
# nothing, a rejection answers the request.
APPROVING_OUTCOMES = (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)


class GateStage(models.TextChoices):
    """The stages a gate decision opens (the same values as portfolio's Stage)."""

    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("Production")


class DecisionIsImmutable(Exception):
    def __init__(self) -> None:
        super().__init__(
            "Decisions are never changed or deleted; record a correction that supersedes it."
        )


class DecisionQuerySet(models.QuerySet["Decision"]):
    """Bulk changes would bypass the model's guard; the register refuses them too."""

    def update(self, **kwargs: Any) -> int:
        raise DecisionIsImmutable

    def delete(self) -> tuple[int, dict[str, int]]:
        raise DecisionIsImmutable


class Decision(models.Model):
    """One entry of the decision register; immutable once recorded (see module docstring)."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_on = models.DateField(_("decided on"), db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=DecisionKind.choices)
    text = models.TextField(_("decision"))
    outcome = models.CharField(_("outcome"), max_length=30, choices=DecisionOutcome.choices)
    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    gate_stage = models.CharField(_("gate"), max_length=20, choices=GateStage.choices, blank=True)
    budget_request = models.ForeignKey(
        "governance.BudgetRequest",
        verbose_name=_("budget request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    approved_amount = models.DecimalField(
        _("approved amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    risk = models.ForeignKey(
        "governance.Risk",
        verbose_name=_("risk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("-decided_on", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["use_case", "kind", "gate_stage"]),
            # The register's order, newest first, with its tie-break.
            models.Index(fields=["decided_on", "id"], name="governance_decision_by_date"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind="gate_approval", use_case__isnull=False) & ~Q(gate_stage="")
                | ~Q(kind="gate_approval") & Q(gate_stage=""),
                name="governance_gate_decision_names_use_case_and_stage",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(kind="budget"),
                name="governance_amount_only_for_budget",
            ),
        ]

    def __str__(self) -> str:
        return _("Decision #%(number)s (%(date)s)") % {
            "number": self.pk,
            "date": self.decided_on.isoformat(),
        }

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise DecisionIsImmutable
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("governance:decision_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise DecisionIsImmutable

    @property
    def is_positive(self) -> bool:
        return self.outcome in APPROVING_OUTCOMES

    @property
    def successor(self) -> Decision | None:
        """The decision that corrected this one, or None. (``superseded_by`` raises when there
        is none, and a template's failed lookup costs a ``dir()`` of the whole model.)"""
        return getattr(self, "superseded_by", None)


class DecisionCondition(TrackedItem):
    """A condition attached to an approval, owned by a person and tracked to closure."""

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="conditions",
    )
    text = models.TextField(_("condition"))
    owner = models.ForeignKey(
        "org.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="decision_conditions",
    )
    due_on = models.DateField(_("due on"))

    class Meta(TrackedItem.Meta):
        verbose_name = _("decision condition")
        verbose_name_plural = _("decision conditions")
        ordering = ("due_on", "pk")
        # Open conditions by due date: the steering page's overdue list and "your open
        # conditions" read only these.
        indexes: ClassVar = [
            models.Index(
                fields=["due_on", "id"],
                condition=Q(closed_on__isnull=True),
                name="governance_condition_open_due",
            ),
        ]
