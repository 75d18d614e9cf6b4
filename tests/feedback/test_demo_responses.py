"""The survey responses the demo writes in bulk obey the anonymity invariant as answered
ones do (DESIGN.md, invariant 1): no column of theirs leads to a person, their ids are
random, every one belongs to a wave, and the closed ADKAR wave's results by unit show some
divisions and withhold the small ones."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from tests.support.surveys import ALLOWED, columns
from wandel.feedback.surveys.models import (
    Answer,
    Participant,
    Response,
    SurveyKind,
    Wave,
    WaveStatus,
)
from wandel.feedback.surveys.results import wave_results
from wandel.feedback.surveys.results_report import adkar_heat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_demo")]


def closed_adkar() -> Wave:
    return (
        Wave.objects.select_related("survey")
        .filter(survey__kind=SurveyKind.ADKAR, status=WaveStatus.CLOSED)
        .latest("number")
    )


def test_the_response_tables_have_only_the_allowed_columns():
    for table in ("feedback_response", "feedback_answer"):
        assert set(columns(table)) == ALLOWED[table]
    with connection.cursor() as cursor:
        for table in ("feedback_response", "feedback_answer"):
            relations = connection.introspection.get_relations(cursor, table)
            targets = {relation[1] for relation in relations.values()}
            assert targets <= {"feedback_wave", "feedback_question", "feedback_response"}


def test_the_demo_wrote_hundreds_of_responses_with_random_ids():
    ids = list(Response.objects.values_list("pk", flat=True))
    assert len(ids) > 400
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in ids)
    answers = list(Answer.objects.values_list("pk", flat=True)[:2000])
    assert all(pk.version == 4 for pk in answers)


def test_every_response_belongs_to_a_wave_and_closed_waves_count_all():
    waves = set(Wave.objects.values_list("pk", flat=True))
    assert set(Response.objects.values_list("wave_id", flat=True).distinct()) <= waves
    assert not Response.objects.filter(wave__status=WaveStatus.CLOSED, released=False).exists()


def test_as_many_participants_answered_as_there_are_responses_in_each_group():
    for wave in Wave.objects.exclude(status=WaveStatus.PLANNED):
        for unit_key in wave.groups.values_list("unit_key", flat=True):
            answered = Participant.objects.filter(wave=wave, unit_key=unit_key, answered=True)
            responses = Response.objects.filter(wave=wave, unit_key=unit_key)
            assert answered.count() == responses.count(), (wave, unit_key)


def test_the_closed_adkar_wave_shows_some_divisions_and_withholds_small_ones():
    results = wave_results(closed_adkar(), floor=5, group_by="unit")
    shown = [group for group in results.groups if not group.suppressed]
    withheld = [group for group in results.groups if group.suppressed]
    assert shown
    assert withheld
    assert all(group.n is not None and group.n >= 5 for group in shown)
    # Production has a knowledge barrier; IT is strong in every stage.
    heat = {row.label: row.means for row in adkar_heat(results)}
    assert heat["Produktion"][2] is not None
    assert heat["Produktion"][2] <= 3
    assert all(mean is not None and mean > 3 for mean in heat["IT & Digitalisierung"])


def test_the_pulse_survey_shows_comments_and_has_an_open_wave_on_its_link():
    closed = Wave.objects.get(survey__kind=SurveyKind.PULSE, status=WaveStatus.CLOSED)
    results = wave_results(closed, floor=5)
    (comments,) = results.comments
    assert len(comments.answers) >= 10
    running = Wave.objects.select_related("survey").get(
        survey__kind=SurveyKind.PULSE, status=WaveStatus.OPEN
    )
    assert running.survey.distribution == "link"
    assert running.link_token
    assert wave_results(running, floor=5).counted >= 5
