"""The last step of the governance demo, after the portfolio: the governance of the use cases
that have not reached a gate (two of them blocked at the pilot gate for a visible reason),
the decisions behind the portfolio's priorities, budgets, risks and policies, then the
minutes of the meetings held and the agenda of the next one.

Everything goes through the governance services, so the rules hold and the audit log is
real; dates are set back afterwards with plain updates, as the portfolio demo does.
Decisions cannot be changed once recorded, so they get their date when they are recorded.
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

from wandel.core.tracking import TrackedStatus
from wandel.demo.base import DemoRun
from wandel.demo.governance.board import Board, moment, span
from wandel.demo.governance.meetings import ethics_agenda, minutes, next_meetings
from wandel.demo.governance.records import decide, record_story
from wandel.demo.governance.specs import (
    PRODUCT_OWNER,
    STEERING,
    BudgetSpec,
    DecisionSpec,
    RiskSpec,
    ai_act_texts,
    bodies,
    budgets,
    decisions,
    risks,
    stories,
    wording,
)
from wandel.demo.org.accounts import ETHICS, STEERCO
from wandel.demo.portfolio.specs import use_cases as hand_written
from wandel.governance.budgets.models import BudgetRequest, SpendEntry
from wandel.governance.budgets.services import budget_request_create, spend_record
from wandel.governance.decisions.meetings import agenda_item_add
from wandel.governance.decisions.models import AgendaKind, DecisionKind, DecisionOutcome, GateStage
from wandel.governance.gates.rules import GATED
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.governance.risks.models import Mitigation, Risk
from wandel.governance.risks.services import (
    mitigation_add,
    mitigation_close,
    risk_close,
    risk_record,
    risk_request_acceptance,
)
from wandel.portfolio.use_cases.lifecycle import MoveRefused, moves_missing, use_case_move
from wandel.portfolio.use_cases.models import Stage, StageChange, UseCase

S = Stage


def check_governance(run: DemoRun) -> None:
    """The governance content files can be read and name what exists."""
    bodies()
    stories()
    budgets()
    risks()
    decisions()
    wording()
    ai_act_texts()


def load_governance(run: DemoRun) -> None:
    """The governance of the use cases before their gates, then budgets, risks, policies,
    minutes and the next meetings' agendas, each through its service (one action each)."""
    board = Board.load()
    titles = [spec.title for spec in hand_written()]
    use_cases = {
        uc.title: uc
        for uc in UseCase.objects.filter(title__in=titles)
        .select_related("product_owner__user")
        .order_by("pk")
    }
    run.say("Adding classifications, reviews, DPIAs and works-council involvement …\n")
    gated = set(
        StageChange.objects.filter(use_case__in=use_cases.values(), to_stage__in=GATED).values_list(
            "use_case_id", flat=True
        )
    )
    for title, spec in stories().items():
        use_case = use_cases.get(title)
        if use_case is None or use_case.pk in gated:
            continue
        record_story(board, use_case, spec, span(use_case, _review_end(board, use_case)))
    _blocked(board, use_cases)
    run.say("Recording decisions, budgets and risks …\n")
    _priorities(board, use_cases)
    for budget in budgets():
        _budget(board, use_cases[budget.use_case], budget)
    for risk in risks():
        _risk(board, use_cases.get(risk.use_case) if risk.use_case else None, risk)
    for decision in decisions():
        _other_decision(board, decision, use_cases)
    ethics_agenda(board)
    run.say("Writing the minutes and the next agendas …\n")
    minutes(board)
    next_meetings(board)


def _review_end(board: Board, use_case: UseCase) -> date:
    """Work on a use case that has not reached a gate goes on until today, unless it was
    rejected or put on hold."""
    if use_case.stage in (S.REJECTED, S.ON_HOLD, S.RETIRED):
        return board.past_day(use_case.stage_changed_at.date() - timedelta(days=3))
    return board.past_day(board.today - timedelta(days=2))


def _blocked(board: Board, use_cases: dict[str, UseCase]) -> None:
    """Use cases the steering committee sent back from the pilot gate, and a refused move."""
    meeting = board.past[STEERING][-1]
    words = wording()
    for title, spec in stories().items():
        use_case = use_cases.get(title)
        if use_case is None:
            continue
        if spec.deferred:
            item = agenda_item_add(
                meeting=meeting,
                actor=board.users[STEERCO],
                title=words.gate_items[GateStage.PILOT].format(title=title),
                kind=AgendaKind.USE_CASE,
                use_case=use_case,
            )
            decide(
                board,
                body=STEERING,
                meeting=meeting,
                agenda_item=item,
                decided_on=meeting.held_on,
                kind=DecisionKind.GATE_APPROVAL,
                outcome=DecisionOutcome.DEFERRED,
                text=spec.deferred,
                use_case=use_case,
                gate_stage=GateStage.PILOT,
            )
        # Only where the gate refuses it: with the governance gate suspended (as in the
        # portfolio's own tests) the move would go through.
        if spec.refused_move and moves_missing(use_case=use_case, to=S.PILOT):
            with contextlib.suppress(MoveRefused):
                use_case_move(
                    use_case=use_case,
                    to=S.PILOT,
                    actor=board.user(PRODUCT_OWNER, use_case),
                    reason=words.refused_move,
                )


def _priorities(board: Board, use_cases: dict[str, UseCase]) -> None:
    """The steering committee's decision behind each approval and rejection in the
    portfolio, at its last meeting before the move."""
    moves = (
        StageChange.objects.filter(
            use_case__in=use_cases.values(), to_stage__in=(S.APPROVED, S.REJECTED)
        )
        .select_related("use_case")
        .order_by("at", "pk")
    )
    words = wording()
    for move in moves:
        moved_on = move.at.date() - timedelta(days=1)
        # Before the first meeting of the year the committee decided by circulation.
        meeting = board.meeting_before(STEERING, moved_on)
        title = move.use_case.title
        item = None
        if meeting is not None:
            item = agenda_item_add(
                meeting=meeting,
                actor=board.users[STEERCO],
                title=words.priority_item.format(title=title),
                kind=AgendaKind.USE_CASE,
                use_case=move.use_case,
            )
        rejected = move.to_stage == S.REJECTED
        decide(
            board,
            body=STEERING,
            meeting=meeting,
            agenda_item=item,
            decided_on=meeting.held_on if meeting else moved_on,
            kind=DecisionKind.PRIORITY,
            outcome=DecisionOutcome.REJECTED if rejected else DecisionOutcome.APPROVED,
            text=(
                words.priority_rejected.format(title=title, reason=move.reason)
                if rejected
                else words.priority_approved.format(title=title)
            ),
            use_case=move.use_case,
        )


def _budget(board: Board, use_case: UseCase, spec: BudgetSpec) -> None:
    requester = board.user(PRODUCT_OWNER, use_case)
    requested_on = board.today - timedelta(days=spec.requested_days_ago)
    request = budget_request_create(
        use_case=use_case,
        title=spec.title,
        amount_requested=Decimal(spec.amount),
        justification=spec.justification,
        requested_on=requested_on,
        actor=requester,
    )
    BudgetRequest.objects.filter(pk=request.pk).update(created_at=moment(requested_on))
    meeting = board.meeting_after(STEERING, requested_on + timedelta(days=5))
    if spec.outcome and meeting is not None:
        item = agenda_item_add(
            meeting=meeting,
            actor=board.users[STEERCO],
            title=wording().budget_item.format(title=spec.title),
            kind=AgendaKind.BUDGET,
            use_case=use_case,
            budget_request=request,
        )
        decision = decide(
            board,
            body=STEERING,
            meeting=meeting,
            agenda_item=item,
            decided_on=meeting.held_on,
            kind=DecisionKind.BUDGET,
            outcome=spec.outcome,
            text=spec.text,
            conditions=spec.conditions,
            use_case=use_case,
            budget_request=request,
            approved_amount=Decimal(spec.approved) if spec.approved is not None else None,
        )
        if spec.correction is not None:
            decide(
                board,
                body=STEERING,
                meeting=None,
                agenda_item=None,
                decided_on=board.past_day(meeting.held_on + timedelta(days=6)),
                kind=DecisionKind.BUDGET,
                outcome=spec.outcome,
                text=spec.correction.text,
                use_case=use_case,
                budget_request=request,
                approved_amount=Decimal(spec.correction.approved),
                supersedes=decision,
            )
    for spent in spec.spend:
        spent_on = board.today - timedelta(days=spent.days_ago)
        entry = spend_record(
            budget_request=request,
            spent_on=spent_on,
            amount=Decimal(spent.amount),
            description=spent.description,
            actor=requester,
        )
        SpendEntry.objects.filter(pk=entry.pk).update(created_at=moment(spent_on))


def _risk(board: Board, use_case: UseCase | None, spec: RiskSpec) -> None:
    owner = board.person(spec.owner, use_case)
    recorder = board.user(spec.owner, use_case)
    recorded = board.today - timedelta(days=spec.recorded_days_ago)
    residual_likelihood, residual_impact = spec.residual or (None, None)
    risk = risk_record(
        actor=recorder,
        use_case=use_case,
        title=spec.title,
        description=spec.description,
        category=spec.category,
        likelihood=spec.likelihood,
        impact=spec.impact,
        owner=owner,
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        review_on=board.today + timedelta(days=spec.review_in),
    )
    for number, mitigation in enumerate(spec.mitigations, start=1):
        done = mitigation.status == TrackedStatus.DONE
        added = mitigation_add(
            risk=risk,
            text=mitigation.text,
            # Done ones are added open and closed below: closing is the one way to be done.
            status=TrackedStatus.OPEN
            if mitigation.status == TrackedStatus.DONE
            else mitigation.status,
            owner=board.person(mitigation.owner, use_case),
            due_on=(
                board.today + timedelta(days=mitigation.due_in)
                if mitigation.due_in is not None
                else None
            ),
            actor=recorder,
        )
        added_on = recorded + timedelta(days=7 * number)
        Mitigation.objects.filter(pk=added.pk).update(created_at=moment(added_on))
        if done:
            mitigation_close(
                mitigation=added,
                closing_note="Umgesetzt und geprüft.",
                closed_on=min(added_on + timedelta(days=14), board.today),
                actor=recorder,
            )
    if spec.status in ("requested", "accepted"):
        risk_request_acceptance(risk=risk, actor=recorder)
    if spec.status == "accepted" and spec.acceptance is not None:
        words = wording()
        meeting = board.meeting_after(STEERING, recorded + timedelta(days=14))
        item = None
        if meeting is not None:
            item = agenda_item_add(
                meeting=meeting,
                actor=board.users[STEERCO],
                title=words.risk_item.format(title=spec.title),
                kind=AgendaKind.RISK,
                use_case=use_case,
                risk=risk,
            )
        decide(
            board,
            body=STEERING,
            meeting=meeting,
            agenda_item=item,
            decided_on=meeting.held_on if meeting else board.past_day(recorded),
            kind=DecisionKind.RISK_ACCEPTANCE,
            outcome=spec.acceptance,
            text=(
                words.risk_accepted_with_conditions
                if spec.acceptance_conditions
                else words.risk_accepted
            ).format(title=spec.title),
            conditions=spec.acceptance_conditions,
            use_case=use_case,
            risk=risk,
        )
    if spec.status == "closed":
        risk_close(risk=risk, actor=recorder)
    Risk.objects.filter(pk=risk.pk).update(
        created_at=moment(recorded),
        updated_at=moment(board.past_day(recorded + timedelta(days=30))),
    )


def _other_decision(board: Board, spec: DecisionSpec, use_cases: dict[str, UseCase]) -> None:
    use_case = use_cases.get(spec.use_case) if spec.use_case else None
    if spec.meeting is not None:
        meeting = board.meeting(spec.body, spec.meeting)
    else:
        # The ethics board states its view in the meeting that concluded its review.
        review = EthicsReview.objects.filter(use_case=use_case, completed_on__isnull=False)
        concluded = review.values_list("completed_on", flat=True).first()
        found = board.meeting_before(spec.body, concluded) if concluded else None
        meeting = found or board.meeting(spec.body, -1)
    item = agenda_item_add(
        meeting=meeting,
        actor=board.users[STEERCO if spec.body == STEERING else ETHICS],
        title=spec.item,
        kind=AgendaKind.OTHER,
        use_case=use_case,
    )
    decide(
        board,
        body=spec.body,
        meeting=meeting,
        agenda_item=item,
        decided_on=meeting.held_on,
        kind=spec.kind,
        outcome=spec.outcome,
        text=spec.text,
        conditions=spec.conditions,
        use_case=use_case,
    )
