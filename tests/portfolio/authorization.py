"""The authorization matrix's slice for the portfolio: use cases, scoring, workshops,
requirements and KPIs."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import (
    DPO_ROLE,
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

MANAGE_OR_OWNER = ObjectLevel(Permission.MANAGE_USE_CASES)
# The matrix's workshop has no participants, so only facilitators may open or vote in it.
RUN_OR_PARTICIPANT = ObjectLevel(Permission.RUN_WORKSHOPS)
# It has no facilitator either, and stand-in ballots are the facilitator's alone (hole 4):
# nobody may open its ballot page.
FACILITATOR_OR_PARTICIPANT = ObjectLevel("facilitator of this workshop")

PAGES: dict[str, Page] = {
    "portfolio:use_case_list": view(P.VIEW_USE_CASES),
    "portfolio:use_case_export": view(P.VIEW_USE_CASES),
    "portfolio:matrix": view(P.VIEW_USE_CASES),
    "portfolio:funnel": view(P.VIEW_USE_CASES),
    "portfolio:use_case_create": form(P.SUBMIT_IDEAS),
    "portfolio:use_case_similar": view(P.VIEW_USE_CASES),
    "portfolio:criteria": form(P.CONFIGURE_SCORING),
    "portfolio:criterion_edit": form(P.CONFIGURE_SCORING),
    "portfolio:use_case_detail": view(P.VIEW_USE_CASES),
    "portfolio:use_case_edit": form(MANAGE_OR_OWNER),
    "portfolio:use_case_score": form(P.SCORE_USE_CASES),
    "portfolio:use_case_move": action(MANAGE_OR_OWNER),
    "portfolio:use_case_team": form(MANAGE_OR_OWNER),
    "portfolio:use_case_support": action(P.SUBMIT_IDEAS),
    "portfolio:use_case_follow": action(P.VIEW_USE_CASES),
    "portfolio:fact_change_decide": action(DPO_ROLE),
    "portfolio:comment_create": action(P.SUBMIT_IDEAS),
    "portfolio:requirement_create": action(MANAGE_OR_OWNER),
    "portfolio:requirement_update": action(MANAGE_OR_OWNER),
    "portfolio:kpi_create": action(MANAGE_OR_OWNER),
    "portfolio:measurement_create": action(MANAGE_OR_OWNER),
    "portfolio:workshop_list": view(P.RUN_WORKSHOPS),
    "portfolio:workshop_create": form(P.RUN_WORKSHOPS),
    "portfolio:workshop_edit": form(P.RUN_WORKSHOPS),
    "portfolio:workshop_detail": view(RUN_OR_PARTICIPANT),
    "portfolio:workshop_idea_create": action(P.RUN_WORKSHOPS, empty=400),
    "portfolio:workshop_idea_add": action(P.RUN_WORKSHOPS, empty=400),
    "portfolio:workshop_status": action(P.RUN_WORKSHOPS),
    "portfolio:workshop_vote": form(FACILITATOR_OR_PARTICIPANT),
    "portfolio:workshop_results_export": view(P.RUN_WORKSHOPS),
}

API: dict[Operation, str] = {
    ("get", "/api/v1/use-cases"): P.VIEW_USE_CASES,
    ("get", "/api/v1/use-cases/{use_case_id}"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases"): P.SUBMIT_IDEAS,
    ("patch", "/api/v1/use-cases/{use_case_id}"): MANAGE_OR_OWNER,
    ("put", "/api/v1/use-cases/{use_case_id}/scores"): P.SCORE_USE_CASES,
    # Before the move, which rejects the world's use case: a closed one is not supported.
    ("get", "/api/v1/use-cases/{use_case_id}/support"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/support"): P.SUBMIT_IDEAS,
    ("delete", "/api/v1/use-cases/{use_case_id}/support"): P.SUBMIT_IDEAS,
    ("put", "/api/v1/use-cases/{use_case_id}/follow"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/moves"): MANAGE_OR_OWNER,
    ("post", "/api/v1/use-cases/{use_case_id}/fact-changes/{change_id}/decision"): DPO_ROLE,
    ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"): MANAGE_OR_OWNER,
    ("get", "/api/v1/use-cases/{use_case_id}/requirements"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/requirements"): MANAGE_OR_OWNER,
    ("patch", "/api/v1/use-cases/{use_case_id}/requirements/{requirement_id}"): MANAGE_OR_OWNER,
    ("get", "/api/v1/use-cases/{use_case_id}/kpis"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/kpis"): MANAGE_OR_OWNER,
    ("get", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}"): P.VIEW_USE_CASES,
    ("get", "/api/v1/use-cases/{use_case_id}/comments"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/comments"): P.SUBMIT_IDEAS,
    ("get", "/api/v1/workshops"): P.RUN_WORKSHOPS,
    ("post", "/api/v1/workshops"): P.RUN_WORKSHOPS,
    ("get", "/api/v1/workshops/{workshop_id}"): RUN_OR_PARTICIPANT,
    ("patch", "/api/v1/workshops/{workshop_id}"): P.RUN_WORKSHOPS,
    ("post", "/api/v1/workshops/{workshop_id}/ideas"): P.RUN_WORKSHOPS,
    ("post", "/api/v1/workshops/{workshop_id}/ideas/link"): P.RUN_WORKSHOPS,
    ("post", "/api/v1/workshops/{workshop_id}/status"): P.RUN_WORKSHOPS,
    ("put", "/api/v1/workshops/{workshop_id}/ballot"): FACILITATOR_OR_PARTICIPANT,
    ("get", "/api/v1/workshops/{workshop_id}/ranking"): RUN_OR_PARTICIPANT,
}

# Statuses other than 2xx/3xx that a permitted request answers: the permission check let
# the request through and a rule of the action refused it, for the reason given.
API_STATUSES: dict[Operation, int] = {
    # The world's use case is an idea of the workshop already.
    ("post", "/api/v1/workshops/{workshop_id}/ideas/link"): 400,
    # The world's workshop has no participants to vote.
    ("post", "/api/v1/workshops/{workshop_id}/status"): 400,
}

# POST data for actions whose empty POST would be refused before the role is checked.
POST_DATA: dict[str, dict[str, str]] = {
    "portfolio:use_case_move": {"to": "rejected", "reason": "matrix"},
    "portfolio:fact_change_decide": {"decision": "reject"},
}


def api_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    """Valid bodies, so that the permission check (not validation) decides."""
    return {
        ("post", "/api/v1/use-cases"): {
            "title": "Matrix idea",
            "problem": "p",
            "process": "p",
            "unit": "M",
            "expected_benefit": "b",
            "data_involved": "d",
            "personal_data": False,
            "capability": "chat",
        },
        ("patch", "/api/v1/use-cases/{use_case_id}"): {"title": "Renamed"},
        ("put", "/api/v1/use-cases/{use_case_id}/scores"): [
            {"criterion_id": world["criterion"], "value": 3, "rationale": "m"}
        ],
        ("post", "/api/v1/use-cases/{use_case_id}/moves"): {"to": "rejected", "reason": "m"},
        ("put", "/api/v1/use-cases/{use_case_id}/follow"): {"follow": True},
        ("post", "/api/v1/use-cases/{use_case_id}/fact-changes/{change_id}/decision"): {
            "confirm": False
        },
        ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"): {
            "measured_on": "2025-06-01",
            "value": "5",
        },
        ("post", "/api/v1/use-cases/{use_case_id}/requirements"): {"text": "m"},
        ("patch", "/api/v1/use-cases/{use_case_id}/requirements/{requirement_id}"): {
            "status": "not_tested"
        },
        ("post", "/api/v1/use-cases/{use_case_id}/kpis"): {
            "name": "m",
            "unit_of_measure": "m",
            "direction": "higher",
            "baseline_value": "1",
            "baseline_date": "2025-01-01",
            "target_value": "2",
            "target_date": "2026-01-01",
        },
        ("post", "/api/v1/use-cases/{use_case_id}/comments"): {"text": "m"},
        ("post", "/api/v1/workshops"): {"title": "m", "held_on": "2030-01-01"},
        ("patch", "/api/v1/workshops/{workshop_id}"): {"title": "m"},
        ("post", "/api/v1/workshops/{workshop_id}/ideas"): {
            "title": "m",
            "problem": "p",
            "process": "p",
            "unit": "M",
            "expected_benefit": "b",
            "data_involved": "d",
            "capability": "chat",
        },
        ("post", "/api/v1/workshops/{workshop_id}/ideas/link"): {"use_case": world["use_case"]},
        ("post", "/api/v1/workshops/{workshop_id}/status"): {"to": "voting"},
        ("put", "/api/v1/workshops/{workshop_id}/ballot"): {"dots": []},
    }


SLICE = Slice(PAGES, api=API, api_statuses=API_STATUSES, post_data=POST_DATA, api_bodies=api_bodies)
