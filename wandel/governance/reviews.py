"""Ethics reviews, the DPIA threshold check and DPIA, works-council involvement.

Writes (one function per action, each in one transaction with its audit event) and the
reads that feed pages, API and the gates. ``ethics_passed``, ``dpia_state`` and
``codetermination_state`` are what the gate engine asks; each costs at most two queries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record
from wandel.core.errors import DomainError
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.governance.dpia_criteria import (
    CRITERIA_VERSION,
    KEYS,
    Decision,
    dpia_decision,
    dpia_required,
    dsk_applying,
    wp248_count,
)
from wandel.governance.facts import CodeterminationState, DpiaState
from wandel.governance.models.reviews import (
    DPIA_FIELDS,
    DPIA_SECTIONS,
    POSITIVE_OUTCOMES,
    AgreementStatus,
    CouncilInvolvement,
    Dpia,
    DpiaCheck,
    DpiaStatus,
    EthicsAnswer,
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsCondition,
    EthicsOutcome,
    EthicsReview,
    EthicsReviewStatus,
    ReviewAction,
)
from wandel.org.models import Person
from wandel.portfolio.models import Stage, UseCase

CHECKLIST_TEXT_REQUIRED = _("Give the question in English and in German.")
UNKNOWN_CHECKLIST_FIELD = _("“%(field)s” is not a field of a checklist item.")
NO_CHECKLIST = _("The ethics checklist has no active items; the ethics board sets it up first.")
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
CONDITION_ALREADY_CLOSED = _("This condition is already closed.")
CLOSING_NOTE_REQUIRED = _("Say how the condition was met.")
CLOSED_IN_FUTURE = _("The closing date cannot lie in the future.")
UNKNOWN_CRITERION = _("“%(key)s” is not a criterion of the DPIA threshold check.")
DPIA_SIGNED_OFF = _("The DPIA is signed off; reopen it to change it.")
UNKNOWN_DPIA_SECTION = _("“%(field)s” is not a section of the DPIA.")
DPIA_INCOMPLETE = _(
    "Fill in every section and the opinion of the data protection officer before signing off. "
    "Missing: %(sections)s"
)
SECTION_REQUIRED = _("Fill in this before the DPIA is signed off.")
DPIA_NOT_SIGNED_OFF = _("The DPIA is not signed off, so there is nothing to reopen.")
AGREEMENT_NEEDED = _(
    "The use case allows conclusions about employees' behaviour or performance, so "
    "co-determination is required: a works agreement cannot be “not needed”."
)
AGREEMENT_REFERENCE_REQUIRED = _("Give the reference of the works agreement.")
UNKNOWN_AGREEMENT_STATUS = _("“%(value)s” is not a status of a works agreement.")
ONLY_CONTROLLER_APPROVES = _(
    "Only the controller named in the DPIA, %(name)s, approves it; the data protection "
    "officer advises and gives an opinion."
)
MONITORING_CAPABLE_REQUIRED = _(
    "Say first whether the use case allows conclusions about individual employees."
)
INFORMED_IN_FUTURE = _("The date the works council was informed cannot lie in the future.")

# Stages in which a use case is still heading for (or running behind) a gate.
CLOSED_STAGES = (Stage.REJECTED, Stage.RETIRED)
RECENT = 25
QUEUE = 50


class ReviewsError(DomainError):
    """A review, check or record the rules refuse; the message is meant for the user."""


# Ethics checklist --------------------------------------------------------------------------

# English question, German question, English guidance, German guidance.
DEFAULT_CHECKLIST = (
    (
        "Fairness: does the use case treat every group it affects fairly, so that nobody is "
        "put at a disadvantage in access, results or workload?",
        "Fairness: Behandelt der Anwendungsfall alle betroffenen Gruppen fair, sodass niemand "
        "bei Zugang, Ergebnissen oder Arbeitslast benachteiligt wird?",
        "Think of employees and customers alike: language, age, disability, part-time work, "
        "location. Who benefits, and who carries the burden?",
        "Denken Sie an Beschäftigte wie an Kundinnen und Kunden: Sprache, Alter, Behinderung, "
        "Teilzeit, Standort. Wer profitiert, und wer trägt die Last?",
    ),
    (
        "Bias in data and outputs: have the data used and the model's outputs been checked "
        "for bias, and will bias be noticed in operation?",
        "Verzerrungen in Daten und Ausgaben: Wurden die verwendeten Daten und die Ausgaben "
        "des Modells auf Verzerrungen (Bias) geprüft, und fallen Verzerrungen im Betrieb auf?",
        "E.g. past decisions in the documents the system draws on, stereotypes in generated "
        "text, poorer answers in some languages or dialects. Name the tests and their results.",
        "Z. B. frühere Entscheidungen in den Dokumenten, auf die das System zugreift, "
        "Stereotype in erzeugten Texten, schlechtere Antworten in manchen Sprachen oder "
        "Dialekten. Nennen Sie die Tests und ihre Ergebnisse.",
    ),
    (
        "Transparency to affected people: do the people affected know that AI is involved, "
        "what it does and where its limits are?",
        "Transparenz gegenüber Betroffenen: Wissen die betroffenen Menschen, dass KI "
        "beteiligt ist, was sie tut und wo ihre Grenzen liegen?",
        "Employees and customers should recognise AI-generated content and know whom to ask. "
        "Think of labels, notices and training material.",
        "Beschäftigte und Kundschaft sollen KI-erzeugte Inhalte erkennen und wissen, an wen "
        "sie sich wenden können. Denken Sie an Kennzeichnung, Hinweise und Schulungsunterlagen.",
    ),
    (
        "Impact on jobs and working conditions: how does the use case change tasks, workload, "
        "the skills needed and job security, and how are employees supported?",
        "Auswirkungen auf Arbeitsplätze und Arbeitsbedingungen: Wie verändert der "
        "Anwendungsfall Aufgaben, Arbeitslast, benötigte Fähigkeiten und die Sicherheit der "
        "Arbeitsplätze, und wie werden die Beschäftigten unterstützt?",
        "Consider loss of skills, work intensification, pressure from being measured and "
        "changed roles. Plan training and involve the works council early.",
        "Bedenken Sie Verlust von Fähigkeiten, Arbeitsverdichtung, Druck durch Messbarkeit "
        "und veränderte Rollen. Planen Sie Qualifizierung und beziehen Sie den Betriebsrat "
        "früh ein.",
    ),
    (
        "Human oversight: does a competent person check, correct or overrule the outputs "
        "before they take effect, with the time and the authority to do so?",
        "Menschliche Aufsicht: Prüft, korrigiert oder verwirft eine fachkundige Person die "
        "Ausgaben, bevor sie wirksam werden, und hat sie dafür Zeit und Befugnis?",
        "Say who checks what and how often, and what happens when the system is wrong. Guard "
        "against accepting results unseen (automation bias).",
        "Sagen Sie, wer was wie oft prüft und was geschieht, wenn das System irrt. Beugen "
        "Sie dem ungeprüften Übernehmen von Ergebnissen vor (Automation Bias).",
    ),
    (
        "Contestability: can people affected by an AI-supported result question it, get an "
        "explanation and have it reviewed by a person?",
        "Anfechtbarkeit: Können Betroffene ein KI-gestütztes Ergebnis in Frage stellen, eine "
        "Erklärung bekommen und es von einem Menschen überprüfen lassen?",
        "Describe the way to object (contact, form, office hours), who answers and how fast.",
        "Beschreiben Sie den Weg für Einwände (Ansprechperson, Formular, Sprechstunde), wer "
        "antwortet und wie schnell.",
    ),
)
CHECKLIST_FIELDS = ("text_en", "text_de", "help_en", "help_de", "position", "active")


@user_action
def checklist_ensure_defaults(**kwargs: Any) -> None:
    """The ethics board's starting checklist, created after migrate when none exists, and
    recorded in the audit log like any other change of the checklist."""
    if EthicsChecklistItem.objects.exists():
        return
    created = EthicsChecklistItem.objects.bulk_create(
        EthicsChecklistItem(
            text_en=text_en,
            text_de=text_de,
            help_en=help_en,
            help_de=help_de,
            position=(position + 1) * 10,
        )
        for position, (text_en, text_de, help_en, help_de) in enumerate(DEFAULT_CHECKLIST)
    )
    audit_record(
        actor=None,
        action=ReviewAction.CHECKLIST_SEEDED,
        changes={"seeded": [item.text_en for item in created]},
    )


def _checklist_item_save(
    *, item: EthicsChecklistItem | None, actor: User | None, **fields: Any
) -> EthicsChecklistItem:
    """Add a checklist item (``item`` None) or change one; items are retired, not deleted,
    because completed reviews keep their answers to them."""
    unknown = set(fields) - set(CHECKLIST_FIELDS)
    if unknown:
        raise ReviewsError(UNKNOWN_CHECKLIST_FIELD % {"field": sorted(unknown)[0]})
    for name in ("text_en", "text_de", "help_en", "help_de"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    require_transaction("checklist_item_save")
    if item is None:
        item = EthicsChecklistItem()
        before: dict[str, Any] = {}
    else:
        stored = EthicsChecklistItem.objects.select_for_update().get(pk=item.pk)
        before = {name: getattr(stored, name) for name in CHECKLIST_FIELDS}
    for name, value in fields.items():
        setattr(item, name, value)
    if not item.text_en or not item.text_de:
        raise ReviewsError(CHECKLIST_TEXT_REQUIRED)
    item.full_clean()
    item.save()
    changes = {
        name: {"from": before.get(name), "to": getattr(item, name)}
        for name in CHECKLIST_FIELDS
        if before.get(name) != getattr(item, name)
    }
    if changes:
        audit_record(
            actor=actor,
            action=ReviewAction.CHECKLIST_CHANGED,
            target=item,
            changes={"created": not before, **changes},
        )
    return item


def checklist_items(*, include_inactive: bool = False) -> QuerySet[EthicsChecklistItem]:
    items = EthicsChecklistItem.objects.all()
    return items if include_inactive else items.filter(active=True)


# Ethics reviews ----------------------------------------------------------------------------


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
    closing_note = closing_note.strip()
    if not closing_note:
        raise ReviewsError(CLOSING_NOTE_REQUIRED, field="closing_note")
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        raise ReviewsError(CLOSED_IN_FUTURE, field="closed_on")
    require_transaction("ethics_condition_close")
    stored = EthicsCondition.objects.select_for_update().get(pk=condition.pk)
    if stored.closed_on is not None:
        raise ReviewsError(CONDITION_ALREADY_CLOSED)
    condition.closed_on = closed_on
    condition.closing_note = closing_note
    condition.save(update_fields=["closed_on", "closing_note"])
    audit_record(
        actor=actor,
        action=ReviewAction.CONDITION_CLOSED,
        target=condition,
        changes={
            "review": condition.review_id,
            "closed_on": {"from": None, "to": closed_on},
            "closing_note": {"from": "", "to": closing_note},
        },
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


# DPIA --------------------------------------------------------------------------------------


@user_action
def dpia_check_record(
    *,
    use_case: UseCase,
    answers: Mapping[str, bool],
    actor: User | None,
    decision: str = Decision.RULE,
    rationale: str = "",
) -> DpiaCheck:
    """Run the threshold check; every criterion is stored, those not given as not applying.

    The check records why: the rationale, and a decision that departs from the criteria
    (WP248: two criteria require a DPIA "in most cases"; one can be enough) only with it.
    """
    unknown = set(answers) - set(KEYS)
    if unknown:
        raise ReviewsError(UNKNOWN_CRITERION % {"key": sorted(unknown)[0]}, field="answers")
    complete = {key: bool(answers.get(key, False)) for key in KEYS}
    rationale = rationale.strip()
    required = dpia_decision(complete, decision, rationale)
    check = DpiaCheck.objects.create(
        use_case=use_case,
        answers=complete,
        required=required,
        decision=decision,
        rationale=rationale,
        criteria_version=CRITERIA_VERSION,
        checked_by=actor if actor is not None and actor.pk else None,
    )
    audit_record(
        actor=actor,
        action=ReviewAction.DPIA_CHECKED,
        target=check,
        changes={
            "use_case": use_case.pk,
            "applying": [key for key in KEYS if complete[key]],
            "wp248_count": wp248_count(complete),
            "dsk_items": dsk_applying(complete),
            "required_by_criteria": dpia_required(complete),
            "decision": decision,
            "rationale": rationale,
            "required": required,
            "criteria_version": CRITERIA_VERSION,
        },
    )
    return check


def _dpia_save(*, use_case: UseCase, actor: User | None, **fields: Any) -> Dpia:
    """Create or change the DPIA of a use case while it is not signed off: its texts, the
    controller who carries it out, whether a high residual risk remains, the review date."""
    unknown = set(fields) - set(DPIA_FIELDS)
    if unknown:
        raise ReviewsError(UNKNOWN_DPIA_SECTION % {"field": sorted(unknown)[0]})
    require_transaction("dpia_save")
    dpia = Dpia.objects.select_for_update().filter(use_case=use_case).first()
    created = dpia is None
    if dpia is None:
        dpia = Dpia(use_case=use_case)
    elif dpia.is_completed:
        raise ReviewsError(DPIA_SIGNED_OFF)
    changed: dict[str, dict[str, Any]] = {}
    for name, given in fields.items():
        value = _dpia_value(name, given)
        before = getattr(dpia, name)
        if before != value:
            changed[name] = {"from": _readable(before), "to": _readable(value)}
            setattr(dpia, name, value)
    if created or changed:
        dpia.save()
        audit_record(
            actor=actor,
            action=ReviewAction.DPIA_SAVED,
            target=dpia,
            changes={"use_case": use_case.pk, "created": created, **changed},
        )
    return dpia


def _dpia_value(name: str, value: Any) -> Any:
    if name in DPIA_SECTIONS:
        return (value or "").strip()
    if name == "residual_risk_high":
        return bool(value)
    return value


def _readable(value: Any) -> Any:
    """A person by e-mail, a date as written; everything else as it is."""
    if isinstance(value, Person):
        return value.email
    if isinstance(value, date):
        return value.isoformat()
    return value


def dpia_missing_sections(dpia: Dpia) -> list[str]:
    """What a sign-off still needs (Art. 35(7), (9), (11), Art. 36 GDPR)."""
    needed = [name for name in DPIA_SECTIONS if name != "prior_consultation"]
    if dpia.residual_risk_high:
        needed.append("prior_consultation")
    missing = [name for name in needed if not getattr(dpia, name).strip()]
    if dpia.controller_id is None:
        missing.append("controller")
    if dpia.review_on is None:
        missing.append("review_on")
    return missing


def _dpia_complete(*, dpia: Dpia, actor: User | None) -> Dpia:
    """The controller approves the DPIA: every section, the views of the people concerned,
    the DPO's opinion, a review date and, with a high residual risk, the authority's advice.
    The data protection officer advises and gives an opinion but does not approve."""
    if dpia.is_completed:
        raise ReviewsError(DPIA_SIGNED_OFF)
    missing = dpia_missing_sections(dpia)
    if missing:
        labels = ", ".join(
            str(capfirst(getattr(Dpia._meta.get_field(name), "verbose_name", name)))
            for name in missing
        )
        raise ReviewsError(
            DPIA_INCOMPLETE % {"sections": labels},
            errors={name: [SECTION_REQUIRED] for name in missing},
        )
    controller = dpia.controller
    assert controller is not None
    if actor is None or controller.user_id != actor.pk:
        raise ReviewsError(ONLY_CONTROLLER_APPROVES % {"name": controller}, field="controller")
    require_transaction("dpia_complete")
    stored = Dpia.objects.select_for_update().get(pk=dpia.pk)
    if stored.is_completed:
        raise ReviewsError(DPIA_SIGNED_OFF)
    dpia.status = DpiaStatus.COMPLETED
    dpia.signed_off_by = actor if actor.pk else None
    dpia.signed_off_on = timezone.localdate()
    dpia.save(update_fields=["status", "signed_off_by", "signed_off_on", "updated_at"])
    audit_record(
        actor=actor,
        action=ReviewAction.DPIA_COMPLETED,
        target=dpia,
        changes={
            "use_case": dpia.use_case_id,
            "status": {"from": DpiaStatus.DRAFT, "to": DpiaStatus.COMPLETED},
            "approved_by_controller": controller.email,
            "signed_off_on": dpia.signed_off_on,
            "review_on": dpia.review_on,
        },
    )
    return dpia


def may_write_dpia(user: User, use_case: UseCase) -> bool:
    """Data protection runs DPIAs; the controller named in one carries it out too."""
    if user.has_perm(Permission.RUN_DPIA):
        return True
    return Dpia.objects.filter(use_case=use_case, controller__user=user).exists()


def _dpia_reopen(*, dpia: Dpia, actor: User | None) -> Dpia:
    """Take a signed-off DPIA back into work, e.g. when the processing changes. Until it is
    signed off again, the gates treat it as not done."""
    if not dpia.is_completed:
        raise ReviewsError(DPIA_NOT_SIGNED_OFF)
    require_transaction("dpia_reopen")
    previous = dpia.signed_off_on
    dpia.status = DpiaStatus.DRAFT
    dpia.signed_off_by = None
    dpia.signed_off_on = None
    dpia.save(update_fields=["status", "signed_off_by", "signed_off_on", "updated_at"])
    audit_record(
        actor=actor,
        action=ReviewAction.DPIA_REOPENED,
        target=dpia,
        changes={"use_case": dpia.use_case_id, "was_signed_off_on": previous},
    )
    return dpia


# Works council -----------------------------------------------------------------------------

COUNCIL_SHORT_FIELDS = ("information_given_on", "agreement_status", "agreement_reference")
COUNCIL_TEXT_FIELDS = ("consultation_notes", "agreement_clauses")


def _council_involvement_save(
    *,
    use_case: UseCase,
    actor: User | None,
    monitoring_capable: bool,
    information_given_on: date | None = None,
    consultation_notes: str = "",
    agreement_status: str | None = None,
    agreement_reference: str = "",
    agreement_clauses: str = "",
) -> CouncilInvolvement:
    """Record the co-determination assessment and the state of the works council's
    involvement. Without an agreement status, a use case that needs co-determination is
    in negotiation and one that does not needs no agreement."""
    if agreement_status is None:
        agreement_status = (
            AgreementStatus.IN_NEGOTIATION if monitoring_capable else AgreementStatus.NOT_NEEDED
        )
    if agreement_status not in AgreementStatus.values:
        raise ReviewsError(
            UNKNOWN_AGREEMENT_STATUS % {"value": agreement_status}, field="agreement_status"
        )
    if monitoring_capable and agreement_status == AgreementStatus.NOT_NEEDED:
        raise ReviewsError(AGREEMENT_NEEDED, field="agreement_status")
    agreement_reference = agreement_reference.strip()
    if agreement_status == AgreementStatus.AGREED and not agreement_reference:
        raise ReviewsError(AGREEMENT_REFERENCE_REQUIRED, field="agreement_reference")
    if information_given_on is not None and information_given_on > timezone.localdate():
        raise ReviewsError(INFORMED_IN_FUTURE, field="information_given_on")
    values: dict[str, Any] = {
        "information_given_on": information_given_on,
        "consultation_notes": consultation_notes.strip(),
        "agreement_status": agreement_status,
        "agreement_reference": agreement_reference,
        "agreement_clauses": agreement_clauses.strip(),
    }
    require_transaction("council_involvement_save")
    involvement = CouncilInvolvement.objects.select_for_update().filter(use_case=use_case).first()
    created = involvement is None
    if involvement is None:
        involvement = CouncilInvolvement(use_case=use_case)
    assessed = created or involvement.monitoring_capable != monitoring_capable
    if assessed:
        involvement.monitoring_capable = monitoring_capable
        involvement.assessed_on = timezone.localdate()
        involvement.assessed_by = actor if actor is not None and actor.pk else None
    changes: dict[str, Any] = {
        name: {"from": None if created else getattr(involvement, name), "to": values[name]}
        for name in COUNCIL_SHORT_FIELDS
        if created or getattr(involvement, name) != values[name]
    }
    changed_texts = [n for n in COUNCIL_TEXT_FIELDS if getattr(involvement, n) != values[n]]
    for name, value in values.items():
        setattr(involvement, name, value)
    involvement.save()
    if assessed:
        audit_record(
            actor=actor,
            action=ReviewAction.COUNCIL_ASSESSED,
            target=involvement,
            changes={
                "use_case": use_case.pk,
                "monitoring_capable": monitoring_capable,
                "codetermination_required": monitoring_capable,
                **changes,
                "texts_changed": changed_texts,
            },
        )
    elif changes or changed_texts:
        audit_record(
            actor=actor,
            action=ReviewAction.COUNCIL_UPDATED,
            target=involvement,
            changes={"use_case": use_case.pk, **changes, "texts_changed": changed_texts},
        )
    return involvement


# One user action each, for what a page or the API does in one request -----------------------

checklist_item_save = user_action(_checklist_item_save)
ethics_review_start = user_action(_ethics_review_start)
ethics_review_save = user_action(_ethics_review_save)
ethics_review_complete = user_action(_ethics_review_complete)
ethics_condition_add = user_action(_ethics_condition_add)
ethics_condition_remove = user_action(_ethics_condition_remove)
dpia_save = user_action(_dpia_save)
dpia_complete = user_action(_dpia_complete)
dpia_reopen = user_action(_dpia_reopen)
council_involvement_save = user_action(_council_involvement_save)


@user_action
def council_involvement_change(
    *, use_case: UseCase, actor: User | None, changes: Mapping[str, Any]
) -> CouncilInvolvement:
    """Change only the fields given; the others keep their stored values."""
    stored = CouncilInvolvement.objects.select_for_update().filter(use_case=use_case).first()
    if stored is None and "monitoring_capable" not in changes:
        raise ReviewsError(MONITORING_CAPABLE_REQUIRED, field="monitoring_capable")
    current: dict[str, Any] = {}
    if stored is not None:
        current = {
            name: getattr(stored, name)
            for name in ("monitoring_capable", *COUNCIL_SHORT_FIELDS, *COUNCIL_TEXT_FIELDS)
        }
    return _council_involvement_save(use_case=use_case, actor=actor, **{**current, **changes})


@dataclass(frozen=True)
class ChecklistChange:
    """One row of the checklist page: an existing item (or None for a new one) and its
    fields."""

    item: EthicsChecklistItem | None
    fields: Mapping[str, Any]


@user_action
def checklist_save(*, changes: list[ChecklistChange], actor: User | None) -> int:
    """Save every changed row of the checklist page at once, or none of them."""
    for change in changes:
        _checklist_item_save(item=change.item, actor=actor, **change.fields)
    return len(changes)


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


@user_action
def dpia_submit(
    *, use_case: UseCase, actor: User | None, sections: Mapping[str, Any], complete: bool
) -> Dpia:
    """What the DPIA page posts: the sections, and the sign-off when asked."""
    dpia = _dpia_save(use_case=use_case, actor=actor, **sections)
    if complete:
        _dpia_complete(dpia=dpia, actor=actor)
    return dpia


@user_action
def dpia_write(
    *,
    use_case: UseCase,
    actor: User | None,
    sections: Mapping[str, Any],
    status: str | None = None,
) -> Dpia:
    """What the API writes: the fields given (others stay as they are) and, when asked,
    the sign-off (``completed``) or reopening (``draft`` on a signed-off DPIA)."""
    record = Dpia.objects.select_for_update().filter(use_case=use_case).first()
    if record is not None and record.is_completed:
        unchanged = all(
            getattr(record, name) == _dpia_value(name, value) for name, value in sections.items()
        )
        if status != DpiaStatus.DRAFT:
            if unchanged:
                return record
            raise ReviewsError(DPIA_SIGNED_OFF)
        _dpia_reopen(dpia=record, actor=actor)
    record = _dpia_save(use_case=use_case, actor=actor, **sections)
    if status == DpiaStatus.COMPLETED:
        _dpia_complete(dpia=record, actor=actor)
    return record


# What the gates ask ------------------------------------------------------------------------


def ethics_passed(use_case: UseCase) -> bool:
    """The latest completed ethics review approved the use case (with or without conditions)."""
    outcome = (
        EthicsReview.objects.filter(use_case=use_case, status=EthicsReviewStatus.COMPLETED)
        .order_by("-completed_on", "-pk")
        .values_list("outcome", flat=True)
        .first()
    )
    return outcome in POSITIVE_OUTCOMES


def dpia_state(use_case: UseCase) -> DpiaState:
    latest = (
        DpiaCheck.objects.filter(use_case=use_case)
        .order_by("-checked_at", "-pk")
        .values_list("required", flat=True)
        .first()
    )
    completed = Dpia.objects.filter(use_case=use_case, status=DpiaStatus.COMPLETED).exists()
    return DpiaState(checked=latest is not None, required=bool(latest), completed=completed)


def codetermination_state(use_case: UseCase) -> CodeterminationState:
    row = (
        CouncilInvolvement.objects.filter(use_case=use_case)
        .values_list("monitoring_capable", "agreement_status")
        .first()
    )
    if row is None:
        return CodeterminationState()
    monitoring_capable, agreement_status = row
    return CodeterminationState(
        assessed=True,
        required=monitoring_capable,
        agreed=agreement_status == AgreementStatus.AGREED,
    )


# Reads for pages and the API ---------------------------------------------------------------


def ethics_reviews_of(use_case: UseCase) -> QuerySet[EthicsReview]:
    return (
        EthicsReview.objects.filter(use_case=use_case)
        .select_related("completed_by")
        .annotate(
            open_conditions=Count("conditions", filter=Q(conditions__closed_on__isnull=True)),
        )
        .order_by("-started_on", "-pk")
    )


def ethics_review_detail(pk: int) -> EthicsReview:
    """One review with its answers and conditions; raises EthicsReview.DoesNotExist."""
    return (
        EthicsReview.objects.select_related("use_case__unit", "completed_by")
        .prefetch_related(
            Prefetch("answers", queryset=EthicsAnswer.objects.select_related("item")),
            Prefetch("conditions", queryset=EthicsCondition.objects.select_related("owner")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class ChecklistRow:
    item: EthicsChecklistItem
    answer: EthicsAnswer | None


def review_rows(review: EthicsReview) -> list[ChecklistRow]:
    """The items a review answers: for a draft the active checklist, for a completed review
    the items it answered (the checklist may have changed since)."""
    answers = {a.item_id: a for a in review.answers.all()}
    if review.is_draft:
        return [ChecklistRow(item, answers.get(item.pk)) for item in checklist_items()]
    return [ChecklistRow(a.item, a) for a in answers.values()]


def dpia_check_latest(use_case: UseCase) -> DpiaCheck | None:
    return (
        DpiaCheck.objects.filter(use_case=use_case)
        .select_related("checked_by")
        .order_by("-checked_at", "-pk")
        .first()
    )


def dpia_checks_of(use_case: UseCase) -> QuerySet[DpiaCheck]:
    return (
        DpiaCheck.objects.filter(use_case=use_case)
        .select_related("checked_by")
        .order_by("-checked_at", "-pk")
    )


def dpia_of(use_case: UseCase) -> Dpia | None:
    return Dpia.objects.filter(use_case=use_case).select_related("signed_off_by").first()


def council_involvement_of(use_case: UseCase) -> CouncilInvolvement | None:
    return CouncilInvolvement.objects.filter(use_case=use_case).first()


@dataclass(frozen=True)
class Listing:
    """The first rows of a list and how many there are in all."""

    rows: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _listing(queryset: QuerySet[Any], limit: int) -> Listing:
    rows = list(queryset[:limit])
    total = len(rows) if len(rows) < limit else queryset.count()
    return Listing(rows, total)


@dataclass(frozen=True)
class ReviewsOverview:
    ethics_drafts: Listing
    ethics_completed: Listing
    open_conditions: Listing
    waiting_for_review: Listing
    dpias_open: Listing
    dpias_completed: Listing
    waiting_for_check: Listing


def _latest_check_required() -> Subquery:
    return Subquery(
        DpiaCheck.objects.filter(use_case=OuterRef("pk"))
        .order_by("-checked_at", "-pk")
        .values("required")[:1]
    )


def reviews_overview() -> ReviewsOverview:
    """Ethics reviews and DPIAs by status, and the use cases with personal data that wait
    for one; each list costs one or two queries, whatever the size of the portfolio."""
    reviews = EthicsReview.objects.select_related("use_case__unit").annotate(
        open_conditions=Count("conditions", filter=Q(conditions__closed_on__isnull=True))
    )
    heading_for_gate = UseCase.objects.filter(personal_data=True).exclude(stage__in=CLOSED_STAGES)
    open_dpias = (
        UseCase.objects.annotate(latest_required=_latest_check_required())
        .filter(Q(latest_required=True) | Q(dpia__status=DpiaStatus.DRAFT))
        .exclude(dpia__status=DpiaStatus.COMPLETED)
        .select_related("unit", "dpia")
        .order_by("title", "pk")
    )
    return ReviewsOverview(
        ethics_drafts=_listing(
            reviews.filter(status=EthicsReviewStatus.DRAFT).order_by("started_on", "pk"), QUEUE
        ),
        ethics_completed=_listing(
            reviews.filter(status=EthicsReviewStatus.COMPLETED).order_by("-completed_on", "-pk"),
            RECENT,
        ),
        open_conditions=_listing(
            EthicsCondition.objects.filter(
                closed_on__isnull=True, review__status=EthicsReviewStatus.COMPLETED
            )
            .select_related("review__use_case", "owner")
            .order_by("due_on", "pk"),
            QUEUE,
        ),
        waiting_for_review=_listing(
            heading_for_gate.filter(~Exists(EthicsReview.objects.filter(use_case=OuterRef("pk"))))
            .select_related("unit")
            .order_by("title", "pk"),
            QUEUE,
        ),
        dpias_open=_listing(open_dpias, QUEUE),
        dpias_completed=_listing(
            Dpia.objects.filter(status=DpiaStatus.COMPLETED)
            .select_related("use_case__unit")
            .order_by("-signed_off_on", "-pk"),
            RECENT,
        ),
        waiting_for_check=_listing(
            heading_for_gate.filter(~Exists(DpiaCheck.objects.filter(use_case=OuterRef("pk"))))
            .select_related("unit")
            .order_by("title", "pk"),
            QUEUE,
        ),
    )


class CouncilFilter:
    """The filters of the co-determination overview, by key."""

    NOT_ASSESSED = "not_assessed"
    OPEN = "open"
    AGREED = "agreed"
    NOT_REQUIRED = "not_required"

    LABELS: Mapping[str, Any] = {
        NOT_ASSESSED: _("Not yet assessed"),
        OPEN: _("Co-determination required, no agreement yet"),
        AGREED: _("Agreed"),
        NOT_REQUIRED: _("No co-determination required"),
    }
    CONDITIONS: Mapping[str, Q] = {
        NOT_ASSESSED: Q(council_involvement__isnull=True),
        OPEN: Q(council_involvement__monitoring_capable=True)
        & ~Q(council_involvement__agreement_status=AgreementStatus.AGREED),
        AGREED: Q(council_involvement__agreement_status=AgreementStatus.AGREED),
        NOT_REQUIRED: Q(council_involvement__monitoring_capable=False),
    }


def codetermination_overview(status: str = "") -> QuerySet[UseCase]:
    """Every use case with its co-determination status, for the works council.

    Only what the works council needs and nothing personal: no product owner, no submitter,
    no team, no assessor.
    """
    use_cases = (
        UseCase.objects.select_related("unit", "council_involvement")
        .only(
            "pk",
            "title",
            "stage",
            "unit__name",
            "council_involvement__monitoring_capable",
            "council_involvement__information_given_on",
            "council_involvement__agreement_status",
            "council_involvement__agreement_reference",
        )
        .order_by("title", "pk")
    )
    condition = CouncilFilter.CONDITIONS.get(status)
    return use_cases.filter(condition) if condition is not None else use_cases


def codetermination_counts() -> dict[str, int]:
    """How many use cases fall under each filter of the overview, in one query."""
    counts = UseCase.objects.aggregate(
        **{
            key: Count("pk", filter=condition)
            for key, condition in CouncilFilter.CONDITIONS.items()
        },
        all=Count("pk"),
    )
    return {key: int(value or 0) for key, value in counts.items()}
