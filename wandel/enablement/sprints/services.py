"""Writes of co-creation sprints: planning and changing a sprint, starting it, the board
(tasks moved between columns, daily notes), the retro (entries and actions followed up as
tracked items) and ending it with the demo's outcome. One function per user action, each
its own transaction with its audit event.

Ending a sprint may move its use cases to the prototype stage. That move is the lifecycle's
own action (``use_case_move``, with its gates and its own audit event for a refusal), so it
runs after the sprint's ending is committed: a refused move leaves the sprint ended with its
outcome recorded, and the use case where it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import ConflictError, DomainError, NotPermitted
from wandel.core.models import User
from wandel.core.tracking import item_close
from wandel.enablement.sprints.models import (
    DemoOutcome,
    RetroAction,
    RetroEntry,
    RetroKind,
    Sprint,
    SprintAction,
    SprintNote,
    SprintState,
    SprintTask,
    TaskColumn,
    default_end,
)
from wandel.org.models import Person
from wandel.portfolio.gates import Missing
from wandel.portfolio.use_cases.lifecycle import LifecycleError, MoveRefused, use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase

__all__ = [
    "ALREADY_STARTED",
    "ENDS_BEFORE_START",
    "NOT_RUNNING",
    "NO_USE_CASE",
    "SPRINT_ENDED",
    "TEXT_REQUIRED",
    "Move",
    "SprintEnding",
    "SprintError",
    "SprintInput",
    "retro_action_add",
    "retro_action_close",
    "sprint_create",
    "sprint_end",
    "sprint_note_add",
    "sprint_retro_add",
    "sprint_start",
    "sprint_task_add",
    "sprint_task_move",
    "sprint_update",
]

ENDS_BEFORE_START = _("A sprint must end after it starts.")
NO_USE_CASE = _("Link at least one use case.")
ALREADY_STARTED = _("This sprint has started already.")
NOT_RUNNING = _("Only a running sprint can be ended; start it first.")
SPRINT_ENDED = _("This sprint has ended; its board and retro are a record now.")
TEXT_REQUIRED = _("Write something first.")
DUE_IN_PAST = _("The due date cannot lie in the past.")

SPRINT_FIELDS = ("title", "goal", "use_cases", "team", "starts_on", "ends_on")
ENDING_FIELDS = ("state", "outcome", "prototype_url", "lessons_learned")


class SprintError(DomainError):
    """A sprint, task, note or retro entry the rules refuse; the message is for the user."""


class SprintConflict(ConflictError, SprintError):
    """Input that is fine in itself but does not fit the sprint's state."""


@dataclass(frozen=True)
class SprintInput:
    title: str
    goal: str
    use_cases: Sequence[UseCase]
    team: Sequence[Person]
    starts_on: date
    # Two weeks after the start when not given.
    ends_on: date | None = None


@user_action
def sprint_create(*, data: SprintInput, actor: User | None) -> Sprint:
    """Plan a sprint for one or more use cases."""
    ends_on = _check(data)
    sprint = Sprint.objects.create(
        title=data.title.strip(),
        goal=data.goal.strip(),
        starts_on=data.starts_on,
        ends_on=ends_on,
        created_by=actor if actor is not None and actor.pk else None,
    )
    sprint.use_cases.set(data.use_cases)
    sprint.team.set(data.team)
    audit_record(
        actor=actor,
        action=SprintAction.CREATED,
        target=sprint,
        changes=changed_fields({}, snapshot(sprint, SPRINT_FIELDS)),
    )
    return sprint


@user_action
def sprint_update(*, sprint: Sprint, data: SprintInput, actor: User | None) -> Sprint:
    """Change a sprint's title, goal, use cases, team or dates, until it has ended."""
    ends_on = _check(data)
    stored = _open(sprint)
    before = snapshot(stored, SPRINT_FIELDS)
    stored.title, stored.goal = data.title.strip(), data.goal.strip()
    stored.starts_on, stored.ends_on = data.starts_on, ends_on
    stored.save(update_fields=["title", "goal", "starts_on", "ends_on"])
    stored.use_cases.set(data.use_cases)
    stored.team.set(data.team)
    changes = changed_fields(before, snapshot(stored, SPRINT_FIELDS))
    if changes:
        audit_record(actor=actor, action=SprintAction.UPDATED, target=stored, changes=changes)
    return stored


@user_action
def sprint_start(*, sprint: Sprint, actor: User | None) -> Sprint:
    """Start a planned sprint: its board is open from now on."""
    stored = _locked(sprint)
    if stored.state != SprintState.PLANNED:
        raise SprintConflict(ALREADY_STARTED)
    stored.state = SprintState.RUNNING
    stored.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action=SprintAction.STARTED,
        target=stored,
        changes=changed_fields({"state": SprintState.PLANNED}, {"state": SprintState.RUNNING}),
    )
    return stored


@dataclass(frozen=True)
class Move:
    """What became of one use case when the sprint ended: ``moved``, or why not
    (``message``, and what the gates miss)."""

    use_case: UseCase
    moved: bool
    message: str = ""
    missing: list[Missing] = field(default_factory=list)


@dataclass(frozen=True)
class SprintEnding:
    sprint: Sprint
    moves: list[Move]


def sprint_end(
    *,
    sprint: Sprint,
    outcome: str,
    prototype_url: str = "",
    lessons_learned: str = "",
    to_prototype: bool = False,
    actor: User | None,
) -> SprintEnding:
    """End a running sprint with its demo's outcome, and (``to_prototype``) move each of its
    use cases to the prototype stage through the lifecycle, gates and all. Each move is the
    lifecycle's own action after the ending is committed (see the module's docstring)."""
    ended = _end(
        sprint=sprint,
        outcome=DemoOutcome(outcome),
        prototype_url=prototype_url.strip(),
        lessons_learned=lessons_learned.strip(),
        actor=actor,
    )
    moves: list[Move] = []
    if to_prototype:
        reason = gettext("Sprint “%(sprint)s” ended: %(outcome)s.") % {
            "sprint": ended.title,
            "outcome": DemoOutcome(ended.outcome).label,
        }
        for use_case in ended.use_cases.order_by("title", "pk"):
            if use_case.stage == Stage.PROTOTYPE:
                continue
            moves.append(_to_prototype(use_case, actor, reason))
    return SprintEnding(ended, moves)


@user_action
def _end(
    *,
    sprint: Sprint,
    outcome: DemoOutcome,
    prototype_url: str,
    lessons_learned: str,
    actor: User | None,
) -> Sprint:
    stored = _locked(sprint)
    if stored.state != SprintState.RUNNING:
        raise SprintConflict(SPRINT_ENDED if stored.is_ended else NOT_RUNNING)
    before = snapshot(stored, ENDING_FIELDS)
    stored.state = SprintState.ENDED
    stored.outcome = outcome
    stored.prototype_url = prototype_url
    stored.lessons_learned = lessons_learned
    stored.ended_at = timezone.now()
    stored.save(update_fields=[*ENDING_FIELDS, "ended_at"])
    audit_record(
        actor=actor,
        action=SprintAction.ENDED,
        target=stored,
        changes=changed_fields(before, snapshot(stored, ENDING_FIELDS)),
    )
    return stored


def _to_prototype(use_case: UseCase, actor: User | None, reason: str) -> Move:
    try:
        use_case_move(use_case=use_case, to=Stage.PROTOTYPE, actor=actor, reason=reason)
    except MoveRefused as refused:
        return Move(use_case, moved=False, message=str(refused), missing=refused.missing)
    except (LifecycleError, NotPermitted) as error:
        return Move(use_case, moved=False, message=str(error))
    return Move(use_case, moved=True)


@user_action
def sprint_task_add(
    *, sprint: Sprint, title: str, assignee: Person | None = None, actor: User | None
) -> SprintTask:
    """Put a new card in the sprint's "to do" column."""
    stored = _open(sprint)
    title = _text(title, "title")
    task = SprintTask.objects.create(sprint=stored, title=title, assignee=assignee)
    audit_record(
        actor=actor,
        action=SprintAction.TASK_ADDED,
        target=stored,
        changes={"task": title, "assignee": str(assignee) if assignee else None},
    )
    return task


@user_action
def sprint_task_move(*, task: SprintTask, to: str, actor: User | None) -> SprintTask:
    """Move a card to another column of the board."""
    column = TaskColumn(to)
    stored = _open(task.sprint)
    card = SprintTask.objects.select_for_update().get(pk=task.pk)
    if card.column == column:
        return card
    before = card.column
    card.column = column
    card.save(update_fields=["column"])
    audit_record(
        actor=actor,
        action=SprintAction.TASK_MOVED,
        target=stored,
        changes={"task": card.title, "column": {"from": before, "to": column.value}},
    )
    return card


@user_action
def sprint_note_add(
    *, sprint: Sprint, text: str, author: Person | None, actor: User | None
) -> SprintNote:
    """Write today's note: what happened, what blocks."""
    stored = _open(sprint)
    note = SprintNote.objects.create(
        sprint=stored, text=_text(text, "text"), author=author, written_on=timezone.localdate()
    )
    audit_record(
        actor=actor,
        action=SprintAction.NOTE_ADDED,
        target=stored,
        changes={"date": note.written_on.isoformat(), "text": note.text},
    )
    return note


@user_action
def sprint_retro_add(
    *, sprint: Sprint, kind: str, text: str, author: Person | None, actor: User | None
) -> RetroEntry:
    """Write what went well or what to improve."""
    stored = _open(sprint)
    entry = RetroEntry.objects.create(
        sprint=stored, kind=RetroKind(kind), text=_text(text, "text"), author=author
    )
    audit_record(
        actor=actor,
        action=SprintAction.RETRO_ADDED,
        target=stored,
        changes={"kind": entry.kind, "text": entry.text},
    )
    return entry


@user_action
def retro_action_add(
    *, sprint: Sprint, text: str, owner: Person, due_on: date, actor: User | None
) -> RetroAction:
    """Decide in the retro what changes, who sees to it and by when; it is followed up like
    every tracked item (the owner finds it on their home page)."""
    stored = _open(sprint)
    text = _text(text, "text")
    if due_on < timezone.localdate():
        raise SprintError(DUE_IN_PAST, field="due_on")
    action = RetroAction.objects.create(sprint=stored, text=text, owner=owner, due_on=due_on)
    audit_record(
        actor=actor,
        action=SprintAction.ACTION_ADDED,
        target=stored,
        changes={
            "action": action.pk,
            "text": text,
            "owner": str(owner),
            "due_on": due_on.isoformat(),
        },
    )
    return action


@user_action
def retro_action_close(
    *, action: RetroAction, closing_note: str, closed_on: date | None = None, actor: User | None
) -> RetroAction:
    """Record that a retro action is done: how, and when (today if not given). Also after
    the sprint has ended: that is when most of them are done."""
    stored = RetroAction.objects.select_related("sprint").get(pk=action.pk)
    changes = item_close(stored, closing_note=closing_note, closed_on=closed_on, actor=actor)
    audit_record(
        actor=actor,
        action=SprintAction.ACTION_CLOSED,
        target=stored.sprint,
        changes={"action": stored.pk, **changes},
    )
    return stored


def _check(data: SprintInput) -> date:
    if not data.use_cases:
        raise SprintError(NO_USE_CASE, field="use_cases")
    ends_on = data.ends_on or default_end(data.starts_on)
    if ends_on <= data.starts_on:
        raise SprintError(ENDS_BEFORE_START, field="ends_on")
    return ends_on


def _text(text: str, name: str) -> str:
    text = text.strip()
    if not text:
        raise SprintError(TEXT_REQUIRED, field=name)
    return text


def _locked(sprint: Sprint) -> Sprint:
    return Sprint.objects.select_for_update().get(pk=sprint.pk)


def _open(sprint: Sprint) -> Sprint:
    """The sprint, locked, refused once it has ended."""
    stored = _locked(sprint)
    if stored.is_ended:
        raise SprintConflict(SPRINT_ENDED)
    return stored
