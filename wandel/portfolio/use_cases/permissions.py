"""Object-level rules on top of the role table: product owners act on their own use cases."""

from __future__ import annotations

from typing import Any

from wandel.core.roles import Permission
from wandel.portfolio.use_cases.models import Stage, UseCase

# Moves a product owner may make on their own use case; assessment, approval and
# rejection are the steering committee's (MANAGE_USE_CASES).
OWNER_MOVES = frozenset(
    {Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION, Stage.ON_HOLD, Stage.RETIRED}
)


def owns(user: Any, use_case: UseCase) -> bool:
    owner = use_case.product_owner
    return bool(
        owner is not None
        and owner.user_id is not None
        and owner.user_id == user.pk
        and user.has_perm(Permission.OWN_USE_CASES)
    )


def can_edit(user: Any, use_case: UseCase) -> bool:
    return (
        user.has_perm(Permission.MANAGE_USE_CASES)
        or owns(user, use_case)
        or submitted_and_unassessed(user, use_case)
    )


def can_run(user: Any, use_case: UseCase) -> bool:
    """Who works on it and whom it serves: the product owner's and the portfolio team's."""
    return user.has_perm(Permission.MANAGE_USE_CASES) or owns(user, use_case)


def submitted_and_unassessed(user: Any, use_case: UseCase) -> bool:
    """The submitter may still edit their idea until it is assessed."""
    return bool(
        use_case.stage == Stage.IDEA
        and use_case.submitted_by_id is not None
        and use_case.submitted_by_id == user.pk
        and user.has_perm(Permission.SUBMIT_IDEAS)
    )


def can_move(user: Any, use_case: UseCase, to: str) -> bool:
    if user.has_perm(Permission.MANAGE_USE_CASES):
        return True
    return to in OWNER_MOVES and owns(user, use_case)


# Stages where a use case has ended; nobody supports it any more.
CLOSED_STAGES = frozenset({Stage.REJECTED, Stage.RETIRED})


def may_support(user: Any, use_case: UseCase) -> bool:
    """Whether ``user`` may give ``use_case`` their "+1": not their own, not a closed one."""
    return bool(
        user.has_perm(Permission.SUBMIT_IDEAS)
        and use_case.submitted_by_id != user.pk
        and use_case.stage not in CLOSED_STAGES
    )


def can_score(user: Any) -> bool:
    return bool(user.has_perm(Permission.SCORE_USE_CASES))
