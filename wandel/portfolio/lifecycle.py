"""Moving a use case through its lifecycle: the one function every page, API call and
command uses, so the allowed transitions and the gates are checked in one place."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.portfolio.gates import Missing, gates_missing
from wandel.portfolio.models import Criterion, PortfolioAction, Stage, StageChange, UseCase

S = Stage
TRANSITIONS: dict[str, frozenset[str]] = {
    S.IDEA: frozenset({S.ASSESSED, S.REJECTED, S.ON_HOLD}),
    S.ASSESSED: frozenset({S.APPROVED, S.IDEA, S.REJECTED, S.ON_HOLD}),
    S.APPROVED: frozenset({S.PROTOTYPE, S.ASSESSED, S.REJECTED, S.ON_HOLD}),
    S.PROTOTYPE: frozenset({S.PILOT, S.APPROVED, S.REJECTED, S.ON_HOLD, S.RETIRED}),
    S.PILOT: frozenset({S.PRODUCTION, S.PROTOTYPE, S.REJECTED, S.ON_HOLD, S.RETIRED}),
    S.PRODUCTION: frozenset({S.RETIRED, S.ON_HOLD}),
    S.ON_HOLD: frozenset({S.IDEA, S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.PILOT, S.REJECTED}),
    S.REJECTED: frozenset({S.IDEA}),
    S.RETIRED: frozenset(),
}
# Stages a vetoed use case can never reach, whatever its score.
BLOCKED_BY_VETO = frozenset({S.APPROVED, S.PROTOTYPE, S.PILOT, S.PRODUCTION})

NOT_ALLOWED = _("A use case cannot move from “%(from)s” to “%(to)s”. Allowed next: %(allowed)s.")
NOWHERE = _("A use case in “%(from)s” cannot move any more.")
REASON_REQUIRED = _("Say why the use case moves.")
NOT_FULLY_SCORED = _("Score every criterion (%(missing)d still missing).")
VETOED = _("A risk criterion vetoes this use case: %(criteria)s.")


class LifecycleError(Exception):
    """A move the lifecycle never allows; the message is for the user."""


class MoveRefused(Exception):
    """A move the lifecycle allows, refused because something it needs is missing."""

    def __init__(self, use_case: UseCase, to: str, missing: list[Missing]) -> None:
        self.use_case = use_case
        self.to = to
        self.missing = missing
        heading = gettext("“%(title)s” cannot move to “%(to)s” yet. Missing:") % {
            "title": use_case.title,
            "to": Stage(to).label,
        }
        super().__init__(" ".join([heading, *(f"– {m}" for m in missing)]))


def allowed_moves(stage: str) -> list[Stage]:
    return [s for s in Stage if s in TRANSITIONS[stage]]


def use_case_move(*, use_case: UseCase, to: str, actor: User | None, reason: str) -> StageChange:
    """Move ``use_case`` to stage ``to``, or raise LifecycleError / MoveRefused."""
    from_stage = use_case.stage
    to = Stage(to)
    if to not in TRANSITIONS[from_stage]:
        raise LifecycleError(_transition_message(from_stage, to))
    if not reason.strip():
        raise LifecycleError(str(REASON_REQUIRED))
    missing = moves_missing(use_case=use_case, to=to)
    if missing:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=PortfolioAction.MOVE_REFUSED,
                target=use_case,
                changes={"from": from_stage, "to": to, "missing": [str(m) for m in missing]},
            )
        raise MoveRefused(use_case, to, missing)
    with transaction.atomic():
        use_case = UseCase.objects.select_for_update().get(pk=use_case.pk)
        if use_case.stage != from_stage:
            # Someone else moved it meanwhile; check the move again from where it is now.
            raise LifecycleError(_transition_message(use_case.stage, to))
        change = StageChange.objects.create(
            use_case=use_case,
            from_stage=from_stage,
            to_stage=to,
            reason=reason.strip(),
            actor=actor,
        )
        use_case.stage = to
        use_case.stage_changed_at = timezone.now()
        use_case.save(update_fields=["stage", "stage_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=PortfolioAction.MOVED,
            target=use_case,
            changes={"from": from_stage, "to": to, "reason": change.reason},
        )
    return change


def moves_missing(*, use_case: UseCase, to: str) -> list[Missing]:
    """Everything the move needs that is not there yet (empty when it may go ahead)."""
    missing: list[Missing] = []
    url = use_case.get_absolute_url()
    if to == Stage.ASSESSED:
        unscored = Criterion.objects.filter(active=True).exclude(scores__use_case=use_case).count()
        if unscored:
            missing.append(Missing(NOT_FULLY_SCORED % {"missing": unscored}, f"{url}score/"))
    if to in BLOCKED_BY_VETO and use_case.vetoed:
        vetoing = Criterion.objects.filter(
            active=True,
            scores__use_case=use_case,
            veto_at__isnull=False,
            scores__value__gte=F("veto_at"),
        )
        names = ", ".join(c.name for c in vetoing)
        missing.append(Missing(VETOED % {"criteria": names}, f"{url}score/"))
    missing.extend(gates_missing(use_case, to))
    return missing


def _transition_message(from_stage: str, to: str) -> str:
    allowed = allowed_moves(from_stage)
    if not allowed:
        return str(NOWHERE % {"from": Stage(from_stage).label})
    return str(
        NOT_ALLOWED
        % {
            "from": Stage(from_stage).label,
            "to": Stage(to).label,
            "allowed": ", ".join(str(s.label) for s in allowed),
        }
    )
