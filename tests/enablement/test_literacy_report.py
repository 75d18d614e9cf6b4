"""The AI-literacy report against a hand-computed organisation: who is covered on
2026-12-07, per unit and role, with validity expiry, role and unit paths and a target."""

from __future__ import annotations

import datetime
from datetime import date as D

import pytest
from django.utils import timezone

from tests.support.enablement import make_course, make_path
from tests.support.personas import make_person, make_unit
from wandel.core.roles import Role
from wandel.enablement.literacy.queries import literacy_report, person_status
from wandel.enablement.literacy.services import literacy_target_set
from wandel.enablement.trainings.models import Completion, CompletionSource
from wandel.org.models import Person, RoleAssignment

pytestmark = pytest.mark.django_db

TODAY = D(2026, 12, 7)


def joined(person: Person, day: D) -> Person:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Person.objects.filter(pk=person.pk).update(created_at=moment)
    person.refresh_from_db()
    return person


def done(person: Person, course, day: D) -> None:
    Completion.objects.create(
        person=person, course=course, completed_on=day, source=CompletionSource.RECORDED
    )


@pytest.fixture
def organisation():
    root = make_unit("ORG", "Organisation")
    sales = make_unit("SAL", "Sales", parent=root)
    it = make_unit("IT", "IT", parent=root)
    platform = make_unit("PLT", "Platform team", parent=it)
    safe_use = make_course("Safe use", validity_months=12)
    value = make_course("Measuring use-case value", validity_months=None)
    retrieval = make_course("Retrieval and guardrails", validity_months=24)
    make_path([safe_use], name="Everyone", within=90)
    make_path([value], name="Product owners", roles=["product_owner"], within=30)
    make_path([retrieval], name="Developers", units=[it], within=60)
    people = {}
    for name, unit in [
        ("Sales covered", sales),
        ("Sales expired", sales),
        ("Sales never", sales),
        ("Sales owner", sales),
        ("IT covered", platform),
        ("IT without retrieval", it),
        ("IT new", platform),
        ("Sales left", sales),
    ]:
        people[name] = joined(make_person(last_name=name, unit=unit, account=False), D(2025, 1, 1))
    joined(people["IT new"], D(2026, 11, 20))
    Person.objects.filter(pk=people["Sales left"].pk).update(active=False)
    RoleAssignment.objects.create(
        person=people["Sales owner"], role=Role.PRODUCT_OWNER, assigned_on=D(2026, 1, 1)
    )
    done(people["Sales covered"], safe_use, D(2026, 3, 1))
    done(people["Sales expired"], safe_use, D(2025, 11, 1))
    done(people["Sales owner"], safe_use, D(2026, 2, 1))
    done(people["Sales owner"], value, D(2026, 2, 10))
    done(people["IT covered"], safe_use, D(2026, 6, 1))
    done(people["IT covered"], retrieval, D(2026, 6, 2))
    done(people["IT without retrieval"], safe_use, D(2026, 6, 1))
    done(people["Sales left"], safe_use, D(2026, 6, 1))
    literacy_target_set(target_percent=50, actor=None)
    return {"people": people, "it": it, "sales": sales}


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
