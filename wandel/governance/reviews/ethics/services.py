"""Ethics reviews: start, answer, complete, and the conditions an approval sets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.tracking import item_close
from wandel.governance import follow_up_events
from wandel.governance.follow_up_events import FollowUpKind
from wandel.governance.gate_requests.settle import gate_requests_settle
from wandel.governance.needs import Need
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.ethics import notifications
from wandel.governance.reviews.ethics.checklist import NO_CHECKLIST
from wandel.governance.reviews.ethics.models import (
    EthicsAnswer,
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsCondition,
    EthicsOutcome,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

DRAFT_EXISTS = _("An ethics review of this use case is already in progress.")
REVIEW_COMPLETED = _("This ethics review is completed and can no longer be changed.")
UNKNOWN_ITEM = _("There is no active checklist item %(id)s.")
UNKNOWN_ASSESSMENT = _("“%(value)s” is not an assessment of a checklist item.")
CONCERN_NEEDS_NOTE = _("Describe the concern about “%(item)s” in the note.")
ANSWERS_MISSING = _(
    "Answer every checklist item before completing the review. Still open: %(items)s"
)
OUTCOME_REQUIRED = _("Choose the outcome of the review.")
UNKNOWN_OUTCOME = _("“%(value)s” is not an outcome of an ethics review.")
REASONS_REQUIRED = _("Give the reasons for the outcome.")
CONDITIONS_REQUIRED = _("An approval with conditions needs at least one condition.")
CONDITIONS_WITHOUT_CONDITIONAL_APPROVAL = _(
    "Only an approval with conditions has conditions: remove them, or choose "
    "“approved with conditions”."
)
CONDITION_TEXT_REQUIRED = _("Write down the condition.")
CONDITION_OF_COMPLETED_REVIEW = _(
    "The review is completed; its conditions can be closed but not removed."
)
CONDITION_NOT_YET_IN_FORCE = _("A condition can be closed once its review is completed.")


@dataclass(frozen=True)
class AnswerInput:
    assessment: str
    note: str = ""


def _ethics_review_start(*, use_case: UseCase, actor: User | None) -> EthicsReview:
    """Open a review of ``use_case``; only one may be in progress at a time."""
    if not EthicsChecklistItem.objects.filter(active=True).exists():
        raise ReviewsError(NO_CHECKLIST)
    require_transaction("ethics_review_start")
    if EthicsReview.objects.filter(use_case=use_case, status=EthicsReviewStatus.DRAFT).exists():
        raise ReviewsError(DRAFT_EXISTS)
    review = EthicsReview.objects.create(use_case=use_case)
    audit_record(
        actor=actor,
        action=ReviewAction.ETHICS_STARTED,
        target=review,
        changes={"use_case": use_case.pk},
    )
    # The board has taken the request up: it now stands among its reviews in progress.
    gate_requests_settle(use_case.pk, [Need.ETHICS_REVIEW])
    return review


def _ethics_review_save(
    *,
    review: EthicsReview,
    answers: Mapping[int, AnswerInput],
    reasons: str | None = None,
    actor: User | None,
) -> EthicsReview:
    """Record answers (by checklist item id) and, if given, the reasons of a draft review.

    Answers to items not given stay as they are.
    """
    _check_draft(review)
    items = {i.pk: i for i in EthicsChecklistItem.objects.filter(active=True, pk__in=answers)}
    cleaned: dict[int, AnswerInput] = {}
    for item_id, given in answers.items():
        if item_id not in items:
            raise ReviewsError(UNKNOWN_ITEM % {"id": item_id}, field="answers")
        if given.assessment not in EthicsAssessment.values:
            raise ReviewsError(UNKNOWN_ASSESSMENT % {"value": given.assessment}, field="answers")
        cleaned[item_id] = AnswerInput(given.assessment, given.note.strip())
    require_transaction("ethics_review_save")
    review = _locked_draft(review)
    # Through the model, not ``review.answers``: a prefetched review would answer from
    # its cache, which may be older than this transaction.
    stored = {a.item_id: a for a in EthicsAnswer.objects.filter(review=review)}
    changed: dict[str, str] = {}
    for item_id, given in cleaned.items():
        answer = stored.get(item_id)
        if answer is None:
            EthicsAnswer.objects.create(
                review=review, item_id=item_id, assessment=given.assessment, note=given.note
            )
        elif (answer.assessment, answer.note) != (given.assessment, given.note):
            answer.assessment, answer.note = given.assessment, given.note
            answer.save(update_fields=["assessment", "note"])
        else:
            continue
        changed[str(item_id)] = given.assessment
    reasons_changed = reasons is not None and reasons.strip() != review.reasons
    if reasons_changed:
        assert reasons is not None
        review.reasons = reasons.strip()
        review.save(update_fields=["reasons"])
    if changed or reasons_changed:
        audit_record(
            actor=actor,
            action=ReviewAction.ETHICS_SAVED,
            target=review,
            changes={"answers": changed, "reasons_changed": reasons_changed},
        )
    return review


def _ethics_review_complete(
    *, review: EthicsReview, outcome: str, reasons: str, actor: User | None
) -> EthicsReview:
    """Conclude a review: every active item answered, concerns explained, reasons given, and
    conditions exactly when the approval has conditions."""
    _check_draft(review)
    if not outcome:
        raise ReviewsError(OUTCOME_REQUIRED, field="outcome")
    if outcome not in EthicsOutcome.values:
        raise ReviewsError(UNKNOWN_OUTCOME % {"value": outcome}, field="outcome")
    reasons = reasons.strip()
    require_transaction("ethics_review_complete")
    review = _locked_draft(review)
    answers = {
        a.item_id: a for a in EthicsAnswer.objects.filter(review=review).select_related("item")
    }
    active = list(EthicsChecklistItem.objects.filter(active=True))
    if not active:
        raise ReviewsError(NO_CHECKLIST)
    unanswered = [item for item in active if item.pk not in answers]
    if unanswered:
        raise ReviewsError(
            ANSWERS_MISSING % {"items": "; ".join(i.text for i in unanswered)}, field="answers"
        )
    for item in active:
        answer = answers[item.pk]
        if answer.assessment == EthicsAssessment.CONCERN and not answer.note:
            raise ReviewsError(CONCERN_NEEDS_NOTE % {"item": item.text}, field="answers")
    if not reasons:
        raise ReviewsError(REASONS_REQUIRED, field="reasons")
    conditions = EthicsCondition.objects.filter(review=review).count()
    if outcome == EthicsOutcome.APPROVED_WITH_CONDITIONS and not conditions:
        raise ReviewsError(CONDITIONS_REQUIRED, field="conditions")
    if outcome != EthicsOutcome.APPROVED_WITH_CONDITIONS and conditions:
        raise ReviewsError(CONDITIONS_WITHOUT_CONDITIONAL_APPROVAL, field="conditions")
    review.status = EthicsReviewStatus.COMPLETED
    review.outcome = outcome
    review.reasons = reasons
    review.completed_on = timezone.localdate()
    review.completed_by = actor if actor is not None and actor.pk else None
    review.save(update_fields=["status", "outcome", "reasons", "completed_on", "completed_by"])
    assessments = [answers[item.pk].assessment for item in active]
    audit_record(
        actor=actor,
        action=ReviewAction.ETHICS_COMPLETED,
        target=review,
        changes={
            "use_case": review.use_case_id,
            "outcome": outcome,
            "reasons": reasons,
            "concerns": assessments.count(EthicsAssessment.CONCERN),
            "conditions": conditions,
        },
    )
    notifications.completed(review, actor)
    return review


def _ethics_condition_add(
    *,
    review: EthicsReview,
    text: str,
    owner: Person | None = None,
    due_on: date | None = None,
    actor: User | None,
) -> EthicsCondition:
    _check_draft(review)
    text = text.strip()
    if not text:
        raise ReviewsError(CONDITION_TEXT_REQUIRED)
    require_transaction("ethics_condition_add")
    review = _locked_draft(review)
    condition = EthicsCondition.objects.create(review=review, text=text, owner=owner, due_on=due_on)
    follow_up_events.assigned(
        owner=owner.user if owner else None,
        kind=FollowUpKind.ETHICS_CONDITION,
        pk=condition.pk,
        text=text,
        url=reverse("governance:ethics_review", args=[review.pk]),
        actor=actor,
    )
    audit_record(
        actor=actor,
        action=ReviewAction.CONDITION_ADDED,
        target=condition,
        changes={
            "review": review.pk,
            "text": text,
            "owner": owner.email if owner else None,
            "due_on": due_on,
        },
    )
    return condition


def _ethics_condition_remove(*, condition: EthicsCondition, actor: User | None) -> None:
    """Take a condition off a review that is still in progress."""
    if not condition.review.is_draft:
        raise ReviewsError(CONDITION_OF_COMPLETED_REVIEW)
    require_transaction("ethics_condition_remove")
    _locked_draft(condition.review)
    audit_record(
        actor=actor,
        action=ReviewAction.CONDITION_REMOVED,
        target=condition.review,
        changes={"condition": condition.pk, "text": condition.text},
    )
    condition.delete()


@user_action
def ethics_condition_close(
    *,
    condition: EthicsCondition,
    closing_note: str,
    closed_on: date | None = None,
    actor: User | None,
) -> EthicsCondition:
    """Record that a condition of a completed review has been met."""
    if condition.review.is_draft:
        raise ReviewsError(CONDITION_NOT_YET_IN_FORCE)
    changes = item_close(condition, closing_note=closing_note, closed_on=closed_on, actor=actor)
    audit_record(
        actor=actor,
        action=ReviewAction.CONDITION_CLOSED,
        target=condition,
        changes={"review": condition.review_id, **changes},
    )
    return condition


def _check_draft(review: EthicsReview) -> None:
    if not review.is_draft:
        raise ReviewsError(REVIEW_COMPLETED)


def _locked_draft(review: EthicsReview) -> EthicsReview:
    """Lock the review row and make sure nobody completed it meanwhile."""
    status = (
        EthicsReview.objects.select_for_update()
        .filter(pk=review.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != EthicsReviewStatus.DRAFT:
        raise ReviewsError(REVIEW_COMPLETED)
    return review


ethics_review_start = user_action(_ethics_review_start)
ethics_review_save = user_action(_ethics_review_save)
ethics_review_complete = user_action(_ethics_review_complete)
ethics_condition_add = user_action(_ethics_condition_add)
ethics_condition_remove = user_action(_ethics_condition_remove)


@dataclass(frozen=True)
class NewCondition:
    text: str
    owner: Person | None = None
    due_on: date | None = None


def _ethics_review_fill(
    *,
    review: EthicsReview,
    answers: Mapping[int, AnswerInput],
    reasons: str | None,
    actor: User | None,
    add_conditions: Sequence[NewCondition] = (),
    remove_condition: int | None = None,
) -> None:
    _ethics_review_save(review=review, answers=answers, reasons=reasons, actor=actor)
    for condition in add_conditions:
        _ethics_condition_add(
            review=review,
            actor=actor,
            text=condition.text,
            owner=condition.owner,
            due_on=condition.due_on,
        )
    if remove_condition is not None:
        target = EthicsCondition.objects.filter(review=review, pk=remove_condition).first()
        if target is not None:
            _ethics_condition_remove(condition=target, actor=actor)


@user_action
def ethics_review_submit(
    *,
    review: EthicsReview,
    answers: Mapping[int, AnswerInput],
    reasons: str | None,
    actor: User | None,
    add_conditions: Sequence[NewCondition] = (),
    remove_condition: int | None = None,
    complete_with: str | None = None,
    completion_reasons: str | None = None,
) -> EthicsReview:
    """What the review page (or the API's "complete") posts: answers and reasons,
    conditions added or removed, and, when asked, the completion — all or nothing, each
    part with its audit event."""
    _ethics_review_fill(
        review=review,
        answers=answers,
        reasons=reasons,
        actor=actor,
        add_conditions=add_conditions,
        remove_condition=remove_condition,
    )
    if complete_with is not None:
        final = completion_reasons if completion_reasons is not None else reasons
        _ethics_review_complete(
            review=review, outcome=complete_with, reasons=final or "", actor=actor
        )
    return review


@user_action
def ethics_review_open(
    *,
    use_case: UseCase,
    actor: User | None,
    answers: Mapping[int, AnswerInput] | None = None,
    reasons: str | None = None,
    add_conditions: Sequence[NewCondition] = (),
) -> EthicsReview:
    """Start a review and, as the API allows, answer it in the same step."""
    review = _ethics_review_start(use_case=use_case, actor=actor)
    _ethics_review_fill(
        review=review,
        answers=answers or {},
        reasons=reasons,
        actor=actor,
        add_conditions=add_conditions,
    )
    return review
