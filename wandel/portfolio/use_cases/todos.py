"""What the home page lists for a person from the portfolio: their ideas with what happens
next, and the use cases they own."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.queries import first_rows
from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.portfolio.use_cases.models import Stage, UseCase

# What happens next to an idea in each stage, in plain words for the person who had it.
NEXT_STEP = {
    Stage.IDEA: _("Idea: the portfolio team scores it next."),
    Stage.ASSESSED: _("Assessed: the steering committee decides whether to go ahead."),
    Stage.APPROVED: _("Approved: a prototype is built next."),
    Stage.PROTOTYPE: _("Prototype: a pilot follows once its gate is passed."),
    Stage.PILOT: _("Pilot: a first group uses it; production follows once its gate is passed."),
    Stage.PRODUCTION: _("In production."),
    Stage.ON_HOLD: _("On hold for now."),
    Stage.REJECTED: _("Not pursued."),
    Stage.RETIRED: _("Retired."),
}
CLOSED = (Stage.REJECTED, Stage.RETIRED)
_SHOWN = ("pk", "title", "stage", "unit__name")


def my_ideas(user: Any) -> ToDoList | None:
    """The use cases the person submitted, newest first, with their next step."""
    ideas = (
        UseCase.objects.filter(submitted_by=user)
        .select_related("unit")
        .only(*_SHOWN)
        .order_by("-created_at", "-pk")
    )
    first = first_rows(ideas, FIRST)
    if not first.total:
        return None
    return ToDoList(
        heading=_("Your ideas"),
        items=[
            ToDo(uc.title, uc.get_absolute_url(), NEXT_STEP[Stage(uc.stage)]) for uc in first.rows
        ],
        total=first.total,
        more_url=f"{reverse('portfolio:use_case_list')}?submitter={user.pk}&sort=-created_at",
        position=300,
    )


def my_use_cases(user: Any) -> ToDoList | None:
    """The open use cases the person is product owner of, the longest in their stage first."""
    person = getattr(user, "person", None)
    if person is None:
        return None
    owned = (
        UseCase.objects.filter(product_owner=person)
        .exclude(stage__in=CLOSED)
        .select_related("unit")
        .only(*_SHOWN)
        .order_by("stage_changed_at", "pk")
    )
    first = first_rows(owned, FIRST)
    if not first.total:
        return None
    return ToDoList(
        heading=_("Use cases you own"),
        items=[ToDo(uc.title, uc.get_absolute_url(), Stage(uc.stage).label) for uc in first.rows],
        total=first.total,
        more_url=f"{reverse('portfolio:use_case_list')}?owner={person.pk}",
        position=200,
    )
