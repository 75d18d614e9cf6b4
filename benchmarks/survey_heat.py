"""The ADKAR heat map of a large wave, against the bare SQL aggregation of its figures.

Run inside Django against a migrated, empty database (``python -m benchmarks.survey_heat
RESPONSES OUT.json``): it builds one closed ADKAR wave with RESPONSES responses (five answers
each) spread over twelve units, then times ``wave_results(wave, floor=5, group_by="unit")``
and ``adkar_heat`` of it, ``RUNS`` times. The floor is the same process running the one
aggregation no way of computing the figures can avoid: answers per unit, question and value,
``GROUP BY`` over the join of answers and responses, through ``connection.cursor()``.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUNS = 5
BATCH = 5000
UNITS = 12
# Reporting groups of uneven size, as divisions are; the smallest stays under k in the
# quick size only if RESPONSES is tiny, so the timing covers twelve shown groups.
WEIGHTS = (3, 22, 24, 9, 32, 70, 14, 18, 10, 9, 13, 5)
FLOOR_SQL = """
    SELECT r.unit_key, a.question_id, a.number, count(*)
    FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id
    WHERE r.wave_id = %s
    GROUP BY r.unit_key, a.question_id, a.number
"""


def _timed(work: Callable[[], object]) -> list[float]:
    work()  # warm: the first run fills per-process caches (content types, translations)
    seconds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds


def build(responses: int) -> Any:
    """A closed ADKAR wave with ``responses`` responses, written in bulk."""
    from django.db import transaction

    from benchmarks.data import settle
    from wandel.feedback.surveys.models import (
        Answer,
        Question,
        Response,
        Wave,
        WaveGroup,
        WaveStatus,
    )
    from wandel.feedback.surveys.services import survey_create, wave_plan

    survey = survey_create(template="adkar", title_en="", title_de="", actor=None)
    today = datetime.date.today()
    wave = wave_plan(survey=survey, opens_on=today, closes_on=today, actor=None)
    questions = list(Question.objects.filter(survey=survey).values_list("pk", flat=True))
    rng = random.Random("survey-heat")
    total = sum(WEIGHTS)
    counts = [responses * weight // total for weight in WEIGHTS]
    counts[-1] += responses - sum(counts)
    keys = [f"U{number:02d}" for number in range(UNITS)]
    with transaction.atomic():
        WaveGroup.objects.bulk_create(
            WaveGroup(wave=wave, unit_key=key, unit_label=f"Unit {key}", population=2 * n + 5)
            for key, n in zip(keys, counts, strict=True)
        )
    batch_responses: list[Response] = []
    batch_answers: list[Answer] = []

    def flush() -> None:
        with transaction.atomic():
            Response.objects.bulk_create(batch_responses, batch_size=BATCH)
            Answer.objects.bulk_create(batch_answers, batch_size=BATCH)
        batch_responses.clear()
        batch_answers.clear()

    for key, count in zip(keys, counts, strict=True):
        lean = rng.uniform(-1, 1)
        for _ in range(count):
            response = Response(id=uuid.uuid4(), wave=wave, unit_key=key, released=True)
            batch_responses.append(response)
            for position, question_id in enumerate(questions):
                mean = 3.6 - 0.2 * position + lean
                number = min(5, max(1, round(rng.gauss(mean, 0.9))))
                answer = Answer(id=uuid.uuid4(), response=response, question_id=question_id)
                answer.number = number
                batch_answers.append(answer)
            if len(batch_responses) >= BATCH:
                flush()
    flush()
    Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.CLOSED)
    settle()
    return Wave.objects.select_related("survey").get(pk=wave.pk)


def main(responses: int, out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wandel.settings")
    django.setup()
    from django.db import connection

    from wandel.feedback.surveys.results import wave_results
    from wandel.feedback.surveys.results_report import HeatRow, adkar_heat

    start = time.perf_counter()
    wave = build(responses)
    built = time.perf_counter() - start

    def heat() -> list[HeatRow]:
        return adkar_heat(wave_results(wave, floor=5, group_by="unit"))

    def floor() -> object:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [wave.pk])
            return cursor.fetchall()

    rows = heat()
    computed = _timed(heat)
    read = _timed(floor)
    out.write_text(
        json.dumps(
            {
                "responses": responses,
                "answers": responses * 5,
                "units": UNITS,
                "shown": sum(1 for row in rows[1:] if row.n is not None),
                "build_seconds": built,
                "runs": RUNS,
                "heat_ms": [s * 1000 for s in computed],
                "floor_ms": [s * 1000 for s in read],
                "ratio": statistics.median(computed) / statistics.median(read),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
