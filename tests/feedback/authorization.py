"""The authorization matrix's slice for feedback: surveys, their results, the feedback box
and office hours."""

from __future__ import annotations

from tests.support.authorization import Operation, Page, Slice, view
from wandel.core.roles import Permission

P = Permission

PAGES: dict[str, Page] = {
    "feedback:surveys": view(P.MANAGE_SURVEYS),
    "feedback:survey_results": view(P.VIEW_SURVEY_RESULTS),
    "feedback:survey_results_pdf": view(P.VIEW_SURVEY_RESULTS),
    "feedback:survey_results_export": view(P.VIEW_SURVEY_RESULTS),
}

API: dict[Operation, str] = {
    ("get", "/api/v1/surveys/{survey_id}/results"): P.VIEW_SURVEY_RESULTS,
}

SLICE = Slice(PAGES, api=API)
