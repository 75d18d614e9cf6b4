"""The AI-literacy report against a hand-computed organisation: who is covered on
2026-12-07, per unit and role, with validity expiry, role and unit paths and a target."""

from __future__ import annotations

from datetime import date as D

import pytest

from tests.enablement.conftest import TODAY, done
from wandel.enablement.literacy.queries import literacy_report, person_status
from wandel.enablement.trainings.models import Completion

pytestmark = pytest.mark.django_db


def figures(row) -> tuple[int, int, int | None, str | None]:
    light = row.light
    return (row.coverage.covered, row.coverage.required, row.coverage.percent, light and str(light))


def test_the_organisation_s_coverage_by_unit_and_role(organisation):
    report = literacy_report(today=TODAY, with_people=True)

    assert figures(report.total) == (3, 7, 42, "amber")
    assert {row.label: figures(row) for row in report.by_unit} == {
        "IT": (0, 1, 0, "red"),
        "Platform team": (1, 2, 50, "green"),
        "Sales": (2, 4, 50, "green"),
    }
    assert {row.role: figures(row) for row in report.by_role} == {
        "product_owner": (1, 1, 100, "green")
    }
    assert sorted(s.person.last_name for s in report.not_covered) == [
        "IT new",
        "IT without retrieval",
        "Sales expired",
        "Sales never",
    ]


def test_a_unit_s_report_covers_it_and_the_units_below(organisation):
    report = literacy_report(organisation["it"], today=TODAY)

    assert figures(report.total) == (1, 3, 33, "red")
    assert [row.label for row in report.by_unit] == ["IT", "Platform team"]
    assert report.people == []


def test_a_person_s_path_shows_each_required_course_with_its_state(organisation):
    people = organisation["people"]

    def states(name):
        status = person_status(people[name], TODAY)
        return sorted(
            (s.status.value if hasattr(s.status, "value") else s.status, str(s.due))
            for s in status.states
        )

    assert states("Sales expired") == [("overdue", "2026-11-01")]
    assert states("Sales never") == [("overdue", "2026-04-01")]
    assert states("Sales covered") == [("done", "2027-03-01")]
    assert states("Sales owner") == [("done", "2027-02-01"), ("done", "None")]
    assert states("IT without retrieval") == [("done", "2027-06-01"), ("overdue", "2026-03-02")]
    assert states("IT new") == [("due", "2027-01-19"), ("due", "2027-02-18")]


def test_coverage_changes_when_the_expired_refresh_their_training(organisation):
    people = organisation["people"]
    safe_use = people["Sales expired"]
    course = Completion.objects.filter(person=safe_use).get().course

    done(safe_use, course, D(2026, 12, 1))

    report = literacy_report(organisation["sales"], today=TODAY)
    assert figures(report.total) == (3, 4, 75, "green")
