"""Password reset through a real SMTP server on loopback, and when SMTP is down."""

from __future__ import annotations

import re

from tests.support.mail import free_port, smtp_settings
from tests.support.personas import make_user
from wandel.core.models import SecurityEvent, SecurityEventKind


def test_a_reset_link_arrives_by_smtp_and_sets_a_new_password(client, inbox, db):
    user = make_user(email="reset.me@example.com")

    response = client.post("/accounts/password_reset/", {"email": "Reset.Me@example.com"})

    assert response.status_code == 302
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "reset.me@example.com"
    body = message.get_payload(decode=True).decode()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new long passphrase 42")
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user) == (SecurityEventKind.PASSWORD_RESET, user)


def test_a_german_user_gets_the_reset_mail_in_german(client, inbox, db):
    make_user(email="de@example.com")
    client.post("/accounts/password_reset/", {"email": "de@example.com"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Passwort" in inbox.messages[0]["Subject"]


def test_when_smtp_is_down_the_user_still_gets_an_answer(client, settings, db):
    make_user(email="unlucky@example.com")
    settings.MAILERS = smtp_settings(free_port())  # nothing listens there

    response = client.post(
        "/accounts/password_reset/", {"email": "unlucky@example.com"}, follow=True
    )

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
