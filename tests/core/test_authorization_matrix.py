"""Every URL × every role, generated from the URL configuration.

A page that is added without an entry in EXPECTED fails ``test_every_page_is_in_the_matrix``,
so nobody can add a page and forget to decide who may see it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.personas import PERSONAS, make_person, make_user
from tests.portfolio.factories import make_use_case
from wandel.core.models import User
from wandel.core.roles import Permission, permissions_for
from wandel.org.models import Concern, RoleAssignment, StakeholderGroup, Unit
from wandel.portfolio.models import Criterion, Kpi, QualityRequirement, Workshop

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # every account


class ObjectLevel(str):
    """Declared with VIEW_USE_CASES, decided per object inside the view. The matrix's use case
    has no product owner, so only holders of the given permission may act on it."""


MANAGE_OR_OWNER = ObjectLevel(Permission.MANAGE_USE_CASES)
# The matrix's workshop has no participants, so only facilitators may open or vote in it.
RUN_OR_PARTICIPANT = ObjectLevel(Permission.RUN_WORKSHOPS)

P = Permission
EXPECTED: dict[str, str] = {
    "core:home": SIGNED_IN,
    "core:healthz": PUBLIC,
    "core:audit_log": P.VIEW_AUDIT,
    "org:unit_list": P.VIEW_UNITS,
    "org:unit_detail": P.VIEW_UNITS,
    "org:unit_create": P.MANAGE_PEOPLE,
    "org:unit_edit": P.MANAGE_PEOPLE,
    "org:person_list": P.VIEW_PEOPLE,
    "org:person_detail": P.VIEW_PEOPLE,
    "org:person_create": P.MANAGE_PEOPLE,
    "org:person_edit": P.MANAGE_PEOPLE,
    "org:person_role_assign": P.MANAGE_ROLES,
    "org:person_account_create": P.MANAGE_ROLES,
    "org:role_end": P.MANAGE_ROLES,
    "org:import": P.MANAGE_PEOPLE,
    "org:import_template": P.MANAGE_PEOPLE,
    "org:stakeholder_list": P.VIEW_STAKEHOLDERS,
    "org:stakeholder_detail": P.VIEW_STAKEHOLDERS,
    "org:stakeholder_create": P.MANAGE_STAKEHOLDERS,
    "org:stakeholder_edit": P.MANAGE_STAKEHOLDERS,
    "org:concern_create": P.MANAGE_STAKEHOLDERS,
    "org:concern_respond": P.MANAGE_STAKEHOLDERS,
    "org:touchpoint_create": P.LOG_ENGAGEMENT,
    "portfolio:use_case_list": P.VIEW_USE_CASES,
    "portfolio:use_case_export": P.VIEW_USE_CASES,
    "portfolio:matrix": P.VIEW_USE_CASES,
    "portfolio:funnel": P.VIEW_USE_CASES,
    "portfolio:use_case_create": P.SUBMIT_IDEAS,
    "portfolio:use_case_similar": P.VIEW_USE_CASES,
    "portfolio:criteria": P.CONFIGURE_SCORING,
    "portfolio:criterion_edit": P.CONFIGURE_SCORING,
    "portfolio:use_case_detail": P.VIEW_USE_CASES,
    "portfolio:use_case_edit": MANAGE_OR_OWNER,
    "portfolio:use_case_score": P.SCORE_USE_CASES,
    "portfolio:use_case_move": MANAGE_OR_OWNER,
    "portfolio:use_case_team": MANAGE_OR_OWNER,
    "portfolio:comment_create": P.SUBMIT_IDEAS,
    "portfolio:requirement_create": MANAGE_OR_OWNER,
    "portfolio:requirement_update": MANAGE_OR_OWNER,
    "portfolio:kpi_create": MANAGE_OR_OWNER,
    "portfolio:measurement_create": MANAGE_OR_OWNER,
    "portfolio:workshop_list": P.RUN_WORKSHOPS,
    "portfolio:workshop_create": P.RUN_WORKSHOPS,
    "portfolio:workshop_edit": P.RUN_WORKSHOPS,
    "portfolio:workshop_detail": RUN_OR_PARTICIPANT,
    "portfolio:workshop_idea_create": P.RUN_WORKSHOPS,
    "portfolio:workshop_idea_add": P.RUN_WORKSHOPS,
    "portfolio:workshop_status": P.RUN_WORKSHOPS,
    "portfolio:workshop_vote": RUN_OR_PARTICIPANT,
    "portfolio:workshop_results_export": P.RUN_WORKSHOPS,
    "admin:index": P.CONFIGURE,
    "login": PUBLIC,
    "logout": SIGNED_IN,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": PUBLIC,
}

# The API is checked endpoint by endpoint against its OpenAPI document below.
SKIPPED_NAMESPACES = {"api"}
POST_ONLY = {
    "org:person_role_assign",
    "org:person_account_create",
    "org:role_end",
    "org:concern_create",
    "org:concern_respond",
    "org:touchpoint_create",
    "logout",
    "set_language",
    "portfolio:use_case_move",
    "portfolio:workshop_idea_create",
    "portfolio:workshop_idea_add",
    "portfolio:workshop_status",
    "portfolio:comment_create",
    "portfolio:requirement_create",
    "portfolio:requirement_update",
    "portfolio:kpi_create",
    "portfolio:measurement_create",
}
POST_DATA: dict[str, dict[str, str]] = {
    "portfolio:use_case_move": {"to": "rejected", "reason": "matrix"},
}


def named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in SKIPPED_NAMESPACES:
                continue
            if namespace == "admin":
                yield "admin:index"
                continue
            yield from named_patterns(pattern, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


def test_every_page_is_in_the_matrix():
    assert set(named_patterns()) == set(EXPECTED)


def test_views_declare_the_permission_the_matrix_expects():
    for name, expected in EXPECTED.items():
        if expected in (PUBLIC, SIGNED_IN) or name.startswith("admin:"):
            continue
        declared = P.VIEW_USE_CASES if isinstance(expected, ObjectLevel) else expected
        match = get_resolver().resolve(url_for(name, {}))
        assert getattr(match.func, "required_permission", None) == declared, name


def url_for(name: str, objects: dict[str, int]) -> str:
    kwargs: dict[str, object] = {
        "org:unit_detail": {"pk": objects.get("unit", 1)},
        "org:unit_edit": {"pk": objects.get("unit", 1)},
        "org:person_detail": {"pk": objects.get("person", 1)},
        "org:person_edit": {"pk": objects.get("person", 1)},
        "org:person_role_assign": {"pk": objects.get("person", 1)},
        "org:person_account_create": {"pk": objects.get("person", 1)},
        "org:role_end": {"pk": objects.get("assignment", 1)},
        "org:import_template": {"kind": "people", "fmt": "csv"},
        "org:stakeholder_detail": {"pk": objects.get("group", 1)},
        "org:stakeholder_edit": {"pk": objects.get("group", 1)},
        "org:concern_create": {"pk": objects.get("group", 1)},
        "org:concern_respond": {"pk": objects.get("concern", 1)},
        "org:touchpoint_create": {"pk": objects.get("group", 1)},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "portfolio:use_case_export": {"fmt": "csv"},
        "portfolio:criterion_edit": {"pk": objects.get("criterion", 1)},
        "portfolio:use_case_detail": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_edit": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_score": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_move": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_team": {"pk": objects.get("use_case", 1)},
        "portfolio:comment_create": {"pk": objects.get("use_case", 1)},
        "portfolio:requirement_create": {"pk": objects.get("use_case", 1)},
        "portfolio:requirement_update": {"pk": objects.get("requirement", 1)},
        "portfolio:kpi_create": {"pk": objects.get("use_case", 1)},
        "portfolio:measurement_create": {"pk": objects.get("kpi", 1)},
        "portfolio:workshop_edit": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_detail": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_idea_create": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_idea_add": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_status": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_vote": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_results_export": {"pk": objects.get("workshop", 1), "fmt": "csv"},
    }.get(name, {})  # type: ignore[assignment]
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def world(db) -> dict[str, int]:
    unit = Unit.objects.create(code="M", name="Matrix")
    person = make_person(unit=unit, account=False)
    assignment = RoleAssignment.objects.create(
        person=person, role="trainer", assigned_on="2020-01-01"
    )
    group = StakeholderGroup.objects.create(name="Matrix group", power=3, interest=3)
    concern = Concern.objects.create(group=group, text="A concern")
    use_case = make_use_case(unit=unit)
    workshop = Workshop.objects.create(title="Matrix workshop", held_on="2026-11-01")
    workshop.ideas.add(use_case)
    requirement = QualityRequirement.objects.create(use_case=use_case, text="Matrix criterion")
    kpi = Kpi.objects.create(
        use_case=use_case,
        name="Matrix KPI",
        unit_of_measure="min",
        direction="lower",
        baseline_value=10,
        baseline_date="2025-01-01",
        target_value=5,
        target_date="2025-12-31",
    )
    return {
        "requirement": requirement.pk,
        "criterion": Criterion.objects.filter(active=True).first().pk,
        "kpi": kpi.pk,
        "use_case": use_case.pk,
        "workshop": workshop.pk,
        "unit": unit.pk,
        "person": person.pk,
        "assignment": assignment.pk,
        "group": group.pk,
        "concern": concern.pk,
    }


def allowed(expected: str, user: User | None) -> bool:
    if expected == PUBLIC:
        return True
    if user is None:
        return False
    if expected == SIGNED_IN:
        return True
    roles = {a.role for a in RoleAssignment.objects.current().filter(person__user=user)}
    return expected in permissions_for(roles)


def outcome(client: Client, name: str, url: str) -> str:
    response = client.post(url, POST_DATA.get(name, {})) if name in POST_ONLY else client.get(url)
    location = response.headers.get("Location", "")
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302 and "/login/?next=" in location:
        return "denied"
    assert response.status_code < 500, (name, response.status_code)
    return "allowed"


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_each_role_gets_exactly_what_the_matrix_says(persona, world):
    user = None if persona == "anonymous" else make_user(*PERSONAS[persona])
    mismatches = []
    for name, expected in EXPECTED.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user)
        want = "allowed" if allowed(expected, user) else "denied"
        got = outcome(client, name, url_for(name, world))
        if got != want:
            mismatches.append(f"{name}: expected {want}, got {got}")
    assert not mismatches, "\n".join(mismatches)


# API -----------------------------------------------------------------------------------

API_EXPECTED: dict[tuple[str, str], Permission] = {
    ("get", "/api/v1/units"): P.VIEW_UNITS,
    ("get", "/api/v1/units/{unit_id}"): P.VIEW_UNITS,
    ("get", "/api/v1/people"): P.VIEW_PEOPLE,
    ("get", "/api/v1/people/{person_id}"): P.VIEW_PEOPLE,
    ("post", "/api/v1/people/import"): P.MANAGE_PEOPLE,
    ("post", "/api/v1/units/import"): P.MANAGE_PEOPLE,
    ("get", "/api/v1/use-cases"): P.VIEW_USE_CASES,
    ("get", "/api/v1/use-cases/{use_case_id}"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases"): P.SUBMIT_IDEAS,
    ("patch", "/api/v1/use-cases/{use_case_id}"): MANAGE_OR_OWNER,
    ("put", "/api/v1/use-cases/{use_case_id}/scores"): P.SCORE_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/moves"): MANAGE_OR_OWNER,
    ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"): MANAGE_OR_OWNER,
}


def api_body(method: str, path: str, world: dict[str, int]) -> tuple[object, str | None]:
    """A valid request body, so that the permission check (not validation) decides."""
    if path.endswith("/import"):
        return {"file": SimpleUploadedFile("x.csv", b"unit_code,unit_name\n")}, None
    bodies: dict[tuple[str, str], object] = {
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
        ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"): {
            "measured_on": "2025-06-01",
            "value": "5",
        },
    }
    body = bodies.get((method, path))
    if body is None:
        return None, None
    return json.dumps(body), "application/json"


def test_every_api_endpoint_is_in_the_matrix(client):
    spec = client.get("/api/v1/openapi.json").json()
    operations = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert operations == set(API_EXPECTED)


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_each_role_gets_exactly_what_the_api_matrix_says(persona, world):
    from wandel.core.tokens import api_token_create

    headers = {}
    user = None
    if persona != "anonymous":
        user = make_user(*PERSONAS[persona])
        headers = {"Authorization": f"Bearer {api_token_create(user=user, name='m')[1]}"}
    client = Client()
    for (method, path), permission in API_EXPECTED.items():
        url = (
            path.replace("{unit_id}", str(world["unit"]))
            .replace("{person_id}", str(world["person"]))
            .replace("{use_case_id}", str(world["use_case"]))
            .replace("{kpi_id}", str(world["kpi"]))
        )
        data, content_type = api_body(method, path, world)
        extra = {"content_type": content_type} if content_type else {}
        response = getattr(client, method)(url, data, headers=headers, **extra)
        if user is None:
            assert response.status_code == 401, (method, path)
        elif allowed(permission, user):
            assert response.status_code not in (401, 403), (method, path, response.status_code)
        else:
            assert response.status_code == 403, (method, path, response.status_code)
