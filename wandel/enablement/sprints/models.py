"""Co-creation sprints: two weeks in which an interdisciplinary team builds a prototype of
one or more use cases. A sprint has a task board (to do / doing / done), daily notes, a
retro (what went well, what to improve, and actions followed up as tracked items) and, at
its end, a demo outcome that may move its use cases on to the prototype stage."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.tracking import TrackedItem

__all__ = [
    "SPRINT_DAYS",
    "DemoOutcome",
    "RetroAction",
    "RetroEntry",
    "RetroKind",
    "Sprint",
    "SprintAction",
    "SprintNote",
    "SprintState",
    "SprintTask",
    "TaskColumn",
    "default_end",
]

# A sprint is two weeks unless its product owner says otherwise.
SPRINT_DAYS = 14


def default_end(starts_on: date) -> date:
    return starts_on + timedelta(days=SPRINT_DAYS)


class SprintAction(models.TextChoices):
    """Audit actions of co-creation sprints."""

    CREATED = "enablement.sprint_created", _("Sprint planned")
    UPDATED = "enablement.sprint_updated", _("Sprint updated")
    STARTED = "enablement.sprint_started", _("Sprint started")
    ENDED = "enablement.sprint_ended", _("Sprint ended")
    TASK_ADDED = "enablement.sprint_task_added", _("Sprint task added")
    TASK_MOVED = "enablement.sprint_task_moved", _("Sprint task moved")
    NOTE_ADDED = "enablement.sprint_note_added", _("Daily note written")
    RETRO_ADDED = "enablement.sprint_retro_added", _("Retro entry written")
    ACTION_ADDED = "enablement.sprint_action_added", _("Retro action added")
    ACTION_CLOSED = "enablement.sprint_action_closed", _("Retro action closed")


class SprintState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class DemoOutcome(models.TextChoices):
    WORKS = "works", _("The prototype works")
    PARTLY = "partly", _("The prototype works partly")
    NOT = "not", _("The prototype does not work")


class Sprint(models.Model):
    """Two weeks of building a prototype, by a team, for one or more use cases."""

    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    use_cases = models.ManyToManyField(
        "portfolio.UseCase", verbose_name=_("use cases"), related_name="sprints"
    )
    team = models.ManyToManyField(
        "org.Person", verbose_name=_("team"), blank=True, related_name="sprints"
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(
        _("state"), max_length=20, choices=SprintState.choices, default=SprintState.PLANNED
    )
    outcome = models.CharField(
        _("demo outcome"), max_length=20, choices=DemoOutcome.choices, blank=True
    )
    prototype_url = models.URLField(_("prototype link"), max_length=500, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("sprint")
        verbose_name_plural = _("sprints")
        ordering = ("-starts_on", "pk")
        indexes: ClassVar = [
            models.Index(fields=["state", "starts_on"], name="enablement_sprint_state"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="enablement_sprint_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(state=SprintState.ENDED) | Q(outcome=""),
                name="enablement_sprint_outcome_when_ended",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enablement:sprint_detail", args=[self.pk])

    @property
    def is_ended(self) -> bool:
        return self.state == SprintState.ENDED


class TaskColumn(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("Doing")
    DONE = "done", _("Done")


class SprintTask(models.Model):
    """A card on the sprint's board."""

    sprint = models.ForeignKey(
        Sprint, verbose_name=_("sprint"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=300)
    assignee = models.ForeignKey(
        "org.Person",
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    column = models.CharField(
        _("column"), max_length=10, choices=TaskColumn.choices, default=TaskColumn.TODO
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("sprint task")
        verbose_name_plural = _("sprint tasks")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.title


class SprintNote(models.Model):
    """A daily note: what happened, what blocks."""

    sprint = models.ForeignKey(
        Sprint, verbose_name=_("sprint"), on_delete=models.CASCADE, related_name="notes"
    )
    written_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        "org.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily note")
        verbose_name_plural = _("daily notes")
        ordering = ("-written_on", "-pk")

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"


class RetroKind(models.TextChoices):
    WENT_WELL = "went_well", _("Went well")
    TO_IMPROVE = "to_improve", _("To improve")


class RetroEntry(models.Model):
    """A point of the sprint's retrospective."""

    sprint = models.ForeignKey(
        Sprint, verbose_name=_("sprint"), on_delete=models.CASCADE, related_name="retro"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RetroKind.choices)
    text = models.CharField(_("text"), max_length=500)
    author = models.ForeignKey(
        "org.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("retro entry")
        verbose_name_plural = _("retro entries")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.text[:80]


class RetroAction(TrackedItem):
    """What the retro decided to change: owned by a person, due by a date, and followed up
    like every tracked item until someone closes it with a note."""

    sprint = models.ForeignKey(
        Sprint, verbose_name=_("sprint"), on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        "org.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="sprint_actions",
    )
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta(TrackedItem.Meta):
        verbose_name = _("retro action")
        verbose_name_plural = _("retro actions")
        ordering = ("pk",)
