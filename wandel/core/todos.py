"""The "for you" part of the home page: what needs the signed-in person, from every app.

An app registers providers on ``HOME_TODOS`` (in its ``hooks.py``); each is a function of the
user that returns a ``ToDoList`` when the person has something of that kind to do, or None
when the list does not concern them (a role they do not hold). A provider shows the first
few items (``FIRST``) with the total and a link to the whole list, so the home page costs
the same number of queries however much waits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from wandel.core.registry import Hook

# How many items each list shows on the home page.
FIRST = 5


@dataclass(frozen=True)
class ToDo:
    """One thing to do: what it is (worded in the reader's language), where to do it, and
    what it is about (a unit, a stage, a date)."""

    text: str | Promise
    url: str
    detail: str | Promise = ""
    due: date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass(frozen=True)
class ToDoList:
    """A kind of to-do: a heading, the first items, how many there are, the whole list."""

    heading: str | Promise
    items: list[ToDo]
    total: int
    more_url: str = ""
    # Lists are shown by position, lowest first (what a body must decide before what is
    # one's own, say); the same position keeps the order of registration.
    position: int = 100
    empty: str | Promise = ""

    @property
    def more(self) -> int:
        return self.total - len(self.items)


ToDoProvider = Callable[[Any], "ToDoList | None"]
HOME_TODOS: Hook[ToDoProvider] = Hook("home to-dos")


@dataclass(frozen=True)
class ForYou:
    lists: list[ToDoList] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(todo.total for todo in self.lists)


def for_you(user: Any) -> ForYou:
    """Every list that concerns ``user``, by position; lists with nothing in them are kept
    when they say so (``empty``), so a works council member sees that nothing waits."""
    lists = [todo for provider in HOME_TODOS if (todo := provider(user)) is not None]
    return ForYou(sorted(lists, key=lambda todo: todo.position))
