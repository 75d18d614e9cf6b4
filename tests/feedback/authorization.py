"""The authorization matrix's slice for feedback: surveys, their results, the feedback box
and office hours."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import Operation, Page, Slice, action, form, view
from wandel.core.roles import Permission

P = Permission

PAGES: dict[str, Page] = {
    "feedback:surveys": view(P.MANAGE_SURVEYS),
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
}

F = "/api/v1/feedback"
API: dict[Operation, str] = {
    ("get", f"{F}/items"): P.TAKE_PART,
    ("post", f"{F}/items"): P.TAKE_PART,
    ("get", f"{F}/items/{{feedback_id}}"): P.TAKE_PART,
    ("post", f"{F}/items/{{feedback_id}}/support"): P.TAKE_PART,
    ("delete", f"{F}/items/{{feedback_id}}/support"): P.TAKE_PART,
}


def api_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    """Valid bodies, so that the permission check (not validation) decides."""
    return {
        ("post", f"{F}/items"): {
            "kind": "question",
            "category": "training",
            "title": "Matrix question",
            "text": "When is the next prompting course?",
        },
    }


SLICE = Slice(PAGES, api=API, api_bodies=api_bodies)
