"""Surveys over the REST API, through the pages' services and queries: the list and one
survey (questions in both languages, waves) for those who run surveys; answering with a
token (a wave's anonymous link or a personal invitation) for any caller, since the token
is the leave to answer. ``/surveys/{id}/results`` belongs to the results module."""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require, signed_in
from wandel.core.roles import Permission
from wandel.feedback.surveys import queries, services
from wandel.feedback.surveys.answering import UnknownToken, ticket_for
from wandel.feedback.surveys.models import (
    Distribution,
    QuestionKind,
    Survey,
    SurveyKind,
    SurveyStatus,
    WaveStatus,
)

router = Router(tags=["feedback"])


class SurveyOut(Schema):
    id: int
    title_en: str
    title_de: str
    kind: SurveyKind
    status: SurveyStatus
    distribution: Distribution
    min_group: int
    unit_level: int
    by_role: bool


class OptionOut(Schema):
    value: str
    en: str
    de: str


class QuestionOut(Schema):
    key: str
    kind: QuestionKind
    text_en: str
    text_de: str
    required: bool
    section_en: str = ""
    section_de: str = ""
    options: list[OptionOut]


class WaveOut(Schema):
    id: int
    number: int
    label: str
    status: WaveStatus
    opens_on: date
    closes_on: date


class SurveyDetailOut(SurveyOut):
    intro_en: str
    intro_de: str
    questions: list[QuestionOut]
    waves: list[WaveOut]


class ResponseIn(Schema):
    token: str = Field(description="The wave's anonymous link token or a personal invitation.")
    unit_key: str = Field(
        "", description="Through the anonymous link only: the reporting group's unit."
    )
    role_key: str = Field("", description="Through the anonymous link only: its role.")
    answers: dict[str, int | str | list[str]] = Field(
        description="Question key → a number (scales), a choice, a list of choices or a text."
    )


class ResponseOut(Schema):
    wave: int
    received: bool = True


@router.get("/surveys", response=list[SurveyOut], summary="List surveys")
@paginated
def survey_list(request: HttpRequest) -> QuerySet[Survey]:
    require(request, Permission.MANAGE_SURVEYS)
    return queries.survey_list()


@router.get("/surveys/{id:survey_id}", response=SurveyDetailOut, summary="One survey")
def survey_get(request: HttpRequest, survey_id: int) -> dict[str, Any]:
    require(request, Permission.MANAGE_SURVEYS)
    try:
        survey = queries.survey_detail(survey_id)
    except Survey.DoesNotExist:
        raise Http404 from None
    sections = {section.pk: section for section in survey.sections.all()}
    questions = []
    for question in survey.questions.all():
        section = sections.get(question.section_id) if question.section_id else None
        questions.append(
            {
                "key": question.key,
                "kind": question.kind,
                "text_en": question.text_en,
                "text_de": question.text_de,
                "required": question.required,
                "section_en": section.title_en if section else "",
                "section_de": section.title_de if section else "",
                "options": question.options or [],
            }
        )
    fields = SurveyOut.model_fields
    return {
        **{name: getattr(survey, name) for name in fields},
        "intro_en": survey.intro_en,
        "intro_de": survey.intro_de,
        "questions": questions,
        "waves": list(survey.waves.all()),
    }


@router.post(
    "/surveys/{id:survey_id}/responses",
    response={201: ResponseOut},
    summary="Answer a survey",
)
def response_create(request: HttpRequest, survey_id: int, body: ResponseIn) -> Status[Any]:
    """Answer once per invitation (a used one: 409); a wave that is not open: 410; missing
    or invalid answers: 400 with the problems by question key. Not audited: the response
    is anonymous. Any signed-in caller may send it; the token is the leave to answer."""
    user = signed_in(request)
    try:
        ticket = ticket_for(body.token, getattr(user, "person", None))
    except UnknownToken:
        raise Http404 from None
    if ticket.wave.survey_id != survey_id:
        raise Http404
    services.response_submit(
        ticket=ticket, answers=body.answers, unit_key=body.unit_key, role_key=body.role_key
    )
    return Status(201, {"wave": ticket.wave.pk})
