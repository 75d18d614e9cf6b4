"""The unit tree's reads: a unit's ancestors, and the tree in order a page at a time."""

from __future__ import annotations

import pytest

from tests.support.personas import make_unit
from wandel.org.queries import TreeUnits, UnitTree, tree_order, unit_path

pytestmark = pytest.mark.django_db


def test_a_units_path_runs_from_the_top_down_to_its_parent(django_assert_num_queries):
    top = make_unit(name="Vorstand")
    division = make_unit(name="Vertrieb", parent=top)
    region = make_unit(name="Region Süd", parent=division)
    team = make_unit(name="Team München", parent=region)
    make_unit(name="Elsewhere", parent=top)

    with django_assert_num_queries(1):
        path = unit_path(team)

    assert [unit.name for unit in path] == ["Vorstand", "Vertrieb", "Region Süd"]
    assert unit_path(top) == []
    assert [unit.name for unit in unit_path(division)] == ["Vorstand"]


def test_the_tree_order_puts_sub_units_after_their_parent_and_sisters_by_name():
    b = make_unit(name="b-Oben")
    a = make_unit(name="A-Oben")
    b2 = make_unit(name="Zwei", parent=b)
    b1 = make_unit(name="eins", parent=b)
    deep = make_unit(name="Tief", parent=b1)

    assert tree_order() == [(a.pk, 0), (b.pk, 0), (b1.pk, 1), (deep.pk, 2), (b2.pk, 1)]


def test_a_slice_of_the_tree_reads_only_its_units_in_one_query(django_assert_num_queries):
    top = make_unit(name="Oben")
    for number in range(5):
        make_unit(name=f"Unten {number}", parent=top)
    tree = UnitTree()

    with django_assert_num_queries(1):
        nodes = tree[2:4]

    assert [(node.unit.name, node.depth) for node in nodes] == [("Unten 1", 1), ("Unten 2", 1)]
    assert len(tree) == 6
    assert tree[0].unit == top
    assert [unit.name for unit in TreeUnits()[:2]] == ["Oben", "Unten 0"]
    assert TreeUnits()[1].name == "Unten 0"
