"""Surveys over the API: the list and one survey for those who run surveys, and answering
with a token (201, 400 by question, 404, 409, 410)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.feedback.conftest import new_survey, open_wave
from tests.support.api import bearer
from tests.support.personas import make_user
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.feedback.surveys.answering import digest
from wandel.feedback.surveys.models import Answer, Participant, Response
from wandel.feedback.surveys.services import wave_close

S = "/api/v1/surveys"
ANSWERS = {"awareness": 4, "desire": 3, "knowledge": 2, "ability": 5, "reinforcement": 1}


@pytest.fixture
def caller(db) -> dict[str, str]:
    return bearer(make_user(Role.ADMIN))


def post(headers, survey_id: int, body: dict) -> object:
    return Client().post(
        f"{S}/{survey_id}/responses", body, content_type="application/json", headers=headers
    )


def test_one_survey_has_its_questions_in_both_languages_and_its_waves(org, caller):
    survey = new_survey(template="training_evaluation")
    wave = open_wave(survey)
    data = Client().get(f"{S}/{survey.pk}", headers=caller).json()
    assert data["title_de"] == "Schulungsbewertung"
    assert [q["key"] for q in data["questions"]] == ["useful", "pace", "topics", "best", "improve"]
    pace = data["questions"][1]
    assert pace["text_de"] == "Das Tempo der Schulung war …"
    assert pace["section_en"] == "The training"
    assert pace["options"][0] == {"value": "slow", "en": "too slow", "de": "zu langsam"}
    assert [(w["id"], w["number"], w["status"]) for w in data["waves"]] == [(wave.pk, 1, "open")]


def test_only_those_who_run_surveys_see_them(org):
    new_survey()
    assert Client().get(S, headers=bearer(make_user())).status_code == 403


def test_the_list_takes_the_same_queries_for_more_surveys(org, caller):
    new_survey()
    assert_queries_do_not_grow(
        Client(), S, grow=lambda: _two_more(), shows=api_items, headers=caller
    )


def _two_more() -> None:
    new_survey()
    new_survey()


def test_an_invitation_answers_once_over_the_api(org, caller):
    survey = new_survey()
    wave = open_wave(survey)
    Participant.objects.filter(wave=wave, person=org.people["eva"]).update(
        token_digest=digest("eva-token"), invited=True
    )
    created = post(caller, survey.pk, {"token": "eva-token", "answers": ANSWERS})
    assert created.status_code == 201, created.content
    assert created.json() == {"wave": wave.pk, "received": True}
    assert list(Response.objects.values_list("unit_key", "role_key")) == [("ENG", "")]
    assert Answer.objects.count() == 5

    again = post(caller, survey.pk, {"token": "eva-token", "answers": ANSWERS})
    assert again.status_code == 409
    assert Response.objects.count() == 1


def test_missing_and_invalid_answers_are_refused_by_question(org, caller):
    survey = new_survey(distribution="link")
    wave = open_wave(survey)
    refused = post(
        caller,
        survey.pk,
        {"token": wave.link_token, "answers": {**ANSWERS, "desire": 9, "ability": ""}},
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "desire": ["Choose a value from 1 to 5."],
        "ability": ["Please answer this question."],
    }
    assert Response.objects.count() == 0


def test_the_link_takes_a_reporting_group_of_the_wave(org):
    # An account of no person (an intranet's integration) answers for whoever it relays.
    relay = bearer(User.objects.create_user("relay@example.com", "x"))
    survey = new_survey(distribution="link")
    wave = open_wave(survey)
    body = {"token": wave.link_token, "unit_key": "HQ", "answers": ANSWERS}
    assert post(relay, survey.pk, {**body, "unit_key": "NOPE"}).status_code == 400
    assert post(relay, survey.pk, body).status_code == 201
    assert post(relay, survey.pk, {**body, "unit_key": ""}).status_code == 201
    assert sorted(Response.objects.values_list("unit_key", flat=True)) == ["", "HQ"]


def test_a_signed_in_caller_on_the_link_answers_once_for_their_group(org, caller):
    survey = new_survey(distribution="link")
    wave = open_wave(survey)
    body = {"token": wave.link_token, "unit_key": "HQ", "answers": ANSWERS}
    assert post(caller, survey.pk, body).status_code == 201
    assert post(caller, survey.pk, body).status_code == 409
    # The caller's own group (their person is in Engineering, the first unit), not the one sent.
    assert list(Response.objects.values_list("unit_key", flat=True)) == ["ENG"]


def test_a_closed_wave_answers_410_and_a_wrong_survey_404(org, caller):
    survey = new_survey(distribution="link")
    wave = open_wave(survey)
    other = new_survey(distribution="link")
    assert post(caller, other.pk, {"token": wave.link_token, "answers": ANSWERS}).status_code == 404
    wave_close(wave=wave, actor=None)
    assert (
        post(caller, survey.pk, {"token": wave.link_token, "answers": ANSWERS}).status_code == 410
    )
    assert Response.objects.count() == 0
