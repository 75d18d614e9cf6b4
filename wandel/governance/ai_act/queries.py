"""Reads of the EU AI Act classification for the gates, the pages, the API.

Texts and dates of obligations come from the questionnaire in use, not from the database: an
admin who corrects a date in the file sees it on every page at once. When the file in use
would classify the stored answers differently, the pages say so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext

from wandel.core.filters import QueryFilters, choice, text
from wandel.governance.ai_act.engine import Outcome, evaluate
from wandel.governance.ai_act.models import (
    IN_FORCE,
    Classification,
    ClassificationStatus,
    ObligationConfirmation,
)
from wandel.governance.ai_act.questionnaire import Question, Questionnaire, Text
from wandel.governance.facts import ClassificationState, RiskClass
from wandel.org.models import Unit
from wandel.portfolio.use_cases.models import UseCase

UNCLASSIFIED = "unclassified"
# The most severe class first, the use cases nobody has classified yet last.
SEVERITY = (RiskClass.PROHIBITED, RiskClass.HIGH, RiskClass.TRANSPARENCY, RiskClass.MINIMAL)


def _newest_first(classifications: QuerySet[Classification]) -> QuerySet[Classification]:
    return classifications.order_by("-classified_at", "-pk")


def _in_force(classifications: QuerySet[Classification]) -> QuerySet[Classification]:
    """Without those awaiting the data-protection officer's confirmation or rejected by them."""
    return _newest_first(classifications.filter(status__in=IN_FORCE))


def current_classification(use_case: UseCase) -> Classification | None:
    return _in_force(Classification.objects.filter(use_case=use_case)).first()


def pending_classification(use_case: UseCase) -> Classification | None:
    """The re-classification that awaits the data-protection officer's confirmation, if any."""
    return (
        Classification.objects.filter(use_case=use_case, status=ClassificationStatus.PENDING)
        .select_related("classified_by")
        .first()
    )


def classification_state(use_case: UseCase) -> ClassificationState:
    """What the gates need: the current class, the employee-impact fact and the obligations
    of the current classification that nobody has confirmed yet. Two queries at most."""
    current = (
        _in_force(Classification.objects.filter(use_case=use_case))
        .values("pk", "risk_class", "employee_impact", "obligations")
        .first()
    )
    if current is None:
        return ClassificationState()
    confirmed = set(
        ObligationConfirmation.objects.filter(classification_id=current["pk"]).values_list(
            "obligation_id", flat=True
        )
    )
    return ClassificationState(
        classified=True,
        risk_class=current["risk_class"],
        employee_impact=current["employee_impact"],
        unconfirmed_obligations=tuple(o for o in current["obligations"] if o not in confirmed),
    )


def classification_history(use_case: UseCase) -> list[Classification]:
    """Every classification of the use case, newest first: those in force, the one awaiting
    confirmation and those rejected."""
    return list(
        _newest_first(
            Classification.objects.filter(use_case=use_case)
            .select_related("classified_by", "decided_by")
            .prefetch_related(
                Prefetch(
                    "confirmations",
                    queryset=ObligationConfirmation.objects.select_related("confirmed_by"),
                )
            )
        )
    )


@dataclass(frozen=True)
class ObligationRow:
    id: str
    title: Text | str
    text: Text | str
    reference: str
    note: Text | None
    applies_from: date | None
    confirmation: ObligationConfirmation | None

    @property
    def in_force(self) -> bool:
        return self.applies_from is not None and self.applies_from <= timezone.localdate()

    @property
    def confirmed(self) -> bool:
        return self.confirmation is not None


@dataclass(frozen=True)
class AnswerRow:
    question: Question | None
    question_id: str
    answers: list[Text | str]
    rationale: str


@dataclass(frozen=True)
class ClassificationView:
    """A stored classification as the questionnaire in use reads it."""

    classification: Classification
    obligations: list[ObligationRow]
    answers: list[AnswerRow]
    # What the questionnaire in use makes of the stored answers, if it can read them.
    reassessed: Outcome | None

    @property
    def open_obligations(self) -> list[ObligationRow]:
        return [row for row in self.obligations if not row.confirmed]

    @property
    def differs(self) -> bool:
        """Whether the file in use leads to another class or other obligations."""
        if self.reassessed is None:
            return False
        return not self.reassessed.complete or (
            self.reassessed.risk_class != self.classification.risk_class
            or self.reassessed.obligation_ids != list(self.classification.obligations)
        )


# Stored answers kept evaluated per questionnaire in use: a list of classifications
# re-evaluated each one on every request, most with answers another one has too.
# Evaluating is pure, so a kept outcome is the one it would give again.
_REASSESSED_KEPT = 2048


def reassess(questionnaire: Questionnaire, answers: Mapping[str, object]) -> Outcome:
    """``evaluate`` of stored ``answers``, kept with the ``questionnaire`` object in use (a
    changed file is a new object, and the kept outcomes go with the old one)."""
    key = json.dumps(answers, sort_keys=True)
    kept = questionnaire.outcomes
    outcome: Outcome | None = kept.get(key)
    if outcome is None:
        if len(kept) >= _REASSESSED_KEPT:
            kept.clear()
        outcome = kept[key] = evaluate(questionnaire, answers)
    return outcome


def classification_view(
    classification: Classification, questionnaire: Questionnaire | None
) -> ClassificationView:
    """Obligation texts and dates, and answer labels, from the questionnaire in use (ids
    alone when it cannot be loaded or no longer knows them)."""
    confirmations = {c.obligation_id: c for c in classification.confirmations.all()}
    reassessed = reassess(questionnaire, classification.answers) if questionnaire else None
    due = {d.id: d.applies_from for d in reassessed.obligations} if reassessed else {}
    rows = []
    for obligation_id in classification.obligations:
        obligation = questionnaire.obligation(obligation_id) if questionnaire else None
        if obligation is None:
            rows.append(
                ObligationRow(
                    obligation_id,
                    obligation_id,
                    "",
                    "",
                    None,
                    None,
                    confirmations.get(obligation_id),
                )
            )
            continue
        rows.append(
            ObligationRow(
                id=obligation_id,
                title=obligation.title,
                text=obligation.text,
                reference=obligation.reference,
                note=obligation.note,
                applies_from=due.get(obligation_id, obligation.default_date),
                confirmation=confirmations.get(obligation_id),
            )
        )
    return ClassificationView(
        classification=classification,
        obligations=rows,
        answers=answer_rows(classification, questionnaire),
        reassessed=reassessed,
    )


def answer_rows(
    classification: Classification, questionnaire: Questionnaire | None
) -> list[AnswerRow]:
    rows = []
    order = {q.id: i for i, q in enumerate(questionnaire.questions)} if questionnaire else {}
    stored: Mapping[str, str | list[str]] = classification.answers
    for question_id in sorted(stored, key=lambda q: order.get(q, len(order))):
        question = questionnaire.question(question_id) if questionnaire else None
        given = stored[question_id]
        option_ids = given if isinstance(given, list) else [given]
        labels: list[Text | str] = []
        for option_id in option_ids:
            option = question.option(option_id) if question else None
            labels.append(option.label if option else option_id)
        rows.append(
            AnswerRow(
                question=question,
                question_id=question_id,
                answers=labels,
                rationale=classification.rationales.get(question_id, ""),
            )
        )
    return rows


# The overview of all use cases


@dataclass(frozen=True)
class OverviewFilters(QueryFilters):
    """The overview's filters as the query string names them: ``class`` (a risk class, or
    ``unclassified``) and ``q`` (text in the use case's title or unit)."""

    risk_class: str = choice((*RiskClass.values, UNCLASSIFIED), param="class")
    search: str = text(100, param="q")


@dataclass(frozen=True)
class OverviewRow:
    use_case: UseCase
    risk_class: RiskClass | None
    classified_at: datetime | None
    obligations: int
    open_obligations: int
    # A re-classification waits for the data-protection officer (the one above is in force).
    awaiting_confirmation: bool = False


def _current() -> QuerySet[Classification]:
    """The classification in force of each use case: in force, and no newer one in force.

    The overview sorts and filters every use case by it. Asking per use case (a correlated
    subquery for the class, the date, the obligations ...) cost a lookup per use case and
    column; asking which use cases each class holds is one pass over the classifications,
    which PostgreSQL and SQLite hash once per query.
    """
    in_force = Classification.objects.filter(status__in=IN_FORCE)
    newer = in_force.filter(use_case=OuterRef("use_case")).filter(
        Q(classified_at__gt=OuterRef("classified_at"))
        | Q(classified_at=OuterRef("classified_at"), pk__gt=OuterRef("pk"))
    )
    return in_force.filter(~Exists(newer))


def _in_class(risk_class: str) -> QuerySet[Classification]:
    return _current().filter(risk_class=risk_class)


def overview(filters: OverviewFilters) -> QuerySet[UseCase]:
    """Every use case, the most severe current class first (``overview_rows`` adds the
    classification of the ones shown)."""
    # The units' names are read for the page's rows only (a second query): joined here,
    # every use case met its unit before the sort, half the query's time on the large demo.
    use_cases = UseCase.objects.prefetch_related(
        Prefetch("unit", queryset=Unit.objects.only("pk", "name"))
    ).only("pk", "title", "stage", "unit_id")
    if filters.risk_class == UNCLASSIFIED:
        use_cases = use_cases.exclude(pk__in=_current().values("use_case_id"))
    elif filters.risk_class:
        use_cases = use_cases.filter(pk__in=_in_class(filters.risk_class).values("use_case_id"))
    if filters.search:
        use_cases = use_cases.filter(
            Q(title__icontains=filters.search) | Q(unit__name__icontains=filters.search)
        )
    severity = Case(
        *(
            When(pk__in=_in_class(c).values("use_case_id"), then=Value(i))
            for i, c in enumerate(SEVERITY)
        ),
        default=Value(len(SEVERITY)),
        output_field=IntegerField(),
    )
    return use_cases.order_by(severity, "title", "pk")


def overview_rows(use_cases: Iterable[UseCase]) -> list[OverviewRow]:
    """The overview's rows for ``use_cases`` (one page): two queries, however many."""
    shown = list(use_cases)
    ids = [u.pk for u in shown]
    current = {
        c.use_case_id: c
        for c in _current()
        .filter(use_case_id__in=ids)
        .annotate(confirmed=Count("confirmations"))
        .only("use_case_id", "risk_class", "classified_at", "obligations")
    }
    pending = set(
        Classification.objects.filter(
            use_case_id__in=ids, status=ClassificationStatus.PENDING
        ).values_list("use_case_id", flat=True)
    )
    rows = []
    for use_case in shown:
        classification = current.get(use_case.pk)
        obligations = (classification.obligations or []) if classification else []
        confirmed = classification.confirmed if classification else 0  # type: ignore[attr-defined]
        rows.append(
            OverviewRow(
                use_case=use_case,
                risk_class=RiskClass(classification.risk_class) if classification else None,
                classified_at=classification.classified_at if classification else None,
                obligations=len(obligations),
                open_obligations=max(len(obligations) - confirmed, 0),
                awaiting_confirmation=use_case.pk in pending,
            )
        )
    return rows


@dataclass(frozen=True)
class ClassCount:
    key: str
    label: str
    count: int


def class_counts() -> list[ClassCount]:
    """How many use cases are currently in each class, and how many are not classified."""
    counts = dict(
        _current().order_by().values_list("risk_class").annotate(count=Count("use_case_id"))
    )
    unclassified = UseCase.objects.count() - sum(counts.values())
    result = [ClassCount(c.value, str(c.label), counts.get(c.value, 0)) for c in SEVERITY]
    result.append(ClassCount(UNCLASSIFIED, gettext("Not classified"), unclassified))
    return result


def classifications(*, use_case_id: int | None = None) -> QuerySet[Classification]:
    """Classifications for the API, newest first, each marked whether it is current."""
    newest = _in_force(Classification.objects.filter(use_case=OuterRef("use_case")))
    result = (
        Classification.objects.select_related("use_case", "classified_by", "decided_by")
        .prefetch_related(
            Prefetch(
                "confirmations",
                queryset=ObligationConfirmation.objects.select_related("confirmed_by"),
            )
        )
        .annotate(current_pk=Subquery(newest.values("pk")[:1]))
    )
    if use_case_id is not None:
        result = result.filter(use_case_id=use_case_id)
    return _newest_first(result)
