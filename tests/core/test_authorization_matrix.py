"""Every URL pattern and every API operation × every role, against a table written out here.

The walk reads the URL resolver and the ninja routers behind it (``tests.support.matrix``),
not the OpenAPI document: a page added without a name, or an API operation hidden from the
schema, has no entry here and fails ``test_every_page_is_in_the_matrix`` or
``test_every_api_operation_is_in_the_matrix``. ``test_the_matrix_sees_what_the_schema_hides``
shows that it does.

Who may do what is written out twice, on purpose: ``GRANTS`` below repeats, by hand, the role
table of ``wandel.core.roles``. A change to that table fails here until it is made here too.

Outcomes are strict: allowed means 2xx or 3xx (never a redirect to the sign-in page), unless an
entry documents another status; refused means 403 or the sign-in redirect, and a refused
request must leave the database as it was (no new audit event, no row count changed).
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include
from django.urls import path as route
from ninja import Router

from tests.support.matrix import (
    api_operations,
    api_url,
    fingerprint,
    fingerprint_query,
    page_routes,
    url_for,
)
from tests.support.personas import PERSONAS, make_user
from tests.support.world import World, build_world
from wandel.core.roles import Permission

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # every account
NOBODY = "nobody"
# Decisions reserved to whoever holds the data-protection role today; a programme admin,
# who holds every permission, does not take them.
DPO_ROLE = "role: data protection"


class ObjectLevel(str):
    """Declared with a broad permission, decided per object inside the view. The matrix's
    objects have no owner, so only holders of the given permission may act on them."""

    declared: str

    def __new__(cls, effective: str, declared: str = Permission.VIEW_USE_CASES) -> ObjectLevel:
        value = super().__new__(cls, effective)
        value.declared = declared
        return value


MANAGE_OR_OWNER = ObjectLevel(Permission.MANAGE_USE_CASES)
# The matrix's workshop has no participants, so only facilitators may open or vote in it.
RUN_OR_PARTICIPANT = ObjectLevel(Permission.RUN_WORKSHOPS)
# It has no facilitator either, and stand-in ballots are the facilitator's alone (hole 4):
# nobody may open its ballot page.
FACILITATOR_OR_PARTICIPANT = ObjectLevel("facilitator of this workshop")

P = Permission

# The role table, written out by hand (wandel.core.roles.ROLE_PERMISSIONS is the code under
# test). Every account has the employee's permissions.
EMPLOYEE = {P.VIEW_UNITS, P.VIEW_USE_CASES, P.SUBMIT_IDEAS}
GRANTS: dict[str, set[str]] = {
    "admin": {
        P.VIEW_UNITS,
        P.VIEW_PEOPLE,
        P.MANAGE_PEOPLE,
        P.MANAGE_ROLES,
        P.VIEW_STAKEHOLDERS,
        P.MANAGE_STAKEHOLDERS,
        P.LOG_ENGAGEMENT,
        P.VIEW_USE_CASES,
        P.SUBMIT_IDEAS,
        P.OWN_USE_CASES,
        P.MANAGE_USE_CASES,
        P.SCORE_USE_CASES,
        P.CONFIGURE_SCORING,
        P.RUN_WORKSHOPS,
        P.VIEW_GOVERNANCE,
        P.DECIDE,
        P.MANAGE_BUDGETS,
        P.MANAGE_RISKS,
        P.REVIEW_ETHICS,
        P.RUN_DPIA,
        P.VIEW_CODETERMINATION,
        P.MANAGE_CODETERMINATION,
        P.CLASSIFY_AI_ACT,
        P.CONFIGURE_GOVERNANCE,
        P.VIEW_AUDIT,
        P.VIEW_SECURITY_EVENTS,
        P.CONFIGURE,
    },
    "steerco": EMPLOYEE
    | {
        P.VIEW_PEOPLE,
        P.VIEW_STAKEHOLDERS,
        P.VIEW_AUDIT,
        P.MANAGE_USE_CASES,
        P.SCORE_USE_CASES,
        P.VIEW_GOVERNANCE,
        P.DECIDE,
        P.MANAGE_BUDGETS,
        P.VIEW_CODETERMINATION,
    },
    "owner": EMPLOYEE
    | {
        P.VIEW_PEOPLE,
        P.VIEW_STAKEHOLDERS,
        P.LOG_ENGAGEMENT,
        P.OWN_USE_CASES,
        P.RUN_WORKSHOPS,
        P.VIEW_GOVERNANCE,
        P.MANAGE_BUDGETS,
        P.CLASSIFY_AI_ACT,
    },
    "ethics": EMPLOYEE | {P.VIEW_GOVERNANCE, P.REVIEW_ETHICS},
    "council": EMPLOYEE | {P.VIEW_STAKEHOLDERS, P.VIEW_CODETERMINATION, P.MANAGE_CODETERMINATION},
    "privacy": EMPLOYEE
    | {P.VIEW_AUDIT, P.VIEW_GOVERNANCE, P.RUN_DPIA, P.VIEW_CODETERMINATION, P.CLASSIFY_AI_ACT},
    "it": EMPLOYEE | {P.VIEW_AUDIT, P.VIEW_GOVERNANCE, P.MANAGE_RISKS, P.VIEW_SECURITY_EVENTS},
    "trainer": EMPLOYEE | {P.VIEW_PEOPLE, P.RUN_WORKSHOPS},
    "employee": EMPLOYEE,
}
# Who holds the data-protection role itself (not only its permissions).
DPO_PERSONAS = {"privacy"}


@dataclass(frozen=True)
class Page:
    """Who may use a page, with which methods, and any status other than 2xx/3xx that a
    permitted request answers (``statuses``: method → status, each one a documented case)."""

    access: str
    methods: tuple[str, ...]
    statuses: dict[str, int] = field(default_factory=dict)
    # A different access for POST than for GET (the page shows to more than may change it).
    post_access: str | None = None

    def access_for(self, method: str) -> str:
        return self.post_access if method == "POST" and self.post_access else self.access


def view(access: str, **statuses: int) -> Page:
    """Shows something; a POST is answered 405."""
    return Page(access, ("GET",), statuses)


def form(access: str, *, empty: int | None = None, post: str | None = None) -> Page:
    """GET shows the form, POST submits it. ``empty``: the status of the matrix's empty POST
    when it is not the form shown again (200) or a redirect."""
    return Page(access, ("GET", "POST"), {"POST": empty} if empty else {}, post)


def action(access: str, *, empty: int | None = None) -> Page:
    """A button: POST only, GET is answered 405. ``empty`` as for ``form``."""
    return Page(access, ("POST",), {"POST": empty} if empty else {})


EXPECTED: dict[str, Page] = {
    "core:home": view(SIGNED_IN),
    "core:healthz": view(PUBLIC),
    "core:audit_log": view(P.VIEW_AUDIT),
    "core:security_events": view(P.VIEW_SECURITY_EVENTS),
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
    "portfolio:workshop_idea_add": action(P.RUN_WORKSHOPS),
    "portfolio:workshop_status": action(P.RUN_WORKSHOPS),
    "portfolio:workshop_vote": form(FACILITATOR_OR_PARTICIPANT),
    "portfolio:workshop_results_export": view(P.RUN_WORKSHOPS),
    "governance:use_case_governance": view(P.VIEW_GOVERNANCE),
    "governance:steering": view(P.VIEW_GOVERNANCE),
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
    "admin:index": form(P.CONFIGURE),
    "login": form(PUBLIC),
    "logout": action(SIGNED_IN),
    "password_change": form(SIGNED_IN),
    "password_change_done": view(SIGNED_IN),
    "password_reset": form(PUBLIC),
    "password_reset_done": view(PUBLIC),
    "password_reset_confirm": form(PUBLIC),
    "password_reset_complete": view(PUBLIC),
    "invitation_accept": form(PUBLIC),
    "invitation_complete": view(PUBLIC),
    "invitation_send": action(P.MANAGE_ROLES),
    "set_language": form(PUBLIC),
    # Unnamed patterns: keyed by their route.
    "governance/": form(SIGNED_IN),  # a redirect to the steering page, for any method
    "^api/": Page(PUBLIC, ("GET", "POST"), {"GET": 404, "POST": 404}),  # the API's JSON 404
    # The API's own pages (ninja): its schema and documentation, and its root (a 404).
    "api:openapi-json": form(PUBLIC),
    "api:openapi-view": form(PUBLIC),
    "api:api-root": Page(PUBLIC, ("GET", "POST"), {"GET": 404, "POST": 404}),
}

# The admin site: the pages Django makes for each registered model, and its own pages. They
# are all the admin's (``core.configure``, WandelAdminSite.has_permission); a pattern under
# admin/ that is neither of these (a ModelAdmin's own URL) needs an entry in EXPECTED.
ADMIN_MODEL_PAGES = ("changelist", "add", "history", "delete", "change")
ADMIN_SITE_PAGES = {
    "admin:login": PUBLIC,
    "admin:logout": SIGNED_IN,
    "admin:password_change": P.CONFIGURE,
    "admin:password_change_done": P.CONFIGURE,
    "admin:autocomplete": P.CONFIGURE,
    "admin:jsi18n": P.CONFIGURE,
    "admin:view_on_site": P.CONFIGURE,
    "admin:app_list": P.CONFIGURE,
    "admin/(?P<url>.*)$": P.CONFIGURE,
}


def is_admin_model_page(key: str) -> bool:
    """``admin:<app>_<model>_<page>``, or the unnamed ``admin/<app>/<model>/<path:object_id>/``
    redirect to the change page."""
    if key.startswith("admin:"):
        return key.rsplit("_", 1)[-1] in ADMIN_MODEL_PAGES
    parts = key.split("/")
    return len(parts) == 5 and parts[0] == "admin" and parts[3] == "<path:object_id>"


def admin_access(key: str) -> str | None:
    if key in ADMIN_SITE_PAGES:
        return ADMIN_SITE_PAGES[key]
    return P.CONFIGURE if is_admin_model_page(key) else None


# POST data for actions whose empty POST would be refused before the role is checked.
POST_DATA: dict[str, dict[str, str]] = {
    "portfolio:use_case_move": {"to": "rejected", "reason": "matrix"},
    "portfolio:fact_change_decide": {"decision": "reject"},
    "governance:classification_decide": {"decision": "reject"},
}


def unlisted_pages(urlconf: str | object | None = None) -> list[str]:
    """The patterns of the resolver (named or not) that have no entry in the matrix."""
    return sorted(
        key for key in page_routes(urlconf) if key not in EXPECTED and admin_access(key) is None
    )


def test_every_page_is_in_the_matrix():
    assert unlisted_pages() == []
    assert sorted(set(EXPECTED) - set(page_routes())) == []


def test_views_declare_the_permission_the_matrix_expects():
    from django.urls import get_resolver

    for name, page in EXPECTED.items():
        expected = page.access
        if expected in (PUBLIC, SIGNED_IN) or "/" in name or name.startswith(("admin:", "api:")):
            continue
        declared = expected.declared if isinstance(expected, ObjectLevel) else expected
        if expected == DPO_ROLE:
            # The view lets in who may run DPIAs; the action itself asks for the role.
            declared = P.RUN_DPIA
        match = get_resolver().resolve(url_for(name, {}))
        assert getattr(match.func, "required_permission", None) == declared, name


@pytest.fixture
def world(db) -> World:
    return build_world()


def allowed(access: str, persona: str) -> bool:
    """From the tables above only: never from the role table under test."""
    if access == PUBLIC:
        return True
    if persona == "anonymous" or access == NOBODY:
        return False
    if access == SIGNED_IN:
        return True
    if access == DPO_ROLE:
        return persona in DPO_PERSONAS
    return access in GRANTS[persona]


def is_sign_in_redirect(response: HttpResponse) -> bool:
    return response.status_code == 302 and "/login/?next=" in response.headers.get("Location", "")


def judge(response: HttpResponse, *, permitted: bool, takes: bool, documented: int | None) -> str:
    """'' when the answer is what the table says, otherwise what is wrong with it."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    refused = status == 403 or is_sign_in_redirect(response)
    if not takes:
        # A method the page does not take: 405 for whoever may use the page; a refusal
        # (or the 405, for decorators checked first) for anyone else.
        if permitted:
            return "" if status == 405 else f"expected 405, got {status}"
        return "" if refused or status == 405 else f"expected a refusal, got {status}"
    if not permitted:
        return "" if refused else f"expected a refusal, got {status}"
    if documented is not None:
        return "" if status == documented else f"expected {documented}, got {status}"
    if refused or not 200 <= status < 400:
        return f"expected 2xx/3xx, got {status}"
    return ""


def check_pages(persona: str, world: World, keys: list[str]) -> list[str]:
    user = None if persona == "anonymous" else make_user(*PERSONAS[persona])
    query = fingerprint_query()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    mismatches = []
    for key in keys:
        page = EXPECTED.get(key)
        url = url_for(key, world)
        for method in ("GET", "POST"):
            if page is None:  # the admin site's pages
                access = admin_access(key) or NOBODY
                takes, documented = True, None
                if persona == "admin" and key != "admin:index":
                    # What an admin may do on a model's page is the ModelAdmin's decision
                    # (read-only for records that change through services): not checked here.
                    continue
            else:
                access = page.access_for(method)
                takes, documented = method in page.methods, page.statuses.get(method)
            permitted = allowed(access, persona)
            before = None if permitted else fingerprint(query)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, POST_DATA.get(key, {}))
            problem = judge(response, permitted=permitted, takes=takes, documented=documented)
            if not problem and before is not None and fingerprint(query) != before:
                problem = "refused, but the database changed"
            if problem:
                mismatches.append(f"{method} {key}: {problem}")
    return mismatches


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_each_role_gets_exactly_what_the_matrix_says(persona, world):
    keys = [key for key in page_routes() if key not in ("logout", "admin:logout")]
    # Signing out ends the session: last.
    mismatches = check_pages(persona, world, [*keys, "admin:logout", "logout"])
    assert not mismatches, "\n".join(mismatches)


def test_the_matrix_refuses_404_400_and_405_as_allowed():
    def answer(status: int) -> HttpResponse:
        return HttpResponse(status=status)

    for status in (400, 404, 405):
        assert judge(answer(status), permitted=True, takes=True, documented=None)
    assert judge(answer(404), permitted=True, takes=True, documented=404) == ""
    assert judge(answer(200), permitted=False, takes=True, documented=None)
    assert judge(answer(200), permitted=True, takes=False, documented=None)


# API -----------------------------------------------------------------------------------

API_EXPECTED: dict[tuple[str, str], str] = {
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
    ("get", "/api/v1/audit-events"): P.VIEW_AUDIT,
    ("get", "/api/v1/use-cases"): P.VIEW_USE_CASES,
    ("get", "/api/v1/use-cases/{use_case_id}"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases"): P.SUBMIT_IDEAS,
    ("patch", "/api/v1/use-cases/{use_case_id}"): MANAGE_OR_OWNER,
    ("put", "/api/v1/use-cases/{use_case_id}/scores"): P.SCORE_USE_CASES,
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


def api_body(method: str, path: str, world: dict[str, int]) -> tuple[object, str | None]:
    """A valid request body, so that the permission check (not validation) decides."""
    if path.endswith("/import"):
        return {"file": SimpleUploadedFile("x.csv", b"unit_code,unit_name\n")}, None
    bodies: dict[tuple[str, str], object] = {
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
        ("patch", "/api/v1/governance/mitigations/{mitigation_id}"): {"status": "done"},
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
    body = bodies.get((method, path))
    if body is None:
        return None, None
    return json.dumps(body), "application/json"


# Statuses other than 2xx/3xx that a permitted request answers: the permission check let the
# request through and a rule of the action refused it, for the reason given.
API_STATUSES: dict[tuple[str, str], int] = {
    # The matrix's CSV has only the unit columns.
    ("post", "/api/v1/people/import"): 400,
    # The world's use case is an idea of the workshop already.
    ("post", "/api/v1/workshops/{workshop_id}/ideas/link"): 400,
    # The world's workshop has no participants to vote.
    ("post", "/api/v1/workshops/{workshop_id}/status"): 400,
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


def unlisted_operations(urlconf: str | object | None = None) -> list[tuple[str, str]]:
    """The operations of the routers (schema-hidden ones too) without an entry in the matrix."""
    return sorted(set(api_operations(urlconf)) - set(API_EXPECTED))


def test_every_api_operation_is_in_the_matrix():
    assert unlisted_operations() == []
    assert sorted(set(API_EXPECTED) - set(api_operations())) == []


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_each_role_gets_exactly_what_the_api_matrix_says(persona, world):
    from wandel.core.tokens import api_token_create

    headers = {}
    if persona != "anonymous":
        user = make_user(*PERSONAS[persona])
        headers = {"Authorization": f"Bearer {api_token_create(user=user, name='m')[1]}"}
    query = fingerprint_query()
    client = Client()
    mismatches = []
    for (method, path), access in API_EXPECTED.items():
        data, content_type = api_body(method, path, world)
        extra = {"content_type": content_type} if content_type else {}
        permitted = allowed(access, persona)
        before = None if permitted else fingerprint(query)
        response = getattr(client, method)(api_url(path, world), data, headers=headers, **extra)
        status = response.status_code
        if persona == "anonymous":
            problem = "" if status == 401 else f"expected 401, got {status}"
        elif not permitted:
            problem = "" if status == 403 else f"expected 403, got {status}"
        elif (method, path) in API_STATUSES:
            want = API_STATUSES[(method, path)]
            problem = "" if status == want else f"expected {want}, got {status}"
        else:
            problem = "" if 200 <= status < 400 else f"expected 2xx/3xx, got {status}"
        if not problem and before is not None and fingerprint(query) != before:
            problem = "refused, but the database changed"
        if problem:
            mismatches.append(f"{method} {path}: {problem} {response.content[:200]!r}")
    assert not mismatches, "\n".join(mismatches)


# The test of the test ------------------------------------------------------------------


def leak_every_email(request: HttpRequest) -> HttpResponse:
    """What the matrix once let through: an unnamed page listing every address."""
    from wandel.org.models import Person

    return HttpResponse(", ".join(Person.objects.values_list("email", flat=True)))


def probe_urlconf() -> types.ModuleType:
    """The project's URLs plus an unnamed page and an API with an operation hidden from the
    schema, as a module ``override_settings(ROOT_URLCONF=...)`` accepts."""
    from wandel import urls
    from wandel.core.api.site import build_api

    hidden = Router()

    @hidden.get("/every-email", include_in_schema=False)
    def every_email(request: HttpRequest) -> list[str]:
        return []

    api = build_api()
    api.add_router("/probe", hidden)
    module = types.ModuleType("matrix_probe_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        *urls.urlpatterns[:-2],
        route("org/everyone/", leak_every_email),
        route("api/v1/", include((api.urls[0], "api"), namespace="api")),
        *urls.urlpatterns[-1:],
    ]
    return module


def test_the_matrix_sees_what_the_schema_hides(db):
    urlconf = probe_urlconf()
    with override_settings(ROOT_URLCONF=urlconf):
        assert unlisted_pages(urlconf) == ["org/everyone/"]
        assert unlisted_operations(urlconf) == [("get", "/api/v1/probe/every-email")]
        client = Client()
        client.force_login(make_user(*PERSONAS["admin"]))
        schema = client.get("/api/v1/openapi.json").json()
        assert "/api/v1/probe/every-email" not in schema["paths"]
