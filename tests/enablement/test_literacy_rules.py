"""The rules of AI-literacy evidence: whom a path applies to and by when, how long a
completion counts, and coverage with its traffic light."""

from __future__ import annotations

from datetime import date as D

import pytest

from wandel.enablement.literacy.rules import (
    CourseState,
    CourseStatus,
    Coverage,
    Light,
    Member,
    PathRule,
    Requirement,
    add_months,
    course_state,
    is_covered,
    path_since,
    requirements,
    valid_until,
)


def path(
    *,
    roles=(),
    units=(),
    starts_on=D(2026, 1, 1),
    within_days=90,
    courses=(1,),
    pk=1,
) -> PathRule:
    return PathRule(pk, frozenset(roles), frozenset(units), starts_on, within_days, tuple(courses))


def member(*, joined=D(2020, 5, 1), roles=None, units=(10,)) -> Member:
    return Member(joined, roles or {}, frozenset(units))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 12, D(2027, 1, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 12, 1), 1, D(2027, 1, 1)),
        (D(2026, 3, 31), 24, D(2028, 3, 31)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_month_s_last(day, months, expected):
    assert add_months(day, months) == expected


def test_a_completion_counts_until_its_validity_runs_out():
    assert valid_until(D(2026, 2, 10), 12) == D(2027, 2, 10)
    assert valid_until(D(2026, 2, 10), None) is None


def test_a_path_for_everyone_starts_at_its_start_or_when_the_person_joined():
    assert path_since(path(), member(joined=D(2020, 5, 1))) == D(2026, 1, 1)
    assert path_since(path(), member(joined=D(2026, 3, 2))) == D(2026, 3, 2)
    assert path_since(path(roles={"employee"}), member()) == D(2026, 1, 1)


def test_a_path_for_roles_applies_from_the_earliest_matching_role():
    for_owners = path(roles={"product_owner", "it_security"})
    assert path_since(for_owners, member()) is None
    assert path_since(for_owners, member(roles={"trainer": D(2025, 1, 1)})) is None
    owner = member(roles={"product_owner": D(2026, 6, 1), "it_security": D(2026, 4, 1)})
    assert path_since(for_owners, owner) == D(2026, 4, 1)
    assert path_since(for_owners, member(roles={"product_owner": D(2025, 1, 1)})) == D(2026, 1, 1)


def test_a_path_for_units_applies_to_them_and_the_units_below():
    for_it = path(units={7})
    assert path_since(for_it, member(units={10, 3})) is None
    assert path_since(for_it, member(units={10, 7, 3})) == D(2026, 1, 1)
    both = path(units={7}, roles={"product_owner"})
    assert path_since(both, member(units={7})) is None
    assert path_since(both, member(units={7}, roles={"product_owner": D(2026, 2, 1)})) == D(
        2026, 2, 1
    )


def test_a_course_on_two_paths_is_due_at_the_earlier_date():
    everyone = path(pk=1, courses=(1, 2), within_days=90)
    owners = path(pk=2, roles={"product_owner"}, courses=(2, 3), within_days=30)
    owner = member(roles={"product_owner": D(2026, 1, 1)})

    assert requirements([everyone, owners], owner) == {
        1: Requirement(1, D(2026, 4, 1)),
        2: Requirement(2, D(2026, 1, 31)),
        3: Requirement(3, D(2026, 1, 31)),
    }
    assert requirements([everyone, owners], member()) == {
        1: Requirement(1, D(2026, 4, 1)),
        2: Requirement(2, D(2026, 4, 1)),
    }
    assert requirements([owners], member()) == {}


REQUIRED = Requirement(5, D(2026, 6, 30))


def test_a_course_never_done_is_due_until_its_date_and_overdue_after():
    assert course_state(REQUIRED, [], 12, D(2026, 6, 30)) == CourseState(
        5, CourseStatus.DUE, D(2026, 6, 30)
    )
    assert course_state(REQUIRED, [], 12, D(2026, 7, 1)) == CourseState(
        5, CourseStatus.OVERDUE, D(2026, 6, 30)
    )


def test_the_latest_completion_counts_while_valid():
    done = course_state(REQUIRED, [D(2025, 3, 1), D(2026, 3, 1)], 12, D(2026, 7, 1))
    assert done == CourseState(5, CourseStatus.DONE, D(2027, 3, 1), D(2026, 3, 1), D(2027, 3, 1))


def test_a_completion_is_expiring_in_its_last_thirty_days():
    assert course_state(REQUIRED, [D(2025, 8, 1)], 12, D(2026, 7, 1)).status == (CourseStatus.DONE)
    expiring = course_state(REQUIRED, [D(2025, 8, 1)], 12, D(2026, 7, 2))
    assert expiring == CourseState(
        5, CourseStatus.EXPIRING, D(2026, 8, 1), D(2025, 8, 1), D(2026, 8, 1)
    )
    last_day = course_state(REQUIRED, [D(2025, 8, 1)], 12, D(2026, 7, 31))
    assert last_day.status == CourseStatus.EXPIRING


def test_an_expired_completion_is_overdue_from_the_day_it_expires():
    expired = course_state(REQUIRED, [D(2025, 8, 1)], 12, D(2026, 8, 1))
    assert expired == CourseState(
        5, CourseStatus.OVERDUE, D(2026, 8, 1), D(2025, 8, 1), D(2026, 8, 1)
    )


def test_a_course_without_validity_never_expires():
    assert course_state(REQUIRED, [D(2019, 1, 1)], None, D(2030, 1, 1)) == CourseState(
        5, CourseStatus.DONE, None, D(2019, 1, 1), None
    )


def test_a_completion_dated_ahead_does_not_count_yet():
    assert course_state(REQUIRED, [D(2026, 7, 2)], 12, D(2026, 7, 1)).status == (
        CourseStatus.OVERDUE
    )


def test_a_person_is_covered_when_every_required_course_is_done_or_expiring():
    done = CourseState(1, CourseStatus.DONE, None)
    expiring = CourseState(2, CourseStatus.EXPIRING, D(2026, 7, 1))
    due = CourseState(3, CourseStatus.DUE, D(2026, 7, 1))
    overdue = CourseState(4, CourseStatus.OVERDUE, D(2026, 7, 1))
    assert is_covered([done, expiring])
    assert not is_covered([done, due])
    assert not is_covered([overdue, done])


@pytest.mark.parametrize(
    ("covered", "required", "percent", "light"),
    [
        (9, 10, 90, Light.GREEN),
        (10, 10, 100, Light.GREEN),
        (899, 1000, 89, Light.AMBER),
        (8, 10, 80, Light.AMBER),
        (799, 1000, 79, Light.RED),
        (0, 3, 0, Light.RED),
        (2, 3, 66, Light.RED),
    ],
)
def test_coverage_is_rounded_down_and_lit_against_the_target(covered, required, percent, light):
    coverage = Coverage(covered, required)
    assert coverage.percent == percent
    assert coverage.light(90) == light


def test_coverage_without_anyone_required_has_no_figure():
    assert Coverage(0, 0).percent is None
    assert Coverage(0, 0).light(90) is None


def test_coverages_add_up():
    assert Coverage(3, 4) + Coverage(1, 6) == Coverage(4, 10)
