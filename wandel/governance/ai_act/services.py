"""Writes of the EU AI Act classification: classifying a use case, confirming obligations, and
the data-protection officer's decision on a re-classification after approval.

All are audited in the same transaction as the change. Classifying again never changes an
earlier classification; it adds a new current one. Confirmations of obligations that the new
classification still has are carried over, with their original evidence, so that correcting
one answer does not undo months of work — the audit event lists what was carried over.

The classification decides gates: a high risk class needs its obligations confirmed,
employee impact needs the works council and the ethics board. Once a use case is past
approval (``portfolio.fact_changes.past_approval``), a new classification that would remove
such a need does not take effect when anyone but the data-protection officer records it: it
awaits the DPO's confirmation and the previous one stays in force, as a change of "personal
data" does in the portfolio. A programme admin holds every permission, so the DPO is
recognised by the role, not by a permission. Classifications that add needs or change
nothing the gates use, those before approval and those by the DPO apply at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError, DomainError, NotPermitted
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.governance.ai_act.engine import Outcome, evaluate, rationale_problems
from wandel.governance.ai_act.loader import load_questionnaire
from wandel.governance.ai_act.models import (
    AiActAction,
    Classification,
    ClassificationStatus,
    ObligationConfirmation,
)
from wandel.governance.ai_act.queries import SEVERITY, current_classification
from wandel.governance.ai_act.questionnaire import Questionnaire
from wandel.governance.facts import RiskClass
from wandel.governance.gate_requests.settle import gate_requests_settle
from wandel.governance.needs import Need
from wandel.org.backends import holds_role
from wandel.portfolio.use_cases.fact_changes import past_approval
from wandel.portfolio.use_cases.models import UseCase

INCOMPLETE = _("The questionnaire is not complete; see the questions marked.")
UNKNOWN_QUESTION = _("There is no question “%(id)s” in the questionnaire.")
RATIONALE_TOO_LONG = _("Keep the rationale under %(max)d characters.")
NOT_CURRENT = _(
    "This classification has been replaced by a newer one; confirm the obligations of the "
    "current classification."
)
NOT_YET_IN_FORCE = _(
    "This classification awaits the data-protection officer's confirmation; confirm the "
    "obligations of the classification in force."
)
NOT_AN_OBLIGATION = _("“%(id)s” is not an obligation of this classification.")
ALREADY_CONFIRMED = _("This obligation is already confirmed.")
EVIDENCE_REQUIRED = _("Describe the evidence that the obligation is met.")
DATE_IN_FUTURE = _("The confirmation date cannot lie in the future.")
PERSONAL_DATA_CONTRADICTS = _(
    "This answer means that personal data is processed, but the use case says it processes "
    "none. Correct the use case's “personal data” first, or the answer."
)
NO_PERSONAL_DATA_CONTRADICTS = _(
    "The use case says it processes personal data; this answer cannot say it does not."
)
CONTRADICTS_USE_CASE = _("The answers contradict the use case; see the questions marked.")
PERSONAL_DATA = "personal_data"
ALREADY_PENDING = _(
    "A new classification of this use case already awaits the data-protection officer's "
    "confirmation; it must be confirmed or rejected first."
)
NOT_PENDING = _("This classification has been confirmed or rejected already.")
DECIDER_ONLY = _("Only the data-protection officer confirms or rejects this classification.")

RATIONALE_MAX = 2000


class AiActError(DomainError):
    """A classification or confirmation the rules refuse; the messages are for the user.

    ``errors`` maps question ids (or ``"__all__"``) to their messages.
    """

    def __init__(
        self, message: str | Promise, errors: Mapping[str, list[str]] | None = None
    ) -> None:
        super().__init__(message, errors=errors)


@user_action
def classification_record(
    *,
    use_case: UseCase,
    answers: Mapping[str, Any],
    rationales: Mapping[str, Any],
    actor: User | None,
    questionnaire: Questionnaire | None = None,
) -> Classification:
    """Classify ``use_case`` with these answers and a rationale for each, as the new current
    classification — or, past approval, as one awaiting the data-protection officer's
    confirmation when it would remove a gate need (see the module's docstring). Raises
    AiActError (with errors by question) when anything is missing, ConflictError while
    another classification awaits confirmation."""
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
    _check_personal_data(use_case, outcome)
    # The row lock makes two classifications of one use case wait for each other.
    UseCase.objects.select_for_update().filter(pk=use_case.pk).first()
    if Classification.objects.filter(
        use_case=use_case, status=ClassificationStatus.PENDING
    ).exists():
        raise ConflictError(ALREADY_PENDING)
    previous = current_classification(use_case)
    removed = removed_needs(previous, outcome)
    waits = bool(removed) and needs_confirmation(use_case, actor)
    classification = Classification.objects.create(
        use_case=use_case,
        questionnaire_version=questionnaire.version,
        answers=outcome.stored_answers(),
        rationales=given,
        risk_class=outcome.risk_class,
        employee_impact=outcome.employee_impact,
        obligations=outcome.obligation_ids,
        classified_by=actor,
        status=ClassificationStatus.PENDING if waits else ClassificationStatus.APPLIED,
    )
    if waits:
        assert previous is not None
        audit_record(
            actor=actor,
            action=AiActAction.CLASSIFICATION_REQUESTED,
            target=use_case,
            changes={
                "classification": classification.pk,
                "questionnaire_version": questionnaire.version,
                **_differences(previous, classification),
                "obligations_dropped": removed.get("obligations_dropped", []),
                "answers": classification.answers,
                "rationales": classification.rationales,
                "obligations": classification.obligations,
            },
        )
        return classification
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
    gate_requests_settle(use_case.pk, [Need.CLASSIFICATION])
    return classification


def is_data_protection_officer(user: User | None) -> bool:
    """Whether ``user`` holds the data-protection role today (not merely its permissions,
    which a programme admin holds too)."""
    return holds_role(user, Role.DATA_PROTECTION)


def needs_confirmation(use_case: UseCase, actor: User | None) -> bool:
    """Whether a classification by ``actor`` that removes a gate need must wait for the
    data-protection officer (system writes, with no actor, apply at once)."""
    return actor is not None and past_approval(use_case) and not is_data_protection_officer(actor)


def removed_needs(previous: Classification | None, outcome: Outcome) -> dict[str, Any]:
    """What the gates would no longer ask for if ``outcome`` replaced ``previous``: a lower
    risk class, no employee impact any more, obligations dropped. Empty when nothing."""
    if previous is None:
        return {}
    removed: dict[str, Any] = {}
    if SEVERITY.index(RiskClass(outcome.risk_class)) > SEVERITY.index(
        RiskClass(previous.risk_class)
    ):
        removed["risk_class"] = {"from": previous.risk_class, "to": outcome.risk_class}
    if previous.employee_impact and not outcome.employee_impact:
        removed["employee_impact"] = {"from": True, "to": False}
    dropped = [o for o in previous.obligations if o not in outcome.obligation_ids]
    if dropped:
        removed["obligations_dropped"] = dropped
    return removed


def _differences(previous: Classification, new: Classification) -> dict[str, Any]:
    return {
        "risk_class": {"from": previous.risk_class, "to": new.risk_class},
        "employee_impact": {"from": previous.employee_impact, "to": new.employee_impact},
    }


@user_action
def classification_decide(
    *, classification: Classification, confirm: bool, actor: User | None, note: str = ""
) -> Classification:
    """The data-protection officer's answer to a re-classification that awaits it: confirmed,
    it becomes the current classification (obligations still due keep their confirmations);
    rejected, the previous one stays in force."""
    stored = Classification.objects.select_for_update().get(pk=classification.pk)
    if actor is not None and not is_data_protection_officer(actor):
        raise NotPermitted(DECIDER_ONLY)
    if stored.status != ClassificationStatus.PENDING:
        raise ConflictError(NOT_PENDING)
    previous = current_classification(stored.use_case)
    stored.status = ClassificationStatus.CONFIRMED if confirm else ClassificationStatus.REJECTED
    stored.decided_by = actor
    stored.decided_at = timezone.now()
    stored.decision_note = note.strip()
    stored.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    changes: dict[str, Any] = {"classification": stored.pk, "note": stored.decision_note}
    if confirm:
        if previous is not None:
            changes.update(_differences(previous, stored))
        changes["confirmations_carried_over"] = _carry_over(previous, stored)
    else:
        changes["rejected"] = {
            "risk_class": stored.risk_class,
            "employee_impact": stored.employee_impact,
            "obligations": stored.obligations,
        }
    audit_record(
        actor=actor,
        action=(
            AiActAction.CLASSIFICATION_CONFIRMED if confirm else AiActAction.CLASSIFICATION_REJECTED
        ),
        target=stored.use_case,
        changes=changes,
    )
    if confirm:
        gate_requests_settle(stored.use_case_id, [Need.CLASSIFICATION])
    return stored


def _check_personal_data(use_case: UseCase, outcome: Outcome) -> None:
    """One source of truth: the answers must agree with the use case's ``personal_data``.

    The use case's fact drives the DPIA gate and can only change through its audited
    service, so a contradicting answer is refused at the question that gives it."""
    if PERSONAL_DATA in outcome.facts and not use_case.personal_data:
        raise AiActError(
            CONTRADICTS_USE_CASE,
            {_question_setting(outcome, PERSONAL_DATA): [str(PERSONAL_DATA_CONTRADICTS)]},
        )
    if use_case.personal_data and outcome.answers.get(PERSONAL_DATA) == ("no",):
        raise AiActError(CONTRADICTS_USE_CASE, {PERSONAL_DATA: [str(NO_PERSONAL_DATA_CONTRADICTS)]})


def _question_setting(outcome: Outcome, fact: str) -> str:
    """The first question whose answer sets ``fact``."""
    for question in outcome.asked:
        for option_id in outcome.answers.get(question.id, ()):
            option = question.option(option_id)
            if option is not None and fact in option.facts:
                return question.id
    return PERSONAL_DATA


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


@user_action
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
    if classification.status == ClassificationStatus.PENDING:
        raise AiActError(NOT_YET_IN_FORCE)
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
    confirmed = set(classification.confirmations.values_list("obligation_id", flat=True))
    if confirmed >= set(classification.obligations):
        gate_requests_settle(classification.use_case_id, [Need.HIGH_RISK_OBLIGATIONS])
    return confirmation
