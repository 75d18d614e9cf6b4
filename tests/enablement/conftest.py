"""A hand-computed organisation for the AI-literacy report, its exports and its PDF.

On 2026-12-07 with a target of 50 %: 7 active people have a required training and 3 are
covered (42 %, amber); by unit IT 0 of 1 (red), Platform team 1 of 2 (green), Sales 2 of 4
(green); by role product owner 1 of 1. Not covered: "IT new" (two courses still due),
"IT without retrieval" (retrieval overdue since 2026-03-02), "Sales expired" (safe use
expired 2026-11-01), "Sales never" (safe use overdue since 2026-04-01). "Sales left" is
inactive and counts nowhere.
"""

from __future__ import annotations

import datetime
from datetime import date as D
from typing import Any

import pytest
from django.utils import timezone

from tests.support.enablement import make_course, make_path
from tests.support.personas import make_person, make_unit
from wandel.core.roles import Role
from wandel.enablement.literacy.services import literacy_target_set
from wandel.enablement.trainings.models import Completion, CompletionSource, Course
from wandel.org.models import Person, RoleAssignment

TODAY = D(2026, 12, 7)


def joined(person: Person, day: D) -> Person:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Person.objects.filter(pk=person.pk).update(created_at=moment)
    person.refresh_from_db()
    return person


def done(person: Person, course: Course, day: D) -> None:
    Completion.objects.create(
        person=person, course=course, completed_on=day, source=CompletionSource.RECORDED
    )


@pytest.fixture
def organisation() -> dict[str, Any]:
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
