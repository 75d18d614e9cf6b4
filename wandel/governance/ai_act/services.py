"""Writes of the EU AI Act classification: classifying a use case and confirming obligations.

Both are audited in the same transaction as the change. Classifying again never changes an
earlier classification; it adds a new current one. Confirmations of obligations that the new
classification still has are carried over, with their original evidence, so that correcting
one answer does not undo months of work — the audit event lists what was carried over.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.governance.ai_act.engine import evaluate, rationale_problems
from wandel.governance.ai_act.loader import load_questionnaire
from wandel.governance.ai_act.queries import current_classification
from wandel.governance.ai_act.questionnaire import Questionnaire
from wandel.governance.models import AiActAction, Classification, ObligationConfirmation
from wandel.portfolio.models import UseCase

INCOMPLETE = _("The questionnaire is not complete; see the questions marked.")
UNKNOWN_QUESTION = _("There is no question “%(id)s” in the questionnaire.")
RATIONALE_TOO_LONG = _("Keep the rationale under %(max)d characters.")
NOT_CURRENT = _(
    "This classification has been replaced by a newer one; confirm the obligations of the "
    "current classification."
)
NOT_AN_OBLIGATION = _("“%(id)s” is not an obligation of this classification.")
ALREADY_CONFIRMED = _("This obligation is already confirmed.")
EVIDENCE_REQUIRED = _("Describe the evidence that the obligation is met.")
DATE_IN_FUTURE = _("The confirmation date cannot lie in the future.")

RATIONALE_MAX = 2000


class AiActError(Exception):
    """A classification or confirmation the rules refuse; the messages are for the user.

    ``errors`` maps question ids (or ``"__all__"``) to their messages.
    """

    def __init__(
        self, message: str | Promise, errors: Mapping[str, list[str]] | None = None
    ) -> None:
        self.message = str(message)
        self.errors = dict(errors or {})
        super().__init__(self.message)


def classification_record(
    *,
    use_case: UseCase,
    answers: Mapping[str, Any],
    rationales: Mapping[str, Any],
    actor: User | None,
    questionnaire: Questionnaire | None = None,
) -> Classification:
    """Classify ``use_case`` with these answers and a rationale for each, as the new current
    classification. Raises AiActError (with errors by question) when anything is missing."""
    questionnaire = questionnaire or load_questionnaire()
    errors: dict[str, list[str]] = {}
    for question_id in dict.fromkeys([*answers, *rationales]):
        if questionnaire.question(question_id) is None:
            errors.setdefault(question_id, []).append(str(UNKNOWN_QUESTION % {"id": question_id}))
    outcome = evaluate(questionnaire, answers)
    for question_id, problem in outcome.problems.items():
        errors.setdefault(question_id, []).append(str(problem))
    for question_id, problem in rationale_problems(outcome, rationales).items():
        errors.setdefault(question_id, []).append(str(problem))
    given = {q: str(rationales[q]).strip() for q in outcome.answers if q not in errors}
    for question_id, rationale in given.items():
        if len(rationale) > RATIONALE_MAX:
            errors.setdefault(question_id, []).append(
                str(RATIONALE_TOO_LONG % {"max": RATIONALE_MAX})
            )
    if errors:
        raise AiActError(INCOMPLETE, errors)
    with transaction.atomic():
        previous = current_classification(use_case)
        classification = Classification.objects.create(
            use_case=use_case,
            questionnaire_version=questionnaire.version,
            answers=outcome.stored_answers(),
            rationales=given,
            risk_class=outcome.risk_class,
            employee_impact=outcome.employee_impact,
            obligations=outcome.obligation_ids,
            classified_by=actor,
        )
        carried = _carry_over(previous, classification)
        audit_record(
            actor=actor,
            action=AiActAction.CLASSIFIED,
            target=use_case,
            changes={
                "classification": classification.pk,
                "questionnaire_version": questionnaire.version,
                "risk_class": classification.risk_class,
                "previous_risk_class": previous.risk_class if previous else None,
                "employee_impact": classification.employee_impact,
                "answers": classification.answers,
                "rationales": classification.rationales,
                "obligations": classification.obligations,
                "confirmations_carried_over": carried,
            },
        )
    return classification


def _carry_over(previous: Classification | None, classification: Classification) -> list[str]:
    if previous is None:
        return []
    kept = [
        ObligationConfirmation(
            classification=classification,
            obligation_id=confirmation.obligation_id,
            confirmed_by_id=confirmation.confirmed_by_id,
            confirmed_on=confirmation.confirmed_on,
            evidence=confirmation.evidence,
        )
        for confirmation in previous.confirmations.filter(
            obligation_id__in=classification.obligations
        )
    ]
    ObligationConfirmation.objects.bulk_create(kept)
    return [confirmation.obligation_id for confirmation in kept]


def obligation_confirm(
    *,
    classification: Classification,
    obligation_id: str,
    evidence: str,
    actor: User | None,
    confirmed_on: date | None = None,
) -> ObligationConfirmation:
    """Record the evidence that one obligation of the current classification is met."""
    evidence = evidence.strip()
    confirmed_on = confirmed_on or timezone.localdate()
    if obligation_id not in classification.obligations:
        raise AiActError(NOT_AN_OBLIGATION % {"id": obligation_id})
    if not evidence:
        raise AiActError(EVIDENCE_REQUIRED)
    if confirmed_on > timezone.localdate():
        raise AiActError(DATE_IN_FUTURE)
    with transaction.atomic():
        current = current_classification(classification.use_case)
        if current is None or current.pk != classification.pk:
            raise AiActError(NOT_CURRENT)
        if classification.confirmations.filter(obligation_id=obligation_id).exists():
            raise AiActError(ALREADY_CONFIRMED)
        confirmation = ObligationConfirmation.objects.create(
            classification=classification,
            obligation_id=obligation_id,
            confirmed_by=actor,
            confirmed_on=confirmed_on,
            evidence=evidence,
        )
        audit_record(
            actor=actor,
            action=AiActAction.OBLIGATION_CONFIRMED,
            target=classification.use_case,
            changes={
                "classification": classification.pk,
                "obligation": obligation_id,
                "confirmed_on": confirmed_on,
                "evidence": evidence,
            },
        )
    return confirmation
