"""Reads of sprints for the pages: the list by state, one sprint's board with everything on
it, whether its team is interdisciplinary, and the retro actions a person owns. Each costs
the same number of queries however many sprints, tasks, notes or people there are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from wandel.core.roles import Role
from wandel.core.tracking import TrackedStatus
from wandel.enablement.sprints.models import (
    RetroAction,
    RetroEntry,
    RetroKind,
    Sprint,
    SprintNote,
    SprintState,
    SprintTask,
    TaskColumn,
)
from wandel.enablement.sprints.rules import Member, TeamWarning, team_warnings
from wandel.org.models import Person, RoleAssignment
from wandel.portfolio.use_cases.models import UseCase

__all__ = [
    "Board",
    "board",
    "it_people",
    "open_actions_of",
    "sprint_detail",
    "sprints",
    "team_check",
]

# The order the list shows the states in.
STATE_ORDER = (SprintState.RUNNING, SprintState.PLANNED, SprintState.ENDED)


def sprints(state: str, use_case_id: int | None = None) -> QuerySet[Sprint]:
    """The sprints in ``state`` (of one use case when given), each with its use cases, the
    size of its team and how many of its tasks are done; the running and planned soonest
    first, the ended latest first."""
    found = Sprint.objects.filter(state=state)
    if use_case_id is not None:
        found = found.filter(use_cases=use_case_id)
    order = ("-ends_on", "-pk") if state == SprintState.ENDED else ("starts_on", "pk")
    return (
        found.annotate(
            team_size=Count("team", distinct=True),
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__column=TaskColumn.DONE), distinct=True),
        )
        .prefetch_related(
            Prefetch("use_cases", queryset=UseCase.objects.only("pk", "title", "stage"))
        )
        .order_by(*order)
    )


def sprint_detail(pk: int) -> Sprint:
    """One sprint with its use cases (and their product owners) and its team (and their
    units), as the permission checks and the forms need them."""
    return Sprint.objects.prefetch_related(
        Prefetch(
            "use_cases",
            queryset=UseCase.objects.select_related("product_owner", "unit").order_by("title"),
        ),
        Prefetch("team", queryset=Person.objects.select_related("unit").order_by("last_name")),
    ).get(pk=pk)


def it_people(people: Iterable[Person]) -> set[int]:
    """Which of ``people`` hold the IT & security role today."""
    return set(
        RoleAssignment.objects.current()
        .filter(person__in=[p.pk for p in people], role=Role.IT_SECURITY)
        .values_list("person_id", flat=True)
    )


def team_check(people: Iterable[Person]) -> list[TeamWarning]:
    """The team warnings (``rules.team_warnings``) for these people."""
    team = list(people)
    it = it_people(team)
    return team_warnings(Member(p.unit_id, p.pk in it) for p in team)


@dataclass(frozen=True)
class Board:
    """Everything on a sprint's page."""

    columns: list[tuple[TaskColumn, list[SprintTask]]]
    notes: list[SprintNote]
    went_well: list[RetroEntry]
    to_improve: list[RetroEntry]
    actions: list[RetroAction]
    warnings: list[TeamWarning]
    it: set[int]


def board(sprint: Sprint) -> Board:
    """The board of ``sprint`` (from ``sprint_detail``): the cards by column, the daily
    notes newest first, the retro and its actions, and the team check."""
    tasks = list(sprint.tasks.select_related("assignee").order_by("pk"))
    retro = list(sprint.retro.select_related("author").order_by("pk"))
    team = list(sprint.team.all())
    it = it_people(team)
    return Board(
        columns=[(column, [t for t in tasks if t.column == column]) for column in TaskColumn],
        notes=list(sprint.notes.select_related("author").order_by("-written_on", "-pk")),
        went_well=[e for e in retro if e.kind == RetroKind.WENT_WELL],
        to_improve=[e for e in retro if e.kind == RetroKind.TO_IMPROVE],
        actions=list(sprint.actions.select_related("owner", "closed_by").order_by("pk")),
        warnings=team_warnings(Member(p.unit_id, p.pk in it) for p in team),
        it=it,
    )


def open_actions_of(person: Person) -> QuerySet[RetroAction]:
    """The retro actions ``person`` owns that are not done, soonest due first."""
    return (
        RetroAction.objects.filter(owner=person)
        .exclude(status=TrackedStatus.DONE)
        .order_by("due_on", "pk")
    )
