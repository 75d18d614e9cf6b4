"""Lifecycle moves: allowed transitions, built-in rules, the gate registry, the audit log."""

from __future__ import annotations

import pytest

from tests.support.portfolio import make_use_case, score_all
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent
from wandel.portfolio.gates import GATES, Gate, Missing
from wandel.portfolio.use_cases.lifecycle import (
    TRANSITIONS,
    LifecycleError,
    MoveRefused,
    use_case_move,
)
from wandel.portfolio.use_cases.models import PortfolioAction, Stage, StageChange

pytestmark = pytest.mark.django_db


def walk(use_case, *stages, actor=None):
    for stage in stages:
        use_case_move(use_case=use_case, to=stage, actor=actor, reason=f"to {stage}")
        use_case.refresh_from_db()
    return use_case


@pytest.mark.usefixtures("without_governance_gate")  # the lifecycle alone
def test_a_scored_idea_goes_all_the_way_to_production_and_retirement(admin):
    use_case = score_all(make_use_case(), actor=admin)
    walk(
        use_case,
        Stage.ASSESSED,
        Stage.APPROVED,
        Stage.PROTOTYPE,
        Stage.PILOT,
        Stage.PRODUCTION,
        Stage.RETIRED,
        actor=admin,
    )

    assert use_case.stage == Stage.RETIRED
    history = list(use_case.moves.order_by("at", "pk").values_list("from_stage", "to_stage"))
    assert history[0] == (Stage.IDEA, Stage.ASSESSED)
    assert history[-1] == (Stage.PRODUCTION, Stage.RETIRED)
    moves = AuditEvent.objects.filter(action=PortfolioAction.MOVED, target_id=str(use_case.pk))
    assert moves.count() == 6
    assert moves.order_by("id").last().changes == {
        "from": "production",
        "to": "retired",
        "reason": "to retired",
    }
    assert audit_verify().ok


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Stage.IDEA, Stage.PRODUCTION),
        (Stage.IDEA, Stage.PILOT),
        (Stage.IDEA, Stage.APPROVED),
        (Stage.ASSESSED, Stage.PILOT),
    ],
)
def test_an_illegal_move_is_refused_with_what_is_allowed(admin, start, to):
    use_case = score_all(make_use_case())
    if start == Stage.ASSESSED:
        walk(use_case, Stage.ASSESSED)
    moves_before = AuditEvent.objects.filter(action=PortfolioAction.MOVED).count()
    with pytest.raises(LifecycleError) as error:
        use_case_move(use_case=use_case, to=to, actor=admin, reason="skip ahead")
    message = str(error.value)
    assert f"cannot move from “{Stage(start).label}” to “{Stage(to).label}”" in message
    assert "Allowed next:" in message
    use_case.refresh_from_db()
    assert use_case.stage == start
    assert AuditEvent.objects.filter(action=PortfolioAction.MOVED).count() == moves_before


def test_a_retired_use_case_cannot_move_any_more(admin):
    use_case = score_all(make_use_case())
    walk(use_case, Stage.ASSESSED, Stage.APPROVED, Stage.PROTOTYPE, Stage.RETIRED)
    with pytest.raises(LifecycleError, match="cannot move any more"):
        use_case_move(use_case=use_case, to=Stage.IDEA, actor=admin, reason="again")


def test_every_move_needs_a_reason(admin):
    use_case = score_all(make_use_case())
    with pytest.raises(LifecycleError, match="Say why"):
        use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="  ")


def test_assessment_needs_every_criterion_scored(admin):
    use_case = make_use_case()
    with pytest.raises(MoveRefused) as refused:
        use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="ready")
    assert "Score every criterion (12 still missing)." in [str(m) for m in refused.value.missing]
    assert refused.value.missing[0].url.endswith(f"/portfolio/{use_case.pk}/score/")


def test_a_refused_move_is_audited_with_what_was_missing(admin):
    use_case = make_use_case()
    with pytest.raises(MoveRefused):
        use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="ready")
    event = AuditEvent.objects.get(action=PortfolioAction.MOVE_REFUSED)
    assert event.changes["to"] == "assessed"
    assert event.changes["missing"] == ["Score every criterion (12 still missing)."]
    assert StageChange.objects.count() == 0


def test_a_vetoed_use_case_never_gets_approved_whatever_its_score(admin):
    use_case = score_all(make_use_case(), 5, **{"Unacceptable risk (veto)": 5})
    assert use_case.total_score >= 90
    assert use_case.vetoed
    walk(use_case, Stage.ASSESSED)

    with pytest.raises(MoveRefused) as refused:
        use_case_move(use_case=use_case, to=Stage.APPROVED, actor=admin, reason="great score")
    assert "Unacceptable risk (veto)" in str(refused.value.missing[0])
    walk(use_case, Stage.REJECTED)
    assert use_case.stage == Stage.REJECTED


@pytest.mark.usefixtures("without_governance_gate")  # the lifecycle alone
def test_registered_gates_are_checked_and_listed(admin):
    def needs_dpia(use_case, to):
        if to == Stage.PILOT and use_case.personal_data:
            return [Missing("A completed DPIA", "/governance/dpia/")]
        return []

    test_gate = GATES.register(Gate("test-dpia", needs_dpia))
    try:
        use_case = score_all(make_use_case(personal_data=True))
        walk(use_case, Stage.ASSESSED, Stage.APPROVED, Stage.PROTOTYPE)
        with pytest.raises(MoveRefused) as refused:
            use_case_move(use_case=use_case, to=Stage.PILOT, actor=admin, reason="pilot")
        assert refused.value.missing == [Missing("A completed DPIA", "/governance/dpia/")]
        assert "A completed DPIA" in str(refused.value)
    finally:
        GATES.unregister(test_gate)
    walk(use_case, Stage.PILOT)


def test_the_transition_table_covers_every_stage_and_only_known_stages():
    assert set(TRANSITIONS) == set(Stage)
    for targets in TRANSITIONS.values():
        assert set(targets) <= set(Stage)


def test_a_move_from_a_stale_copy_is_refused(admin):
    use_case = score_all(make_use_case())
    stale = type(use_case).objects.get(pk=use_case.pk)
    walk(use_case, Stage.ASSESSED, Stage.APPROVED)
    with pytest.raises(LifecycleError):
        use_case_move(use_case=stale, to=Stage.ASSESSED, actor=admin, reason="stale")
