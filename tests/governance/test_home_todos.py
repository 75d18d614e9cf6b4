"""The home page's "For you" lists from governance: each body sees what waits for it, and
everyone the conditions and mitigations they own, overdue first."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tests.support.governance import at_stage, make_body, make_risk
from tests.support.home import todo_lists
from tests.support.personas import make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.core.tracking import TrackedStatus
from wandel.governance.decisions.models import (
    BodyKind,
    Decision,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    Meeting,
)
from wandel.governance.reviews.codetermination.models import CouncilInvolvement
from wandel.governance.reviews.dpia.models import DpiaCheck
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.governance.risks.models import Mitigation
from wandel.portfolio.measures.services import kpi_add
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db

COUNCIL = "Waiting for the works council's assessment"
DPIA_CHECKS = "Use cases with personal data to check for a DPIA"
ETHICS = "Use cases with personal data waiting for an ethics review"
STEERING = "Waiting for the steering committee"
FOLLOW_UPS = "Conditions, mitigations and reviews you own"


def home(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def lists_of(user):
    return todo_lists(home(user).get("/"))


def test_the_council_sees_unassessed_use_cases_live_ones_first(council):
    idea = at_stage(Stage.IDEA, title="Idea first by title")
    pilot = at_stage(Stage.PILOT, title="Pilot")
    production = at_stage(Stage.PRODUCTION, title="Production")
    at_stage(Stage.REJECTED, title="Rejected")
    assessed_already = at_stage(Stage.PILOT, title="Assessed already")
    CouncilInvolvement.objects.create(use_case=assessed_already, monitoring_capable=False)

    waiting = lists_of(council)[COUNCIL]

    assert waiting.total == 3
    assert [item.text for item in waiting.items] == ["Production", "Pilot", "Idea first by title"]
    assert waiting.items[0].url == f"/governance/reviews/use-cases/{production.pk}/codetermination/"
    assert waiting.items[1].detail == f"Pilot · {pilot.unit.name}"
    assert idea.pk


def test_the_council_is_told_when_nothing_waits(council):
    waiting = lists_of(council)[COUNCIL]

    assert waiting.total == 0
    assert waiting.items == []
    assert waiting.rest == "No use case waits for the works council's assessment."


def test_a_long_list_shows_five_and_links_to_all(council):
    for number in range(7):
        at_stage(Stage.IDEA, title=f"Idea {number}")

    waiting = lists_of(council)[COUNCIL]

    assert len(waiting.items) == 5
    assert waiting.rest == "All 7"
    page = home(council).get("/").content.decode()
    assert 'href="/governance/reviews/codetermination/?status=not_assessed"' in page


def test_an_employee_sees_no_bodys_list(employee):
    at_stage(Stage.PILOT, personal_data=True)

    assert lists_of(employee) == {}
    assert "Nothing waits for you." in home(employee).get("/").content.decode()


def test_the_data_protection_officer_sees_use_cases_to_check(privacy):
    waiting = at_stage(Stage.PROTOTYPE, personal_data=True, title="With personal data")
    checked = at_stage(Stage.PROTOTYPE, personal_data=True, title="Checked")
    DpiaCheck.objects.create(use_case=checked, answers={}, required=False)
    at_stage(Stage.PROTOTYPE, personal_data=False, title="Without")

    checks = lists_of(privacy)[DPIA_CHECKS]

    assert [(item.text, item.url) for item in checks.items] == [
        ("With personal data", f"/governance/reviews/use-cases/{waiting.pk}/dpia-check/")
    ]


def test_the_ethics_board_sees_use_cases_without_a_review(personas):
    waiting = at_stage(Stage.ASSESSED, personal_data=True, title="Unreviewed")
    reviewed = at_stage(Stage.ASSESSED, personal_data=True, title="Reviewed")
    EthicsReview.objects.create(use_case=reviewed)

    lists = lists_of(personas["ethics"])

    assert [item.text for item in lists[ETHICS].items] == ["Unreviewed"]
    assert lists[ETHICS].items[0].url == f"/governance/reviews/use-cases/{waiting.pk}/ethics/"
    assert [item.text for item in lists["Ethics reviews in progress"].items] == ["Reviewed"]


def test_the_steering_committee_sees_the_next_meeting_and_what_waits(steerco):
    waiting = at_stage(Stage.ASSESSED, title="Waiting for approval")
    body = make_body(BodyKind.STEERING_COMMITTEE, name="Steering committee")
    meeting = Meeting.objects.create(
        body=body, title="December", held_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    Meeting.objects.create(body=body, title="Past", held_on=datetime.date(2020, 1, 1))

    steering = lists_of(steerco)[STEERING]

    assert steering.total == 2
    first, second = steering.items
    assert first.text.startswith("Next meeting: Steering committee on ")
    assert first.url == f"/governance/meetings/{meeting.pk}/"
    assert (second.text, second.url) == (
        "Waiting for approval",
        f"/governance/use-cases/{waiting.pk}/",
    )
    assert second.detail == f"Awaiting approval · {waiting.unit.name}"


def test_people_see_what_they_own_overdue_first(owner, steerco):
    today = timezone.localdate()
    use_case = at_stage(Stage.PILOT)
    decision = Decision.objects.create(
        body=make_body(),
        decided_on=today,
        kind=DecisionKind.OTHER,
        text="Go",
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        use_case=use_case,
        recorded_by=steerco,
    )
    DecisionCondition.objects.create(
        decision=decision, text="Train the users", owner=owner.person, due_on=today
    )
    DecisionCondition.objects.create(
        decision=decision,
        text="Done already",
        owner=owner.person,
        due_on=today,
        status=TrackedStatus.DONE,
        closed_on=today,
    )
    DecisionCondition.objects.create(
        decision=decision, text="Someone else's", owner=steerco.person, due_on=today
    )
    risk = make_risk(use_case=use_case)
    Mitigation.objects.create(
        risk=risk,
        text="Filter the prompts",
        owner=owner.person,
        due_on=today - datetime.timedelta(days=2),
    )

    follow_ups = lists_of(owner)[FOLLOW_UPS]

    assert follow_ups.total == 2
    late, due = follow_ups.items
    assert (late.text, late.url, late.overdue) == (
        "Filter the prompts",
        f"/governance/risks/{risk.pk}/",
        True,
    )
    assert late.detail.startswith("Mitigation of a risk · overdue since ")
    assert (due.text, due.url, due.overdue) == (
        "Train the users",
        f"/governance/decisions/{decision.pk}/",
        False,
    )
    assert due.detail.startswith("Condition of a decision · due ")


def test_the_home_page_takes_as_many_queries_when_more_waits(db):
    everyone = make_user(
        Role.WORKS_COUNCIL,
        Role.DATA_PROTECTION,
        Role.ETHICS_BOARD,
        Role.STEERING_COMMITTEE,
        Role.PRODUCT_OWNER,
    )
    at_stage(Stage.ASSESSED, personal_data=True)

    def grow() -> None:
        for number in range(8):
            at_stage(Stage.ASSESSED, personal_data=True, title=f"More {number}")

    assert_queries_do_not_grow(home(everyone), "/", grow=grow, shows="<li")


def test_the_home_page_takes_as_many_queries_when_one_owner_has_more(owner):
    """Risks whose review comes near and KPIs due to be measured, all of one owner: the
    lists grow, the queries do not. (The use cases are in production, past every gate: the
    list of use cases before a gate checks each of its first five rows, so it is bounded,
    not constant, and is not what this test grows.)"""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=3)
    long_ago = today - datetime.timedelta(days=200)

    def owned_live(title: str):
        use_case = at_stage(Stage.PRODUCTION, title=title)
        UseCase.objects.filter(pk=use_case.pk).update(product_owner=owner.person)
        return use_case

    def add(number: int) -> None:
        use_case = owned_live(f"Live {number}")
        make_risk(use_case=use_case, owner=owner.person, title=f"Risk {number}", review_on=soon)
        kpi_add(
            use_case=use_case,
            name=f"Minutes per answer {number}",
            unit_of_measure="min",
            direction="lower",
            baseline_value=Decimal("40"),
            baseline_date=long_ago,
            target_value=Decimal("20"),
            target_date=today + datetime.timedelta(days=100),
            measure_every=30,
            actor=None,
        )

    add(0)

    def grow() -> None:
        for number in range(1, 4):
            add(number)

    assert_queries_do_not_grow(home(owner), "/", grow=grow, shows="<li")
