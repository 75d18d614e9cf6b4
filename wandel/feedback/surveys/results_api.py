"""A survey wave's results over the REST API: the same views as the results page (filters
``wave``, ``group_by``, ``unit``, ``role``, ``question``), through the same anonymity rules.
A withheld group says ``"suppressed": true`` and carries neither ``n`` nor figures; a view the
rules refuse answers 400 with the reason. Reading needs VIEW_SURVEY_RESULTS and is audited.

This is a contract for reporting tools: fields are only ever added."""

# No ``from __future__ import annotations``: Ninja reads the schemas' field types at runtime.
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from wandel.core.api.permissions import require
from wandel.core.api.schemas import ErrorOut
from wandel.core.queries import anonymity_floor
from wandel.core.roles import Permission
from wandel.feedback.surveys.models import Survey, WaveStatus
from wandel.feedback.surveys.results import (
    GroupResult,
    WaveResults,
    wave_results,
)
from wandel.feedback.surveys.results_report import results_looked_at

router = Router(tags=["surveys"])


class ResultOptionOut(Schema):
    value: str
    label: str
    count: int
    percent: int


class ResultQuestionOut(Schema):
    key: str
    text: str
    kind: str
    suppressed: bool
    answered: int | None = Field(None, description="Absent when suppressed.")
    mean: float | None = Field(None, description="Scales only; absent when suppressed.")
    options: list[ResultOptionOut] | None = Field(None, description="Absent when suppressed.")


class ResultGroupOut(Schema):
    key: str = Field(description="The unit's code or the role's key; empty for the total.")
    label: str
    suppressed: bool
    n: int | None = Field(None, description="Responses; absent when suppressed.")
    questions: list[ResultQuestionOut] | None = Field(None, description="Absent when suppressed.")


class ResultCommentsOut(Schema):
    key: str
    text: str
    answers: list[str]


class WaveResultsOut(Schema):
    survey: int
    wave: int
    closed: bool
    min_group: int
    counted: int = Field(description="Responses the figures count (released in steps while open).")
    group_by: str
    unit: str
    role: str
    total: ResultGroupOut
    groups: list[ResultGroupOut]
    comments: list[ResultCommentsOut]


def _group(group: GroupResult) -> dict[str, object]:
    if group.suppressed:
        return {"key": group.key, "label": group.label, "suppressed": True}
    questions = []
    for figure in group.figures:
        if figure.suppressed:
            questions.append(
                {"key": figure.key, "text": figure.text, "kind": figure.kind, "suppressed": True}
            )
            continue
        questions.append(
            {
                "key": figure.key,
                "text": figure.text,
                "kind": figure.kind,
                "suppressed": False,
                "answered": figure.answered,
                "mean": figure.mean,
                "options": [vars(option) for option in figure.options],
            }
        )
    return {
        "key": group.key,
        "label": group.label,
        "suppressed": False,
        "n": group.n,
        "questions": questions,
    }


def _body(results: WaveResults) -> dict[str, object]:
    return {
        "survey": results.wave.survey_id,
        "wave": results.wave.number,
        "closed": results.closed,
        "min_group": results.k,
        "counted": results.counted,
        "group_by": str(results.group_by),
        "unit": results.unit,
        "role": results.role,
        "total": _group(results.total),
        "groups": [_group(group) for group in results.groups],
        "comments": [vars(block) for block in results.comments],
    }


@router.get(
    "/surveys/{survey_id}/results",
    response={200: WaveResultsOut, 400: ErrorOut, 404: ErrorOut},
    exclude_none=True,
    summary="Results of a survey wave",
)
def survey_results(
    request: HttpRequest,
    survey_id: int,
    wave: int | None = None,
    group_by: str = "",
    unit: str = "",
    role: str = "",
    question: str = "",
) -> dict[str, object]:
    user = require(request, Permission.VIEW_SURVEY_RESULTS)
    survey = get_object_or_404(Survey, pk=survey_id)
    waves = survey.waves.exclude(status=WaveStatus.PLANNED)
    chosen = (
        get_object_or_404(waves, number=wave)
        if wave is not None
        else get_object_or_404(waves.order_by("-number")[:1])
    )
    chosen.survey = survey
    results = wave_results(
        chosen, floor=anonymity_floor(), group_by=group_by, unit=unit, role=role, question=question
    )
    results_looked_at(actor=user, results=results, fmt="api", question=question)
    return _body(results)
