"""What a wave's results may show, read in a fixed number of queries and passed through the
anonymity rules (``core.anonymity``) before anything leaves this module: the results page,
its CSV/XLSX/PDF exports and the results API all call ``wave_results``; nothing else reads
responses for showing.

A view is the wave's figures for one filter (a unit, a role, both or neither) broken down by
unit, by role or not at all, for every question or one. While a wave is open only the whole
wave's figures are shown, counting responses released in steps of k; breakdowns, filters and
free text follow when it closes (see ``docs/anonymity.md``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.core import anonymity
from wandel.core.actions import require_transaction
from wandel.core.anonymity import TOTAL, Entry, Refusal, Table
from wandel.core.errors import DomainError
from wandel.core.roles import Role
from wandel.feedback.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    Survey,
    Wave,
    WaveGroup,
    WaveStatus,
)

SCALES: dict[str, tuple[int, int]] = {
    QuestionKind.LIKERT5: (1, 5),
    QuestionKind.LIKERT7: (1, 7),
    QuestionKind.NPS: (0, 10),
}
CHOICES = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
TEXTS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})
NOT_STATED = _("Not stated")

REASONS: dict[str, Promise] = {
    Refusal.SMALL: _(
        "This group has fewer responses (or people) than the minimum group size, so its "
        "results are not shown."
    ),
    Refusal.REMAINDER: _(
        "Showing this group would let the rest of a larger group be worked out by "
        "subtraction, and that rest is smaller than the minimum group size."
    ),
    "open": _("While the wave is open, only the figures of the whole wave are shown."),
    "dimension": _("Results can be broken down and filtered only by what the survey allows."),
    "twice": _("A breakdown cannot use the dimension that is already filtered."),
}


class Breakdown(StrEnum):
    NONE = ""
    UNIT = "unit"
    ROLE = "role"


class ResultsRefused(DomainError):
    """A view the anonymity rules refuse, with the reason to show (400 in the API)."""

    def __init__(self, code: str) -> None:
        super().__init__(REASONS[code])
        self.code = code


def survey_k(survey: Survey, floor: int) -> int:
    return anonymity.min_group(survey.min_group, floor)


def responses_release(*, wave: Wave, k: int) -> int:
    """Release the responses of an open wave to its figures once k are waiting, all at
    once; every response once the wave is closed. Returns how many were released. Called in
    the transaction that saves a response or closes the wave."""
    require_transaction("Releasing responses")
    waiting = Response.objects.filter(wave=wave, released=False)
    if wave.status != WaveStatus.CLOSED and waiting.count() < k:
        return 0
    return waiting.update(released=True)


@dataclass(frozen=True)
class OptionFigure:
    value: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class QuestionFigures:
    key: str
    text: str
    kind: str
    # None when too few answered this question in the group.
    answered: int | None
    options: list[OptionFigure] = field(default_factory=list)
    mean: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.answered is None


@dataclass(frozen=True)
class GroupResult:
    key: str
    label: str
    # None, with no figures, when the group is withheld.
    n: int | None
    figures: list[QuestionFigures]

    @property
    def suppressed(self) -> bool:
        return self.n is None

    def figure(self, key: str) -> QuestionFigures | None:
        return next((f for f in self.figures if f.key == key), None)


@dataclass(frozen=True)
class Comments:
    key: str
    text: str
    answers: list[str]


@dataclass(frozen=True)
class WaveResults:
    wave: Wave
    k: int
    comment_threshold: int
    closed: bool
    # Responses the figures count (released ones while the wave is open) and all received.
    counted: int
    received: int
    group_by: Breakdown
    unit: str
    role: str
    total: GroupResult
    groups: list[GroupResult]
    comments: list[Comments]
    questions: list[Question]

    @property
    def withheld_groups(self) -> int:
        return sum(1 for group in self.groups if group.suppressed)


def role_label(key: str) -> str:
    if not key:
        return str(NOT_STATED)
    return str(Role(key).label) if key in Role.values else key


def wave_results(
    wave: Wave,
    *,
    floor: int,
    group_by: str = "",
    unit: str = "",
    role: str = "",
    question: str = "",
) -> WaveResults:
    """The figures of one view of ``wave``, or ``ResultsRefused``. Reads the questions, the
    reporting groups, the responses per group and the answers per group, question and value
    (and free text where it may be shown): a fixed number of queries, whatever the size."""
    survey = wave.survey
    k = survey_k(survey, floor)
    threshold = anonymity.comment_threshold(survey.comment_threshold, k)
    closed = wave.status == WaveStatus.CLOSED
    breakdown = _breakdown(survey, group_by, unit, role, closed=closed)

    questions = list(Question.objects.filter(survey=survey).order_by("position", "pk"))
    if question:
        questions = [q for q in questions if q.key == question]
        if not questions:
            raise ResultsRefused("dimension")
    groups = list(WaveGroup.objects.filter(wave=wave))
    counted_filter = Q(wave=wave) if closed else Q(wave=wave, released=True)
    # The same responses as seen from their answers: filtering through the join the
    # aggregation needs anyway, not ``response__in`` a subquery, which made PostgreSQL hash
    # the wave's responses twice (benchmarks/survey_heat.py).
    answered_filter = (
        Q(response__wave=wave) if closed else Q(response__wave=wave, response__released=True)
    )
    per_cell = {
        (row["unit_key"], row["role_key"]): row["n"]
        for row in Response.objects.filter(counted_filter)
        .values("unit_key", "role_key")
        .annotate(n=Count("id"))
    }
    # A closed wave counts every response it received.
    received = sum(per_cell.values()) if closed else Response.objects.filter(wave=wave).count()

    unit_labels = {g.unit_key: g.unit_label for g in groups}
    rows = tuple(sorted({g.unit_key for g in groups} | {u for u, _r in per_cell}))
    columns = tuple(sorted({g.role_key for g in groups} | {r for _u, r in per_cell}))
    population = {(g.unit_key, g.role_key): g.population for g in groups}
    table = Table(
        rows, columns, {cell: per_cell.get(cell, 0) for cell in _cells(rows, columns)}, population
    )
    hidden = anonymity.withheld(table, k)

    if (unit and unit not in rows) or (role and role not in columns):
        raise ResultsRefused("dimension")
    selected: Entry = (unit or None, role or None)
    if selected != TOTAL:
        try:
            anonymity.check_filter(table, k, hidden, selected)
        except Refusal as refusal:
            raise ResultsRefused(refusal.reason) from None

    entries = _entries(breakdown, selected, rows, columns)
    answers = _answer_counts(answered_filter, questions, by_role=any(columns))
    figures = _Figures(table, k, hidden, answers, questions, rows, columns)

    def group(entry: Entry, key: str, label: str) -> GroupResult:
        if entry in hidden:
            return GroupResult(key, label, None, [])
        return GroupResult(key, label, table.count(entry), figures.of(entry))

    total = group(selected, "", _label(selected, unit_labels))
    shown = []
    for entry in entries:
        key = str(entry[0] if breakdown == Breakdown.UNIT else entry[1])
        label = (
            unit_labels.get(key) or str(NOT_STATED)
            if breakdown == Breakdown.UNIT
            else role_label(key)
        )
        shown.append(group(entry, key, label))
    comments = []
    if selected == TOTAL and not breakdown:
        comments = _comments(answered_filter, questions, figures, threshold)
    return WaveResults(
        wave=wave,
        k=k,
        comment_threshold=threshold,
        closed=closed,
        counted=table.count(TOTAL),
        received=received,
        group_by=breakdown,
        unit=unit,
        role=role,
        total=total,
        groups=shown,
        comments=comments,
        questions=questions,
    )


def _breakdown(survey: Survey, group_by: str, unit: str, role: str, *, closed: bool) -> Breakdown:
    try:
        breakdown = Breakdown(group_by)
    except ValueError:
        raise ResultsRefused("dimension") from None
    if (breakdown == Breakdown.UNIT or unit) and not survey.unit_level:
        raise ResultsRefused("dimension")
    if (breakdown == Breakdown.ROLE or role) and not survey.by_role:
        raise ResultsRefused("dimension")
    if (breakdown == Breakdown.UNIT and unit) or (breakdown == Breakdown.ROLE and role):
        raise ResultsRefused("twice")
    if not closed and (breakdown or unit or role):
        raise ResultsRefused("open")
    return breakdown


def _cells(rows: tuple[str, ...], columns: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(row, column) for row in rows for column in columns]


def _entries(
    breakdown: Breakdown, selected: Entry, rows: tuple[str, ...], columns: tuple[str, ...]
) -> list[Entry]:
    if breakdown == Breakdown.UNIT:
        return [(row, selected[1]) for row in rows]
    if breakdown == Breakdown.ROLE:
        return [(selected[0], column) for column in columns]
    return []


def _label(entry: Entry, unit_labels: dict[str, str]) -> str:
    parts = []
    if entry[0] is not None:
        parts.append(unit_labels.get(str(entry[0])) or str(NOT_STATED))
    if entry[1] is not None:
        parts.append(role_label(str(entry[1])))
    return " · ".join(parts) or str(_("Everyone"))


@dataclass(frozen=True)
class _Counts:
    # (unit, role, question id, number, choice) → answers
    values: dict[tuple[str, str, int, int | None, str], int]
    # (unit, role, question id) → responses that answered (multiple choice and text)
    respondents: dict[tuple[str, str, int], int]


def _answer_counts(answered: Q, questions: list[Question], *, by_role: bool) -> _Counts:
    """Answers per group, question and value; and, for multiple choice, how many responses
    of each group answered the question at all (one query each). ``answered`` selects the
    answers of the counted responses; ``by_role`` is False when every one of them has the
    empty role."""
    ids = [q.pk for q in questions if q.kind not in TEXTS]
    # Grouping by a column that holds one value everywhere (the role of a survey not broken
    # down by role, the choice of scale questions) costs PostgreSQL a third of the
    # aggregation of a large wave (benchmarks/survey_heat.py), so it is left out then.
    fields = ["response__unit_key", "question_id", "number"]
    if by_role:
        fields.append("response__role_key")
    if any(q.kind in CHOICES for q in questions):
        fields.append("choice")
    values: dict[tuple[str, str, int, int | None, str], int] = {}
    for row in (
        Answer.objects.filter(answered, question_id__in=ids).values(*fields).annotate(n=Count("id"))
    ):
        values[
            (
                row["response__unit_key"],
                row.get("response__role_key", ""),
                row["question_id"],
                row["number"],
                row.get("choice", ""),
            )
        ] = row["n"]
    several = [q.pk for q in questions if q.kind == QuestionKind.MULTIPLE]
    texts = [q.pk for q in questions if q.kind in TEXTS]
    respondents: dict[tuple[str, str, int], int] = {}
    if several or texts:
        for row in (
            Answer.objects.filter(answered, question_id__in=several + texts)
            .values("response__unit_key", "response__role_key", "question_id")
            .annotate(n=Count("response_id", distinct=True))
        ):
            respondents[
                (row["response__unit_key"], row["response__role_key"], row["question_id"])
            ] = row["n"]
    return _Counts(values, respondents)


class _Figures:
    """The figures of each question for any entry of the table, withheld per question where
    too few answered it (by the same rules, from the responses' pattern)."""

    def __init__(
        self,
        table: Table,
        k: int,
        hidden: frozenset[Entry],
        answers: _Counts,
        questions: list[Question],
        rows: tuple[str, ...],
        columns: tuple[str, ...],
    ) -> None:
        # The answer counts of each question, so that no figure walks every other's.
        self.values: dict[int, list[tuple[str, str, int | None, str, int]]] = defaultdict(list)
        for (u, r, q, number, choice), n in answers.values.items():
            self.values[q].append((u, r, number, choice, n))
        respondents = answers.respondents
        self.questions = questions
        self.answered: dict[int, Table] = {}
        self.hidden: dict[int, frozenset[Entry]] = {}
        for question in questions:
            summed: dict[tuple[str, str], int] = defaultdict(int)
            if question.kind == QuestionKind.MULTIPLE or question.kind in TEXTS:
                for (u, r, q), n in respondents.items():
                    if q == question.pk:
                        summed[(u, r)] += n
            else:
                for u, r, _number, _choice, n in self.values.get(question.pk, ()):
                    summed[(u, r)] += n
            counts = {cell: summed.get(cell, 0) for cell in _cells(rows, columns)}
            answered = Table(rows, columns, counts)
            self.answered[question.pk] = answered
            self.hidden[question.pk] = anonymity.withheld(answered, k, start=hidden)

    def answered_count(self, question: Question, entry: Entry) -> int:
        return self.answered[question.pk].count(entry)

    def of(self, entry: Entry) -> list[QuestionFigures]:
        return [self._question(question, entry) for question in self.questions]

    def _question(self, question: Question, entry: Entry) -> QuestionFigures:
        text = question.text
        if entry in self.hidden[question.pk]:
            return QuestionFigures(question.key, text, question.kind, None)
        answered = self.answered[question.pk].count(entry)
        if question.kind in TEXTS:
            return QuestionFigures(question.key, text, question.kind, answered)
        row, column = entry
        counts: dict[str, int] = defaultdict(int)
        for u, r, number, choice, n in self.values.get(question.pk, ()):
            if row is not None and u != row:
                continue
            if column is not None and r != column:
                continue
            counts[str(number) if number is not None else choice] += n
        options = [
            OptionFigure(
                value, label, counts.get(value, 0), _percent(counts.get(value, 0), answered)
            )
            for value, label in _options(question)
        ]
        mean = None
        if question.kind in SCALES and answered:
            mean = round(sum(int(o.value) * o.count for o in options) / answered, 1)
        return QuestionFigures(question.key, text, question.kind, answered, options, mean)


def _percent(count: int, of: int) -> int:
    return round(100 * count / of) if of else 0


def _options(question: Question) -> list[tuple[str, str]]:
    if question.kind in SCALES:
        low, high = SCALES[question.kind]
        return [(str(value), str(value)) for value in range(low, high + 1)]
    language = "de" if (get_language() or "").startswith("de") else "en"
    return [
        (str(option["value"]), str(option.get(language) or option["value"]))
        for option in question.options
    ]


def _comments(
    answered: Q,
    questions: list[Question],
    figures: _Figures,
    threshold: int,
) -> list[Comments]:
    """Free text of the whole wave, for questions answered at least ``threshold`` times,
    shuffled."""
    shown = [
        q
        for q in questions
        if q.kind in TEXTS
        and anonymity.comments_shown(figures.answered_count(q, TOTAL), threshold, TOTAL)
    ]
    if not shown:
        return []
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in Answer.objects.filter(answered, question__in=shown).values_list(
        "question_id", "text"
    ):
        if text.strip():
            texts[question_id].append(text)
    return [Comments(q.key, q.text, anonymity.shuffled(texts[q.pk])) for q in shown if texts[q.pk]]


@dataclass(frozen=True)
class TrendPoint:
    wave: Wave
    # None when the wave's figures are withheld (fewer than k counted).
    n: int | None
    means: dict[str, float | None]


def survey_trend(survey: Survey, *, floor: int) -> list[TrendPoint]:
    """The whole wave's mean of every scaled question, wave by wave: three queries however
    many waves. Open waves count their released responses only."""
    k = survey_k(survey, floor)
    waves = list(survey.waves.exclude(status=WaveStatus.PLANNED).order_by("number"))
    scaled = {q.pk: q.key for q in survey.questions.filter(kind__in=list(SCALES))}
    sizes = dict(
        Response.objects.filter(Q(wave__in=waves) & _counted())
        .values_list("wave_id")
        .annotate(n=Count("id"))
    )
    sums: dict[tuple[int, int], tuple[int, int]] = {}
    for row in (
        Answer.objects.filter(
            Q(response__wave__in=waves) & _counted("response__"),
            question_id__in=list(scaled),
        )
        .values("response__wave_id", "question_id")
        .annotate(total=Sum("number"), n=Count("id"))
    ):
        sums[(row["response__wave_id"], row["question_id"])] = (row["total"], row["n"])
    points = []
    for wave in waves:
        n = sizes.get(wave.pk, 0)
        if n < k:
            points.append(TrendPoint(wave, None, {}))
            continue
        means: dict[str, float | None] = {}
        for pk, key in scaled.items():
            total, answered = sums.get((wave.pk, pk), (0, 0))
            means[key] = round(total / answered, 1) if answered >= k else None
        points.append(TrendPoint(wave, n, means))
    return points


def _counted(prefix: str = "") -> Q:
    """The responses figures count (all of a closed wave, the released ones of an open one),
    for a query ``prefix`` away from the response."""
    return Q(**{f"{prefix}wave__status": WaveStatus.CLOSED}) | Q(**{f"{prefix}released": True})
