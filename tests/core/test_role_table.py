"""The role → permission table written out by hand, so that a change to
``wandel.core.roles`` must be made here too, knowingly (issue 8). Permissions are the
stored strings, never the constants of the code under test."""

from __future__ import annotations

import pytest

from wandel.core.roles import permissions_for

EMPLOYEE = {
    "org.view_units",
    "portfolio.view_use_cases",
    "portfolio.submit_ideas",
    "enablement.view_trainings",
    "feedback.take_part",
}
EVERYTHING = {
    "org.view_units",
    "org.view_people",
    "org.manage_people",
    "org.manage_roles",
    "org.view_stakeholders",
    "org.manage_stakeholders",
    "org.log_engagement",
    "portfolio.view_use_cases",
    "portfolio.submit_ideas",
    "portfolio.own_use_cases",
    "portfolio.manage_use_cases",
    "portfolio.score_use_cases",
    "portfolio.configure_scoring",
    "portfolio.run_workshops",
    "governance.view_governance",
    "governance.decide",
    "governance.manage_budgets",
    "governance.manage_risks",
    "governance.review_ethics",
    "governance.run_dpia",
    "governance.view_codetermination",
    "governance.manage_codetermination",
    "governance.classify_ai_act",
    "governance.configure",
    "enablement.view_trainings",
    "enablement.manage_trainings",
    "enablement.view_literacy_people",
    "feedback.take_part",
    "feedback.manage_surveys",
    "feedback.view_results",
    "feedback.answer_feedback",
    "feedback.host_office_hours",
    "core.view_audit",
    "core.view_security_events",
    "core.configure",
}
# Role → what it adds to the employee permissions.
TABLE = {
    "admin": EVERYTHING - EMPLOYEE,
    "steering_committee": {
        "org.view_people",
        "org.view_stakeholders",
        "core.view_audit",
        "portfolio.manage_use_cases",
        "portfolio.score_use_cases",
        "governance.view_governance",
        "governance.decide",
        "governance.manage_budgets",
        "governance.view_codetermination",
        "feedback.view_results",
    },
    "product_owner": {
        "org.view_people",
        "org.view_stakeholders",
        "org.log_engagement",
        "portfolio.own_use_cases",
        "portfolio.run_workshops",
        "governance.view_governance",
        "governance.manage_budgets",
        "governance.classify_ai_act",
    },
    "ethics_board": {"governance.view_governance", "governance.review_ethics"},
    # Neither people nor the audit log; the governance records it needs (§ 80 (2) BetrVG).
    "works_council": {
        "org.view_stakeholders",
        "governance.view_governance",
        "governance.view_codetermination",
        "governance.manage_codetermination",
        "feedback.view_results",
    },
    "data_protection": {
        "core.view_audit",
        "governance.view_governance",
        "governance.run_dpia",
        "governance.view_codetermination",
        "governance.classify_ai_act",
        "feedback.view_results",
    },
    "it_security": {
        "core.view_audit",
        "governance.view_governance",
        "governance.manage_risks",
        "core.view_security_events",
    },
    # Trainers keep the catalogue and sessions and see each person's literacy status.
    "trainer": {
        "org.view_people",
        "portfolio.run_workshops",
        "enablement.manage_trainings",
        "enablement.view_literacy_people",
        "feedback.host_office_hours",
    },
    "employee": set(),
}


@pytest.mark.parametrize(("role", "adds"), TABLE.items())
def test_each_role_grants_exactly_the_hand_written_permissions(role, adds):
    assert {str(p) for p in permissions_for({role})} == EMPLOYEE | adds


def test_no_role_means_employee_rights_only():
    assert {str(p) for p in permissions_for(set())} == EMPLOYEE


def test_roles_add_up():
    assert {str(p) for p in permissions_for({"works_council", "trainer"})} == EMPLOYEE | {
        "org.view_stakeholders",
        "governance.view_governance",
        "governance.view_codetermination",
        "governance.manage_codetermination",
        "org.view_people",
        "portfolio.run_workshops",
        "enablement.manage_trainings",
        "enablement.view_literacy_people",
        "feedback.view_results",
        "feedback.host_office_hours",
    }


@pytest.mark.parametrize("permission", ["core.view_audit", "org.view_people"])
def test_the_works_council_sees_neither_the_audit_log_nor_people(permission):
    assert permission not in permissions_for({"works_council"})
