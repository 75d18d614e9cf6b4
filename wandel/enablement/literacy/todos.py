"""The home page's list of a person's learning path: the required courses not done (or to
be refreshed), overdue first."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.enablement.literacy.queries import courses_named, person_status
from wandel.enablement.literacy.rules import COVERED, CourseStatus


def my_path(user: Any) -> ToDoList | None:
    person = getattr(user, "person", None)
    if person is None:
        return None
    status = person_status(person)
    if not status.states:
        return None
    open_ = sorted(
        (s for s in status.states if s.status != CourseStatus.DONE),
        key=lambda s: (s.status in COVERED, s.due or date.max),
    )
    courses = courses_named(s.course_id for s in open_[:FIRST])
    url = reverse("enablement:my_path")
    return ToDoList(
        heading=_("Your learning path"),
        items=[
            ToDo(
                courses[s.course_id].title,
                courses[s.course_id].get_absolute_url(),
                CourseStatus(s.status).label,
                due=s.due,
            )
            for s in open_[:FIRST]
        ],
        total=len(open_),
        more_url=url,
        position=250,
        empty=_("Every training your path requires is done."),
    )
