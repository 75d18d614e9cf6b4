"""The home page's list of the surveys open for the signed-in person: waves they are asked
in and have not answered (answering marks them, never what they answered)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.feedback.surveys.models import Distribution
from wandel.feedback.surveys.queries import open_for_person


def open_surveys(user: Any) -> ToDoList | None:
    person = getattr(user, "person", None)
    if person is None:
        return None
    rows = list(open_for_person(person.pk))
    if not rows:
        return None
    items = []
    for participant in rows[:FIRST]:
        wave = participant.wave
        survey = wave.survey
        # A personal invitation's link is in the person's e-mail (its token is not kept);
        # the anonymous link is the wave's.
        url = (
            reverse("feedback:answer", args=[wave.link_token])
            if survey.distribution == Distribution.LINK
            else reverse("core:notifications")
        )
        items.append(
            ToDo(
                _("Survey “%(survey)s” is open for you") % {"survey": survey.title},
                url,
                due=wave.closes_on,
            )
        )
    return ToDoList(heading=_("Surveys"), items=items, total=len(rows))
