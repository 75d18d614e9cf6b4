"""What a use case needs before it moves into pilot or production, recorded just in time.

While the portfolio demo moves a use case into a gated stage, ``approve_for_gate`` (in the
portfolio demo's ``BEFORE_MOVE``) first records what the use case's story says, then the
usual for whatever the gate still misses, and lets the steering committee approve the gate
at its last meeting before the move, so the governance gate lets it through.
"""

from __future__ import annotations

from datetime import date, timedelta

from wandel.demo.governance.board import Board, Span
from wandel.demo.governance.records import (
    classify,
    confirm_obligations,
    council_record,
    current_classification,
    decide,
    dpia_record,
    ethics_record,
    record_story,
)
from wandel.demo.governance.specs import (
    STEERING,
    CouncilSpec,
    DpiaSpec,
    GovernanceSpec,
    stories,
    wording,
)
from wandel.demo.org.accounts import STEERCO
from wandel.governance.decisions.meetings import agenda_item_add
from wandel.governance.decisions.models import (
    AgendaKind,
    Decision,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
    MeetingStatus,
)
from wandel.governance.facts import RiskClass
from wandel.governance.gates.check import gate_facts
from wandel.governance.gates.rules import GATED, Need, missing, required
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.portfolio.use_cases.models import UseCase


def approve_for_gate(
    use_case: UseCase,
    stage: str,
    *,
    moved_days_ago: float,
    assessed_days_ago: float | None = None,
) -> Decision | None:
    """Record what moving ``use_case`` into ``stage`` needs, dated before the move.

    The portfolio demo calls this just before it moves a use case into pilot or production
    ``moved_days_ago`` days back (its history is dated only afterwards, so it also says
    when the use case was assessed). This records what the use case's story says (see
    ``data/use_cases.toml``), fills in anything the gate still misses, and lets the
    steering committee approve the gate at its last meeting before the move.
    """
    if stage not in GATED:
        return None
    gate = GateStage(stage)
    board = Board.load()
    moved_on = (board.now - timedelta(days=moved_days_ago)).date()
    meeting = board.meeting_before(STEERING, moved_on - timedelta(days=1))
    if meeting is not None and meeting.status == MeetingStatus.HELD:
        # Its minutes are written: the committee decides by circulation instead.
        meeting = None
    decided_on = meeting.held_on if meeting else board.past_day(moved_on - timedelta(days=1))
    spec = stories().get(use_case.title) or _usual_spec(use_case)
    end = decided_on - timedelta(days=3)
    if assessed_days_ago is None:
        assessed_days_ago = moved_days_ago + 60
    start = (board.now - timedelta(days=assessed_days_ago)).date() + timedelta(days=2)
    span = Span(min(start, end), end)
    record_story(board, use_case, spec, span)
    _complete_for_gate(board, use_case, gate, span)
    decision = _gate_decision(board, use_case, gate, spec, meeting, decided_on)
    left = missing(gate_facts(use_case, stage), stage)
    if left:
        raise RuntimeError(f"{use_case.title}: the {stage} gate still misses {left}")
    return decision


def _usual_spec(use_case: UseCase) -> GovernanceSpec:
    """For a use case the demo's story does not tell: the usual way through the gate."""
    usual = wording().usual
    if not use_case.personal_data:
        return GovernanceSpec(use_case.title, profile=usual.profile)
    return GovernanceSpec(
        use_case.title,
        profile=usual.profile,
        dpia=DpiaSpec(usual.dpia_criteria),
        ethics=usual.ethics,
    )


def _complete_for_gate(board: Board, use_case: UseCase, stage: GateStage, span: Span) -> None:
    """Whatever the gate still needs beyond the steering decision, the usual way."""
    usual = wording().usual
    for _ in range(3):
        needs = missing(gate_facts(use_case, stage), stage)
        needs = [need for need in needs if need != Need.STEERING_DECISION]
        if not needs:
            return
        for need in needs:
            if need == Need.NOT_PROHIBITED:
                raise RuntimeError(f"{use_case.title} is a prohibited practice")
            if need == Need.CLASSIFICATION:
                classify(board, use_case, usual.profile, span.at("classified"))
            elif need == Need.ETHICS_REVIEW:
                ethics_record(board, use_case, usual.ethics, span)
            elif need in (Need.DPIA_CHECK, Need.DPIA):
                dpia_record(board, use_case, DpiaSpec(usual.dpia_criteria), span)
                if need == Need.DPIA:
                    dpia_record(board, use_case, DpiaSpec((), usual.dpia_sections), span)
            elif need in (Need.COUNCIL_ASSESSMENT, Need.COUNCIL_AGREEMENT):
                agreed = need == Need.COUNCIL_AGREEMENT
                council = CouncilSpec(
                    agreed,
                    AgreementStatus.AGREED if agreed else AgreementStatus.NOT_NEEDED,
                    reference=usual.council_reference if agreed else "",
                )
                council_record(board, use_case, council, span, update=True)
            elif need == Need.HIGH_RISK_OBLIGATIONS:
                classification = current_classification(use_case)
                confirm_obligations(
                    board, use_case, classification, classification.obligations, span
                )


def _gate_decision(
    board: Board,
    use_case: UseCase,
    stage: GateStage,
    spec: GovernanceSpec,
    meeting: Meeting | None,
    decided_on: date,
) -> Decision:
    words = wording()
    steerco = board.users[STEERCO]
    item = None
    if meeting is not None:
        item = agenda_item_add(
            meeting=meeting,
            actor=steerco,
            title=words.gate_items[stage].format(title=use_case.title),
            kind=AgendaKind.USE_CASE,
            use_case=use_case,
        )
    given = spec.gate_conditions.get(stage, ())
    text = spec.gate_texts.get(stage) or words.gate_texts[stage].format(title=use_case.title)
    basis = _basis(use_case, stage)
    if basis:
        text = words.with_basis.format(text=text, basis=basis)
    return decide(
        board,
        body=STEERING,
        meeting=meeting,
        agenda_item=item,
        decided_on=decided_on,
        kind=DecisionKind.GATE_APPROVAL,
        outcome=(DecisionOutcome.APPROVED_WITH_CONDITIONS if given else DecisionOutcome.APPROVED),
        text=text,
        conditions=given,
        use_case=use_case,
        gate_stage=stage,
    )


def _basis(use_case: UseCase, stage: GateStage) -> str:
    """What the gate decision rests on, in the words of the register."""
    words = wording()
    facts = gate_facts(use_case, stage)
    council = CouncilInvolvement.objects.filter(use_case=use_case).first()
    risk_class = facts.classification.risk_class
    values = {
        "risk_class": words.risk_classes.get(RiskClass(risk_class), "") if risk_class else "",
        "reference": council.agreement_reference if council else "",
    }
    parts = [
        words.basis[need].format(**values) for need in required(facts, stage) if need in words.basis
    ]
    return "; ".join(parts)
