"""The lifecycle's rules written out by hand: the allowed moves from every stage and the
stages a veto blocks. A change to ``wandel.portfolio.lifecycle`` must be made here too,
knowingly (issue 8: the table is never imported from the code under test)."""

from __future__ import annotations

import pytest

from tests.support.portfolio import make_use_case, score_all
from wandel.portfolio.use_cases.lifecycle import (
    LifecycleError,
    MoveRefused,
    allowed_moves,
    moves_missing,
    use_case_move,
)
from wandel.portfolio.use_cases.models import Criterion, StageChange

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
    assert [str(s) for s in allowed_moves(stage, "")] == expected


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


# What a refused move says ------------------------------------------------------------------


def test_a_move_from_on_hold_past_where_it_was_paused_names_the_stages_it_may_resume_to(admin):
    use_case = score_all(make_use_case(), 5)
    use_case.stage, use_case.paused_from = "on_hold", "approved"
    use_case.save(update_fields=["stage", "paused_from"])

    with pytest.raises(LifecycleError) as error:
        use_case_move(use_case=use_case, to="prototype", actor=admin, reason="go on")

    assert str(error.value) == (
        "A use case cannot move from “On hold” to “Prototype”. "
        "Allowed next: Idea, Assessed, Approved, Rejected."
    )
    assert error.value.details() == {"missing": []}


def test_a_retired_use_case_cannot_move_any_more(admin):
    use_case = make_use_case()
    use_case.stage = "retired"
    use_case.save(update_fields=["stage"])

    with pytest.raises(LifecycleError) as error:
        use_case_move(use_case=use_case, to="idea", actor=admin, reason="again")

    assert str(error.value) == "A use case in “Retired” cannot move any more."


def test_a_refused_move_lists_what_is_missing_with_links(admin):
    use_case = make_use_case(title="Answer drafts")
    url = f"/portfolio/{use_case.pk}/score/"

    with pytest.raises(MoveRefused) as error:
        use_case_move(use_case=use_case, to="assessed", actor=admin, reason="scored")

    # The twelve criteria shipped with Wandel, none scored yet.
    missing = "Score every criterion (12 still missing)."
    assert str(error.value) == (
        f"“Answer drafts” cannot move to “Assessed” yet. Missing: – {missing}"
    )
    assert error.value.details() == {"missing": [{"requirement": missing, "url": url}]}
    assert error.value.to == "assessed"


def test_the_veto_names_only_the_criteria_this_use_case_scored_at_or_above_their_veto():
    Criterion.objects.create(
        group="risk", name_en="Bias (veto)", name_de="Verzerrung (Veto)", veto_at=4
    )
    Criterion.objects.create(
        group="risk", name_en="Lock-in (veto)", name_de="Abhängigkeit (Veto)", veto_at=3
    )
    Criterion.objects.create(
        group="risk",
        name_en="Retired risk (veto)",
        name_de="Altes Risiko (Veto)",
        veto_at=1,
    )
    # Another use case scored at the veto of every criterion: its scores name nothing here.
    score_all(make_use_case(), 5, **{"Bias (veto)": 5, "Lock-in (veto)": 5})
    use_case = score_all(
        make_use_case(),
        5,
        **{"Unacceptable risk (veto)": 5, "Bias (veto)": 4, "Lock-in (veto)": 2},
    )
    url = f"/portfolio/{use_case.pk}/score/"
    # Scored while it counted, then retired: its veto no longer names it.
    Criterion.objects.filter(name_en="Retired risk (veto)").update(active=False)

    vetoes = [m for m in moves_missing(use_case=use_case, to="approved") if "veto" in str(m)]

    assert [(str(m), m.url) for m in vetoes] == [
        (
            "A risk criterion vetoes this use case: Bias (veto), Unacceptable risk (veto).",
            url,
        )
    ]
