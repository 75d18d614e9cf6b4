"""Moving a use case through its lifecycle: the one function every page, API call and
command uses, so the allowed transitions and the gates are checked in one place."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError, NotPermitted
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.portfolio.gates import Missing, gates_missing
from wandel.portfolio.use_cases import notifications
from wandel.portfolio.use_cases.models import (
    Criterion,
    PortfolioAction,
    Stage,
    StageChange,
    UseCase,
)
from wandel.portfolio.use_cases.permissions import can_move

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
MOVED_MEANWHILE = _(
    "Meanwhile someone moved this use case to “%(stage)s”; check whether the move still fits."
)
NOT_PERMITTED = _("You may not move this use case to that stage.")


class LifecycleError(ConflictError):
    """A move the lifecycle never allows; the message is for the user."""

    def details(self) -> dict[str, Any]:
        return {"missing": []}


class MoveRefused(ConflictError):
    """A move the lifecycle allows, refused because something it needs is missing."""

    def __init__(self, use_case: UseCase, to: str, missing: list[Missing]) -> None:
        self.to = to
        self.missing = missing
        heading = gettext("“%(title)s” cannot move to “%(to)s” yet. Missing:") % {
            "title": use_case.title,
            "to": Stage(to).label,
        }
        super().__init__(" ".join([heading, *(f"– {m}" for m in missing)]))

    def details(self) -> dict[str, Any]:
        return {
            "missing": [{"requirement": str(m.requirement), "url": m.url} for m in self.missing]
        }


# The funnel in order; from "on hold" a use case resumes at most where it was paused.
FUNNEL = (S.IDEA, S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.PILOT, S.PRODUCTION)


def allowed_moves(stage: str, paused_from: str) -> list[Stage]:
    """The stages a use case in ``stage`` may move to; on hold, ``paused_from`` (the stage
    it was paused from, "" when never recorded) bounds how far it may resume."""
    allowed = TRANSITIONS[stage]
    if stage == S.ON_HOLD:
        # Unknown (never recorded) counts as paused from the first stage.
        limit = FUNNEL.index(Stage(paused_from)) if paused_from in FUNNEL else 0
        allowed = frozenset(s for s in allowed if s not in FUNNEL or FUNNEL.index(s) <= limit)
    return [s for s in Stage if s in allowed]


def use_case_move(*, use_case: UseCase, to: str, actor: User | None, reason: str) -> StageChange:
    """Move ``use_case`` to stage ``to``, or raise LifecycleError / MoveRefused /
    NotPermitted. A refusal for something missing is recorded in the audit log."""
    outcome = _move(use_case=use_case, to=Stage(to), actor=actor, reason=reason)
    if isinstance(outcome, StageChange):
        use_case.refresh_from_db()
        return outcome
    use_case.refresh_from_db()
    raise MoveRefused(use_case, to, outcome)


@user_action
def _move(
    *, use_case: UseCase, to: Stage, actor: User | None, reason: str
) -> StageChange | list[Missing]:
    """The move as one action on the locked row: the stage, the permission and what the
    move needs are all checked on what is stored, so two requests cannot race past them.
    Returns what is missing (recorded as a refused move) instead of raising, so that the
    refusal's audit event is committed."""
    stored = (
        UseCase.objects.select_for_update(of=("self",))
        .select_related("product_owner")
        .get(pk=use_case.pk)
    )
    from_stage = stored.stage
    if use_case.stage != from_stage:
        # Someone moved it meanwhile: the move was chosen for a stage it is no longer in.
        raise LifecycleError(MOVED_MEANWHILE % {"stage": Stage(from_stage).label})
    # ``None`` is the system itself (demo loader, ``wandel move_use_case``).
    if actor is not None and not can_move(actor, stored, to):
        raise NotPermitted(NOT_PERMITTED)
    if to not in allowed_moves(from_stage, stored.paused_from):
        raise LifecycleError(_transition_message(from_stage, to, stored.paused_from))
    if not reason.strip():
        raise LifecycleError(str(REASON_REQUIRED))
    missing = moves_missing(use_case=stored, to=to)
    if missing:
        audit_record(
            actor=actor,
            action=PortfolioAction.MOVE_REFUSED,
            target=stored,
            changes={"from": from_stage, "to": to, "missing": [str(m) for m in missing]},
        )
        notifications.gate_refused(stored, to, len(missing), actor)
        return missing
    change = StageChange.objects.create(
        use_case=stored,
        from_stage=from_stage,
        to_stage=to,
        reason=reason.strip(),
        actor=actor,
    )
    stored.paused_from = from_stage if to == S.ON_HOLD else ""
    stored.stage = to
    stored.stage_changed_at = timezone.now()
    stored.save(update_fields=["stage", "paused_from", "stage_changed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=PortfolioAction.MOVED,
        target=stored,
        changes={"from": from_stage, "to": to, "reason": change.reason},
    )
    notifications.moved(stored, from_stage, actor)
    return change


def moves_missing(*, use_case: UseCase, to: str) -> list[Missing]:
    """Everything the move needs that is not there yet (empty when it may go ahead)."""
    missing: list[Missing] = []
    url = use_case.get_absolute_url()
    if to == Stage.ASSESSED:
        unscored = Criterion.objects.filter(active=True).exclude(scores__use_case=use_case).count()
        if unscored:
            missing.append(
                Missing(
                    NOT_FULLY_SCORED % {"missing": unscored},
                    f"{url}score/",
                    Permission.SCORE_USE_CASES,
                )
            )
    if to in BLOCKED_BY_VETO and use_case.vetoed:
        vetoing = Criterion.objects.filter(
            active=True,
            scores__use_case=use_case,
            scores__value__gte=F("veto_at"),  # never true where veto_at is NULL
        )
        names = ", ".join(c.name for c in vetoing)
        missing.append(
            Missing(VETOED % {"criteria": names}, f"{url}score/", Permission.SCORE_USE_CASES)
        )
    missing.extend(gates_missing(use_case, to))
    return missing


def _transition_message(from_stage: str, to: str, paused_from: str) -> str:
    allowed = allowed_moves(from_stage, paused_from)
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
