"""`first_rows`: the start of a list and its length, in one query whatever the length."""

from __future__ import annotations

import pytest

from tests.support.personas import make_unit
from wandel.core.queries import first_rows
from wandel.org.models import Unit

pytestmark = pytest.mark.django_db


def test_the_first_rows_and_the_total_come_in_one_query(django_assert_num_queries):
    for number in range(7):
        make_unit(name=f"Unit {number}")
    units = Unit.objects.filter(name__startswith="Unit ").order_by("name")

    with django_assert_num_queries(1):
        first = first_rows(units, 3)

    assert [unit.name for unit in first.rows] == ["Unit 0", "Unit 1", "Unit 2"]
    assert first.total == 7
    assert first.more == 4


def test_a_list_shorter_than_the_limit_is_whole_and_an_empty_one_counts_nothing():
    make_unit(name="Unit A")
    make_unit(name="Unit B")

    whole = first_rows(Unit.objects.filter(name__startswith="Unit ").order_by("name"), 25)
    empty = first_rows(Unit.objects.filter(name="nobody"), 25)

    assert ([u.name for u in whole.rows], whole.total, whole.more) == (["Unit A", "Unit B"], 2, 0)
    assert (empty.rows, empty.total, empty.more) == ([], 0, 0)


def test_the_total_counts_the_filtered_rows_not_the_joined_ones(django_assert_num_queries):
    parent = make_unit(name="Parent")
    for number in range(4):
        make_unit(name=f"Child {number}", parent=parent)
    make_unit(name="Elsewhere")
    children = Unit.objects.filter(parent=parent).select_related("parent").order_by("-name")

    with django_assert_num_queries(1):
        first = first_rows(children, 2)

    assert [(u.name, u.parent.name) for u in first.rows] == [
        ("Child 3", "Parent"),
        ("Child 2", "Parent"),
    ]
    assert first.total == 4


def test_a_list_grouped_by_an_aggregate_is_counted_by_its_groups():
    from django.db.models import Count

    parent = make_unit(name="Parent")
    make_unit(name="Child", parent=parent)
    make_unit(name="Other child", parent=parent)
    grouped = Unit.objects.annotate(below=Count("children")).order_by("-below", "name")

    first = first_rows(grouped, 1)

    assert [(u.name, u.below) for u in first.rows] == [("Parent", 2)]
    assert first.total == 3


def test_a_distinct_list_counts_each_row_once():
    parent = make_unit(name="Parent")
    make_unit(name="Child 1", parent=parent)
    make_unit(name="Child 2", parent=parent)
    lonely = make_unit(name="Lonely parent")
    make_unit(name="Child 3", parent=lonely)
    # The join to the children repeats Parent; distinct shows it once.
    parents = Unit.objects.filter(children__name__startswith="Child ").distinct().order_by("name")

    first = first_rows(parents, 1)

    assert [u.name for u in first.rows] == ["Lonely parent"]
    assert first.total == 2
