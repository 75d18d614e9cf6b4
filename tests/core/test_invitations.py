"""A new account gets an invitation to set its first password (issue 7, hole 7).

Accounts made with "Create account" have no password. Django's reset form skipped them, so
they could never sign in. Now the person gets a link, in their language, through a real
SMTP server; a failing mail server does not lose the account.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from tests.support.personas import make_person, make_user
from wandel.core.models import AuditEvent, SecurityEvent, SecurityEventKind, User
from wandel.core.roles import Role
from wandel.org.models import OrgAction, Person

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "my own long passphrase 9"


def create_account(client: Client, person: Person):
    return client.post(f"/org/people/{person.pk}/account/", follow=True)


def link_in(message) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", body).group(1)


def set_password(link: str, password: str = NEW_PASSWORD) -> Client:
    browser = Client()
    form = browser.get(link, follow=True)
    assert "Choose your password" in form.content.decode()
    done = browser.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302, done.content.decode()
    return browser


def test_a_new_account_is_invited_and_sets_its_first_password(admin_client, admin, inbox):
    person = make_person(account=False, email="neu@example.com", first_name="Nora")

    page = create_account(admin_client, person)

    assert "An invitation to set a password was sent to neu@example.com" in page.content.decode()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "neu@example.com"
    assert "Your Wandel account is ready" in message["Subject"]
    set_password(link_in(message))
    user = User.objects.get(email="neu@example.com")
    assert user.check_password(NEW_PASSWORD)
    browser = Client()
    browser.post("/accounts/login/", {"username": "neu@example.com", "password": NEW_PASSWORD})
    assert SESSION_KEY in browser.session
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_SET, user=user).exists()


def test_account_creation_and_the_invitation_are_audited(admin_client, admin, inbox):
    person = make_person(account=False, email="neu@example.com")

    create_account(admin_client, person)

    created = AuditEvent.objects.get(action=OrgAction.ACCOUNT_CREATED)
    invited = AuditEvent.objects.get(action="core.invitation_sent")
    assert created.actor == admin
    assert invited.actor == admin
    assert invited.changes["email"] == "neu@example.com"
    assert invited.pk > created.pk


def test_a_german_person_gets_the_invitation_in_german(admin_client, inbox):
    person = make_person(account=False, email="de@example.com")
    Person.objects.filter(pk=person.pk).update(language="de")

    create_account(admin_client, person)

    message = inbox.messages[0]
    body = message.get_payload(decode=True).decode()
    assert "Wandel-Konto" in message["Subject"]
    assert "Passwort" in body


def test_the_link_works_only_once(admin_client, inbox):
    person = make_person(account=False, email="neu@example.com")
    create_account(admin_client, person)
    link = link_in(inbox.messages[0])
    set_password(link)

    again = Client().get(link, follow=True).content.decode()

    assert "This invitation link is no longer valid" in again
    assert User.objects.get(email="neu@example.com").check_password(NEW_PASSWORD)


def test_the_link_expires(admin_client, inbox, settings):
    person = make_person(account=False, email="neu@example.com")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        create_account(admin_client, person)
    link = link_in(inbox.messages[0])
    days = timedelta(days=settings.INVITATION_DAYS)

    with time_machine.travel(start + days - timedelta(hours=1), tick=False):
        in_time = Client().get(link, follow=True).content.decode()
    with time_machine.travel(start + days + timedelta(hours=1), tick=False):
        late = Client().get(link, follow=True).content.decode()

    assert "New password" in in_time
    assert "This invitation link is no longer valid" in late
    assert not User.objects.get(email="neu@example.com").has_usable_password()


def test_a_reset_link_does_not_open_an_invitation(admin_client, inbox):
    """The two kinds of link are signed apart: neither can be used as the other."""
    person = make_person(account=False, email="neu@example.com")
    create_account(admin_client, person)
    invitation = link_in(inbox.messages[0])

    as_reset = invitation.replace("/invitation/", "/reset/")

    assert "no longer valid" in Client().get(as_reset, follow=True).content.decode()


def test_when_smtp_is_down_the_account_is_kept_and_can_be_invited_again(
    admin_client, admin, smtp_down, settings, inbox_later
):
    person = make_person(account=False, email="neu@example.com")

    page = create_account(admin_client, person).content.decode()

    user = User.objects.get(email="neu@example.com")
    assert Person.objects.get(pk=person.pk).user == user
    assert "the invitation could not be sent" in page
    assert "Send invitation again" in page
    assert AuditEvent.objects.filter(action=OrgAction.ACCOUNT_CREATED).count() == 1
    assert not AuditEvent.objects.filter(action="core.invitation_sent").exists()

    inbox = inbox_later()
    again = admin_client.post(f"/accounts/{user.pk}/invitation/", follow=True)

    assert "Invitation sent to neu@example.com" in again.content.decode()
    assert len(inbox.messages) == 1
    assert AuditEvent.objects.filter(action="core.invitation_sent").count() == 1


def test_an_expired_invitation_can_be_replaced_through_forgot_password(admin_client, inbox):
    person = make_person(account=False, email="neu@example.com")
    create_account(admin_client, person)

    Client().post("/accounts/password_reset/", {"email": "neu@example.com"})

    assert len(inbox.messages) == 2
    body = inbox.messages[1].get_payload(decode=True).decode()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", body).group(1)
    assert Client().get(link, follow=True).status_code == 200


def test_no_invitation_for_an_account_that_has_a_password(admin_client, inbox):
    user = make_user(email="has.password@example.com")

    page = admin_client.post(f"/accounts/{user.pk}/invitation/", follow=True).content.decode()

    assert "has already set a password" in page
    assert inbox.messages == []


def test_only_who_manages_roles_can_invite(client, personas, inbox):
    person = make_person(account=False, email="neu@example.com")
    user = User.objects.create_user(person.email, None)
    Person.objects.filter(pk=person.pk).update(user=user)
    for name, account in personas.items():
        client.force_login(account)
        status = client.post(f"/accounts/{user.pk}/invitation/").status_code
        assert status == (302 if name == "admin" else 403), name


def test_roles_take_effect_once_the_invited_person_signs_in(admin_client, inbox):
    person = make_person(account=False, email="neu@example.com", roles=(Role.TRAINER,))
    create_account(admin_client, person)
    browser = set_password(link_in(inbox.messages[0]))
    browser.post("/accounts/login/", {"username": "neu@example.com", "password": NEW_PASSWORD})

    assert browser.get("/org/people/").status_code == 200
