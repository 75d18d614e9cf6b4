"""The lifecycle's rules written out by hand: the allowed moves from every stage and the
stages a veto blocks. A change to ``wandel.portfolio.lifecycle`` must be made here too,
knowingly (issue 8: the table is never imported from the code under test)."""

from __future__ import annotations

import pytest

from tests.portfolio.factories import make_use_case, score_all
from wandel.portfolio.lifecycle import (
    LifecycleError,
    allowed_moves,
    moves_missing,
    use_case_move,
)
from wandel.portfolio.models import StageChange

pytestmark = pytest.mark.django_db

# Stage → the stages it may move to (from "on hold": resuming where it was paused, see
# below). Written by hand; never derived from TRANSITIONS.
ALLOWED = {
    "idea": ["assessed", "rejected", "on_hold"],
    "assessed": ["idea", "approved", "rejected", "on_hold"],
    "approved": ["assessed", "prototype", "rejected", "on_hold"],
    "prototype": ["approved", "pilot", "retired", "rejected", "on_hold"],
    "pilot": ["prototype", "production", "retired", "rejected", "on_hold"],
    "production": ["retired", "on_hold"],
    "retired": [],
    "rejected": ["idea"],
}
# Paused from → where an on-hold use case may resume to.
RESUME = {
    "": ["idea", "rejected"],
    "idea": ["idea", "rejected"],
    "assessed": ["idea", "assessed", "rejected"],
    "approved": ["idea", "assessed", "approved", "rejected"],
    "prototype": ["idea", "assessed", "approved", "prototype", "rejected"],
    "pilot": ["idea", "assessed", "approved", "prototype", "pilot", "rejected"],
    "production": ["idea", "assessed", "approved", "prototype", "pilot", "rejected"],
}
VETO_MESSAGE = "A risk criterion vetoes this use case: Unacceptable risk (veto)."


@pytest.mark.parametrize(("stage", "expected"), ALLOWED.items())
def test_each_stage_allows_exactly_the_moves_of_the_hand_written_table(stage, expected):
    assert [str(s) for s in allowed_moves(stage)] == expected


@pytest.mark.parametrize(("paused_from", "expected"), RESUME.items())
def test_on_hold_resumes_at_most_where_it_was_paused(paused_from, expected):
    assert [str(s) for s in allowed_moves("on_hold", paused_from)] == expected


def test_a_rejected_use_case_cannot_be_approved_directly(admin):
    use_case = score_all(make_use_case())
    use_case_move(use_case=use_case, to="rejected", actor=admin, reason="not now")
    use_case.refresh_from_db()

    with pytest.raises(LifecycleError) as error:
        use_case_move(use_case=use_case, to="approved", actor=admin, reason="changed our mind")

    assert str(error.value) == (
        "A use case cannot move from “Rejected” to “Approved”. Allowed next: Idea."
    )
    use_case.refresh_from_db()
    assert use_case.stage == "rejected"
    assert StageChange.objects.filter(use_case=use_case).count() == 1


@pytest.mark.parametrize("to", ["approved", "prototype", "pilot", "production"])
def test_a_veto_blocks_approval_and_every_stage_after_it(to):
    use_case = score_all(make_use_case(), 5, **{"Unacceptable risk (veto)": 5})
    assert use_case.vetoed

    assert VETO_MESSAGE in [str(m) for m in moves_missing(use_case=use_case, to=to)]


@pytest.mark.parametrize("to", ["idea", "rejected", "on_hold", "retired"])
def test_a_veto_does_not_block_stepping_back_stopping_or_retiring(to):
    use_case = score_all(make_use_case(), 5, **{"Unacceptable risk (veto)": 5})

    assert VETO_MESSAGE not in [str(m) for m in moves_missing(use_case=use_case, to=to)]


def test_a_use_case_without_a_veto_is_not_blocked_by_one():
    use_case = score_all(make_use_case(), 5)
    assert not use_case.vetoed

    # The governance gate still asks for its approvals; the veto is not among the reasons.
    assert VETO_MESSAGE not in [str(m) for m in moves_missing(use_case=use_case, to="pilot")]
