"""The demo company's surveys: the ADKAR readiness survey with its waves, and the GenAI
pulse survey shared by its anonymous link, one wave closed and one open.

Surveys and waves go through the services (created, planned, opened, invitations sent,
closed), so they are audited as in real use. The responses of the closed waves are written
in bulk, as the enablement demo writes its past: a number of responses per reporting group
(the division's rate of its people), each with random ids and no trace of who answered, and
as many of the group's participants marked as answered. Nothing links the two, as in real
use. The open wave is answered through the service, by signed-in people on its link.

The large demo holds 500,000 responses: the ADKAR survey ran monthly there, so older waves
are added until the total is reached; they are written in batches, so memory stays flat.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.demo.base import DemoRun
from wandel.demo.feedback.specs import Division, Surveys, surveys
from wandel.demo.org.accounts import ADMIN
from wandel.feedback.surveys.answering import ticket_for
from wandel.feedback.surveys.models import (
    Answer,
    Distribution,
    Participant,
    Question,
    QuestionKind,
    Response,
    Survey,
    Wave,
)
from wandel.feedback.surveys.population import members
from wandel.feedback.surveys.services import (
    response_submit,
    survey_create,
    wave_close,
    wave_open,
    wave_plan,
)
from wandel.org.models import Person

BATCH = 2000
LARGE_RESPONSES = 500_000
# How far answers scatter around a division's mean.
SPREAD = 0.9
# A division the content does not name answers like this.
AVERAGE = Division(
    code="", rate=0.6, adkar=(4.0, 3.6, 3.3, 3.1, 3.2), pulse=(3.4, 3.5, 3.1, 3.0, 7.0)
)


@dataclass(frozen=True)
class Planned:
    """One closed wave to write: its dates, label, the profile shift, and the number of
    responses of each reporting group."""

    label: str
    opens_on: date
    closes_on: date
    shift: float
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def load_surveys(run: DemoRun) -> None:
    rng = random.Random(f"{run.seed}-feedback")
    data = surveys()
    today = timezone.localdate()
    admin = User.objects.get(email=ADMIN)
    adkar = survey_create(
        template="adkar",
        title_en="",
        title_de=data.adkar_title,
        distribution=Distribution.INVITATIONS,
        unit_level=1,
        actor=admin,
    )
    pulse = survey_create(
        template="pulse_genai",
        title_en="",
        title_de=data.pulse_title,
        distribution=Distribution.LINK,
        unit_level=1,
        actor=admin,
    )
    population = _population(adkar)
    waves = [
        Planned(
            spec.label,
            today + timedelta(days=spec.opens_in_days),
            today + timedelta(days=spec.closes_in_days),
            spec.shift,
            _counts(rng, data, population),
        )
        for spec in data.adkar_waves
    ]
    pulse_spec = data.pulse_waves
    pulse_closed = Planned(
        pulse_spec.closed_label,
        today + timedelta(days=pulse_spec.closed_opens_in_days),
        today + timedelta(days=pulse_spec.closed_closes_in_days),
        0.0,
        _counts(rng, data, _population(pulse)),
    )
    history: list[Planned] = []
    if run.name == "large":
        history = _history(
            rng,
            data,
            population,
            waves[0].opens_on,
            LARGE_RESPONSES - sum(w.total for w in (*waves, pulse_closed)),
        )
    written = 0
    for planned in (*history, *waves):
        written += _closed_wave(rng, adkar, planned, admin, "adkar", data)
        run.say(f"Surveys: {written} responses written")
    written += _closed_wave(rng, pulse, pulse_closed, admin, "pulse", data)
    run.say(f"Surveys: {written} responses written, and the pulse survey's wave is open")
    _open_wave(rng, pulse, data, today, admin)


def _population(survey: Survey) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for member in members(survey):
        sizes[member.unit_key] = sizes.get(member.unit_key, 0) + 1
    return dict(sorted(sizes.items()))


def _division(data: Surveys, unit_key: str) -> Division:
    return data.division(unit_key) or AVERAGE


def _counts(rng: random.Random, data: Surveys, population: dict[str, int]) -> dict[str, int]:
    """Responses per reporting group: the division's rate, a little off in each wave, and
    always between 40 and 80 % of the people asked."""
    counts = {}
    for unit_key, size in population.items():
        rate = min(0.8, max(0.4, _division(data, unit_key).rate + rng.uniform(-0.05, 0.05)))
        counts[unit_key] = round(size * rate)
    return counts


def _history(
    rng: random.Random,
    data: Surveys,
    population: dict[str, int],
    before: date,
    wanted: int,
) -> list[Planned]:
    """Monthly ADKAR waves before ``before`` until ``wanted`` responses are planned; the
    oldest takes only what is left. Oldest first."""
    planned: list[Planned] = []
    left = wanted
    opens_on = before
    while left > 0:
        opens_on -= timedelta(days=30)
        counts = _counts(rng, data, population)
        total = sum(counts.values())
        if total > left:
            scale = left / total
            counts = {key: int(n * scale) for key, n in counts.items()}
            short = left - sum(counts.values())
            for key in list(counts)[:short]:
                counts[key] += 1
        left -= sum(counts.values())
        # The further back, the less ready: the company has moved on since.
        shift = -min(0.8, 0.05 * (len(planned) + 2))
        label = f"Monatsbefragung {opens_on:%m/%Y}"
        planned.append(Planned(label, opens_on, opens_on + timedelta(days=14), shift, counts))
    return planned[::-1]


def _closed_wave(
    rng: random.Random,
    survey: Survey,
    planned: Planned,
    actor: User,
    kind: str,
    data: Surveys,
) -> int:
    wave = wave_plan(
        survey=survey,
        opens_on=planned.opens_on,
        closes_on=planned.closes_on,
        label=planned.label,
        actor=actor,
    )
    # No invitations for a wave that is over: they would fill everyone's notifications (and,
    # in the large demo, the database) with surveys they can no longer answer.
    wave_open(wave=wave, actor=actor)
    questions = list(
        Question.objects.filter(survey=survey).order_by("position").values_list("pk", "kind")
    )
    for unit_key, count in planned.counts.items():
        _mark_answered(rng, wave, unit_key, count)
    _write_responses(rng, wave, questions, planned, kind, data)
    wave_close(wave=wave, actor=actor)
    return planned.total


def _mark_answered(rng: random.Random, wave: Wave, unit_key: str, count: int) -> None:
    """Mark ``count`` of the group's participants as answered: how many, not which response
    is whose (no such link exists)."""
    ids = list(
        Participant.objects.filter(wave=wave, unit_key=unit_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = sorted(rng.sample(ids, min(count, len(ids))))
    for start in range(0, len(chosen), BATCH):
        Participant.objects.filter(pk__in=chosen[start : start + BATCH]).update(answered=True)


def _write_responses(
    rng: random.Random,
    wave: Wave,
    questions: Sequence[tuple[int, str]],
    planned: Planned,
    kind: str,
    data: Surveys,
) -> None:
    responses: list[Response] = []
    answers: list[Answer] = []
    for response, rows in _generated(rng, wave, questions, planned, kind, data):
        responses.append(response)
        answers.extend(rows)
        if len(responses) >= BATCH:
            _flush(responses, answers)
            responses, answers = [], []
    _flush(responses, answers)


def _flush(responses: list[Response], answers: list[Answer]) -> None:
    Response.objects.bulk_create(responses, batch_size=BATCH)
    Answer.objects.bulk_create(answers, batch_size=BATCH)


def _generated(
    rng: random.Random,
    wave: Wave,
    questions: Sequence[tuple[int, str]],
    planned: Planned,
    kind: str,
    data: Surveys,
) -> Iterator[tuple[Response, list[Answer]]]:
    comments = data.pulse_comments
    for unit_key, count in planned.counts.items():
        division = _division(data, unit_key)
        means = division.adkar if kind == "adkar" else division.pulse
        for _ in range(count):
            response = Response(
                id=uuid.uuid4(), wave=wave, unit_key=unit_key, role_key="", released=True
            )
            rows = []
            scaled = iter(means)
            for question_id, question_kind in questions:
                if question_kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
                    if rng.random() < comments.share:
                        text = rng.choice(comments.texts)
                        rows.append(_answer(response, question_id, text=text))
                    continue
                mean = next(scaled) + (planned.shift if kind == "adkar" else 0.0)
                if question_kind == QuestionKind.NPS:
                    number = _drawn(rng, mean, 0, 10, SPREAD * 2)
                else:
                    number = _drawn(rng, mean, 1, 5, SPREAD)
                rows.append(_answer(response, question_id, number=number))
            yield response, rows


def _drawn(rng: random.Random, mean: float, low: int, high: int, spread: float) -> int:
    return min(high, max(low, round(rng.gauss(mean, spread))))


def _answer(
    response: Response, question_id: int, *, number: int | None = None, text: str = ""
) -> Answer:
    return Answer(
        id=uuid.uuid4(), response=response, question_id=question_id, number=number, text=text
    )


def _open_wave(rng: random.Random, survey: Survey, data: Surveys, today: date, admin: User) -> None:
    """The pulse survey's running wave, its link on the survey's page; a few signed-in
    people of the target group have answered on it, through the service."""
    spec = data.pulse_waves
    wave = wave_plan(
        survey=survey,
        opens_on=today + timedelta(days=spec.open_opens_in_days),
        closes_on=today + timedelta(days=spec.open_closes_in_days),
        label=spec.open_label,
        actor=admin,
    )
    wave = wave_open(wave=wave, actor=admin)
    people = list(
        Participant.objects.filter(wave=wave).order_by("pk").values_list("person_id", "unit_key")
    )
    for person_id, unit_key in rng.sample(people, min(spec.open_answers, len(people))):
        person = Person.objects.get(pk=person_id)
        means = _division(data, unit_key).pulse
        scales = ("trust", "usefulness", "workload", "worries")
        answers: dict[str, object] = {
            key: _drawn(rng, mean, 1, 5, SPREAD) for key, mean in zip(scales, means, strict=False)
        }
        answers["recommend"] = _drawn(rng, means[4], 0, 10, SPREAD * 2)
        response_submit(ticket=ticket_for(wave.link_token, person), answers=answers)
