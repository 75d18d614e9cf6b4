"""Recording what a use case went through, one user action each, dated back to when its
story says: the EU AI Act classification and confirmed obligations, the DPIA, the ethics
review, the works council's involvement, and the decisions of the bodies with their
conditions. Each records only what is not on record yet, so the gate and the rest of the
governance demo can both call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from wandel.demo.governance.board import Board, Span, moment
from wandel.demo.governance.profiles import PROFILES
from wandel.demo.governance.specs import (
    ETHICS_BOARD,
    PRODUCT_OWNER,
    STEERING,
    ConditionSpec,
    CouncilSpec,
    DpiaSpec,
    EthicsSpec,
    GovernanceSpec,
    ai_act_texts,
    wording,
)
from wandel.demo.org.accounts import COUNCIL, ETHICS, PRIVACY, STEERCO
from wandel.governance.ai_act.models import Classification
from wandel.governance.ai_act.services import classification_record, obligation_confirm
from wandel.governance.decisions.models import Decision, Meeting
from wandel.governance.decisions.services import ConditionInput, condition_close, decision_record
from wandel.governance.reviews.codetermination.models import CouncilInvolvement
from wandel.governance.reviews.codetermination.services import council_involvement_save
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck
from wandel.governance.reviews.dpia.services import dpia_check_record, dpia_complete, dpia_save
from wandel.governance.reviews.ethics.models import (
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsReview,
)
from wandel.governance.reviews.ethics.services import (
    AnswerInput,
    ethics_condition_add,
    ethics_condition_close,
    ethics_review_complete,
    ethics_review_save,
    ethics_review_start,
)
from wandel.portfolio.use_cases.models import UseCase


def record_story(board: Board, use_case: UseCase, spec: GovernanceSpec, span: Span) -> None:
    """What the story says about the use case, for whatever is not recorded yet."""
    if spec.profile and not Classification.objects.filter(use_case=use_case).exists():
        classification = classify(board, use_case, spec.profile, span.at("classified"))
        if spec.confirm:
            confirm_obligations(board, use_case, classification, spec.confirm, span)
    if spec.council and not CouncilInvolvement.objects.filter(use_case=use_case).exists():
        council_record(board, use_case, spec.council, span)
    if spec.dpia:
        dpia_record(board, use_case, spec.dpia, span)
    if spec.ethics and not EthicsReview.objects.filter(use_case=use_case).exists():
        ethics_record(board, use_case, spec.ethics, span)


def classify(board: Board, use_case: UseCase, profile: str, day: date) -> Classification:
    answers = PROFILES[profile]
    reasons = ai_act_texts().rationales
    rationales = {
        question: reasons[question]["+".join(a) if isinstance(a, list) else str(a)]
        for question, a in answers.items()
    }
    classification = classification_record(
        use_case=use_case,
        answers=answers,
        rationales=rationales,
        actor=board.user(PRODUCT_OWNER, use_case),
    )
    Classification.objects.filter(pk=classification.pk).update(classified_at=moment(day))
    return classification


def current_classification(use_case: UseCase) -> Classification:
    return Classification.objects.filter(use_case=use_case).order_by("-classified_at", "-pk")[0]


def confirm_obligations(
    board: Board,
    use_case: UseCase,
    classification: Classification,
    obligations: Iterable[str],
    span: Span,
) -> None:
    confirmed = set(classification.confirmations.values_list("obligation_id", flat=True))
    texts = ai_act_texts()
    for obligation in obligations:
        if obligation in confirmed or obligation not in classification.obligations:
            continue
        obligation_confirm(
            classification=classification,
            obligation_id=obligation,
            evidence=texts.evidence.get(obligation, texts.other_evidence),
            actor=board.user(PRODUCT_OWNER, use_case),
            confirmed_on=board.past_day(span.at("confirmed")),
        )


def dpia_record(board: Board, use_case: UseCase, spec: DpiaSpec, span: Span) -> None:
    privacy = board.users[PRIVACY]
    if spec.criteria and not DpiaCheck.objects.filter(use_case=use_case).exists():
        check = dpia_check_record(
            use_case=use_case, answers=dict.fromkeys(spec.criteria, True), actor=privacy
        )
        DpiaCheck.objects.filter(pk=check.pk).update(checked_at=moment(span.at("dpia_check")))
    if not spec.sections or Dpia.objects.filter(use_case=use_case).exists():
        return
    owner = board.user(PRODUCT_OWNER, use_case)
    # The business owner carries out and approves the DPIA; the DPO advises (Art. 35(2)).
    dpia = dpia_save(
        use_case=use_case,
        actor=privacy,
        **{"data_subject_views": wording().usual.data_subject_views, **spec.sections},
        controller=getattr(owner, "person", None),
        review_on=board.past_day(span.at("dpia_signed")) + timedelta(days=365),
    )
    if spec.signed_off:
        dpia_complete(dpia=dpia, actor=owner)
        signed = board.past_day(span.at("dpia_signed"))
        Dpia.objects.filter(pk=dpia.pk).update(signed_off_on=signed, updated_at=moment(signed))
    else:
        Dpia.objects.filter(pk=dpia.pk).update(updated_at=moment(span.at("dpia_signed")))


def ethics_record(board: Board, use_case: UseCase, spec: EthicsSpec, span: Span) -> EthicsReview:
    ethics = board.users[ETHICS]
    review = ethics_review_start(use_case=use_case, actor=ethics)
    not_applicable = wording().not_applicable
    answers = {}
    for position, item in enumerate(EthicsChecklistItem.objects.filter(active=True)):
        if position in spec.concerns:
            answers[item.pk] = AnswerInput(EthicsAssessment.CONCERN, spec.concerns[position])
        elif position in spec.not_applicable:
            answers[item.pk] = AnswerInput(EthicsAssessment.NOT_APPLICABLE, not_applicable)
        else:
            answers[item.pk] = AnswerInput(EthicsAssessment.NO_CONCERN)
    started = span.at("ethics_started")
    if not spec.outcome:
        # Still in progress: the board has answered some of the items so far.
        first = dict(list(answers.items())[:3])
        ethics_review_save(review=review, answers=first, reasons=spec.reasons, actor=ethics)
        EthicsReview.objects.filter(pk=review.pk).update(started_on=started)
        return review
    ethics_review_save(review=review, answers=answers, actor=ethics)
    completed = board.past_day(span.at("ethics_completed"))
    # The board concludes its reviews in its meetings, when one falls in the time.
    meeting = board.meeting_before(ETHICS_BOARD, completed)
    if meeting is not None and meeting.held_on > started:
        completed = meeting.held_on
    added = [
        (
            ethics_condition_add(
                review=review,
                text=condition.text,
                owner=board.person(condition.owner, use_case),
                due_on=completed + timedelta(days=condition.due_after),
                actor=ethics,
            ),
            condition,
        )
        for condition in spec.conditions
    ]
    ethics_review_complete(review=review, outcome=spec.outcome, reasons=spec.reasons, actor=ethics)
    EthicsReview.objects.filter(pk=review.pk).update(started_on=started, completed_on=completed)
    review.refresh_from_db()
    for condition, given in added:
        closed = closing_day(board, completed, given)
        if closed is not None:
            ethics_condition_close(
                condition=condition, closing_note=given.closing_note, closed_on=closed, actor=ethics
            )
    return review


def closing_day(board: Board, since: date, condition: ConditionSpec) -> date | None:
    if condition.closed_after is None:
        return None
    closed = since + timedelta(days=condition.closed_after)
    return closed if closed < board.today else None


def council_record(
    board: Board, use_case: UseCase, spec: CouncilSpec, span: Span, *, update: bool = False
) -> None:
    agreed = board.past_day(span.at("agreed"))
    involvement = council_involvement_save(
        use_case=use_case,
        actor=board.users[COUNCIL],
        monitoring_capable=spec.monitoring_capable,
        information_given_on=board.past_day(span.at("informed")),
        consultation_notes=spec.notes,
        agreement_status=spec.status,
        agreement_reference=spec.reference.format(year=agreed.year),
        agreement_clauses=spec.clauses,
    )
    if not update:
        assessed = board.past_day(span.at("council"))
        CouncilInvolvement.objects.filter(pk=involvement.pk).update(
            assessed_on=assessed,
            updated_at=moment(agreed if spec.status == "agreed" else assessed),
        )


def decide(
    board: Board,
    *,
    body: str,
    meeting: Meeting | None,
    agenda_item: Any,
    decided_on: date,
    kind: str,
    outcome: str,
    text: str,
    conditions: Sequence[ConditionSpec] = (),
    use_case: UseCase | None = None,
    **fields: Any,
) -> Decision:
    chair = board.users[STEERCO if body == STEERING else ETHICS]
    decision = decision_record(
        actor=chair,
        body=board.bodies[body],
        decided_on=decided_on,
        kind=kind,
        text=text,
        outcome=outcome,
        meeting=meeting,
        agenda_item=agenda_item,
        use_case=use_case,
        conditions=[
            ConditionInput(
                c.text,
                board.person(c.owner, use_case),
                decided_on + timedelta(days=c.due_after),
            )
            for c in conditions
        ],
        **fields,
    )
    if conditions:
        stored = list(decision.conditions.order_by("pk"))
        for condition, given in zip(stored, conditions, strict=True):
            closed = closing_day(board, decided_on, given)
            if closed is not None:
                condition_close(
                    condition=condition,
                    actor=board.user(given.owner, use_case),
                    closing_note=given.closing_note,
                    closed_on=closed,
                )
    return decision
