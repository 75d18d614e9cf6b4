"""The home page's list of a person's learning path: the required courses not done (or to
be refreshed), overdue and due before those only to be refreshed, soonest first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.enablement.literacy.queries import path_rows
from wandel.enablement.literacy.rules import COVERED, CourseStatus


def my_path(user: Any) -> ToDoList | None:
    person = getattr(user, "person", None)
    if person is None:
        return None
    status, rows = path_rows(person)
    if not status.states:
        return None
    # A stable sort keeps the soonest first within each group.
    open_ = sorted(
        (row for row in rows if row.state.status != CourseStatus.DONE),
        key=lambda row: row.state.status in COVERED,
    )
    return ToDoList(
        heading=_("Your learning path"),
        items=[
            ToDo(
                row.course.title,
                row.course.get_absolute_url(),
                CourseStatus(row.state.status).label,
                due=row.state.due,
            )
            for row in open_[:FIRST]
        ],
        total=len(open_),
        more_url=reverse("enablement:my_path"),
        position=250,
        empty=_("Every training your path requires is done."),
    )
