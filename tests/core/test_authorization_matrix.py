"""Every URL pattern and every API operation × every role, against tables written out by hand.

The walk reads the URL resolver and the ninja routers behind it (``tests.support.matrix``),
not the OpenAPI document: a page added without a name, or an API operation hidden from the
schema, has no entry here and fails ``test_every_page_is_in_the_matrix`` or
``test_every_api_operation_is_in_the_matrix``. ``test_the_matrix_sees_what_the_schema_hides``
shows that it does.

The expectations come in one slice per app, ``tests/<app>/authorization.py``, which
``tests.support.authorization`` finds and combines; a new app adds its own slice. Who may do
what is written out twice, on purpose: ``GRANTS`` below repeats, by hand, the role table of
``wandel.core.roles``. A change to that table fails here until it is made here too.

Outcomes are strict: allowed means 2xx or 3xx (never a redirect to the sign-in page), unless an
entry documents another status; refused means 403 or the sign-in redirect, and a refused
request must leave the database as it was (no new audit event, no row count changed).
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include
from django.urls import path as route
from ninja import Router

from tests.support.authorization import (
    DPO_ROLE,
    NOBODY,
    PUBLIC,
    SIGNED_IN,
    ObjectLevel,
    Operation,
    Page,
    combined,
    everything,
    matrix_slices,
)
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

P = Permission

# The role table, written out by hand (wandel.core.roles.ROLE_PERMISSIONS is the code under
# test). Every account has the employee's permissions.
EMPLOYEE = {P.VIEW_UNITS, P.VIEW_USE_CASES, P.SUBMIT_IDEAS, P.VIEW_TRAININGS, P.TAKE_PART}
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
        P.VIEW_TRAININGS,
        P.MANAGE_TRAININGS,
        P.VIEW_LITERACY_PEOPLE,
        P.TAKE_PART,
        P.MANAGE_SURVEYS,
        P.VIEW_SURVEY_RESULTS,
        P.ANSWER_FEEDBACK,
        P.HOST_OFFICE_HOURS,
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
        P.VIEW_SURVEY_RESULTS,
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
    "council": EMPLOYEE
    | {
        P.VIEW_STAKEHOLDERS,
        P.VIEW_GOVERNANCE,
        P.VIEW_CODETERMINATION,
        P.MANAGE_CODETERMINATION,
        P.VIEW_SURVEY_RESULTS,
    },
    "privacy": EMPLOYEE
    | {
        P.VIEW_AUDIT,
        P.VIEW_GOVERNANCE,
        P.RUN_DPIA,
        P.VIEW_CODETERMINATION,
        P.CLASSIFY_AI_ACT,
        P.VIEW_SURVEY_RESULTS,
    },
    "it": EMPLOYEE | {P.VIEW_AUDIT, P.VIEW_GOVERNANCE, P.MANAGE_RISKS, P.VIEW_SECURITY_EVENTS},
    "trainer": EMPLOYEE
    | {
        P.VIEW_PEOPLE,
        P.RUN_WORKSHOPS,
        P.MANAGE_TRAININGS,
        P.VIEW_LITERACY_PEOPLE,
        P.HOST_OFFICE_HOURS,
    },
    "employee": EMPLOYEE,
}
# Who holds the data-protection role itself (not only its permissions).
DPO_PERSONAS = {"privacy"}


SLICES = matrix_slices()
EXPECTED: dict[str, Page] = everything("pages", SLICES.values())
POST_DATA: dict[str, Mapping[str, str]] = everything("post_data", SLICES.values())
API_EXPECTED: dict[Operation, str] = everything("api", SLICES.values())
API_STATUSES: dict[Operation, int] = everything("api_statuses", SLICES.values())

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


def unlisted_pages(urlconf: str | object | None = None) -> list[str]:
    """The patterns of the resolver (named or not) that have no entry in the matrix."""
    return sorted(
        key for key in page_routes(urlconf) if key not in EXPECTED and admin_access(key) is None
    )


def test_every_app_has_a_slice_and_no_key_is_in_two():
    assert set(SLICES) == {"core", "org", "portfolio", "governance", "enablement", "feedback"}
    with pytest.raises(ValueError, match="claimed by two slices of the matrix: org:import"):
        combined([{"org:import": 1}, {"org:import": 2, "core:home": 3}])


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


def api_body(method: str, path: str, world: dict[str, int]) -> tuple[object, str | None]:
    """A valid request body, so that the permission check (not validation) decides."""
    if path.endswith("/import"):
        return {"file": SimpleUploadedFile("x.csv", b"unit_code,unit_name\n")}, None
    bodies = combined(s.api_bodies(world) for s in SLICES.values())
    body = bodies.get((method, path))
    if body is None:
        return None, None
    return json.dumps(body), "application/json"


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
