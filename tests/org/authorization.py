"""The authorization matrix's slice for the organisation: units, people, roles, imports,
stakeholders."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import (
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
    "org:unit_list": view(P.VIEW_UNITS),
    "org:unit_detail": view(P.VIEW_UNITS),
    "org:unit_create": form(P.MANAGE_PEOPLE),
    "org:unit_edit": form(P.MANAGE_PEOPLE),
    "org:person_list": view(P.VIEW_PEOPLE),
    "org:person_detail": view(P.VIEW_PEOPLE),
    "org:person_create": form(P.MANAGE_PEOPLE),
    "org:person_edit": form(P.MANAGE_PEOPLE),
    "org:person_role_assign": action(P.MANAGE_ROLES, empty=400),
    "org:person_account_create": action(P.MANAGE_ROLES),
    "org:role_end": action(P.MANAGE_ROLES),
    "org:import": form(P.MANAGE_PEOPLE),
    "org:import_template": view(P.MANAGE_PEOPLE),
    "org:stakeholder_list": view(P.VIEW_STAKEHOLDERS),
    "org:stakeholder_detail": view(P.VIEW_STAKEHOLDERS),
    "org:stakeholder_create": form(P.MANAGE_STAKEHOLDERS),
    "org:stakeholder_edit": form(P.MANAGE_STAKEHOLDERS),
    "org:concern_create": action(P.MANAGE_STAKEHOLDERS, empty=400),
    "org:concern_respond": action(P.MANAGE_STAKEHOLDERS),
    "org:touchpoint_create": action(P.LOG_ENGAGEMENT, empty=400),
}

API: dict[Operation, str] = {
    ("get", "/api/v1/units"): P.VIEW_UNITS,
    ("get", "/api/v1/units/{unit_id}"): P.VIEW_UNITS,
    ("get", "/api/v1/people"): P.VIEW_PEOPLE,
    ("get", "/api/v1/people/{person_id}"): P.VIEW_PEOPLE,
    ("post", "/api/v1/people/import"): P.MANAGE_PEOPLE,
    ("post", "/api/v1/units/import"): P.MANAGE_PEOPLE,
    ("post", "/api/v1/units"): P.MANAGE_PEOPLE,
    ("patch", "/api/v1/units/{unit_id}"): P.MANAGE_PEOPLE,
    ("post", "/api/v1/people"): P.MANAGE_PEOPLE,
    ("patch", "/api/v1/people/{person_id}"): P.MANAGE_PEOPLE,
    ("get", "/api/v1/people/{person_id}/roles"): P.VIEW_PEOPLE,
    ("post", "/api/v1/people/{person_id}/roles"): P.MANAGE_ROLES,
    ("post", "/api/v1/role-assignments/{assignment_id}/end"): P.MANAGE_ROLES,
    ("get", "/api/v1/stakeholder-groups"): P.VIEW_STAKEHOLDERS,
    ("get", "/api/v1/stakeholder-groups/{group_id}"): P.VIEW_STAKEHOLDERS,
    ("post", "/api/v1/stakeholder-groups"): P.MANAGE_STAKEHOLDERS,
    ("patch", "/api/v1/stakeholder-groups/{group_id}"): P.MANAGE_STAKEHOLDERS,
    ("post", "/api/v1/stakeholder-groups/{group_id}/concerns"): P.MANAGE_STAKEHOLDERS,
    ("post", "/api/v1/concerns/{concern_id}/answer"): P.MANAGE_STAKEHOLDERS,
    ("post", "/api/v1/stakeholder-groups/{group_id}/touchpoints"): P.LOG_ENGAGEMENT,
}

# Statuses other than 2xx/3xx that a permitted request answers: the permission check let
# the request through and a rule of the action refused it, for the reason given.
API_STATUSES: dict[Operation, int] = {
    # The matrix's CSV has only the unit columns.
    ("post", "/api/v1/people/import"): 400,
}


def api_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    """Valid bodies, so that the permission check (not validation) decides."""
    return {
        ("post", "/api/v1/units"): {"code": "MX", "name": "Matrix X", "parent": "M"},
        ("patch", "/api/v1/units/{unit_id}"): {"name": "Matrix"},
        ("post", "/api/v1/people"): {
            "employee_id": "MX1",
            "email": "matrix.new@example.com",
            "first_name": "Matrix",
            "last_name": "New",
            "unit": "M",
        },
        ("patch", "/api/v1/people/{person_id}"): {"job_title": "Matrix"},
        ("post", "/api/v1/people/{person_id}/roles"): {"role": "ethics_board"},
        ("post", "/api/v1/role-assignments/{assignment_id}/end"): {},
        ("post", "/api/v1/stakeholder-groups"): {"name": "Matrix new", "power": 2, "interest": 2},
        ("patch", "/api/v1/stakeholder-groups/{group_id}"): {"power": 4},
        ("post", "/api/v1/stakeholder-groups/{group_id}/concerns"): {"text": "Matrix concern"},
        ("post", "/api/v1/concerns/{concern_id}/answer"): {"response": "Matrix answer"},
        ("post", "/api/v1/stakeholder-groups/{group_id}/touchpoints"): {
            "kind": "meeting",
            "summary": "Matrix touchpoint",
        },
    }


SLICE = Slice(PAGES, api=API, api_statuses=API_STATUSES, api_bodies=api_bodies)
