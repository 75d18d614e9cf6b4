"""Ethics reviews, the DPIA threshold check and DPIA, works-council involvement over the API.

Mounted under /api/v1/governance. The same services as the pages, so the same rules:
the ethics board reviews (REVIEW_ETHICS), data protection checks and keeps DPIAs
(RUN_DPIA), the works council records its involvement (MANAGE_CODETERMINATION) and sees
every use case's co-determination status, without anything personal
(VIEW_CODETERMINATION). A request the rules refuse raises the service's ``ReviewsError``;
the shared handler answers 400 with the documented error body (``detail`` and ``errors`` by
field), like every other endpoint.
"""

# No ``from __future__ import annotations``: Ninja resolves the schema types at import.
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.api.schemas import UNCHANGED, Id
from wandel.core.errors import DomainError
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.governance import reviews
from wandel.governance.dpia_criteria import (
    ALL_CRITERIA,
    DSK_AI,
    Decision,
    dsk_applying,
    wp248_count,
)
from wandel.governance.models.reviews import (
    DPIA_FIELDS,
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
)
from wandel.governance.reviews import AnswerInput, CouncilFilter, ReviewsError
from wandel.org.models import Person
from wandel.portfolio.api import ErrorOut, PersonRef
from wandel.portfolio.models import Stage, UseCase

router = Router(tags=["governance"])

NO_DPIA = _("No DPIA has been recorded for this use case.")
NOT_ASSESSED = _("The works council's involvement in this use case has not been assessed yet.")
UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
ANSWERED_TWICE = _("Checklist item %(id)s is answered more than once.")


# Ethics --------------------------------------------------------------------------------------


class ChecklistItemOut(Schema):
    id: int
    text: str
    help: str
    position: int


class AnswerOut(Schema):
    item_id: int
    item: str
    assessment: EthicsAssessment
    note: str

    @staticmethod
    def resolve_item(answer: EthicsAnswer) -> str:
        return answer.item.text


class ConditionOut(Schema):
    id: int
    text: str
    owner: PersonRef | None
    due_on: date | None
    closed_on: date | None
    closing_note: str
    overdue: bool


class EthicsReviewOut(Schema):
    id: int
    use_case_id: int
    status: EthicsReviewStatus
    outcome: EthicsOutcome | None
    reasons: str
    started_on: date
    completed_on: date | None
    completed_by: str | None
    answers: list[AnswerOut]
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_outcome(review: EthicsReview) -> str | None:
        return review.outcome or None

    @staticmethod
    def resolve_completed_by(review: EthicsReview) -> str | None:
        return str(review.completed_by) if review.completed_by else None

    @staticmethod
    def resolve_answers(review: EthicsReview) -> list[EthicsAnswer]:
        return list(review.answers.all())

    @staticmethod
    def resolve_conditions(review: EthicsReview) -> list[EthicsCondition]:
        return list(review.conditions.all())


class AnswerIn(Schema):
    item_id: int
    assessment: EthicsAssessment
    note: str = ""


class ConditionIn(Schema):
    text: str
    owner: int | None = None
    due_on: date | None = None


class EthicsReviewIn(Schema):
    """Start a review; answers, reasons and conditions may follow in the same request."""

    answers: list[AnswerIn] = []
    reasons: str = ""
    conditions: list[ConditionIn] = []


class EthicsCompleteIn(Schema):
    """Complete a review. Answers given here are recorded first (others stay as they are)
    and conditions given here are added before the outcome is checked."""

    outcome: EthicsOutcome
    reasons: str
    answers: list[AnswerIn] = []
    conditions: list[ConditionIn] = []


class ConditionCloseIn(Schema):
    closing_note: str
    closed_on: date | None = None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _review(review_id: int) -> EthicsReview:
    try:
        return reviews.ethics_review_detail(review_id)
    except EthicsReview.DoesNotExist:
        raise Http404 from None


def _answers(given: list[AnswerIn]) -> dict[int, AnswerInput]:
    answers: dict[int, AnswerInput] = {}
    for answer in given:
        if answer.item_id in answers:
            raise ReviewsError(ANSWERED_TWICE % {"id": answer.item_id}, field="answers")
        answers[answer.item_id] = AnswerInput(answer.assessment, answer.note)
    return answers


def _conditions(conditions: list[ConditionIn]) -> list[reviews.NewCondition]:
    found = []
    for condition in conditions:
        owner = None
        if condition.owner is not None:
            owner = Person.objects.filter(pk=condition.owner).first()
            if owner is None:
                raise ReviewsError(UNKNOWN_PERSON % {"id": condition.owner}, field="conditions")
        found.append(reviews.NewCondition(condition.text, owner, condition.due_on))
    return found


@router.get("/ethics-checklist", response=list[ChecklistItemOut], summary="The ethics checklist")
def ethics_checklist(request: HttpRequest) -> list[EthicsChecklistItem]:
    """The active questions every ethics review answers, in order."""
    require(request, Permission.VIEW_GOVERNANCE)
    return list(reviews.checklist_items())


@router.get(
    "/use-cases/{id:use_case_id}/ethics-reviews",
    response=list[EthicsReviewOut],
    summary="Ethics reviews of a use case",
)
def ethics_review_list(request: HttpRequest, use_case_id: int) -> list[EthicsReview]:
    """Newest first, with answers and conditions."""
    require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    return list(
        EthicsReview.objects.filter(use_case=use_case)
        .select_related("completed_by")
        .prefetch_related("answers__item", "conditions__owner")
        .order_by("-started_on", "-pk")
    )


@router.post(
    "/use-cases/{id:use_case_id}/ethics-reviews",
    response={201: EthicsReviewOut, 400: ErrorOut},
    summary="Start an ethics review",
)
def ethics_review_create(
    request: HttpRequest, use_case_id: int, payload: EthicsReviewIn
) -> Status[Any]:
    """Only one review of a use case can be in progress at a time."""
    require(request, Permission.REVIEW_ETHICS)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    user = _user(request)
    review = reviews.ethics_review_open(
        use_case=use_case,
        actor=user,
        answers=_answers(payload.answers),
        reasons=payload.reasons,
        add_conditions=_conditions(payload.conditions),
    )
    return Status(201, _review(review.pk))


@router.post(
    "/ethics-reviews/{id:review_id}/complete",
    response={200: EthicsReviewOut, 400: ErrorOut},
    summary="Complete an ethics review",
)
def ethics_review_complete(
    request: HttpRequest, review_id: int, payload: EthicsCompleteIn
) -> Status[Any]:
    """Needs an answer for every active checklist item (a concern with a note), the
    reasons, and at least one condition exactly when the outcome is
    ``approved_with_conditions``. Nothing is saved when it is refused."""
    require(request, Permission.REVIEW_ETHICS)
    review = _review(review_id)
    user = _user(request)
    reviews.ethics_review_submit(
        review=review,
        answers=_answers(payload.answers),
        reasons=None,
        actor=user,
        add_conditions=_conditions(payload.conditions),
        complete_with=payload.outcome,
        completion_reasons=payload.reasons,
    )
    return Status(200, _review(review.pk))


@router.post(
    "/ethics-conditions/{id:condition_id}/close",
    response={200: ConditionOut, 400: ErrorOut},
    summary="Close a condition of an ethics approval",
)
def ethics_condition_close(
    request: HttpRequest, condition_id: int, payload: ConditionCloseIn
) -> Status[Any]:
    require(request, Permission.REVIEW_ETHICS)
    condition = get_object_or_404(
        EthicsCondition.objects.select_related("review", "owner"), pk=condition_id
    )
    reviews.ethics_condition_close(
        condition=condition,
        closing_note=payload.closing_note,
        closed_on=payload.closed_on,
        actor=_user(request),
    )
    return Status(200, condition)


# DPIA ------------------------------------------------------------------------------------


class DpiaCriterionOut(Schema):
    key: str
    title: str
    help: str
    kind: str


class DpiaCheckOut(Schema):
    id: int
    answers: dict[str, bool]
    wp248_count: int
    dsk_ai: bool
    dsk_items: list[str]
    required: bool
    decision: Decision
    rationale: str
    criteria_version: str
    checked_by: str | None
    checked_at: datetime

    @staticmethod
    def resolve_wp248_count(check: DpiaCheck) -> int:
        return wp248_count(check.answers)

    @staticmethod
    def resolve_dsk_ai(check: DpiaCheck) -> bool:
        return bool(check.answers.get(DSK_AI.key))

    @staticmethod
    def resolve_dsk_items(check: DpiaCheck) -> list[str]:
        return dsk_applying(check.answers)

    @staticmethod
    def resolve_checked_by(check: DpiaCheck) -> str | None:
        return str(check.checked_by) if check.checked_by else None


class DpiaCheckStateOut(Schema):
    use_case_id: int
    criteria: list[DpiaCriterionOut]
    latest: DpiaCheckOut | None
    history: list[DpiaCheckOut]


class DpiaCheckIn(Schema):
    """Criterion key → applies; criteria left out do not apply. ``decision`` departs from
    what the criteria say only with a ``rationale`` (WP248: "in most cases")."""

    answers: dict[str, bool]
    decision: Decision = Decision.RULE
    rationale: str = ""


class DpiaOut(Schema):
    use_case_id: int
    description: str
    necessity: str
    risks: str
    measures: str
    data_subject_views: str
    dpo_opinion: str
    controller: PersonRef | None
    residual_risk_high: bool
    prior_consultation: str
    review_on: date | None
    status: DpiaStatus
    signed_off_by: str | None
    signed_off_on: date | None
    missing_sections: list[str]

    @staticmethod
    def resolve_signed_off_by(dpia: Dpia) -> str | None:
        return str(dpia.signed_off_by) if dpia.signed_off_by else None

    @staticmethod
    def resolve_missing_sections(dpia: Dpia) -> list[str]:
        return reviews.dpia_missing_sections(dpia)


class DpiaIn(Schema):
    """The whole DPIA; every field is required, so a PUT never empties a section it left
    out (use PATCH to change some). ``status: completed`` signs it off (all sections and
    the DPO's opinion needed); ``draft`` on a signed-off DPIA reopens it."""

    description: str
    necessity: str
    risks: str
    measures: str
    data_subject_views: str
    dpo_opinion: str
    controller: Id | None
    residual_risk_high: bool
    prior_consultation: str
    review_on: date | None
    status: DpiaStatus


class DpiaPatch(Schema):
    """Only the fields given change; the others stay as they are."""

    description: str = UNCHANGED
    necessity: str = UNCHANGED
    risks: str = UNCHANGED
    measures: str = UNCHANGED
    data_subject_views: str = UNCHANGED
    dpo_opinion: str = UNCHANGED
    controller: Id | None = None
    residual_risk_high: bool = UNCHANGED
    prior_consultation: str = UNCHANGED
    review_on: date | None = None
    status: DpiaStatus = UNCHANGED


def _criteria() -> list[dict[str, str]]:
    return [
        {
            "key": c.key,
            "title": c.title,
            "help": c.help,
            "kind": "dsk" if c.must_list else "wp248",
        }
        for c in ALL_CRITERIA
    ]


@router.get(
    "/use-cases/{id:use_case_id}/dpia-check",
    response=DpiaCheckStateOut,
    summary="DPIA threshold check of a use case",
)
def dpia_check_get(request: HttpRequest, use_case_id: int) -> dict[str, Any]:
    """The criteria asked, the latest check (the one that counts) and all checks, newest
    first. A DPIA is required from two WP248 criteria, or when a DSK must-list item applies,
    unless a documented decision says otherwise."""
    require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    history = list(reviews.dpia_checks_of(use_case))
    return {
        "use_case_id": use_case.pk,
        "criteria": _criteria(),
        "latest": history[0] if history else None,
        "history": history,
    }


@router.post(
    "/use-cases/{id:use_case_id}/dpia-check",
    response={201: DpiaCheckOut, 400: ErrorOut},
    summary="Run the DPIA threshold check",
)
def dpia_check_create(request: HttpRequest, use_case_id: int, payload: DpiaCheckIn) -> Status[Any]:
    require(request, Permission.RUN_DPIA)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    check = reviews.dpia_check_record(
        use_case=use_case,
        answers=payload.answers,
        actor=_user(request),
        decision=payload.decision,
        rationale=payload.rationale,
    )
    return Status(201, check)


@router.get(
    "/use-cases/{id:use_case_id}/dpia",
    response={200: DpiaOut, 404: ErrorOut},
    summary="The DPIA of a use case",
)
def dpia_get(request: HttpRequest, use_case_id: int) -> Status[Any]:
    require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    record = reviews.dpia_of(use_case)
    if record is None:
        return Status(404, {"detail": str(NO_DPIA)})
    return Status(200, record)


@router.put(
    "/use-cases/{id:use_case_id}/dpia",
    response={200: DpiaOut, 400: ErrorOut},
    summary="Write, sign off or reopen the DPIA of a use case",
)
def dpia_put(request: HttpRequest, use_case_id: int, payload: DpiaIn) -> Status[Any]:
    return _dpia_write(request, use_case_id, payload.model_dump())


@router.patch(
    "/use-cases/{id:use_case_id}/dpia",
    response={200: DpiaOut, 400: ErrorOut},
    summary="Change some sections of the DPIA, sign it off or reopen it",
)
def dpia_patch(request: HttpRequest, use_case_id: int, payload: DpiaPatch) -> Status[Any]:
    return _dpia_write(request, use_case_id, payload.model_dump(exclude_unset=True))


def _dpia_write(request: HttpRequest, use_case_id: int, given: dict[str, Any]) -> Status[Any]:
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    if not reviews.may_write_dpia(_user(request), use_case):
        require(request, Permission.RUN_DPIA)
    sections = {name: given[name] for name in DPIA_FIELDS if name in given}
    if sections.get("controller") is not None:
        controller = Person.objects.filter(pk=sections["controller"]).first()
        if controller is None:
            raise ReviewsError(UNKNOWN_PERSON % {"id": sections["controller"]}, field="controller")
        sections["controller"] = controller
    reviews.dpia_write(
        use_case=use_case, actor=_user(request), sections=sections, status=given.get("status")
    )
    return Status(200, reviews.dpia_of(use_case))


# Works council ---------------------------------------------------------------------------


class CouncilInvolvementOut(Schema):
    """Nothing personal: who assessed or recorded what is in the audit log, not here."""

    use_case_id: int
    monitoring_capable: bool
    codetermination_required: bool
    assessed_on: date
    information_given_on: date | None
    consultation_notes: str
    agreement_status: AgreementStatus
    agreement_reference: str
    agreement_clauses: str


class CouncilInvolvementIn(Schema):
    """The whole record; every field is required (``null`` where it may be empty), so a PUT
    never wipes what it left out (use PATCH to change some). ``agreement_status: null``: a
    use case that needs co-determination is in negotiation, one that does not needs no
    agreement."""

    monitoring_capable: bool
    information_given_on: date | None
    consultation_notes: str
    agreement_status: AgreementStatus | None
    agreement_reference: str
    agreement_clauses: str


class CouncilInvolvementPatch(Schema):
    """Only the fields given change; the others stay as they are."""

    monitoring_capable: bool = UNCHANGED
    information_given_on: date | None = None
    consultation_notes: str = UNCHANGED
    agreement_status: AgreementStatus = UNCHANGED
    agreement_reference: str = UNCHANGED
    agreement_clauses: str = UNCHANGED


def _involvement(use_case: UseCase) -> CouncilInvolvement | None:
    try:
        return use_case.council_involvement
    except CouncilInvolvement.DoesNotExist:
        return None


class CodeterminationRowOut(Schema):
    use_case_id: int
    title: str
    unit: str
    stage: Stage
    assessed: bool
    monitoring_capable: bool | None
    codetermination_required: bool
    information_given_on: date | None
    agreement_status: AgreementStatus | None
    agreement_reference: str

    @staticmethod
    def resolve_use_case_id(use_case: UseCase) -> int:
        return use_case.pk

    @staticmethod
    def resolve_unit(use_case: UseCase) -> str:
        return use_case.unit.name

    @staticmethod
    def resolve_assessed(use_case: UseCase) -> bool:
        return _involvement(use_case) is not None

    @staticmethod
    def resolve_monitoring_capable(use_case: UseCase) -> bool | None:
        involvement = _involvement(use_case)
        return involvement.monitoring_capable if involvement else None

    @staticmethod
    def resolve_codetermination_required(use_case: UseCase) -> bool:
        involvement = _involvement(use_case)
        return bool(involvement and involvement.monitoring_capable)

    @staticmethod
    def resolve_information_given_on(use_case: UseCase) -> date | None:
        involvement = _involvement(use_case)
        return involvement.information_given_on if involvement else None

    @staticmethod
    def resolve_agreement_status(use_case: UseCase) -> str | None:
        involvement = _involvement(use_case)
        return involvement.agreement_status if involvement else None

    @staticmethod
    def resolve_agreement_reference(use_case: UseCase) -> str:
        involvement = _involvement(use_case)
        return involvement.agreement_reference if involvement else ""


@router.get(
    "/use-cases/{id:use_case_id}/council-involvement",
    response={200: CouncilInvolvementOut, 404: ErrorOut},
    summary="Works-council involvement in a use case",
)
def council_involvement_get(request: HttpRequest, use_case_id: int) -> Status[Any]:
    require(request, Permission.VIEW_CODETERMINATION)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    involvement = reviews.council_involvement_of(use_case)
    if involvement is None:
        return Status(404, {"detail": str(NOT_ASSESSED)})
    return Status(200, involvement)


@router.put(
    "/use-cases/{id:use_case_id}/council-involvement",
    response={200: CouncilInvolvementOut, 400: ErrorOut},
    summary="Record works-council involvement in a use case",
)
def council_involvement_put(
    request: HttpRequest, use_case_id: int, payload: CouncilInvolvementIn
) -> Status[Any]:
    """Co-determination is required when the use case allows conclusions about the
    behaviour or performance of individual employees (§ 87 (1) no. 6 BetrVG); then the
    agreement cannot be ``not_needed``, and ``agreed`` needs the agreement's reference."""
    require(request, Permission.MANAGE_CODETERMINATION)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    involvement = reviews.council_involvement_save(
        use_case=use_case, actor=_user(request), **payload.dict()
    )
    return Status(200, involvement)


@router.patch(
    "/use-cases/{id:use_case_id}/council-involvement",
    response={200: CouncilInvolvementOut, 400: ErrorOut},
    summary="Change some fields of the works council's involvement",
)
def council_involvement_patch(
    request: HttpRequest, use_case_id: int, payload: CouncilInvolvementPatch
) -> Status[Any]:
    """The fields left out keep their values; before the first assessment,
    ``monitoring_capable`` is required."""
    require(request, Permission.MANAGE_CODETERMINATION)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    involvement = reviews.council_involvement_change(
        use_case=use_case,
        actor=_user(request),
        changes=payload.model_dump(exclude_unset=True),
    )
    return Status(200, involvement)


@router.get(
    "/codetermination",
    response=list[CodeterminationRowOut],
    summary="Co-determination status of every use case",
)
@paginated
def codetermination_list(request: HttpRequest, status: str | None = None) -> QuerySet[UseCase]:
    """For the works council: every use case with its co-determination status and nothing
    personal. ``status`` is one of ``not_assessed``, ``open`` (required, not agreed),
    ``agreed``, ``not_required``."""
    require(request, Permission.VIEW_CODETERMINATION)
    if status and status not in CouncilFilter.LABELS:
        raise DomainError(_("Unknown status filter."), field="status")
    return reviews.codetermination_overview(status or "")
