"""Creating surveys from templates, and waves: opening one fixes its reporting groups and who
is asked, at the survey's unit level and by role."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.feedback.conftest import CLOSES, OPENS, new_survey, open_wave
from wandel.core.errors import ConflictError
from wandel.core.models import AnonymityPolicy, AuditEvent
from wandel.core.queries import anonymity_floor
from wandel.feedback.surveys.models import Participant, SurveyStatus, WaveGroup, WaveStatus
from wandel.feedback.surveys.services import SurveyError, wave_close, wave_open, wave_plan


def groups(wave) -> list[tuple[str, str, str, int]]:
    return sorted(
        WaveGroup.objects.filter(wave=wave).values_list(
            "unit_key", "unit_label", "role_key", "population"
        )
    )


def snapshot(wave, org) -> dict[str, tuple[str, str]]:
    names = {person.pk: name for name, person in org.people.items()}
    return {
        names[pk]: (unit, role)
        for pk, unit, role in Participant.objects.filter(wave=wave).values_list(
            "person_id", "unit_key", "role_key"
        )
    }


def test_a_survey_from_a_template_has_its_sections_and_questions(org):
    survey = new_survey(template="pulse_genai")
    assert survey.title_en == "Pulse: GenAI at work"
    assert survey.title_de == "Stimmungsbild: GenAI bei der Arbeit"
    assert survey.kind == "pulse"
    assert list(survey.sections.values_list("title_en", flat=True)) == [
        "Your experience",
        "Overall",
    ]
    assert list(survey.questions.order_by("position").values_list("key", "section__position")) == [
        ("trust", 0),
        ("usefulness", 0),
        ("workload", 0),
        ("worries", 0),
        ("recommend", 1),
        ("comment", 1),
    ]
    assert AuditEvent.objects.filter(action="feedback.survey_created").count() == 1


def test_the_floor_is_five_unless_an_admin_set_another(db):
    assert anonymity_floor() == 5
    AnonymityPolicy.objects.create(min_group=7, set_at=timezone.now())
    assert anonymity_floor() == 7
    with pytest.raises(SurveyError) as refused:
        new_survey(min_group=6)
    assert refused.value.errors == {"min_group": ["The minimum group size may not be below 7."]}


def test_opening_fixes_the_groups_at_level_one_and_everyone_active(org):
    wave = open_wave(new_survey())
    assert wave.status == WaveStatus.OPEN
    assert groups(wave) == [
        ("ENG", "Engineering", "", 3),
        ("HQ", "Headquarters", "", 2),
        ("SAL", "Sales", "", 5),
    ]
    assert snapshot(wave, org) == {
        "hanna": ("HQ", ""),
        "hugo": ("HQ", ""),
        "sara": ("SAL", ""),
        "sven": ("SAL", ""),
        "sina": ("SAL", ""),
        "nora": ("SAL", ""),
        "nils": ("SAL", ""),
        "emil": ("ENG", ""),
        "eva": ("ENG", ""),
        "enno": ("ENG", ""),
    }
    wave.survey.refresh_from_db()
    assert wave.survey.status == SurveyStatus.ACTIVE
    event = AuditEvent.objects.get(action="feedback.wave_opened")
    assert event.changes["people"] == 10


def test_a_target_unit_takes_its_units_below_at_level_two(org):
    wave = open_wave(new_survey(targets=(org.sales,), unit_level=2))
    assert groups(wave) == [("SAL", "Sales", "", 3), ("SAL-N", "Sales North", "", 2)]
    assert sorted(snapshot(wave, org)) == ["nils", "nora", "sara", "sina", "sven"]


def test_by_role_takes_the_first_role_other_than_employee(org):
    wave = open_wave(new_survey(targets=(org.engineering, org.north), unit_level=0, by_role=True))
    assert groups(wave) == [
        ("", "", "employee", 3),
        ("", "", "product_owner", 1),
        ("", "", "trainer", 1),
    ]
    assert snapshot(wave, org) == {
        "nora": ("", "trainer"),
        "nils": ("", "employee"),
        "emil": ("", "product_owner"),
        "eva": ("", "employee"),
        "enno": ("", "employee"),
    }


def test_a_snapshot_does_not_move_with_the_person(org):
    wave = open_wave(new_survey())
    org.people["eva"].unit = org.sales
    org.people["eva"].save()
    assert snapshot(wave, org)["eva"] == ("ENG", "")


def test_a_new_wave_asks_the_same_questions_with_the_next_number(org):
    survey = new_survey()
    first = open_wave(survey)
    wave_close(wave=first, actor=None)
    second = wave_plan(
        survey=survey, opens_on=date(2027, 3, 1), closes_on=date(2027, 3, 31), actor=None
    )
    assert (first.number, second.number) == (1, 2)
    assert second.status == WaveStatus.PLANNED
    assert second.survey.questions.count() == 5
    assert second.link_token != first.link_token


def test_a_wave_opens_once_and_closes_after_it_opened(org):
    survey = new_survey()
    wave = wave_plan(survey=survey, opens_on=OPENS, closes_on=CLOSES, actor=None)
    with pytest.raises(ConflictError):
        wave_close(wave=wave, actor=None)
    wave_open(wave=wave, actor=None)
    with pytest.raises(ConflictError):
        wave_open(wave=wave, actor=None)
    assert Participant.objects.filter(wave=wave).count() == 10


def test_a_wave_cannot_close_before_it_opens(org):
    with pytest.raises(SurveyError):
        wave_plan(survey=new_survey(), opens_on=CLOSES, closes_on=OPENS, actor=None)
