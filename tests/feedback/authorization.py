"""The authorization matrix's slice for feedback: surveys, their results, the feedback box
and office hours."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import (
    NOBODY,
    PUBLIC,
    SIGNED_IN,
    ObjectLevel,
    Operation,
    Page,
    Slice,
    action,
    form,
    view,
)
from wandel.core.roles import Permission

P = Permission
# A booking is its booker's, and those who host office hours act on every booking; the
# world's booking belongs to a person without an account.
BOOKER_OR_HOST = ObjectLevel(P.HOST_OFFICE_HOURS, declared=P.TAKE_PART)

PAGES: dict[str, Page] = {
    "feedback:surveys": view(P.VIEW_SURVEY_RESULTS),
    "feedback:survey_results": view(P.VIEW_SURVEY_RESULTS),
    "feedback:survey_results_pdf": view(P.VIEW_SURVEY_RESULTS),
    "feedback:survey_results_export": view(P.VIEW_SURVEY_RESULTS),
    "feedback:anonymity_policy": view(P.VIEW_SURVEY_RESULTS),
    "feedback:anonymity_policy_set": action(P.CONFIGURE),
    "feedback:anonymity_policy_confirm": action(P.MANAGE_CODETERMINATION),
    "feedback:office_hours": view(P.TAKE_PART),
    # Everyone books for themselves (an account without a person gets 404).
    "feedback:office_hours_book": form(P.TAKE_PART),
    "feedback:office_hours_mine": view(P.TAKE_PART),
    "feedback:office_hours_cancel": action(BOOKER_OR_HOST),
    # Only the booker moves a booking, not even a host.
    "feedback:office_hours_reschedule": form(ObjectLevel(NOBODY, declared=P.TAKE_PART)),
    "feedback:office_hours_ics": view(BOOKER_OR_HOST),
    "feedback:office_hours_host": view(P.HOST_OFFICE_HOURS),
    "feedback:office_hours_note": action(P.HOST_OFFICE_HOURS),
    "feedback:office_hours_series_create": form(P.HOST_OFFICE_HOURS),
    "feedback:office_hours_series_edit": form(P.HOST_OFFICE_HOURS),
    "feedback:office_hours_series_end": action(P.HOST_OFFICE_HOURS),
    # The feedback box: everyone reads, posts and supports; the programme team answers,
    # sets the status and promotes ideas.
    "feedback:box": view(P.TAKE_PART),
    "feedback:box_answers": view(P.TAKE_PART),
    "feedback:box_item": view(P.TAKE_PART),
    "feedback:box_post": form(P.TAKE_PART),
    "feedback:box_support": action(P.TAKE_PART),
    "feedback:box_unsupport": action(P.TAKE_PART),
    "feedback:box_answer": form(P.ANSWER_FEEDBACK),
    "feedback:box_status": action(P.ANSWER_FEEDBACK),
    "feedback:box_promote": form(P.ANSWER_FEEDBACK),
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

F = "/api/v1/feedback"
SURVEYS = "/api/v1/surveys"
# In the order the matrix calls them: the world's booking is cancelled last.
API: dict[Operation, str] = {
    ("get", f"{SURVEYS}/{{survey_id}}/results"): P.VIEW_SURVEY_RESULTS,
    ("get", f"{F}/office-hours/slots"): P.TAKE_PART,
    ("post", f"{F}/office-hours/bookings"): P.TAKE_PART,
    ("get", f"{F}/office-hours/bookings"): P.TAKE_PART,
    ("post", f"{F}/office-hours/bookings/{{booking_id}}/cancel"): BOOKER_OR_HOST,
    ("get", f"{F}/items"): P.TAKE_PART,
    ("post", f"{F}/items"): P.TAKE_PART,
    ("get", f"{F}/items/{{feedback_id}}"): P.TAKE_PART,
    ("post", f"{F}/items/{{feedback_id}}/support"): P.TAKE_PART,
    ("delete", f"{F}/items/{{feedback_id}}/support"): P.TAKE_PART,
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
    """Valid bodies, so that the permission check (not validation) decides: for a booking, a
    free slot of the world's series (Mondays 14:00 in Berlin), far enough ahead."""
    return {
        ("post", f"{F}/office-hours/bookings"): {
            "series": world["office_hours"],
            "starts_at": "2030-01-14T14:00:00+01:00",
            "topic": "Matrix topic",
        },
        ("post", f"{F}/items"): {
            "kind": "question",
            "category": "training",
            "title": "Matrix question",
            "text": "When is the next prompting course?",
        },
        ("post", f"{SURVEYS}/{{survey_id}}/responses"): {
            "token": "no-such-survey-token",
            "answers": {"awareness": 4},
        },
    }


SLICE = Slice(PAGES, api=API, api_statuses=API_STATUSES, api_bodies=api_bodies)
