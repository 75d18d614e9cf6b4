"""The authorization matrix's slice for governance: bodies, meetings, decisions, risks,
budgets, reviews, the AI Act."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import (
    DPO_ROLE,
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

PAGES: dict[str, Page] = {
    "governance:use_case_governance": view(P.VIEW_GOVERNANCE),
    # Anyone who reads governance may ask the body that gives a gate item for it.
    "governance:gate_request": action(P.VIEW_GOVERNANCE),
    "governance:gate_readiness": view(P.VIEW_GOVERNANCE),
    "governance:steering": view(P.VIEW_GOVERNANCE),
    "governance:steering_waiting": view(P.VIEW_GOVERNANCE),
    "governance:body_list": view(P.VIEW_GOVERNANCE),
    "governance:body_create": form(P.CONFIGURE_GOVERNANCE),
    "governance:body_detail": view(P.VIEW_GOVERNANCE),
    "governance:body_edit": form(P.CONFIGURE_GOVERNANCE),
    "governance:membership_add": action(P.CONFIGURE_GOVERNANCE, empty=400),
    "governance:membership_end": action(P.CONFIGURE_GOVERNANCE),
    "governance:meeting_list": view(P.VIEW_GOVERNANCE),
    "governance:meeting_create": form(P.DECIDE),
    "governance:meeting_detail": view(P.VIEW_GOVERNANCE),
    "governance:meeting_edit": form(P.DECIDE),
    "governance:meeting_minutes": form(P.DECIDE),
    "governance:agenda_item_create": action(P.DECIDE, empty=400),
    "governance:agenda_build": action(P.DECIDE),
    "governance:agenda_item_delete": action(P.DECIDE),
    "governance:decision_list": view(P.VIEW_GOVERNANCE),
    "governance:decision_export": view(P.VIEW_GOVERNANCE),
    "governance:decision_create": form(P.DECIDE),
    "governance:decision_detail": view(P.VIEW_GOVERNANCE),
    "governance:decision_supersede": form(P.DECIDE),
    "governance:condition_close": action(ObjectLevel(P.DECIDE, P.VIEW_GOVERNANCE)),
    "governance:risk_list": view(P.VIEW_GOVERNANCE),
    "governance:risk_export": view(P.VIEW_GOVERNANCE),
    "governance:risk_create": form(P.MANAGE_RISKS),
    "governance:risk_detail": view(P.VIEW_GOVERNANCE),
    "governance:risk_edit": form(P.MANAGE_RISKS),
    "governance:mitigation_create": action(P.MANAGE_RISKS, empty=400),
    "governance:mitigation_update": action(P.MANAGE_RISKS),
    "governance:mitigation_close": action(P.MANAGE_RISKS),
    "governance:risk_request_acceptance": action(P.MANAGE_RISKS),
    "governance:risk_close": action(P.MANAGE_RISKS),
    "governance:risk_reopen": action(P.MANAGE_RISKS),
    "governance:budget_overview": view(P.VIEW_GOVERNANCE),
    "governance:budget_create": form(P.MANAGE_BUDGETS),
    "governance:budget_detail": view(P.VIEW_GOVERNANCE),
    "governance:spend_create": action(P.MANAGE_BUDGETS, empty=400),
    "governance:reviews_overview": view(P.VIEW_GOVERNANCE),
    "governance:ethics_checklist": form(P.REVIEW_ETHICS, empty=400),
    "governance:ethics_review_create": form(P.REVIEW_ETHICS),
    "governance:ethics_review": form(P.VIEW_GOVERNANCE, post=P.REVIEW_ETHICS),
    "governance:ethics_condition_close": action(P.REVIEW_ETHICS),
    "governance:dpia_check": form(P.VIEW_GOVERNANCE, post=P.RUN_DPIA),
    "governance:dpia": form(P.VIEW_GOVERNANCE, post=P.RUN_DPIA),
    "governance:codetermination": form(
        P.VIEW_CODETERMINATION, empty=400, post=P.MANAGE_CODETERMINATION
    ),
    "governance:codetermination_overview": view(P.VIEW_CODETERMINATION),
    "governance:ai_act_overview": view(P.VIEW_GOVERNANCE),
    "governance:classification": form(P.VIEW_GOVERNANCE, post=P.CLASSIFY_AI_ACT),
    "governance:classification_decide": action(DPO_ROLE),
    "governance:obligation_confirm": action(P.CLASSIFY_AI_ACT, empty=400),
    "governance:questionnaire": view(P.CONFIGURE_GOVERNANCE),
    # Unnamed patterns: keyed by their route.
    "governance/": form(SIGNED_IN),  # a redirect to the steering page, for any method
}

API: dict[Operation, str] = {
    ("get", "/api/v1/governance/bodies"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/bodies"): P.CONFIGURE_GOVERNANCE,
    ("get", "/api/v1/governance/bodies/{body_id}"): P.VIEW_GOVERNANCE,
    ("patch", "/api/v1/governance/bodies/{body_id}"): P.CONFIGURE_GOVERNANCE,
    ("post", "/api/v1/governance/bodies/{body_id}/memberships"): P.CONFIGURE_GOVERNANCE,
    ("post", "/api/v1/governance/memberships/{membership_id}/end"): P.CONFIGURE_GOVERNANCE,
    ("get", "/api/v1/governance/meetings"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/meetings"): P.DECIDE,
    ("get", "/api/v1/governance/meetings/{meeting_id}"): P.VIEW_GOVERNANCE,
    ("patch", "/api/v1/governance/meetings/{meeting_id}"): P.DECIDE,
    ("post", "/api/v1/governance/meetings/{meeting_id}/agenda-items"): P.DECIDE,
    ("post", "/api/v1/governance/meetings/{meeting_id}/agenda/build"): P.DECIDE,
    ("delete", "/api/v1/governance/agenda-items/{item_id}"): P.DECIDE,
    ("put", "/api/v1/governance/meetings/{meeting_id}/minutes"): P.DECIDE,
    ("get", "/api/v1/governance/decisions"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/decisions/{decision_id}"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/decisions"): P.DECIDE,
    ("post", "/api/v1/governance/conditions/{condition_id}/close"): ObjectLevel(
        P.DECIDE, P.VIEW_GOVERNANCE
    ),
    ("get", "/api/v1/governance/risks"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/risks/{risk_id}"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/risks"): P.MANAGE_RISKS,
    ("patch", "/api/v1/governance/risks/{risk_id}"): P.MANAGE_RISKS,
    ("post", "/api/v1/governance/risks/{risk_id}/mitigations"): P.MANAGE_RISKS,
    ("patch", "/api/v1/governance/mitigations/{mitigation_id}"): P.MANAGE_RISKS,
    ("post", "/api/v1/governance/mitigations/{mitigation_id}/close"): P.MANAGE_RISKS,
    ("get", "/api/v1/governance/budgets/requests"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/budgets/requests"): P.MANAGE_BUDGETS,
    ("get", "/api/v1/governance/budgets/requests/{request_id}"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/budgets/requests/{request_id}/spend"): P.MANAGE_BUDGETS,
    ("get", "/api/v1/governance/budgets/totals"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/ethics-checklist"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): P.REVIEW_ETHICS,
    ("post", "/api/v1/governance/ethics-reviews/{review_id}/complete"): P.REVIEW_ETHICS,
    ("post", "/api/v1/governance/ethics-conditions/{condition_id}/close"): P.REVIEW_ETHICS,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/dpia-check"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/gate"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/use-cases/{use_case_id}/gate-requests"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/use-cases/{use_case_id}/dpia-check"): P.RUN_DPIA,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/dpia"): P.VIEW_GOVERNANCE,
    ("put", "/api/v1/governance/use-cases/{use_case_id}/dpia"): P.RUN_DPIA,
    ("patch", "/api/v1/governance/use-cases/{use_case_id}/dpia"): P.RUN_DPIA,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): (
        P.VIEW_CODETERMINATION
    ),
    ("put", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): (
        P.MANAGE_CODETERMINATION
    ),
    ("patch", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): (
        P.MANAGE_CODETERMINATION
    ),
    ("get", "/api/v1/governance/codetermination"): P.VIEW_CODETERMINATION,
    ("get", "/api/v1/governance/ai-act/questionnaire"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/ai-act/classifications"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/ai-act/classifications"): P.CLASSIFY_AI_ACT,
    ("post", "/api/v1/governance/ai-act/classifications/{classification_id}/decision"): (DPO_ROLE),
    ("post", "/api/v1/governance/ai-act/classifications/{classification_id}/confirmations"): (
        P.CLASSIFY_AI_ACT
    ),
}

# Statuses other than 2xx/3xx that a permitted request answers: the permission check let
# the request through and a rule of the action refused it, for the reason given.
API_STATUSES: dict[Operation, int] = {
    # The world's use case is classified already: that item is not missing, nothing to ask.
    ("post", "/api/v1/governance/use-cases/{use_case_id}/gate-requests"): 409,
    # The world's person sits in the world's body already.
    ("post", "/api/v1/governance/bodies/{body_id}/memberships"): 400,
    # The world's use case has an ethics review in progress, with its checklist unanswered.
    ("post", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): 400,
    ("post", "/api/v1/governance/ethics-reviews/{review_id}/complete"): 400,
    ("post", "/api/v1/governance/ethics-conditions/{condition_id}/close"): 400,
    # Nothing has been recorded yet for the world's use case.
    ("get", "/api/v1/governance/use-cases/{use_case_id}/dpia"): 404,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): 404,
    # The matrix answers no question of the questionnaire.
    ("post", "/api/v1/governance/ai-act/classifications"): 400,
    # The world's classification is not awaiting the DPO.
    ("post", "/api/v1/governance/ai-act/classifications/{classification_id}/decision"): 409,
}

# POST data for actions whose empty POST would be refused before the role is checked.
POST_DATA: dict[str, dict[str, str]] = {
    "governance:classification_decide": {"decision": "reject"},
}


def api_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    """Valid bodies, so that the permission check (not validation) decides."""
    return {
        ("post", "/api/v1/governance/bodies"): {"name": "Matrix board", "kind": "other"},
        ("patch", "/api/v1/governance/bodies/{body_id}"): {"description": "m"},
        ("post", "/api/v1/governance/bodies/{body_id}/memberships"): {
            "person": world["person"],
            "role_in_body": "guest",
        },
        ("post", "/api/v1/governance/memberships/{membership_id}/end"): {},
        ("post", "/api/v1/governance/meetings"): {
            "body": world["body"],
            "held_on": "2030-02-01",
            "title": "m",
        },
        ("patch", "/api/v1/governance/meetings/{meeting_id}"): {"location": "m"},
        ("post", "/api/v1/governance/meetings/{meeting_id}/agenda-items"): {"title": "m"},
        ("put", "/api/v1/governance/meetings/{meeting_id}/minutes"): {
            "minutes": "m",
            "attendees": [],
            "held": False,
        },
        ("patch", "/api/v1/governance/mitigations/{mitigation_id}"): {"status": "in_progress"},
        ("post", "/api/v1/governance/mitigations/{mitigation_id}/close"): {"closing_note": "m"},
        ("post", "/api/v1/governance/decisions"): {
            "body": world["body"],
            "decided_on": "2025-01-01",
            "kind": "policy",
            "text": "m",
            "outcome": "approved",
        },
        ("post", "/api/v1/governance/conditions/{condition_id}/close"): {"closing_note": "m"},
        ("post", "/api/v1/governance/risks"): {
            "title": "m",
            "description": "d",
            "category": "security",
            "likelihood": 3,
            "impact": 3,
            "owner": world["person"],
            "review_on": "2030-01-01",
        },
        ("patch", "/api/v1/governance/risks/{risk_id}"): {"title": "x"},
        ("post", "/api/v1/governance/risks/{risk_id}/mitigations"): {"text": "m"},
        ("post", "/api/v1/governance/budgets/requests"): {
            "use_case": world["use_case"],
            "title": "m",
            "amount_requested": "10",
            "justification": "j",
        },
        ("post", "/api/v1/governance/budgets/requests/{request_id}/spend"): {
            "spent_on": "2025-01-01",
            "amount": "1",
            "description": "m",
        },
        ("post", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): {},
        ("post", "/api/v1/governance/ethics-reviews/{review_id}/complete"): {
            "outcome": "approved",
            "reasons": "m",
        },
        ("post", "/api/v1/governance/ethics-conditions/{condition_id}/close"): {
            "closing_note": "m"
        },
        ("post", "/api/v1/governance/use-cases/{use_case_id}/dpia-check"): {"answers": {}},
        ("post", "/api/v1/governance/use-cases/{use_case_id}/gate-requests"): {
            "need": "classification",
            "stage": "pilot",
        },
        # PUT takes the whole record (a body the schema refuses would answer 400 before the
        # permission check); PATCH only what it names.
        ("put", "/api/v1/governance/use-cases/{use_case_id}/dpia"): {
            "description": "m",
            "necessity": "m",
            "risks": "m",
            "measures": "m",
            "data_subject_views": "m",
            "dpo_opinion": "m",
            "controller": None,
            "residual_risk_high": False,
            "prior_consultation": "",
            "review_on": None,
            "status": "draft",
        },
        ("patch", "/api/v1/governance/use-cases/{use_case_id}/dpia"): {"risks": "m"},
        ("put", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): {
            "monitoring_capable": False,
            "information_given_on": None,
            "consultation_notes": "",
            "agreement_status": None,
            "agreement_reference": "",
            "agreement_clauses": "",
        },
        ("patch", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): {
            "monitoring_capable": False
        },
        ("post", "/api/v1/governance/ai-act/classifications"): {
            "use_case": world["use_case"],
            "answers": {},
            "rationales": {},
        },
        (
            "post",
            "/api/v1/governance/ai-act/classifications/{classification_id}/confirmations",
        ): {"obligation_id": "art4_ai_literacy", "evidence": "m"},
        ("post", "/api/v1/governance/ai-act/classifications/{classification_id}/decision"): {
            "confirm": False
        },
    }


SLICE = Slice(PAGES, api=API, api_statuses=API_STATUSES, post_data=POST_DATA, api_bodies=api_bodies)
