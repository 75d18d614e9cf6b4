"""Hole 1, "lifecycle bypass": "on hold" is a pause, not a side door.

A product owner could move their own idea to "on hold" and from there straight to
"prototype": never scored, assessed or approved. Resuming may only return to the stage the
use case was paused from (or an earlier one), and assessment and approval stay the steering
committee's whichever way the use case goes.
"""

from __future__ import annotations

import pytest

from tests.support.api import bearer
from tests.support.portfolio import make_use_case, score_all
from wandel.core.models import AuditEvent
from wandel.portfolio.use_cases.lifecycle import LifecycleError, use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db


def owned_by(user) -> UseCase:
    use_case = make_use_case()
    product_owner_set(use_case=use_case, person=user.person, actor=None)
    return use_case


def page_move(client, use_case: UseCase, to: str):
    return client.post(f"/portfolio/{use_case.pk}/move/", {"to": to, "reason": "Weiter"})


def api_move(client, use_case: UseCase, user, to: str):
    return client.post(
        f"/api/v1/use-cases/{use_case.pk}/moves",
        {"to": to, "reason": "Weiter"},
        content_type="application/json",
        headers=bearer(user),
    )


def stage_of(use_case: UseCase) -> str:
    use_case.refresh_from_db()
    return use_case.stage


def test_on_the_page_an_owner_cannot_take_an_idea_to_prototype_through_on_hold(client, owner):
    idea = owned_by(owner)
    client.force_login(owner)

    paused = page_move(client, idea, "on_hold")
    resumed = page_move(client, idea, "prototype")

    assert paused.status_code == 302
    assert resumed.status_code == 400
    assert "cannot move from “On hold” to “Prototype”" in resumed.content.decode()
    assert stage_of(idea) == Stage.ON_HOLD


def test_over_the_api_an_owner_cannot_take_an_idea_to_prototype_through_on_hold(client, owner):
    idea = owned_by(owner)

    paused = api_move(client, idea, owner, "on_hold")
    resumed = api_move(client, idea, owner, "prototype")

    assert paused.status_code == 201
    assert resumed.status_code == 409
    assert resumed.json()["detail"] == (
        "A use case cannot move from “On hold” to “Prototype”. Allowed next: Idea, Rejected."
    )
    assert stage_of(idea) == Stage.ON_HOLD


def test_not_even_the_steering_committee_skips_assessment_through_on_hold(steerco):
    idea = score_all(make_use_case())
    use_case_move(use_case=idea, to=Stage.ON_HOLD, actor=steerco, reason="Pause")

    for skipped in (Stage.ASSESSED, Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT):
        with pytest.raises(LifecycleError):
            use_case_move(use_case=idea, to=skipped, actor=steerco, reason="Weiter")
    use_case_move(use_case=idea, to=Stage.IDEA, actor=steerco, reason="Weiter")

    assert stage_of(idea) == Stage.IDEA


def test_a_paused_prototype_resumes_as_prototype_or_earlier_not_later(steerco, owner):
    use_case = score_all(owned_by(owner))
    for stage in (Stage.ASSESSED, Stage.APPROVED, Stage.PROTOTYPE):
        use_case_move(use_case=use_case, to=stage, actor=steerco, reason="Weiter")
    use_case_move(use_case=use_case, to=Stage.ON_HOLD, actor=owner, reason="Pause")
    use_case.refresh_from_db()
    assert use_case.paused_from == Stage.PROTOTYPE

    with pytest.raises(LifecycleError):
        use_case_move(use_case=use_case, to=Stage.PILOT, actor=steerco, reason="Weiter")
    use_case_move(use_case=use_case, to=Stage.PROTOTYPE, actor=owner, reason="Weiter")

    use_case.refresh_from_db()
    assert (use_case.stage, use_case.paused_from) == (Stage.PROTOTYPE, "")
    resumed = AuditEvent.objects.filter(action="portfolio.moved").latest("id")
    assert resumed.changes["from"] == "on_hold"
    assert resumed.changes["to"] == "prototype"


def test_an_owner_does_not_approve_even_when_the_pause_came_after_approval(client, owner, steerco):
    use_case = score_all(owned_by(owner))
    for stage in (Stage.ASSESSED, Stage.APPROVED):
        use_case_move(use_case=use_case, to=stage, actor=steerco, reason="Weiter")
    use_case_move(use_case=use_case, to=Stage.ON_HOLD, actor=owner, reason="Pause")

    assert api_move(client, use_case, owner, "approved").status_code == 403
    assert api_move(client, use_case, owner, "assessed").status_code == 403
    assert stage_of(use_case) == Stage.ON_HOLD


def test_the_service_checks_the_permission_itself(owner):
    """Whoever calls the move (page, API, command), an owner's own rights are checked on the
    locked row, not only by the view."""
    from wandel.core.errors import NotPermitted

    idea = owned_by(owner)
    with pytest.raises(NotPermitted):
        use_case_move(use_case=idea, to=Stage.ASSESSED, actor=owner, reason="Selbst bewertet")
    assert stage_of(idea) == Stage.IDEA
