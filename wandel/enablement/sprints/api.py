"""Co-creation sprints over the REST API, through the pages' services, queries and
permissions: the list by state, one sprint's board, planning one, moving a card and ending a
sprint with its demo's outcome.

Everyone who sees the portfolio sees its sprints (VIEW_USE_CASES); whoever runs one of a
sprint's use cases plans, runs and ends it (``permissions.may_run``), and its team moves the
cards (``permissions.may_work``), exactly as on the pages.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import Id, PersonRef, TrackedItemOut
from wandel.core.roles import Permission
from wandel.enablement.schemas import Day, Link, Title, all_referenced
from wandel.enablement.sprints import queries, services
from wandel.enablement.sprints.models import (
    DemoOutcome,
    RetroEntry,
    RetroKind,
    Sprint,
    SprintNote,
    SprintState,
    SprintTask,
    TaskColumn,
)
from wandel.enablement.sprints.permissions import may_plan, may_run, may_work, runnable_use_cases
from wandel.enablement.sprints.rules import TeamWarning
from wandel.enablement.sprints.services import SprintError, SprintInput
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import Stage, UseCase

router = Router(tags=["enablement"])


class SprintUseCaseRef(Schema):
    id: int
    title: str
    stage: Stage


class SprintOut(Schema):
    id: int
    title: str
    goal: str
    state: SprintState
    starts_on: date
    ends_on: date
    use_cases: list[SprintUseCaseRef]
    team_size: int
    task_count: int
    done_count: int = Field(description="How many of its tasks are done.")

    @staticmethod
    def resolve_use_cases(sprint: Sprint) -> list[UseCase]:
        return list(sprint.use_cases.all())


class TaskOut(Schema):
    id: int
    title: str
    column: TaskColumn
    assignee: PersonRef | None


class ColumnsOut(Schema):
    todo: list[TaskOut]
    doing: list[TaskOut]
    done: list[TaskOut]


class NoteOut(Schema):
    id: int
    written_on: date
    author: PersonRef | None
    text: str


class RetroOut(Schema):
    id: int
    kind: RetroKind
    text: str
    author: PersonRef | None


class RetroActionOut(TrackedItemOut):
    owner: PersonRef


class SprintDetailOut(Schema):
    id: int
    title: str
    goal: str
    state: SprintState
    starts_on: date
    ends_on: date
    use_cases: list[SprintUseCaseRef]
    team: list[PersonRef]
    outcome: DemoOutcome | None
    prototype_url: str
    lessons_learned: str
    tasks: ColumnsOut = Field(description="The board's cards by column.")
    notes: list[NoteOut] = Field(description="Daily notes, newest first.")
    retro: list[RetroOut]
    actions: list[RetroActionOut] = Field(description="What the retro decided, followed up.")
    warnings: list[TeamWarning] = Field(description="Why the team is not interdisciplinary.")


class SprintQuery(Schema):
    state: SprintState = Field(SprintState.RUNNING, description="`running` unless given.")
    use_case: Id | None = None


class SprintIn(Schema):
    title: Title
    goal: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    use_cases: list[Id] = Field(min_length=1, description="Use cases the caller may run.")
    team: list[Id] = Field(default_factory=list, description="People's IDs.")
    starts_on: Day
    ends_on: Day | None = Field(None, description="Two weeks after the start if left out.")


class TaskMoveIn(Schema):
    to: TaskColumn


class EndIn(Schema):
    outcome: DemoOutcome
    prototype_url: Link = ""
    lessons_learned: str = ""
    to_prototype: bool = Field(
        False, description="Move the use cases to the prototype stage, gates and all."
    )


class SprintMoveOut(Schema):
    use_case: SprintUseCaseRef
    moved: bool
    message: str = Field(description="Why it was not moved; empty when it was.")
    missing: list[str] = Field(description="What its gate misses, when that is why.")

    @staticmethod
    def resolve_missing(move: services.Move) -> list[str]:
        return [str(item) for item in move.missing]


class EndingOut(Schema):
    sprint: SprintDetailOut
    moves: list[SprintMoveOut] = Field(description="What became of each use case.")


def _sprint(sprint_id: int) -> Sprint:
    try:
        return queries.sprint_detail(sprint_id)
    except Sprint.DoesNotExist:
        raise Http404 from None


def _detail(sprint: Sprint) -> dict[str, Any]:
    board = queries.board(sprint)
    columns = {column.value: tasks for column, tasks in board.columns}
    retro: list[RetroEntry] = [*board.went_well, *board.to_improve]
    retro.sort(key=lambda entry: entry.pk)
    notes: list[SprintNote] = board.notes
    return {
        "id": sprint.pk,
        "title": sprint.title,
        "goal": sprint.goal,
        "state": sprint.state,
        "starts_on": sprint.starts_on,
        "ends_on": sprint.ends_on,
        "use_cases": list(sprint.use_cases.all()),
        "team": list(sprint.team.all()),
        "outcome": sprint.outcome or None,
        "prototype_url": sprint.prototype_url,
        "lessons_learned": sprint.lessons_learned,
        "tasks": columns,
        "notes": notes,
        "retro": retro,
        "actions": board.actions,
        "warnings": board.warnings,
    }


@router.get("/sprints", response=list[SprintOut], summary="List sprints")
@paginated
def sprint_list(request: HttpRequest, filters: Query[SprintQuery]) -> QuerySet[Sprint]:
    """The sprints in one state (of one use case when given): running and planned ones
    soonest first, ended ones latest first."""
    require(request, Permission.VIEW_USE_CASES)
    return queries.sprints(filters.state, filters.use_case)


@router.get("/sprints/{id:sprint_id}", response=SprintDetailOut, summary="One sprint")
def sprint_get(request: HttpRequest, sprint_id: int) -> dict[str, Any]:
    """With its board (tasks by column), daily notes, retro and retro actions."""
    require(request, Permission.VIEW_USE_CASES)
    return _detail(_sprint(sprint_id))


@router.post("/sprints", response={201: SprintDetailOut}, summary="Plan a sprint")
def sprint_create(request: HttpRequest, payload: SprintIn) -> Status[Any]:
    """For use cases the caller runs (their product owner, or whoever manages the
    portfolio); the answer's ``warnings`` say whether the team is interdisciplinary."""
    user = require(request, Permission.VIEW_USE_CASES)
    if not may_plan(user):
        raise refuse()
    use_cases = all_referenced(UseCase, payload.use_cases, "use_cases", SprintError)
    runnable = set(
        runnable_use_cases(user)
        .filter(pk__in=[use_case.pk for use_case in use_cases])
        .values_list("pk", flat=True)
    )
    if any(use_case.pk not in runnable for use_case in use_cases):
        raise refuse()
    data = SprintInput(
        title=payload.title,
        goal=payload.goal,
        use_cases=use_cases,
        team=all_referenced(Person, payload.team, "team", SprintError),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    sprint = services.sprint_create(data=data, actor=user)
    return Status(201, _detail(_sprint(sprint.pk)))


@router.post("/sprint-tasks/{id:task_id}/move", response=TaskOut, summary="Move a task")
def sprint_task_move(request: HttpRequest, task_id: int, payload: TaskMoveIn) -> SprintTask:
    """To another column of the board: its runners and its team; not once it has ended."""
    user = require(request, Permission.VIEW_USE_CASES)
    task = get_object_or_404(SprintTask, pk=task_id)
    if not may_work(user, _sprint(task.sprint_id)):
        raise refuse()
    services.sprint_task_move(task=task, to=payload.to, actor=user)
    return SprintTask.objects.select_related("assignee").get(pk=task.pk)


@router.post("/sprints/{id:sprint_id}/end", response=EndingOut, summary="End a sprint")
def sprint_end(request: HttpRequest, sprint_id: int, payload: EndIn) -> dict[str, Any]:
    """A running sprint, with its demo's outcome. With ``to_prototype`` each use case is
    moved to the prototype stage through the lifecycle; one whose gate is not passed stays
    where it is (``moved: false`` with the reason), and the sprint ends all the same."""
    user = require(request, Permission.VIEW_USE_CASES)
    sprint = _sprint(sprint_id)
    if not may_run(user, sprint):
        raise refuse()
    ending = services.sprint_end(sprint=sprint, actor=user, **payload.dict())
    return {"sprint": _detail(_sprint(sprint.pk)), "moves": ending.moves}
