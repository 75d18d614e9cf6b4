"""The gate rules as a table: every combination of what is known about a use case →
the approvals a move to pilot or production requires (issue: "Gates")."""

from __future__ import annotations

import itertools

import pytest

from wandel.governance.facts import (
    ClassificationState,
    CodeterminationState,
    DpiaState,
    GateFacts,
    RiskClass,
)
from wandel.governance.gates.rules import Need, met, missing, required
from wandel.portfolio.use_cases.models import Stage

N = Need
CLASSES = [None, RiskClass.MINIMAL, RiskClass.TRANSPARENCY, RiskClass.HIGH, RiskClass.PROHIBITED]


def facts(
    *,
    personal_data=False,
    employee_impact=False,
    risk_class=RiskClass.MINIMAL,
    dpia_required=False,
    codetermination=False,
    **done,
) -> GateFacts:
    return GateFacts(
        personal_data=personal_data,
        classification=ClassificationState(
            classified=risk_class is not None or done.get("classified", False),
            risk_class=risk_class,
            employee_impact=employee_impact,
            unconfirmed_obligations=done.get("unconfirmed", ()),
        ),
        dpia=DpiaState(
            checked=done.get("dpia_checked", False),
            required=dpia_required,
            completed=done.get("dpia_completed", False),
        ),
        council=CodeterminationState(
            assessed=done.get("council_assessed", False),
            required=codetermination,
            agreed=done.get("council_agreed", False),
        ),
        steering_approved=done.get("steering", False),
        ethics_passed=done.get("ethics", False),
    )


def expected(personal_data, employee_impact, risk_class, dpia_required, codetermination):
    """The issue's rules, written out independently of the implementation."""
    needs = set()
    if risk_class == RiskClass.PROHIBITED:
        needs.add(N.NOT_PROHIBITED)  # prohibited means it can never move on
    needs |= {N.CLASSIFICATION, N.STEERING_DECISION}  # a steering-committee gate decision always
    if employee_impact or personal_data:
        needs.add(N.ETHICS_REVIEW)
    if personal_data:
        needs.add(N.DPIA_CHECK)
    if dpia_required and personal_data:
        needs.add(N.DPIA)
    if employee_impact:
        needs.add(N.COUNCIL_ASSESSMENT)
    if codetermination:
        needs.add(N.COUNCIL_AGREEMENT)
    if risk_class == RiskClass.HIGH:
        needs.add(N.HIGH_RISK_OBLIGATIONS)
    return needs


@pytest.mark.parametrize("stage", [Stage.PILOT, Stage.PRODUCTION])
@pytest.mark.parametrize(
    ("personal_data", "employee_impact", "risk_class", "dpia_required", "codetermination"),
    list(itertools.product([False, True], [False, True], CLASSES, [False, True], [False, True])),
)
def test_every_combination_requires_exactly_the_approvals_it_should(
    stage, personal_data, employee_impact, risk_class, dpia_required, codetermination
):
    given = facts(
        personal_data=personal_data,
        employee_impact=employee_impact,
        risk_class=risk_class,
        dpia_required=dpia_required,
        codetermination=codetermination,
    )
    assert set(required(given, stage)) == expected(
        personal_data, employee_impact, risk_class, dpia_required, codetermination
    )


def test_personal_data_needs_the_dpia_and_the_ethics_review_and_names_both():
    given = facts(personal_data=True, dpia_required=True, dpia_checked=True, steering=True)
    assert missing(given, Stage.PILOT) == [N.ETHICS_REVIEW, N.DPIA]
    done = facts(
        personal_data=True,
        dpia_required=True,
        dpia_checked=True,
        dpia_completed=True,
        ethics=True,
        steering=True,
    )
    assert missing(done, Stage.PILOT) == []


def test_without_anything_done_a_minimal_use_case_needs_only_the_steering_decision():
    assert missing(facts(), Stage.PILOT) == [N.STEERING_DECISION]
    assert missing(facts(risk_class=None), Stage.PILOT) == [N.CLASSIFICATION, N.STEERING_DECISION]


def test_a_high_risk_use_case_waits_for_every_obligation():
    given = facts(risk_class=RiskClass.HIGH, steering=True, unconfirmed=("art26_7",))
    assert missing(given, Stage.PRODUCTION) == [N.HIGH_RISK_OBLIGATIONS]
    assert missing(facts(risk_class=RiskClass.HIGH, steering=True), Stage.PRODUCTION) == []


def test_co_determination_needs_the_agreement():
    given = facts(
        employee_impact=True,
        codetermination=True,
        ethics=True,
        steering=True,
        council_assessed=True,
    )
    assert missing(given, Stage.PILOT) == [N.COUNCIL_AGREEMENT]


def test_a_prohibited_practice_never_moves_on_whatever_is_done():
    everything = facts(
        risk_class=RiskClass.PROHIBITED,
        steering=True,
        ethics=True,
        dpia_checked=True,
        dpia_completed=True,
        council_assessed=True,
        council_agreed=True,
    )
    for stage in (Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION):
        assert N.NOT_PROHIBITED in missing(everything, stage)
    assert not met(N.NOT_PROHIBITED, everything)


@pytest.mark.parametrize(
    "stage",
    [
        Stage.IDEA,
        Stage.ASSESSED,
        Stage.REJECTED,
        Stage.ON_HOLD,
        Stage.RETIRED,
        Stage.APPROVED,
        Stage.PROTOTYPE,
    ],
)
def test_other_moves_are_not_gated_unless_prohibited(stage):
    assert required(facts(personal_data=True, employee_impact=True), stage) == []
