"""One of everything, for tests that walk every page or endpoint (the authorization matrix,
the audit-on-every-write test): each object in the state most actions start from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import User
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Unit
from wandel.portfolio.measures.models import Kpi, QualityRequirement
from wandel.portfolio.use_cases.models import Criterion, FactChange, UseCase
from wandel.portfolio.workshops.models import Workshop


@dataclass
class World:
    ids: dict[str, int] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        return self.ids[key]

    def get(self, key: str, default: int = 1) -> int:
        return self.ids.get(key, default)

    def add(self, key: str, obj: Any) -> Any:
        self.objects[key] = obj
        self.ids[key] = obj.pk
        return obj


def build_world(facilitator: User | None = None) -> World:
    world = World()
    unit = world.add("unit", Unit.objects.create(code="M", name="Matrix"))
    world.add("other_unit", Unit.objects.create(code="M2", name="Matrix two", parent=unit))
    person = world.add("person", make_person(unit=unit, account=False))
    # An invited account (no password yet), for the pages that act on accounts.
    invited = make_person(unit=unit)
    assert invited.user is not None
    invited.user.set_unusable_password()
    invited.user.save(update_fields=["password"])
    world.add("account", invited.user)
    world.add(
        "assignment",
        RoleAssignment.objects.create(person=person, role="trainer", assigned_on="2020-01-01"),
    )
    group = world.add(
        "group", StakeholderGroup.objects.create(name="Matrix group", power=3, interest=3)
    )
    world.add("concern", Concern.objects.create(group=group, text="A concern"))
    use_case = world.add("use_case", make_use_case(unit=unit))
    workshop = world.add(
        "workshop",
        Workshop.objects.create(
            title="Matrix workshop", held_on="2026-11-01", facilitator=facilitator
        ),
    )
    workshop.ideas.add(use_case)
    world.add(
        "requirement", QualityRequirement.objects.create(use_case=use_case, text="Matrix criterion")
    )
    world.add(
        "kpi",
        Kpi.objects.create(
            use_case=use_case,
            name="Matrix KPI",
            unit_of_measure="min",
            direction="lower",
            baseline_value=10,
            baseline_date="2025-01-01",
            target_value=5,
            target_date="2025-12-31",
        ),
    )
    world.add("criterion", Criterion.objects.filter(active=True).first())
    world.add(
        "fact_change",
        FactChange.objects.create(
            use_case=use_case, field="personal_data", old_value=True, new_value=False
        ),
    )
    _governance(world, use_case, person)
    _enablement(world, person)
    _office_hours(world, person)
    _feedback_box(world)
    _surveys(world)
    _survey_results(world)
    return world


def _survey_results(world: World) -> None:
    """A closed wave of six answers before the survey's planned one: results to read."""
    from tests.support.surveys import adkar, respond, wave_of

    wave = wave_of(world.objects["survey"], number=0, groups=[("M", "Matrix", "", 10)])
    for _index in range(6):
        respond(wave, "M", adkar(4, 4, 4, 4, 4))


def _enablement(world: World, person: Person) -> None:
    from django.core.files.base import ContentFile

    from wandel.enablement.trainings.models import (
        Course,
        CourseFile,
        Enrolment,
        LearningPath,
        PathCourse,
        TrainingSession,
    )

    course = world.add(
        "course",
        Course.objects.create(
            title="Matrix course", description="d", topics=["prompting"], duration_minutes=60
        ),
    )
    path = world.add("path", LearningPath.objects.create(name="Matrix path"))
    PathCourse.objects.create(path=path, course=course)
    handout = CourseFile(course=course, title="Matrix handout", original_name="handout.pdf", size=8)
    handout.file.save("handout.pdf", ContentFile(b"%PDF-1.7"), save=True)
    world.add("course_file", handout)
    session = world.add(
        "session",
        TrainingSession.objects.create(
            course=course,
            starts_at="2030-01-01T09:00:00Z",
            ends_at="2030-01-01T11:00:00Z",
            capacity=50,
            place="Matrix room",
        ),
    )
    world.add(
        "enrolment", Enrolment.objects.create(session=session, person=person, status="enrolled")
    )
    _community(world, person)
    _sprints(world, person)


def _community(world: World, person: Person) -> None:
    from wandel.enablement.community.models import (
        Event,
        GroupMembership,
        Registration,
        UserGroup,
    )

    # Organised by the world's person, who has no account: no persona organises it.
    group = world.add("user_group", UserGroup.objects.create(name="Matrix user group"))
    GroupMembership.objects.create(group=group, person=person, organiser=True)
    event = world.add(
        "event",
        Event.objects.create(
            title="Matrix meetup",
            kind="meetup",
            starts_at="2030-01-02T09:00:00Z",
            ends_at="2030-01-02T11:00:00Z",
            capacity=50,
            place="Matrix hall",
        ),
    )
    world.add(
        "registration",
        Registration.objects.create(event=event, person=person, status="registered"),
    )


def _sprints(world: World, person: Person) -> None:
    """A running sprint of the world's use case; its team is the world's person, who has no
    account: only those who manage the portfolio may work on it."""
    from wandel.enablement.sprints.models import RetroAction, Sprint, SprintTask

    sprint = world.add(
        "sprint",
        Sprint.objects.create(
            title="Matrix sprint",
            goal="A prototype",
            starts_on="2030-01-01",
            ends_on="2030-01-15",
            state="running",
        ),
    )
    sprint.use_cases.add(world.objects["use_case"])
    sprint.team.add(person)
    world.add("sprint_task", SprintTask.objects.create(sprint=sprint, title="Matrix task"))
    world.add(
        "retro_action",
        RetroAction.objects.create(
            sprint=sprint, text="Matrix action", owner=person, due_on="2030-02-01"
        ),
    )


def _governance(world: World, use_case: UseCase, person: Person) -> None:
    from wandel.governance.ai_act.models import Classification
    from wandel.governance.budgets.models import BudgetRequest
    from wandel.governance.decisions.models import (
        AgendaItem,
        Body,
        BodyMembership,
        Decision,
        DecisionCondition,
        Meeting,
    )
    from wandel.governance.reviews.ethics.models import EthicsCondition, EthicsReview
    from wandel.governance.risks.models import Mitigation, Risk

    body = world.add("body", Body.objects.create(name="Matrix SteerCo", kind="steering_committee"))
    world.add(
        "membership",
        BodyMembership.objects.create(
            body=body, person=person, role_in_body="member", started_on="2025-01-01"
        ),
    )
    meeting = world.add(
        "meeting", Meeting.objects.create(body=body, held_on="2030-01-01", title="Matrix meeting")
    )
    world.add("agenda_item", AgendaItem.objects.create(meeting=meeting, position=1, title="Item"))
    decision = world.add(
        "decision",
        Decision.objects.create(
            body=body,
            decided_on="2025-01-01",
            kind="policy",
            text="Matrix policy",
            outcome="approved_with_conditions",
            recorded_by=make_user(email="matrix.recorder@example.com"),
        ),
    )
    world.add(
        "decision_condition",
        DecisionCondition.objects.create(
            decision=decision, text="Condition", owner=person, due_on="2030-01-01"
        ),
    )
    risk = world.add(
        "risk",
        Risk.objects.create(
            use_case=use_case,
            title="Matrix risk",
            description="d",
            category="security",
            likelihood=3,
            impact=3,
            owner=person,
            review_on="2030-01-01",
        ),
    )
    world.add("mitigation", Mitigation.objects.create(risk=risk, text="Mitigation"))
    world.add(
        "budget_request",
        BudgetRequest.objects.create(
            use_case=use_case, title="Matrix budget", amount_requested=10, requested_on="2025-01-01"
        ),
    )
    review = world.add("ethics_review", EthicsReview.objects.create(use_case=use_case))
    world.add("ethics_condition", EthicsCondition.objects.create(review=review, text="m"))
    world.add(
        "classification",
        Classification.objects.create(
            use_case=use_case,
            questionnaire_version="matrix",
            answers={},
            rationales={},
            risk_class="minimal",
            obligations=["art4_ai_literacy"],
            classified_by=make_user(email="matrix.classifier@example.com"),
        ),
    )


def _office_hours(world: World, person: Person) -> None:
    """Office hours on Mondays 14:00–15:00 in Berlin, hosted by the world's person (who has
    no account), and a booking of the same person far ahead: no persona hosts or booked."""
    import datetime

    from wandel.feedback.officehours.models import Booking, OfficeHourSeries

    series = world.add(
        "office_hours",
        OfficeHourSeries.objects.create(
            host=person,
            weekday=0,
            starts=datetime.time(14),
            ends=datetime.time(15),
            slot_minutes=15,
            first_date=datetime.date(2026, 1, 1),
            place="Matrix office",
        ),
    )
    world.add(
        "office_hours_booking",
        Booking.objects.create(
            series=series,
            person=person,
            starts_at="2030-01-07T13:00:00Z",
            topic="Matrix topic",
        ),
    )


def _feedback_box(world: World) -> None:
    """An anonymous idea, neither answered nor promoted: nobody who signs in posted it."""
    from wandel.feedback.box.models import FeedbackItem

    world.add(
        "feedback_item",
        FeedbackItem.objects.create(
            kind="idea",
            category="tools",
            title="Matrix idea",
            text="Summarise long e-mail threads.",
            anonymous=True,
            posted_on="2026-11-02",
        ),
    )


def _surveys(world: World) -> None:
    """A survey from the ADKAR template with one planned wave (opened where a test needs it)."""
    from datetime import date

    from wandel.feedback.surveys.services import survey_create, wave_plan

    survey = world.add(
        "survey", survey_create(template="adkar", title_en="", title_de="", actor=None)
    )
    world.add(
        "wave",
        wave_plan(
            survey=survey, opens_on=date(2026, 1, 1), closes_on=date(2030, 12, 31), actor=None
        ),
    )
