"""The pages of those who run surveys: creating one from a template, its waves with the
anonymous link, and the response rate per reporting group, shown only for groups at the
minimum size; each page with a number of queries that does not grow."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from tests.feedback.conftest import new_survey, open_wave
from tests.support.personas import make_person, make_unit
from tests.support.queries import assert_queries_do_not_grow
from tests.support.surveys import adkar_survey, wave_of
from wandel.core.roles import Role
from wandel.feedback.surveys.models import Participant, Survey, WaveStatus
from wandel.feedback.surveys.services import wave_plan


@pytest.fixture
def admin(org) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    # In a unit of its own, outside the org's tree, so that the admin is not asked.
    office = make_unit("ADM", "Admin office")
    client.force_login(make_person(unit=office, roles=(Role.ADMIN,)).user)
    return client


def answered(wave, *names, org) -> None:
    people = [org.people[name].pk for name in names]
    Participant.objects.filter(wave=wave, person_id__in=people).update(answered=True)


def test_a_survey_is_created_from_a_template_on_its_page(admin, org):
    page = admin.get("/feedback/surveys/new/")
    assert "ADKAR readiness" in page.text
    created = admin.post(
        "/feedback/surveys/new/",
        {
            "template": "pulse_genai",
            "title_en": "Pulse Q1",
            "title_de": "",
            "target_units": [org.sales.pk],
            "distribution": "link",
            "min_group": "6",
            "unit_level": "2",
        },
    )
    survey = Survey.objects.get()
    assert created.status_code == 302
    assert created["Location"] == f"/feedback/surveys/{survey.pk}/"
    assert (survey.title_en, survey.title_de) == ("Pulse Q1", "Stimmungsbild: GenAI bei der Arbeit")
    assert (survey.distribution, survey.min_group, survey.unit_level) == ("link", 6, 2)
    assert list(survey.target_units.all()) == [org.sales]


def test_a_minimum_group_below_the_floor_is_refused_at_its_field(admin, org):
    page = admin.post(
        "/feedback/surveys/new/",
        {"template": "adkar", "distribution": "link", "min_group": "3", "unit_level": "1"},
    )
    assert page.status_code == 200
    assert "The minimum group size may not be below 5." in page.text
    assert not Survey.objects.exists()


def test_the_survey_page_shows_rates_only_for_groups_large_enough(admin, org):
    survey = new_survey(distribution="link", targets=(org.hq,))
    wave = open_wave(survey)
    answered(wave, "sara", "sven", "hanna", org=org)
    page = admin.get(f"/feedback/surveys/{survey.pk}/").text
    assert "3 of 10 answered (30 %)" in page
    # Sales (5 people) is shown; Headquarters (2) and Engineering (3) are too small.
    assert '<th scope="row">Sales</th><td>—</td><td class="num">5</td>' in page
    assert "2 (40 %)" in page
    assert page.count("too few people") == 2
    assert f"/feedback/answer/{wave.link_token}/" in page
    assert "I understand why our organisation is introducing GenAI." in page
    assert "Ich verstehe, warum unsere Organisation GenAI einführt." in page


def test_waves_are_planned_opened_and_closed_with_buttons(admin, org):
    survey = new_survey()
    admin.post(
        f"/feedback/surveys/{survey.pk}/waves/new/",
        {"opens_on": "2026-12-01", "closes_on": "2026-12-31", "label": "Winter"},
    )
    wave = survey.waves.get()
    assert (wave.number, wave.label) == (1, "Winter")
    admin.post(f"/feedback/waves/{wave.pk}/open/")
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    refused = admin.post(f"/feedback/waves/{wave.pk}/open/", follow=True)
    assert "Only a planned wave can be opened." in refused.text
    admin.post(f"/feedback/waves/{wave.pk}/close/")
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED


def test_the_survey_page_takes_the_same_queries_for_more_waves_and_groups(admin, org):
    survey = new_survey()
    open_wave(survey)

    def grow() -> None:
        make_person(unit=org.engineering)
        for month in (1, 2):
            wave = wave_plan(
                survey=survey,
                opens_on=date(2027, month, 1),
                closes_on=date(2027, month, 20),
                actor=None,
            )
            from wandel.feedback.surveys.services import wave_open

            wave_open(wave=wave, actor=None)

    assert_queries_do_not_grow(
        admin, f"/feedback/surveys/{survey.pk}/", grow=grow, shows='<th scope="row">'
    )


def test_the_list_takes_the_same_queries_for_more_surveys(admin, org):
    new_survey()

    def grow() -> None:
        open_wave(new_survey())
        new_survey(template="pulse_genai")

    assert_queries_do_not_grow(admin, "/feedback/surveys/", grow=grow, shows="<tr><th")


def test_the_answer_page_takes_the_same_queries_however_many_have_answered(org):
    wave = open_wave(new_survey(distribution="link"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    url = f"/feedback/answer/{wave.link_token}/"
    answers = {f"q-{key}": "3" for key in ("awareness", "desire", "knowledge", "ability")}

    def grow() -> None:
        for _ in range(3):
            client.post(url, {**answers, "q-reinforcement": "3", "submit": "1"})
        # One more group to choose from shows the page grew.
        from wandel.feedback.surveys.models import WaveGroup

        WaveGroup.objects.create(wave=wave, unit_key="X", unit_label="Extra", population=5)

    assert_queries_do_not_grow(client, url, grow=grow, shows="<option")


def test_those_who_read_results_find_every_survey_s_results_from_the_list(org):
    survey = new_survey()
    open_wave(survey)
    new_survey(template="pulse_genai")
    council = Client(HTTP_ACCEPT_LANGUAGE="en")
    council.force_login(make_person(roles=(Role.WORKS_COUNCIL,)).user)

    page = council.get("/feedback/surveys/")

    assert page.status_code == 200
    assert page.text.count('class="results-link"') == 1
    assert f'href="/feedback/surveys/{survey.pk}/results/"' in page.text
    assert "no wave started yet" in page.text
    # Creating and opening surveys is the admin's: no button, no link to a survey's page.
    assert "New survey" not in page.text
    assert f'href="/feedback/surveys/{survey.pk}/"' not in page.text


def test_the_survey_page_lists_the_last_four_closed_waves_and_counts_the_earlier(admin):
    survey = adkar_survey()
    for number in range(1, 7):
        wave_of(survey, number=number, status=WaveStatus.CLOSED)
    wave_of(survey, number=7, status=WaveStatus.OPEN)
    wave_of(survey, number=8, status=WaveStatus.PLANNED)

    page = admin.get(f"/feedback/surveys/{survey.pk}/").text

    listed = [n for n in range(1, 9) if f'id="wave-{n}"' in page]
    assert listed == [3, 4, 5, 6, 7, 8]
    assert "2 earlier waves are not listed here; their results are on the results page." in page
    for number in (3, 6, 7):
        assert f'href="/feedback/surveys/{survey.pk}/results/?wave={number}"' in page
    assert "?wave=8" not in page  # a planned wave has no results yet
