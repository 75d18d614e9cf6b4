"""The REST API: token authentication, the pages' permissions, pagination, OpenAPI."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit, make_user
from wandel.core.models import ApiToken
from wandel.core.roles import Role
from wandel.core.tokens import api_token_create

pytestmark = pytest.mark.django_db


def test_without_a_token_the_api_answers_401(client):
    wrong = {"Authorization": "Bearer wdl_wrong"}
    assert client.get("/api/v1/people").status_code == 401
    assert client.get("/api/v1/people", headers=wrong).status_code == 401


def test_a_revoked_token_no_longer_works(client, admin):
    headers = bearer(admin)
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    ApiToken.objects.filter(user=admin).update(revoked_at=timezone.now())
    assert client.get("/api/v1/units", headers=headers).status_code == 401


def test_a_token_of_a_deactivated_account_no_longer_works(client, admin):
    headers = bearer(admin)
    admin.is_active = False
    admin.save()
    assert client.get("/api/v1/units", headers=headers).status_code == 401


def test_only_a_hash_of_the_token_is_stored(admin):
    token, plain = api_token_create(user=admin, name="t")
    assert plain not in (token.digest, token.prefix)
    assert plain.startswith(token.prefix)


def test_the_api_uses_the_same_permissions_as_the_pages(client):
    employee = bearer(make_user())
    trainer = bearer(make_user(Role.TRAINER))

    assert client.get("/api/v1/units", headers=employee).status_code == 200
    assert client.get("/api/v1/people", headers=employee).status_code == 403
    assert client.get("/api/v1/people", headers=trainer).status_code == 200


def test_people_are_paginated_and_carry_their_roles(client, admin):
    unit = make_unit(code="QM")
    for _ in range(60):
        make_person(unit=unit, account=False)
    make_person(unit=unit, roles=(Role.TRAINER,), last_name="Zz-Trainer")
    headers = bearer(admin)

    first = client.get("/api/v1/people?unit=QM", headers=headers).json()
    last = client.get("/api/v1/people?unit=QM&page=2", headers=headers).json()

    assert first["count"] == 61
    assert len(first["items"]) == 50
    assert len(last["items"]) == 11
    assert last["items"][-1]["roles"] == [Role.TRAINER]
    assert last["items"][-1]["unit_code"] == "QM"


def test_person_and_unit_detail(client, admin):
    person = make_person(unit=make_unit(code="X1", name="Unit X"))
    headers = bearer(admin)

    data = client.get(f"/api/v1/people/{person.pk}", headers=headers).json()
    assert data["employee_id"] == person.employee_id
    unit = client.get(f"/api/v1/units/{person.unit_id}", headers=headers).json()
    assert unit == {
        "id": person.unit_id,
        "code": "X1",
        "name": "Unit X",
        "parent_id": None,
        "parent_code": None,
    }
    assert client.get("/api/v1/people/999999", headers=headers).status_code == 404


def test_a_signed_in_browser_session_may_read_the_api(client, admin):
    client.force_login(admin)
    assert client.get("/api/v1/units").status_code == 200


def test_the_openapi_document_describes_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/people", "/api/v1/units", "/api/v1/people/import"} <= set(spec["paths"])
    assert "BearerToken" in spec["components"]["securitySchemes"]


def test_the_interactive_docs_are_served_locally(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/" in page


def test_create_token_prints_a_working_token(client, capsys, admin):
    call_command("create_token", admin.email)
    printed = {"Authorization": f"Bearer {capsys.readouterr().out.strip()}"}
    assert client.get("/api/v1/units", headers=printed).status_code == 200
