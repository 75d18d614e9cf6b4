"""Roles and what each may do: the one table every view, API endpoint and export consults.

Permissions are strings of the form ``app.codename`` so that Django's own machinery
(``user.has_perm``, ``{{ perms }}`` in templates, the admin) can use them unchanged.
Every signed-in account has the employee permissions; other roles add to them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Programme admin")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    PRODUCT_OWNER = "product_owner", _("Product owner")
    ETHICS_BOARD = "ethics_board", _("Ethics board")
    WORKS_COUNCIL = "works_council", _("Works council")
    DATA_PROTECTION = "data_protection", _("Data protection")
    IT_SECURITY = "it_security", _("IT & security")
    TRAINER = "trainer", _("Trainer")
    EMPLOYEE = "employee", _("Employee")


class Permission(models.TextChoices):
    VIEW_UNITS = "org.view_units", _("See the unit tree")
    VIEW_PEOPLE = "org.view_people", _("See people and their roles")
    MANAGE_PEOPLE = "org.manage_people", _("Edit and import units and people")
    MANAGE_ROLES = "org.manage_roles", _("Assign and end roles")
    VIEW_STAKEHOLDERS = "org.view_stakeholders", _("See stakeholder groups")
    MANAGE_STAKEHOLDERS = "org.manage_stakeholders", _("Edit stakeholder groups")
    LOG_ENGAGEMENT = "org.log_engagement", _("Record stakeholder touchpoints")
    VIEW_USE_CASES = "portfolio.view_use_cases", _("See the use-case portfolio")
    SUBMIT_IDEAS = "portfolio.submit_ideas", _("Submit use-case ideas and comment")
    OWN_USE_CASES = "portfolio.own_use_cases", _("Edit and advance own use cases, KPIs")
    MANAGE_USE_CASES = "portfolio.manage_use_cases", _("Edit, approve and move any use case")
    SCORE_USE_CASES = "portfolio.score_use_cases", _("Score use cases")
    CONFIGURE_SCORING = "portfolio.configure_scoring", _("Configure scoring criteria")
    RUN_WORKSHOPS = "portfolio.run_workshops", _("Run use-case workshops")
    VIEW_GOVERNANCE = "governance.view_governance", _("See decisions, risks and reviews")
    DECIDE = "governance.decide", _("Record steering-committee decisions, run meetings")
    MANAGE_BUDGETS = "governance.manage_budgets", _("Request budgets and record spending")
    MANAGE_RISKS = "governance.manage_risks", _("Keep the risk register")
    REVIEW_ETHICS = "governance.review_ethics", _("Run ethics reviews, edit the checklist")
    RUN_DPIA = "governance.run_dpia", _("Check DPIA thresholds, keep DPIAs")
    VIEW_CODETERMINATION = (
        "governance.view_codetermination",
        _("See co-determination items and agreement status"),
    )
    MANAGE_CODETERMINATION = (
        "governance.manage_codetermination",
        _("Record works-council involvement"),
    )
    CLASSIFY_AI_ACT = "governance.classify_ai_act", _("Classify use cases under the EU AI Act")
    CONFIGURE_GOVERNANCE = "governance.configure", _("Configure bodies and questionnaires")
    VIEW_TRAININGS = (
        "enablement.view_trainings",
        _("See trainings, enrol, see one's path and literacy coverage"),
    )
    MANAGE_TRAININGS = (
        "enablement.manage_trainings",
        _("Keep courses, paths and sessions; enrol others, take attendance"),
    )
    VIEW_LITERACY_PEOPLE = (
        "enablement.view_literacy_people",
        _("See each person's AI-literacy status"),
    )
    TAKE_PART = (
        "feedback.take_part",
        _("Answer surveys, give feedback and ideas, book office hours"),
    )
    MANAGE_SURVEYS = (
        "feedback.manage_surveys",
        _("Create surveys, open and close waves, invite and remind"),
    )
    VIEW_SURVEY_RESULTS = (
        "feedback.view_results",
        _("See survey results (only groups large enough to stay anonymous)"),
    )
    ANSWER_FEEDBACK = (
        "feedback.answer_feedback",
        _("Answer feedback and ideas, promote ideas to use cases"),
    )
    HOST_OFFICE_HOURS = "feedback.host_office_hours", _("Host office hours")
    VIEW_AUDIT = "core.view_audit", _("Read the audit log")
    VIEW_SECURITY_EVENTS = (
        "core.view_security_events",
        _("See sign-in and password events (IT security)"),
    )
    CONFIGURE = "core.configure", _("Configure Wandel (admin site)")


EMPLOYEE_PERMISSIONS = frozenset(
    {
        Permission.VIEW_UNITS,
        Permission.VIEW_USE_CASES,
        Permission.SUBMIT_IDEAS,
        Permission.VIEW_TRAININGS,
        Permission.TAKE_PART,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.STEERING_COMMITTEE: frozenset(
        {
            Permission.VIEW_PEOPLE,
            Permission.VIEW_STAKEHOLDERS,
            Permission.VIEW_AUDIT,
            Permission.MANAGE_USE_CASES,
            Permission.SCORE_USE_CASES,
            Permission.VIEW_GOVERNANCE,
            Permission.DECIDE,
            Permission.MANAGE_BUDGETS,
            Permission.VIEW_CODETERMINATION,
            Permission.VIEW_SURVEY_RESULTS,
        }
    ),
    Role.PRODUCT_OWNER: frozenset(
        {
            Permission.VIEW_PEOPLE,
            Permission.VIEW_STAKEHOLDERS,
            Permission.LOG_ENGAGEMENT,
            Permission.OWN_USE_CASES,
            Permission.RUN_WORKSHOPS,
            Permission.VIEW_GOVERNANCE,
            Permission.MANAGE_BUDGETS,
            Permission.CLASSIFY_AI_ACT,
        }
    ),
    Role.ETHICS_BOARD: frozenset({Permission.VIEW_GOVERNANCE, Permission.REVIEW_ETHICS}),
    # The works council records its own assessment of every use case and reads the other
    # governance records (classification, DPIA, risks, decisions): § 80 (2) BetrVG entitles
    # it to the information its tasks need.
    Role.WORKS_COUNCIL: frozenset(
        {
            Permission.VIEW_STAKEHOLDERS,
            Permission.VIEW_GOVERNANCE,
            Permission.VIEW_CODETERMINATION,
            Permission.MANAGE_CODETERMINATION,
            Permission.VIEW_SURVEY_RESULTS,
        }
    ),
    Role.DATA_PROTECTION: frozenset(
        {
            Permission.VIEW_AUDIT,
            Permission.VIEW_GOVERNANCE,
            Permission.RUN_DPIA,
            Permission.VIEW_CODETERMINATION,
            Permission.CLASSIFY_AI_ACT,
            Permission.VIEW_SURVEY_RESULTS,
        }
    ),
    Role.IT_SECURITY: frozenset(
        {
            Permission.VIEW_AUDIT,
            Permission.VIEW_GOVERNANCE,
            Permission.MANAGE_RISKS,
            Permission.VIEW_SECURITY_EVENTS,
        }
    ),
    Role.TRAINER: frozenset(
        {
            Permission.VIEW_PEOPLE,
            Permission.RUN_WORKSHOPS,
            Permission.MANAGE_TRAININGS,
            Permission.VIEW_LITERACY_PEOPLE,
            Permission.HOST_OFFICE_HOURS,
        }
    ),
    Role.EMPLOYEE: EMPLOYEE_PERMISSIONS,
}


def permissions_for(roles: set[str] | frozenset[str]) -> frozenset[str]:
    """Everything the holder of these roles may do (employee rights always included)."""
    granted: set[str] = set(EMPLOYEE_PERMISSIONS)
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(Role(role), frozenset())
    return frozenset(granted)
