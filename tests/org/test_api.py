"""The REST API: token authentication, the pages' permissions, pagination, OpenAPI."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.personas import make_person, make_unit, make_user
from wandel.core.models import ApiToken
from wandel.core.roles import Role
from wandel.core.tokens import api_token_create

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_without_a_token_the_api_answers_401(client):
    assert client.get("/api/v1/people").status_code == 401
    assert client.get("/api/v1/people", headers=bearer("wdl_wrong")).status_code == 401


def test_a_revoked_token_no_longer_works(client, admin):
    token, plain = api_token_create(user=admin, name="t")
    assert client.get("/api/v1/units", headers=bearer(plain)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert client.get("/api/v1/units", headers=bearer(plain)).status_code == 401


def test_a_token_of_a_deactivated_account_no_longer_works(client, admin):
    plain = api_token_create(user=admin, name="t")[1]
    admin.is_active = False
    admin.save()
    assert client.get("/api/v1/units", headers=bearer(plain)).status_code == 401


def test_only_a_hash_of_the_token_is_stored(admin):
    token, plain = api_token_create(user=admin, name="t")
    assert plain not in (token.digest, token.prefix)
    assert plain.startswith(token.prefix)


def test_the_api_uses_the_same_permissions_as_the_pages(client):
    employee_token = api_token_create(user=make_user(), name="t")[1]
    trainer_token = api_token_create(user=make_user(Role.TRAINER), name="t")[1]

    assert client.get("/api/v1/units", headers=bearer(employee_token)).status_code == 200
    assert client.get("/api/v1/people", headers=bearer(employee_token)).status_code == 403
    assert client.get("/api/v1/people", headers=bearer(trainer_token)).status_code == 200


def test_people_are_paginated_and_carry_their_roles(client, admin):
    unit = make_unit(code="QM")
    for _ in range(60):
        make_person(unit=unit, account=False)
    make_person(unit=unit, roles=(Role.TRAINER,), last_name="Zz-Trainer")
    plain = api_token_create(user=admin, name="t")[1]

    first = client.get("/api/v1/people?unit=QM", headers=bearer(plain)).json()
    last = client.get("/api/v1/people?unit=QM&page=2", headers=bearer(plain)).json()

    assert first["count"] == 61
    assert len(first["items"]) == 50
    assert len(last["items"]) == 11
    assert last["items"][-1]["roles"] == [Role.TRAINER]
    assert last["items"][-1]["unit_code"] == "QM"


def test_person_and_unit_detail(client, admin):
    person = make_person(unit=make_unit(code="X1", name="Unit X"))
    plain = api_token_create(user=admin, name="t")[1]

    data = client.get(f"/api/v1/people/{person.pk}", headers=bearer(plain)).json()
    assert data["employee_id"] == person.employee_id
    unit = client.get(f"/api/v1/units/{person.unit_id}", headers=bearer(plain)).json()
    assert unit == {
        "id": person.unit_id,
        "code": "X1",
        "name": "Unit X",
        "parent_id": None,
        "parent_code": None,
    }
    assert client.get("/api/v1/people/999999", headers=bearer(plain)).status_code == 404


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
    plain = capsys.readouterr().out.strip()
    assert client.get("/api/v1/units", headers=bearer(plain)).status_code == 200
