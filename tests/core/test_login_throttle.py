"""Password guessing is paused by account and by address, and every sign-in, failure,
pause, sign-out and password change is a security event for IT security, nothing more."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from tests.support.api import bearer
from tests.support.personas import PASSWORD, make_user
from wandel.core.models import SecurityEvent, SecurityEventKind, User

pytestmark = pytest.mark.django_db

WRONG = "not the password"


def sign_in(client: Client, email: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, settings):
    make_user(email="target@example.com")

    answers = [sign_in(client, "target@example.com", WRONG).status_code for _ in range(30)]
    right = sign_in(client, "target@example.com", PASSWORD)

    assert answers[: settings.LOGIN_ACCOUNT_LIMIT - 1] == [200] * (settings.LOGIN_ACCOUNT_LIMIT - 1)
    assert set(answers[settings.LOGIN_ACCOUNT_LIMIT - 1 :]) == {429}
    assert right.status_code == 429
    assert not signed_in(client)
    assert "signing in is paused for 15 minutes" in right.content.decode()


def test_the_pause_is_by_account_whatever_the_address(client, settings):
    make_user(email="target@example.com")
    for number in range(settings.LOGIN_ACCOUNT_LIMIT):
        sign_in(Client(), "Target@Example.com ", WRONG, address=f"198.51.100.{number}")

    assert sign_in(client, "target@example.com", PASSWORD, address="203.0.113.9").status_code == 429


def test_the_pause_is_by_address_whatever_the_account(client, settings):
    make_user(email="someone@example.com")
    for number in range(settings.LOGIN_ADDRESS_LIMIT):
        sign_in(Client(), f"guess{number}@example.com", WRONG, address="203.0.113.66")

    from_there = sign_in(client, "someone@example.com", PASSWORD, address="203.0.113.66")
    from_elsewhere = sign_in(Client(), "someone@example.com", PASSWORD, address="203.0.113.67")

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_a_few_typos_do_not_pause_anyone(client, settings):
    make_user(email="typo@example.com")
    for _ in range(settings.LOGIN_ACCOUNT_LIMIT - 1):
        sign_in(Client(), "typo@example.com", WRONG)

    assert sign_in(client, "typo@example.com", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_pause_ends_after_the_cool_off_even_if_guessing_goes_on(client, settings):
    make_user(email="target@example.com")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(settings.LOGIN_ACCOUNT_LIMIT):
            sign_in(Client(), "target@example.com", WRONG)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert sign_in(Client(), "target@example.com", WRONG).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert sign_in(client, "target@example.com", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_pause_message_is_translated(client, settings):
    make_user(email="target@example.com")
    for _ in range(settings.LOGIN_ACCOUNT_LIMIT):
        sign_in(Client(), "target@example.com", WRONG)

    german = client.post(
        "/accounts/login/",
        {"username": "target@example.com", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert german.status_code == 429
    assert "Anmeldung pausiert" in german.content.decode()


def test_api_tokens_keep_working_while_the_account_is_paused(settings):
    user = make_user(email="robot@example.com")
    headers = bearer(user, name="nightly")
    for _ in range(settings.LOGIN_ACCOUNT_LIMIT):
        sign_in(Client(), "robot@example.com", WRONG)

    response = Client(headers=headers).get("/api/v1/units")

    assert response.status_code == 200


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    settings.BEHIND_PROXY = True
    make_user(email="someone@example.com")
    for number in range(settings.LOGIN_ADDRESS_LIMIT):
        Client().post(
            "/accounts/login/",
            {"username": f"guess{number}@example.com", "password": WRONG},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.66",
        )

    colleague = Client().post(
        "/accounts/login/",
        {"username": "someone@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.67",
    )

    assert colleague.status_code == 302
    assert SecurityEvent.objects.filter(ip_address="203.0.113.66").exists()


# Security events --------------------------------------------------------------------------


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


def test_sign_in_failure_sign_out_and_password_change_are_recorded(client):
    user = make_user(email="ann@example.com")

    sign_in(client, "ann@example.com", WRONG)
    sign_in(client, "ann@example.com", PASSWORD)
    client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "new passphrase 42",
            "new_password2": "new passphrase 42",
        },
    )
    client.post("/accounts/logout/")

    assert kinds() == [
        SecurityEventKind.LOGIN_FAILED,
        SecurityEventKind.LOGIN,
        SecurityEventKind.PASSWORD_CHANGED,
        SecurityEventKind.LOGOUT,
    ]
    for event in SecurityEvent.objects.all():
        assert event.user == user
        assert event.account == "ann@example.com"
    assert SecurityEvent.objects.get(kind=SecurityEventKind.LOGIN).ip_address == "192.0.2.10"


def test_a_pause_is_recorded(client, settings):
    make_user(email="target@example.com")
    for _ in range(settings.LOGIN_ACCOUNT_LIMIT):
        sign_in(client, "target@example.com", WRONG)

    assert SecurityEvent.objects.filter(
        kind=SecurityEventKind.LOCKED_OUT, account="target@example.com"
    ).exists()


def test_no_password_and_no_unknown_typed_name_is_stored(client):
    make_user(email="ann@example.com")

    sign_in(client, "ann@example.com", "hunter2-secret")
    sign_in(client, "my-password-typed-here", "hunter3-secret")

    stored = " ".join(str(value) for row in SecurityEvent.objects.values_list() for value in row)
    assert "hunter" not in stored
    assert "my-password-typed-here" not in stored
    unknown = SecurityEvent.objects.get(account="")
    assert unknown.kind == SecurityEventKind.LOGIN_FAILED
    assert unknown.user is None


def test_security_events_are_only_for_it_security_and_admins(client, personas):
    for name, user in personas.items():
        client.force_login(user)
        status = client.get("/security/").status_code
        assert status == (200 if name in {"it", "admin"} else 403), name


def test_the_security_page_lists_events_filtered_by_kind_and_counts_nobody(client, personas):
    ann = make_user(email="ann@example.com")
    for _ in range(3):
        sign_in(Client(), "ann@example.com", WRONG)
    Client().force_login(ann)
    client.force_login(personas["it"])

    failed = client.get("/security/", {"kind": SecurityEventKind.LOGIN_FAILED}).content.decode()
    everything = client.get("/security/").content.decode()

    assert failed.count("<td>Sign-in failed</td>") == 3
    assert "<td>Signed in</td>" not in failed
    assert "<td>Signed in</td>" in everything


def test_old_security_events_are_purged_after_the_retention_period(settings):
    from django.core.management import call_command

    settings.SECURITY_EVENT_DAYS = 90
    user = make_user(email="ann@example.com")
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=91)):
        Client().force_login(user)
    with time_machine.travel(now - timedelta(days=89)):
        Client().force_login(user)

    call_command("security_events", "purge")

    assert [e.at.date() for e in SecurityEvent.objects.all()] == [(now - timedelta(days=89)).date()]


def test_security_events_cannot_be_edited(client):
    make_user(email="ann@example.com")
    sign_in(client, "ann@example.com", WRONG)
    event = SecurityEvent.objects.get()

    event.kind = SecurityEventKind.LOGIN
    with pytest.raises(Exception, match="never changed"):
        event.save()
    with pytest.raises(Exception, match="never changed"):
        event.delete()


def test_the_security_page_needs_the_same_few_queries_for_many_events(
    client, personas, django_assert_max_num_queries
):
    users = [make_user(email=f"user{n}@example.com") for n in range(20)]
    for user in users:
        SecurityEvent.objects.create(kind=SecurityEventKind.LOGIN, user=user, account=user.email)
    User.objects.create_superuser("ops@example.com", "a long passphrase 1")
    client.force_login(personas["it"])

    with django_assert_max_num_queries(12):
        response = client.get("/security/")

    assert response.status_code == 200
    assert response.content.decode().count("<td>Signed in</td>") == 21
