"""User groups and community events.

A user group ("Prompting circle Sales") has members, some of whom organise it, topics and
shared links. An event is an internal meetup, an external format or a meeting of a group;
people register for it (while places are left) and the organiser notes who came.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.enablement.trainings.models import Topic

__all__ = [
    "ENDS_BEFORE_START",
    "CommunityAction",
    "Event",
    "EventKind",
    "GroupMembership",
    "Registration",
    "RegistrationStatus",
    "UserGroup",
]

ENDS_BEFORE_START = _("An event must end after it starts.")


class CommunityAction(models.TextChoices):
    """Audit actions of the community: groups, who is in them, events and who takes part."""

    GROUP_CREATED = "enablement.group_created", _("User group created")
    GROUP_UPDATED = "enablement.group_updated", _("User group updated")
    GROUP_JOINED = "enablement.group_joined", _("Joined a user group")
    GROUP_LEFT = "enablement.group_left", _("Left a user group")
    EVENT_SCHEDULED = "enablement.event_scheduled", _("Community event scheduled")
    EVENT_UPDATED = "enablement.event_updated", _("Community event updated")
    EVENT_CANCELLED = "enablement.event_cancelled", _("Community event cancelled")
    REGISTERED = "enablement.event_registered", _("Registered for a community event")
    REGISTRATION_CANCELLED = (
        "enablement.event_registration_cancelled",
        _("Registration for a community event cancelled"),
    )
    EVENT_ATTENDANCE_TAKEN = (
        "enablement.event_attendance_taken",
        _("Attendance of a community event taken"),
    )


class UserGroup(models.Model):
    """People who meet regularly around a topic, e.g. "Prompting circle Sales"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    # ``trainings.models.Topic`` values: the same words as the catalogue.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    # Shared links as [title, url] pairs, in the order given.
    links = models.JSONField(_("shared links"), default=list, blank=True)
    members = models.ManyToManyField(
        "org.Person",
        verbose_name=_("members"),
        through="GroupMembership",
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("user group")
        verbose_name_plural = _("user groups")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enablement:group_detail", args=[self.pk])

    @property
    def topic_labels(self) -> list[str]:
        return [str(Topic(topic).label) for topic in self.topics if topic in Topic.values]


class GroupMembership(models.Model):
    group = models.ForeignKey(
        UserGroup,
        verbose_name=_("user group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    organiser = models.BooleanField(_("organiser"), default=False)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ("joined_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["group", "person"], name="enablement_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.group_id}"


class EventKind(models.TextChoices):
    MEETUP = "meetup", _("Internal meetup")
    EXTERNAL = "external", _("External format")
    GROUP_MEETING = "group_meeting", _("User-group meeting")


class Event(models.Model):
    """A community date: a meetup, an external format, or a meeting of a user group."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    group = models.ForeignKey(
        UserGroup,
        verbose_name=_("user group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
        help_text=_("Empty: as many as come."),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    attendance_taken_at = models.DateTimeField(_("attendance taken"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("community event")
        verbose_name_plural = _("community events")
        ordering = ("starts_at", "pk")
        indexes: ClassVar = [models.Index(fields=["ends_at"], name="enablement_event_end")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="enablement_event_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("enablement:event_detail", args=[self.pk])

    @property
    def places_free(self) -> int | None:
        """Free places, None without a limit; needs the ``taken`` count the queries add."""
        if self.capacity is None:
            return None
        return max(self.capacity - getattr(self, "taken", 0), 0)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A person's place at an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    # Present (True) or absent (False) once the organiser took attendance.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ("registered_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~Q(status="cancelled"),
                name="enablement_one_registration_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.event_id}"
