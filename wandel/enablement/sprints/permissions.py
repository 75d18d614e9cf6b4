"""Who may do what with a sprint, on top of the role table.

Sprints are run by the people who run their use cases (``portfolio``'s ``can_run``: the
product owner, and whoever manages the portfolio); its team works on the board. Everyone who
may see the portfolio sees its sprints.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from wandel.core.roles import Permission
from wandel.enablement.sprints.models import Sprint
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.permissions import can_run

__all__ = ["may_plan", "may_run", "may_work", "runnable_use_cases"]


def runnable_use_cases(user: Any) -> QuerySet[UseCase]:
    """The use cases ``user`` may run a sprint for."""
    if user.has_perm(Permission.MANAGE_USE_CASES):
        return UseCase.objects.all()
    if not user.has_perm(Permission.OWN_USE_CASES):
        return UseCase.objects.none()
    return UseCase.objects.filter(Q(product_owner__user_id=user.pk))


def may_plan(user: Any) -> bool:
    """Whether there is any use case ``user`` may plan a sprint for."""
    if user.has_perm(Permission.MANAGE_USE_CASES):
        return True
    return runnable_use_cases(user).exists()


def may_run(user: Any, sprint: Sprint) -> bool:
    """Edit, start and end the sprint: whoever runs one of its use cases.

    Needs the sprint's ``use_cases`` (with their product owners) at hand; the pages fetch
    them in one query."""
    return any(can_run(user, use_case) for use_case in sprint.use_cases.all())


def may_work(user: Any, sprint: Sprint, *, running: bool | None = None) -> bool:
    """Add and move tasks, write daily notes and the retro: its runners and its team
    (``running``: whether ``may_run`` holds, when the caller knows it already)."""
    if running if running is not None else may_run(user, sprint):
        return True
    person_id = getattr(getattr(user, "person", None), "pk", None)
    return person_id is not None and any(p.pk == person_id for p in sprint.team.all())
