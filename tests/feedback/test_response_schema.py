"""No column lets anyone link a survey response to a person (DESIGN.md, invariant 1): the
tables of responses, answers and drafts, read from the database itself, hold only what the
module docstring of ``surveys.models`` allows, and their ids are random."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from tests.support.surveys import ALLOWED, adkar_wave, columns
from wandel.feedback.surveys.models import Answer, Draft, Response

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("table", sorted(ALLOWED))
def test_the_tables_hold_no_person_no_invitation_no_address_and_no_time(table):
    assert set(columns(table)) == ALLOWED[table]


def test_no_foreign_key_leads_from_a_response_towards_a_person():
    with connection.cursor() as cursor:
        for table in ("feedback_response", "feedback_answer"):
            relations = connection.introspection.get_relations(cursor, table)
            targets = {relation[1] for relation in relations.values()}
            assert targets <= {"feedback_wave", "feedback_question", "feedback_response"}, table


def test_the_models_have_no_date_or_time_field_finer_than_the_day():
    for model in (Response, Answer):
        kinds = {field.get_internal_type() for field in model._meta.concrete_fields}
        assert not kinds & {"DateTimeField", "TimeField", "DateField", "GenericIPAddressField"}
    # A draft knows the day it was saved, no more.
    assert Draft._meta.get_field("saved_on").get_internal_type() == "DateField"


def test_ids_are_random_not_in_the_order_responses_came_in():
    wave = adkar_wave()
    responses = list(Response.objects.filter(wave=wave))
    assert len(responses) == 38
    for response in responses:
        assert isinstance(response.pk, uuid.UUID)
        assert response.pk.version == 4
    answers = list(Answer.objects.filter(response__wave=wave).values_list("pk", flat=True))
    assert all(pk.version == 4 for pk in answers)
    # The responses sorted by id are not in the order written (38! orders; one is).
    written = [r.pk for r in Response.objects.filter(wave=wave).order_by("unit_key")]
    assert sorted(written) != written
