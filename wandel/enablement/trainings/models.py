"""Courses, learning paths, sessions, enrolments and completions.

A completion is what counts as evidence: it names a person, a course and the day it was
completed, however it came about (attendance taken in a session, an LMS export, a trainer's
entry). How long it stays valid is the course's to say (``validity_months``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.roles import Role

__all__ = [
    "Completion",
    "CompletionSource",
    "Course",
    "CourseFile",
    "CourseFormat",
    "CourseLevel",
    "CourseMaterial",
    "Enrolment",
    "EnrolmentStatus",
    "LearningPath",
    "PathCourse",
    "Topic",
    "TrainingAction",
    "TrainingSession",
]


def audience(roles: list[str], units: Iterable[Any]) -> str:
    """Who something is for, in words: the roles and units named, or everyone."""
    named = [str(Role(role).label) for role in roles if role in Role.values]
    named += [unit.name for unit in units]
    return ", ".join(named) if named else str(_("Everyone"))


class TrainingAction(models.TextChoices):
    """Audit actions of trainings: the catalogue, sessions and who took part."""

    COURSE_CREATED = "enablement.course_created", _("Course created")
    COURSE_UPDATED = "enablement.course_updated", _("Course updated")
    FILE_UPLOADED = "enablement.course_file_uploaded", _("Course file uploaded")
    FILE_REMOVED = "enablement.course_file_removed", _("Course file removed")
    PATH_CREATED = "enablement.path_created", _("Learning path created")
    PATH_UPDATED = "enablement.path_updated", _("Learning path updated")
    SESSION_SCHEDULED = "enablement.session_scheduled", _("Training session scheduled")
    SESSION_UPDATED = "enablement.session_updated", _("Training session updated")
    SESSION_CANCELLED = "enablement.session_cancelled", _("Training session cancelled")
    ENROLLED = "enablement.enrolled", _("Enrolled in a training session")
    ENROLMENT_CANCELLED = "enablement.enrolment_cancelled", _("Enrolment cancelled")
    MOVED_UP = "enablement.moved_up", _("Moved up from the waiting list")
    ATTENDANCE_TAKEN = "enablement.attendance_taken", _("Attendance taken")
    COMPLETION_RECORDED = "enablement.completion_recorded", _("Training completion recorded")


class Topic(models.TextChoices):
    PROMPTING = "prompting", _("Prompting")
    RETRIEVAL = "retrieval", _("Retrieval and RAG")
    SAFE_USE = "safe_use", _("Guardrails and safe use")
    DATA_PROTECTION = "data_protection", _("Data protection")
    ROLE_PRACTICE = "role_practice", _("Role-specific practice")


class CourseLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    E_LEARNING = "e_learning", _("E-learning")
    LAB = "lab", _("Hands-on lab")
    OFFICE_HOUR = "office_hour", _("Office hour")


class Course(models.Model):
    """One training in the catalogue."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"))
    topics = models.JSONField(_("topics"), default=list)
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.BASIC
    )
    format = models.CharField(
        _("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.WORKSHOP
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(60 * 40)]
    )
    # Roles (``core.roles.Role`` values) and units the course is meant for; empty: everyone.
    target_roles = models.JSONField(_("target roles"), default=list, blank=True)
    target_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("target units"), blank=True, related_name="+"
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("After this many months it must be refreshed; empty: it does not expire."),
    )
    active = models.BooleanField(_("in the catalogue"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enablement:course_detail", args=[self.pk])

    @property
    def topic_labels(self) -> list[str]:
        return [str(Topic(topic).label) for topic in self.topics if topic in Topic.values]

    @property
    def audience(self) -> str:
        return audience(self.target_roles, self.target_units.all())


class CourseMaterial(models.Model):
    """A link to what belongs to a course: slides, an e-learning module, a cheat sheet."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.title


def _file_path(instance: CourseFile, filename: str) -> str:
    """Where an uploaded file is kept under the data directory's media folder: a random name,
    so that no upload can choose or guess another's path (the title and original name are
    kept in the row)."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"enablement/materials/{uuid.uuid4().hex}{suffix}"


class CourseFile(models.Model):
    """A file that belongs to a course (slides, a handout), uploaded by a trainer and kept in
    the data directory; downloaded only by those who may see trainings, never shown inline."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("course file")
        verbose_name_plural = _("course files")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.title


class LearningPath(models.Model):
    """The courses a group of people is to complete: everyone, or holders of some roles,
    or people of some units (and the units below them)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    roles = models.JSONField(_("for roles"), default=list, blank=True)
    units = models.ManyToManyField(
        "org.Unit", verbose_name=_("for units"), blank=True, related_name="+"
    )
    courses = models.ManyToManyField(
        Course, verbose_name=_("courses"), through="PathCourse", related_name="paths"
    )
    starts_on = models.DateField(
        _("required from"),
        default=timezone.localdate,
        help_text=_("From this day on, the path's courses are required of its people."),
    )
    complete_within_days = models.PositiveSmallIntegerField(
        _("complete within (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("Days a person has from the later of this start and joining the path."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def audience(self) -> str:
        return audience(self.roles, self.units.all())


class PathCourse(models.Model):
    path = models.ForeignKey(
        LearningPath, verbose_name=_("learning path"), on_delete=models.CASCADE
    )
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("course of a path")
        verbose_name_plural = _("courses of paths")
        ordering = ("position", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["path", "course"], name="enablement_course_once_per_path"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path_id}: {self.course_id}"


class TrainingSession(models.Model):
    """One date of a course, in a room or online, with a trainer and a number of seats."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    trainer = models.ForeignKey(
        "org.Person",
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    attendance_taken_at = models.DateTimeField(_("attendance taken"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ("starts_at", "pk")
        indexes: ClassVar = [models.Index(fields=["starts_at"], name="enablement_session_start")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="enablement_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="enablement_session_has_seats"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}, {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("enablement:session_detail", args=[self.pk])

    @property
    def seats_free(self) -> int:
        """Free seats; needs the ``taken`` count the session queries add."""
        return max(self.capacity - getattr(self, "taken", 0), 0)


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Enrolment(models.Model):
    """A person's place in a session, or on its waiting list (first come, first served)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)
    # Present (True) or absent (False) once the trainer took attendance.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # *That* the person evaluated the session, so that nobody does it twice; never *what*
    # (the answers are only counted per session, see ``assessment.models``).
    evaluated = models.BooleanField(_("evaluated"), default=False)
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ("enrolled_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~Q(status="cancelled"),
                name="enablement_one_enrolment_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.session}"


class CompletionSource(models.TextChoices):
    SESSION = "session", _("Attended a session")
    LMS = "lms", _("Imported from the LMS")
    RECORDED = "recorded", _("Recorded by a trainer")


class Completion(models.Model):
    """Evidence that a person completed a course on a day."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="completions"
    )
    completed_on = models.DateField(_("completed on"))
    source = models.CharField(_("source"), max_length=20, choices=CompletionSource.choices)
    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="completions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ("-completed_on", "pk")
        indexes: ClassVar = [
            models.Index(fields=["course", "completed_on"], name="enablement_completion_course"),
        ]
        constraints: ClassVar = [
            # One per person, course and day: importing an export again changes nothing.
            models.UniqueConstraint(
                fields=["person", "course", "completed_on"],
                name="enablement_one_completion_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.course} · {self.completed_on}"
