"""A small survey wave written row by row, so that every figure of its results can be worked
out by hand (the expected values are in the tests, not computed here).

The ADKAR wave, by unit (people asked / responses):
    SAL Sales 40 / 12, OPS Operations 30 / 15, IT 20 / 8, HR Human Resources 6 / 3,
    FIN Finance 4 / 0 — 38 responses.
Questions: the five ADKAR elements (Likert 1–5, required), ``nps`` (0–10, optional),
``uses`` (several choices, optional), ``comment`` (long text, optional).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection

from wandel.feedback.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyKind,
    Wave,
    WaveGroup,
    WaveStatus,
)

ADKAR = ("awareness", "desire", "knowledge", "ability", "reinforcement")
USES = [
    {"value": "drafting", "en": "Drafting texts", "de": "Texte entwerfen"},
    {"value": "search", "en": "Finding information", "de": "Informationen finden"},
    {"value": "code", "en": "Writing code", "de": "Code schreiben"},
]
UNITS = {
    "SAL": ("Sales", 40),
    "OPS": ("Operations", 30),
    "IT": ("IT", 20),
    "HR": ("Human Resources", 6),
    "FIN": ("Finance", 4),
}


def adkar_survey(*, by_role: bool = False, title: str = "ADKAR readiness") -> Survey:
    survey = Survey.objects.create(
        title_en=title,
        title_de=f"{title} (de)",
        kind=SurveyKind.ADKAR,
        min_group=5,
        comment_threshold=10,
        unit_level=1,
        by_role=by_role,
    )
    for position, key in enumerate(ADKAR, start=1):
        Question.objects.create(
            survey=survey,
            position=position,
            key=key,
            kind=QuestionKind.LIKERT5,
            text_en=f"{key.title()}: I agree",
            text_de=f"{key.title()}: Ich stimme zu",
        )
    Question.objects.create(
        survey=survey,
        position=6,
        key="nps",
        kind=QuestionKind.NPS,
        text_en="Would you recommend the assistant?",
        text_de="Würden Sie den Assistenten empfehlen?",
        required=False,
    )
    Question.objects.create(
        survey=survey,
        position=7,
        key="uses",
        kind=QuestionKind.MULTIPLE,
        text_en="What do you use it for?",
        text_de="Wofür nutzen Sie ihn?",
        required=False,
        options=USES,
    )
    Question.objects.create(
        survey=survey,
        position=8,
        key="comment",
        kind=QuestionKind.LONG_TEXT,
        text_en="Anything else?",
        text_de="Sonst noch etwas?",
        required=False,
    )
    return survey


def wave_of(
    survey: Survey,
    *,
    number: int = 1,
    status: str = WaveStatus.CLOSED,
    groups: Iterable[tuple[str, str, str, int]] = (),
) -> Wave:
    """A wave with its reporting groups as (unit key, unit name, role key, people)."""
    # Quarterly from January 2026: wave 1 in January, wave 5 in January 2027.
    year, month = divmod(3 * max(number - 1, 0), 12)
    wave = Wave.objects.create(
        survey=survey,
        number=number,
        label=f"Q{number} 2026",
        status=status,
        opens_on=date(2026 + year, month + 1, 1),
        closes_on=date(2026 + year, month + 1, 21),
        link_token=secrets.token_urlsafe(16),
    )
    for unit_key, unit_label, role_key, population in groups:
        WaveGroup.objects.create(
            wave=wave,
            unit_key=unit_key,
            unit_label=unit_label,
            role_key=role_key,
            population=population,
        )
    return wave


def respond(
    wave: Wave,
    unit: str,
    answers: dict[str, Any],
    *,
    role: str = "",
    released: bool = False,
) -> Response:
    """One response; ``answers`` maps a question key to a number, a list of choices or a
    text (a missing key: not answered)."""
    response = Response.objects.create(wave=wave, unit_key=unit, role_key=role, released=released)
    questions = {q.key: q for q in Question.objects.filter(survey_id=wave.survey_id)}
    rows = []
    for key, value in answers.items():
        question = questions[key]
        if isinstance(value, list):
            rows += [Answer(response=response, question=question, choice=c) for c in value]
        elif isinstance(value, str):
            rows.append(Answer(response=response, question=question, text=value))
        else:
            rows.append(Answer(response=response, question=question, number=value))
    Answer.objects.bulk_create(rows)
    return response


def adkar(awareness: int, desire: int, knowledge: int, ability: int, reinforcement: int) -> dict:
    return dict(zip(ADKAR, (awareness, desire, knowledge, ability, reinforcement), strict=True))


def many(
    wave: Wave, unit: str, values: Sequence[dict[str, Any]], *, role: str = ""
) -> list[Response]:
    return [respond(wave, unit, answers, role=role) for answers in values]


def adkar_wave(survey: Survey | None = None, *, status: str = WaveStatus.CLOSED) -> Wave:
    """The wave of the module's docstring, every answer written out."""
    survey = survey or adkar_survey()
    wave = wave_of(
        survey,
        status=status,
        groups=[(key, name, "", people) for key, (name, people) in UNITS.items()],
    )
    # Sales: awareness 5,5,5,4,4,4,4,3,3,2,2,1; desire 3; knowledge 2; ability and
    # reinforcement 4. Ten give an NPS (five 10s, five 8s); all draft, six also search;
    # six comment.
    awareness = [5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 2, 1]
    for index, value in enumerate(awareness):
        answers: dict[str, Any] = adkar(value, 3, 2, 4, 4)
        if index < 10:
            answers["nps"] = 10 if index < 5 else 8
        answers["uses"] = ["drafting", "search"] if index < 6 else ["drafting"]
        if index < 6:
            answers["comment"] = f"Sales comment {index + 1}"
        respond(wave, "SAL", answers)
    # Operations: awareness ten 4s and five 5s; desire 3; knowledge 4; ability and
    # reinforcement 4. Three give an NPS (0, 5, 10); ten use it for code; five comment.
    for index in range(15):
        answers = adkar(4 if index < 10 else 5, 3, 4, 4, 4)
        if index < 3:
            answers["nps"] = (0, 5, 10)[index]
        if index < 10:
            answers["uses"] = ["code"]
        if index < 5:
            answers["comment"] = f"Operations comment {index + 1}"
        respond(wave, "OPS", answers)
    # IT: eight times awareness 4, everything 4, search.
    for _index in range(8):
        respond(wave, "IT", {**adkar(4, 3, 4, 4, 4), "uses": ["search"]})
    # Human Resources: three times awareness 1 (the answers nobody may see), drafting.
    for _index in range(3):
        respond(wave, "HR", {**adkar(1, 3, 1, 4, 4), "uses": ["drafting"]})
    return wave


# Every column each table may have, written out: a new column fails this test until it is
# added here, which is the moment to ask whether it could point at a person or a time.
ALLOWED = {
    "feedback_response": {"id", "wave_id", "unit_key", "role_key", "released"},
    "feedback_answer": {"id", "response_id", "question_id", "number", "choice", "text"},
    "feedback_draft": {"id", "key_digest", "wave_id", "answers", "saved_on"},
}


def columns(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, table)
    return {column.name: column.type_code for column in described}
