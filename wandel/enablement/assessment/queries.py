"""Reads of self-assessments and evaluations for the pages: a person's own levels, what the
session page offers them, a session's evaluation results and a course's averages. The
minimum-group and closed-window guards are applied here (through ``rules``), so that no page
can show a figure they withhold."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone

from wandel.core.queries import anonymity_floor
from wandel.enablement.assessment import rules
from wandel.enablement.assessment.models import EvaluationCount, Phase, SelfRating
from wandel.enablement.trainings.models import Course, Enrolment, Topic, TrainingSession


def my_levels(enrolment: Enrolment) -> dict[str, dict[str, int]]:
    """The person's own levels of an enrolment: phase → topic → level."""
    levels: dict[str, dict[str, int]] = {Phase.BEFORE: {}, Phase.AFTER: {}}
    for phase, topic, level in SelfRating.objects.filter(enrolment=enrolment).values_list(
        "phase", "topic", "level"
    ):
        levels[phase][topic] = level
    return levels


@dataclass(frozen=True)
class MyRow:
    topic: str
    label: str
    before: int | None
    after: int | None


@dataclass
class SessionPanel:
    """What the session page shows of self-assessment and evaluation: to the person for
    their own enrolment, and the evaluation's results to those who manage trainings."""

    phase: Phase | None = None
    my_rows: list[MyRow] = field(default_factory=list)
    can_evaluate: bool = False
    evaluated: bool = False
    results: rules.EvaluationResults | None = None

    @property
    def rated(self) -> bool:
        """Whether the person gave any level yet."""
        return any(row.before or row.after for row in self.my_rows)

    @property
    def personal(self) -> bool:
        """Whether the page has anything of the person's own to show or offer."""
        return bool(self.phase or self.rated or self.can_evaluate or self.evaluated)


def session_panel(
    session: TrainingSession, mine: Enrolment | None, *, manage: bool
) -> SessionPanel:
    now = timezone.now()
    panel = SessionPanel()
    if mine is not None:
        panel.phase = rules.assessment_phase(
            starts_at=session.starts_at, status=mine.status, attended=mine.attended, now=now
        )
        levels = my_levels(mine)
        panel.my_rows = [
            MyRow(topic, label, levels[Phase.BEFORE].get(topic), levels[Phase.AFTER].get(topic))
            for topic, label in course_topics(session.course)
        ]
        panel.evaluated = mine.evaluated
        panel.can_evaluate = mine.status == "enrolled" and rules.may_evaluate(
            ends_at=session.ends_at, attended=mine.attended, evaluated=mine.evaluated, now=now
        )
    if manage:
        panel.results = evaluation_results(session)
    return panel


def evaluation_results(session: TrainingSession) -> rules.EvaluationResults:
    counts = {
        (question, answer): count
        for question, answer, count in EvaluationCount.objects.filter(session=session).values_list(
            "question", "answer", "count"
        )
    }
    return rules.evaluation_results(
        counts, ends_at=session.ends_at, now=timezone.now(), k=anonymity_floor()
    )


def course_topics(course: Course) -> list[tuple[str, str]]:
    return [(topic, str(Topic(topic).label)) for topic in course.topics if topic in Topic.values]


def course_averages(course: Course) -> list[rules.TopicAverage]:
    """Per topic of the course, the average self-assessed level before and after over all
    its sessions, each withheld below the minimum group of people."""
    rows = (
        SelfRating.objects.filter(enrolment__session__course=course)
        .values("topic", "phase")
        .annotate(
            total=Sum("level"),
            ratings=Count("pk"),
            people=Count("enrolment__person", distinct=True),
        )
        .order_by()
    )
    sums = {(r["topic"], r["phase"]): (r["total"], r["ratings"], r["people"]) for r in rows}
    return rules.topic_averages(course_topics(course), sums, k=anonymity_floor())
