"""API tokens end when they should, answer 401 when they do, and leave an audit trail."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from tests.support.personas import PASSWORD, make_user
from wandel.core.models import ApiToken, AuditEvent, TokenStatus, User
from wandel.core.tokens import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a different long passphrase 7"


def api(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def refused_like_a_missing_token(client: Client) -> None:
    """Both a read and a write answer 401 with the API's error body, never a CSRF 403."""
    read = client.get("/api/v1/units")
    write = client.post(
        "/api/v1/use-cases", data=json.dumps({"title": "x"}), content_type="application/json"
    )
    for response in (read, write):
        assert response.status_code == 401, response.content
        assert set(response.json()) == {"detail", "errors"}


def test_a_fresh_token_works(employee):
    _token, plain = api_token_create(user=employee, name="script")
    assert api(plain).get("/api/v1/units").status_code == 200


def test_a_revoked_token_answers_401_not_a_csrf_403(employee):
    token, plain = api_token_create(user=employee, name="script")
    api_token_revoke(token=token, actor=None)
    refused_like_a_missing_token(api(plain))


def test_an_unknown_token_answers_401_also_for_a_signed_in_browser(employee):
    client = api("wdl_not-a-real-token")
    client.force_login(employee)
    refused_like_a_missing_token(client)


def test_a_token_ends_when_its_owner_changes_the_password(employee):
    _token, plain = api_token_create(user=employee, name="script")
    browser = Client()
    browser.force_login(employee)

    changed = browser.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert changed.status_code == 302
    refused_like_a_missing_token(api(plain))
    assert ApiToken.objects.get().status() == TokenStatus.PASSWORD_CHANGED
    _new, fresh = api_token_create(user=employee, name="after")
    assert api(fresh).get("/api/v1/units").status_code == 200


def test_a_token_survives_a_password_hash_upgrade_at_sign_in(employee, settings):
    _token, plain = api_token_create(user=employee, name="script")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]

    signed_in = Client().post(
        "/accounts/login/", {"username": employee.email, "password": PASSWORD}
    )

    assert signed_in.status_code == 302
    assert User.objects.get(pk=employee.pk).password.startswith("pbkdf2_")
    assert api(plain).get("/api/v1/units").status_code == 200


def test_a_token_ends_when_the_account_is_closed(employee):
    _token, plain = api_token_create(user=employee, name="script")
    User.objects.filter(pk=employee.pk).update(is_active=False)
    refused_like_a_missing_token(api(plain))


def test_a_token_with_days_expires(employee):
    _token, plain = api_token_create(user=employee, name="script", days=2)
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=23)):
        assert api(plain).get("/api/v1/units").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        refused_like_a_missing_token(api(plain))


def test_create_token_with_days_is_audited():
    make_user(email="robot@example.com")
    out = StringIO()

    call_command(
        "create_token", "robot@example.com", "--name", "nightly", "--days", "30", stdout=out
    )

    plain = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert plain.startswith(token.prefix)
    assert token.expires_at is not None
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    event = AuditEvent.objects.get(action="core.token_created")
    assert event.target_id == str(token.pk)
    assert event.changes["account"] == "robot@example.com"
    assert event.changes["name"] == "nightly"


def test_create_token_refuses_zero_days():
    make_user(email="robot@example.com")
    with pytest.raises(CommandError, match="at least one day"):
        call_command("create_token", "robot@example.com", "--days", "0")
    assert ApiToken.objects.count() == 0


def test_revoke_token_command_is_audited(employee):
    token, plain = api_token_create(user=employee, name="script")

    call_command("revoke_token", token.prefix, stdout=StringIO())

    refused_like_a_missing_token(api(plain))
    event = AuditEvent.objects.get(action="core.token_revoked")
    assert event.target_id == str(token.pk)
    with pytest.raises(CommandError):
        call_command("revoke_token", token.prefix, stdout=StringIO())


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/v2/units", "/api/"])
def test_an_unmatched_api_path_answers_json_404(client, path):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": {}}
