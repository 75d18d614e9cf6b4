"""The authorization matrix's slice for feedback: surveys, their results, the feedback box
and office hours."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import (
    PUBLIC,
    SIGNED_IN,
    Operation,
    Page,
    Slice,
    action,
    form,
    view,
)
from wandel.core.roles import Permission

P = Permission

PAGES: dict[str, Page] = {
    "feedback:surveys": view(P.MANAGE_SURVEYS),
    "feedback:survey_create": form(P.MANAGE_SURVEYS),
    "feedback:survey_detail": view(P.MANAGE_SURVEYS),
    "feedback:wave_plan": form(P.MANAGE_SURVEYS),
    "feedback:wave_open": action(P.MANAGE_SURVEYS),
    "feedback:wave_close": action(P.MANAGE_SURVEYS),
    "feedback:wave_invite": action(P.MANAGE_SURVEYS),
    "feedback:wave_remind": action(P.MANAGE_SURVEYS),
    # Answering needs the survey's link, not an account; the matrix's token is unknown.
    "feedback:answer": Page(PUBLIC, ("GET", "POST"), {"GET": 404, "POST": 404}),
    "feedback:answer_done": view(PUBLIC),
}

SURVEYS = "/api/v1/feedback/surveys"
API: dict[Operation, str] = {
    ("get", SURVEYS): P.MANAGE_SURVEYS,
    ("get", f"{SURVEYS}/{{survey_id}}"): P.MANAGE_SURVEYS,
    # The token in the body is the leave to answer; the API itself wants a signed-in caller.
    ("post", f"{SURVEYS}/{{survey_id}}/responses"): SIGNED_IN,
}

API_STATUSES: dict[Operation, int] = {
    # The matrix's token belongs to no wave.
    ("post", f"{SURVEYS}/{{survey_id}}/responses"): 404,
}


def api_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    return {
        ("post", f"{SURVEYS}/{{survey_id}}/responses"): {
            "token": "no-such-survey-token",
            "answers": {"awareness": 4},
        }
    }


SLICE = Slice(PAGES, api=API, api_statuses=API_STATUSES, api_bodies=api_bodies)
