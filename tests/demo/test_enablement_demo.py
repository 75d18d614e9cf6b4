"""The demo's trainings: the catalogue, the paths, a year of sessions with attendance, the
coming sessions with a waiting list, coverage that differs by division; its user groups,
events and co-creation sprints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from wandel.enablement.community.models import Event, Registration, UserGroup
from wandel.enablement.literacy.queries import literacy_report, person_status
from wandel.enablement.literacy.rules import Light
from wandel.enablement.sprints.models import RetroAction, Sprint
from wandel.enablement.trainings.models import (
    Completion,
    CompletionSource,
    Course,
    Enrolment,
    EnrolmentStatus,
    LearningPath,
    TrainingSession,
)
from wandel.org.models import Person

# The small demo is loaded once for the module (tests/support/demo.py).
pytestmark = pytest.mark.django_db


def test_the_demo_has_fifteen_courses_and_paths_for_everyone_owners_and_it(small_demo):
    assert Course.objects.count() == 15
    assert sorted(LearningPath.objects.values_list("name", flat=True)) == [
        "Alle Beschäftigten",
        "Entwicklung und IT",
        "Product Owner",
    ]


def test_a_year_of_sessions_left_attendance_and_completions(small_demo):
    now = timezone.now()
    past = TrainingSession.objects.filter(starts_at__lt=now)
    assert past.filter(starts_at__lt=now - timedelta(days=300)).exists()
    assert not past.filter(attendance_taken_at__isnull=True).exists()
    assert Enrolment.objects.filter(session__in=past, attended=True).count() == (
        Completion.objects.filter(source=CompletionSource.SESSION).count()
    )
    assert Completion.objects.filter(source=CompletionSource.LMS).exists()


def test_the_coming_weeks_have_sessions_one_full_with_a_waiting_list(small_demo):
    coming = TrainingSession.objects.filter(starts_at__gt=timezone.now())
    assert coming.count() == 8
    waiting = Enrolment.objects.filter(session__in=coming, status=EnrolmentStatus.WAITING)
    assert waiting.count() == 2
    employee = Person.objects.get(user__email="employee@example.com")
    assert Enrolment.objects.filter(session__in=coming, person=employee).exists()
    assert person_status(employee).states  # the employee has a path


def test_coverage_is_green_amber_and_red_in_different_units(small_demo):
    report = literacy_report()

    assert report.target == 90
    lights = {row.label: row.light for row in report.by_unit}
    assert set(lights.values()) == {Light.GREEN, Light.AMBER, Light.RED}
    assert report.total.coverage.required == Person.objects.filter(active=True).count()


def test_two_user_groups_meet_and_events_have_registrations(small_demo):
    assert sorted(UserGroup.objects.values_list("name", flat=True)) == [
        "Prompting-Zirkel Vertrieb",
        "RAG-Werkstatt",
    ]
    assert Event.objects.filter(kind="group_meeting").count() == 2
    registered = Registration.objects.filter(status="registered")
    assert registered.filter(event__title__startswith="KI-Frühstück").count() == 23


def test_three_sprints_two_ended_with_their_retro_one_running_with_its_board(small_demo):
    sprints = {sprint.title: sprint for sprint in Sprint.objects.all()}
    assert {title: sprint.state for title, sprint in sprints.items()} == {
        "Sprint 8D-Berichte": "ended",
        "Sprint Fehlerberichte": "ended",
        "Sprint Normenrecherche": "running",
    }
    running = sprints["Sprint Normenrecherche"]
    assert running.use_cases.get().title == "Normenrecherche für die Konstruktion"
    columns = sorted(running.tasks.values_list("column", flat=True))
    assert columns == ["doing", "done", "done", "todo", "todo"]
    assert RetroAction.objects.filter(sprint=sprints["Sprint Fehlerberichte"]).count() == 1
