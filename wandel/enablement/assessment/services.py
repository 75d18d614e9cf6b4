"""Writes of self-assessments and evaluations, one function per user action, each its own
transaction with its audit event. Neither audit event carries what was answered: the
person's own levels are theirs to see, and an evaluation is anonymous."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.enablement.assessment import rules
from wandel.enablement.assessment.models import (
    AssessmentAction,
    EvaluationCount,
    Phase,
    SelfRating,
)
from wandel.enablement.trainings.models import Enrolment, TrainingSession

__all__ = [
    "ALREADY_EVALUATED",
    "ANSWER_EVERY_QUESTION",
    "NOT_AN_ATTENDEE",
    "NO_SELF_ASSESSMENT_NOW",
    "RATE_EVERY_TOPIC",
    "AssessmentError",
    "self_assessment_save",
    "session_evaluate",
]

NO_SELF_ASSESSMENT_NOW = _(
    "A self-assessment is taken before the session starts, and after it once you were "
    "marked present."
)
RATE_EVERY_TOPIC = _("Rate every topic of the course from 1 to 5.")
NOT_AN_ATTENDEE = _(
    "Only those who attended may evaluate a session, from its end until %(days)d days later."
)
ALREADY_EVALUATED = _("You have already evaluated this session.")
ANSWER_EVERY_QUESTION = _("Answer every question.")


class AssessmentError(DomainError):
    """A self-assessment or evaluation the rules refuse; the message is for the user."""


class AssessmentConflict(ConflictError, AssessmentError):
    """Fine in itself, but not possible in the session's or enrolment's state."""


@user_action
def self_assessment_save(
    *, enrolment: Enrolment, levels: Mapping[str, int], actor: User | None
) -> Phase:
    """Save how competent the person feels in each topic of the course: before the session,
    or after it once they were marked present (which one, the session's state decides).
    Saving again replaces the earlier levels of that phase."""
    stored = (
        Enrolment.objects.select_for_update()
        .select_related("session__course", "person")
        .get(pk=enrolment.pk)
    )
    phase = rules.assessment_phase(
        starts_at=stored.session.starts_at,
        status=stored.status,
        attended=stored.attended,
        now=timezone.now(),
    )
    if phase is None:
        raise AssessmentConflict(NO_SELF_ASSESSMENT_NOW)
    topics = list(stored.session.course.topics)
    if not topics or any(levels.get(topic) not in range(1, 6) for topic in topics):
        raise AssessmentError(RATE_EVERY_TOPIC)
    SelfRating.objects.filter(enrolment=stored, phase=phase).delete()
    SelfRating.objects.bulk_create(
        SelfRating(enrolment=stored, phase=phase, topic=topic, level=levels[topic])
        for topic in topics
    )
    audit_record(
        actor=actor,
        action=AssessmentAction.SELF_ASSESSED,
        target=stored.session,
        # Who and which phase; the levels stay with the person.
        changes={"person": str(stored.person), "phase": phase.value},
    )
    return phase


@user_action
def session_evaluate(
    *, enrolment: Enrolment, answers: Mapping[str, str], actor: User | None
) -> None:
    """Evaluate a session anonymously, once: each answer adds one to its counter, and the
    enrolment only notes that the person has evaluated."""
    # The session's row is locked first, as every write of its enrolments does: two
    # evaluations at once then count one after the other.
    session = TrainingSession.objects.select_for_update().get(pk=enrolment.session_id)
    stored = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if stored.evaluated:
        raise AssessmentConflict(ALREADY_EVALUATED)
    if stored.status != "enrolled" or not rules.may_evaluate(
        ends_at=session.ends_at, attended=stored.attended, evaluated=False, now=timezone.now()
    ):
        raise AssessmentConflict(NOT_AN_ATTENDEE % {"days": rules.EVALUATION_DAYS})
    missing = rules.answers_valid(answers)
    if missing:
        raise AssessmentError(
            ANSWER_EVERY_QUESTION,
            errors={question: [ANSWER_EVERY_QUESTION] for question in missing},
        )
    # Every counter of the session exists (at 0) before the first answer counts, so neither
    # which rows exist nor their order reveals what anyone answered.
    EvaluationCount.objects.bulk_create(
        (
            EvaluationCount(session=session, question=question, answer=value, count=0)
            for question, choices in rules.ANSWERS.items()
            for value, _label in choices
        ),
        ignore_conflicts=True,
    )
    for question in rules.ANSWERS:
        EvaluationCount.objects.filter(
            session=session, question=question, answer=answers[question]
        ).update(count=F("count") + 1)
    Enrolment.objects.filter(pk=stored.pk).update(evaluated=True)
    # That someone evaluated, and nothing of what they answered.
    audit_record(actor=actor, action=AssessmentAction.SESSION_EVALUATED, target=session)
