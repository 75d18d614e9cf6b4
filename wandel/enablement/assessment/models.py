"""Self-assessments and session evaluations.

A **self-assessment** belongs to the person who gave it: per enrolment, phase (before or
after the session) and topic of the course, a level from 1 to 5. The person sees their own;
trainers see averages per course only (``queries.course_averages``).

A **session evaluation** is anonymous. Nothing that was answered is stored per person: each
answer only adds one to a counter of its session, question and value (``EvaluationCount``),
which has no link to a person, an enrolment or a time. That a person has evaluated a
session is marked on their enrolment (``Enrolment.evaluated``), never *what* they answered,
so that nobody evaluates twice.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AssessmentAction",
    "EvaluationCount",
    "EvaluationQuestion",
    "Phase",
    "SelfRating",
]


class AssessmentAction(models.TextChoices):
    """Audit actions of self-assessments and evaluations. Neither carries what was answered."""

    SELF_ASSESSED = "enablement.self_assessed", _("Self-assessment saved")
    SESSION_EVALUATED = "enablement.session_evaluated", _("Training session evaluated")


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the session")
    AFTER = "after", _("After the session")


class SelfRating(models.Model):
    """How competent a person feels in one topic of the course, before or after a session."""

    enrolment = models.ForeignKey(
        "enablement.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="self_ratings",
    )
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    topic = models.CharField(_("topic"), max_length=30)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ("pk",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["enrolment", "phase", "topic"], name="enablement_one_rating_per_topic"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="enablement_rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.phase} · {self.topic}: {self.level}"


class EvaluationQuestion(models.TextChoices):
    OVERALL = "overall", _("Overall, how good was the session?")
    USEFUL = "useful", _("How useful is it for your work?")
    PACE = "pace", _("How was the pace?")
    RECOMMEND = "recommend", _("Would you recommend it to a colleague?")


class EvaluationCount(models.Model):
    """How many evaluations of a session gave ``answer`` to ``question``.

    Deliberately nothing else: no person, no enrolment, no time. Every answer of a session
    has its row from the first evaluation on (with 0), so that not even the order of the
    rows tells what the first evaluator answered."""

    session = models.ForeignKey(
        "enablement.TrainingSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="evaluation_counts",
    )
    question = models.CharField(_("question"), max_length=20, choices=EvaluationQuestion.choices)
    answer = models.CharField(_("answer"), max_length=20)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("evaluation count")
        verbose_name_plural = _("evaluation counts")
        ordering = ("session", "question", "answer")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["session", "question", "answer"],
                name="enablement_one_counter_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.question} · {self.answer}: {self.count}"
