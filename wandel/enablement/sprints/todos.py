"""What the home page lists from sprints: the retro actions a person owns, like every other
tracked item, overdue and soonest due first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.queries import first_rows
from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.enablement.sprints.queries import open_actions_of


def retro_actions(user: Any) -> ToDoList | None:
    person = getattr(user, "person", None)
    if person is None:
        return None
    rows = (
        open_actions_of(person)
        .select_related("sprint")
        .only("pk", "text", "due_on", "sprint__id", "sprint__title")
    )
    first = first_rows(rows, FIRST)
    if not first.total:
        return None
    return ToDoList(
        heading=_("Sprint retro actions you own"),
        items=[
            ToDo(
                action.text,
                reverse("enablement:sprint_detail", args=[action.sprint_id]) + "#retro",
                action.sprint.title,
                action.due_on,
            )
            for action in first.rows
        ],
        total=first.total,
        position=55,
    )
