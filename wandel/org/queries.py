"""Reads of the org app for pages, API and exports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.charts.scatter import Mark, Scatter, scatter
from wandel.core.collation import name_order
from wandel.core.filters import QueryFilters, choice, parse_id, text
from wandel.core.queries import Figure, count_of
from wandel.core.roles import Permission
from wandel.org.models import (
    Concern,
    ConcernStatus,
    Person,
    RoleAssignment,
    StakeholderGroup,
    Touchpoint,
    Unit,
)
from wandel.org.stakeholders import HIGH_FROM, Strategy


@dataclass
class UnitNode:
    unit: Unit
    depth: int
    people: int
    children: list[UnitNode] = field(default_factory=list)


def tree_order() -> list[tuple[int, int]]:
    """Every unit as ``(pk, depth)`` in the order of the tree: parents before their
    sub-units, sisters by name. One query of ids and names, however many units."""
    children: dict[int | None, list[tuple[str, int]]] = defaultdict(list)
    for pk, parent_id, name in Unit.objects.values_list("pk", "parent_id", "name"):
        children[parent_id].append((name.lower(), pk))
    ordered: list[tuple[int, int]] = []
    stack = [(pk, 0) for _name, pk in sorted(children[None], reverse=True)]
    while stack:
        pk, depth = stack.pop()
        ordered.append((pk, depth))
        stack.extend((child, depth + 1) for _name, child in sorted(children[pk], reverse=True))
    return ordered


class UnitTree(Sequence[UnitNode]):
    """The units in the order of the tree, each with its depth and headcount. Only the units
    of the slice asked for are read (in one query), so the list page and the API read a page
    of units, not the whole organisation."""

    def __init__(self) -> None:
        self.order = tree_order()

    def __len__(self) -> int:
        return len(self.order)

    @overload
    def __getitem__(self, index: int) -> UnitNode: ...
    @overload
    def __getitem__(self, index: slice) -> list[UnitNode]: ...
    def __getitem__(self, index: int | slice) -> UnitNode | list[UnitNode]:
        if isinstance(index, slice):
            return self._nodes(self.order[index])
        return self._nodes([self.order[index]])[0]

    @staticmethod
    def _nodes(places: list[tuple[int, int]]) -> list[UnitNode]:
        headcount = count_of(Person.objects.filter(unit=OuterRef("pk"), active=True), "unit")
        units = (
            Unit.objects.select_related("parent")
            .annotate(headcount=headcount)
            .in_bulk([pk for pk, _depth in places])
        )
        return [
            UnitNode(units[pk], depth, units[pk].headcount)  # type: ignore[attr-defined]
            for pk, depth in places
        ]


class TreeUnits(Sequence[Unit]):
    """The units of ``UnitTree`` without depth and headcount, as the API lists them."""

    def __init__(self) -> None:
        self.tree = UnitTree()

    def __len__(self) -> int:
        return len(self.tree)

    @overload
    def __getitem__(self, index: int) -> Unit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Unit]: ...
    def __getitem__(self, index: int | slice) -> Unit | list[Unit]:
        if isinstance(index, slice):
            return [node.unit for node in self.tree[index]]
        return self.tree[index].unit


# Deeper than any organisation chart; the climb stops there should the tree ever hold a loop.
MAX_TREE_DEPTH = 100
_ANCESTORS = f"""
    WITH RECURSIVE up(id, depth) AS (
        SELECT parent_id, 1 FROM {Unit._meta.db_table} WHERE id = %s
        UNION ALL
        SELECT unit.parent_id, up.depth + 1 FROM {Unit._meta.db_table} unit
        JOIN up ON unit.id = up.id WHERE up.depth < %s
    )
    SELECT unit.* FROM {Unit._meta.db_table} unit JOIN up ON unit.id = up.id
    ORDER BY up.depth DESC
"""  # noqa: S608 (the table's name, no input)


def unit_path(unit: Unit) -> list[Unit]:
    """The unit's ancestors from the top down, in one query that climbs the tree in the
    database and reads only the units on the way."""
    return list(Unit.objects.raw(_ANCESTORS, [unit.pk, MAX_TREE_DEPTH]))


class Presence(models.TextChoices):
    """Whom a people list shows: ``active`` in the query string, ``true`` by default."""

    ACTIVE = "true", _("Active")
    LEFT = "false", _("Left the organisation")
    ALL = "all", _("Everyone")


# Each word of a search adds a condition; a handful of words is enough to find anyone.
MAX_SEARCH_WORDS = 10
MAX_SEARCH_LENGTH = 200


@dataclass(frozen=True)
class PeopleFilters(QueryFilters):
    """The filters of the people list, the same on the page and in the API.

    ``q``: every word must be part of the first or last name, the e-mail address or the job
    title, or be the employee ID. ``unit``: a unit's code, or else its id; only the people
    directly in that unit. ``active``: see ``Presence``.
    """

    q: str = text(MAX_SEARCH_LENGTH)
    unit: str = text(MAX_SEARCH_LENGTH)
    active: Presence = choice(Presence, Presence.ACTIVE)

    @property
    def words(self) -> list[str]:
        return self.q.split()[:MAX_SEARCH_WORDS]


def people(filters: PeopleFilters) -> QuerySet[Person]:
    """People by last name, then first name, with the roles they hold today."""
    result = Person.objects.select_related("unit", "user").prefetch_related(
        Prefetch("roles", queryset=RoleAssignment.objects.current(), to_attr="current_roles")
    )
    if filters.active != Presence.ALL:
        result = result.filter(active=filters.active == Presence.ACTIVE)
    if filters.unit:
        result = result.filter(_in_unit(filters.unit))
    return matching_people(result, filters.q).order_by(*name_order("last_name", "first_name"), "pk")


def matching_people[P: QuerySet[Any]](people: P, q: str) -> P:
    """Those of ``people`` of whom every word of ``q`` is part of the first or last name,
    the e-mail address or the job title, or is the employee ID.

    The four columns are one, ``search_text``, which the database keeps; on PostgreSQL a
    trigram index on it and one on the employee ID in any case serve the search (migration
    ``org/0003``); SQLite scans, which is fast enough at the sizes it is meant for."""
    for word in q.split()[:MAX_SEARCH_WORDS]:
        people = people.filter(Q(search_text__icontains=word) | Q(employee_id__iexact=word))
    return people


def _in_unit(value: str) -> Q:
    """The people of the unit with this code; if no unit has it and it is a number, of the
    unit with that id. Codes win because HR codes are often numbers themselves."""
    by_code = Q(unit__code=value)
    unit_id = parse_id(value)
    if unit_id is None:
        return by_code
    return by_code | Q(Q(unit_id=unit_id), ~Exists(Unit.objects.filter(code=value)))


def person_detail(pk: int) -> Person:
    return (
        Person.objects.select_related("unit", "user")
        .prefetch_related(
            Prefetch("roles", queryset=RoleAssignment.objects.current(), to_attr="current_roles")
        )
        .get(pk=pk)
    )


def role_history(person: Person) -> QuerySet[RoleAssignment]:
    """Current roles first (on either database), then by when they were assigned."""
    return person.roles.select_related("assigned_by", "ended_by").order_by(
        F("ended_on").asc(nulls_first=True), "-assigned_on", "-pk"
    )


def stakeholder_groups() -> QuerySet[StakeholderGroup]:
    """By name, with their units and counts of open concerns and touchpoints."""
    return (
        StakeholderGroup.objects.select_related("contact")
        .prefetch_related("units")
        .annotate(
            open_concerns=Count(
                "concerns", filter=Q(concerns__status=ConcernStatus.OPEN), distinct=True
            ),
            touchpoint_count=Count("touchpoints", distinct=True),
        )
        .order_by("name")
    )


def stakeholder_detail(pk: int) -> StakeholderGroup:
    return stakeholder_groups().get(pk=pk)


def concerns_of(group: StakeholderGroup) -> QuerySet[Concern]:
    """Open concerns first, newest first within each status."""
    open_first = Case(When(status=ConcernStatus.OPEN, then=Value(0)), default=Value(1))
    return group.concerns.order_by(open_first, "-raised_on", "-pk")


def touchpoints_of(group: StakeholderGroup) -> QuerySet[Touchpoint]:
    return group.touchpoints.select_related("recorded_by")


def power_interest_grid(
    groups: list[StakeholderGroup], size: int = 480
) -> Scatter[StakeholderGroup]:
    """The power/interest grid: interest 1–5 left to right, power 1–5 bottom to top.

    Each score is a band of the axis, so the dividers sit between the bands where
    ``stakeholders.HIGH_FROM`` starts, and a dot's quadrant on the picture is the strategy the
    list shows. Groups with the same scores are fanned out so that no dot hides another.
    """
    marks = [
        Mark(group, group.interest, group.power, kind="dot", url=group.get_absolute_url())
        for group in groups
    ]
    return scatter(
        marks,
        low=0.5,
        high=5.5,
        divide_at=HIGH_FROM - 0.5,
        quadrants=[
            Strategy.KEEP_SATISFIED.label,
            Strategy.MANAGE_CLOSELY.label,
            Strategy.MONITOR.label,
            Strategy.KEEP_INFORMED.label,
        ],
        size=size,
        margin=48,
        radius=(9, 9),
        spread=20,
    )


def overview_figures(user: Any) -> list[Figure]:
    figures: list[Figure] = []
    if user.has_perm(Permission.VIEW_UNITS):
        figures.append(Figure(_("Units"), Unit.objects.count(), reverse("org:unit_list")))
    if user.has_perm(Permission.VIEW_PEOPLE):
        figures.append(
            Figure(
                _("People"), Person.objects.filter(active=True).count(), reverse("org:person_list")
            )
        )
    if user.has_perm(Permission.VIEW_STAKEHOLDERS):
        figures.append(
            Figure(
                _("Stakeholder groups"),
                StakeholderGroup.objects.count(),
                reverse("org:stakeholder_list"),
            )
        )
        figures.append(
            Figure(
                _("Open concerns"),
                Concern.objects.filter(status=ConcernStatus.OPEN).count(),
                reverse("org:stakeholder_list"),
            )
        )
    return figures
