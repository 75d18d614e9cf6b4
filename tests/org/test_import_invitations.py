"""Accounts for everyone: the people import can give everyone in the file an account and an
invitation, sent by the worker through a real SMTP server and retried when it is down; on
the page, by the command and through the API; never twice."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from tests.support.api import bearer
from tests.support.personas import make_user
from tests.support.tasks import run_due_tasks
from wandel.core.models import AuditEvent, DeliveryKind, DeliveryStatus, EmailDelivery, User
from wandel.core.roles import Role
from wandel.org.imports import people_import
from wandel.org.models import Person

pytestmark = pytest.mark.django_db

FILE = (
    "Employee ID,E-mail,First name,Last name,Unit code,Unit name,Language,Active\n"
    "1,anna@example.com,Anna,Alt,GF,Geschäftsführung,de,yes\n"
    "2,bert@example.com,Bert,Berg,GF,Geschäftsführung,en,yes\n"
    "3,clara@example.com,Clara,Cole,GF,Geschäftsführung,en,no\n"
)
PASSWORD = "a long first passphrase 7"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"


def link_in(message) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", body).group(1)


def test_without_the_option_nobody_gets_an_account():
    report = people_import(content=FILE.encode(), file_name="hr.csv", actor=None)

    assert report.accounts_created == 0
    assert not User.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_present_people_without_an_account_get_one_and_an_invitation(inbox):
    admin = make_user(Role.ADMIN)

    report = people_import(content=FILE.encode(), file_name="hr.csv", actor=admin, invite=True)

    assert report.accounts_created == 2
    assert report.summary().endswith("2 accounts created; their invitations are being sent.")
    anna = Person.objects.get(employee_id="1")
    assert anna.user.email == "anna@example.com"
    assert anna.user.display_name == "Anna Alt"
    assert anna.user.language == "de"
    assert not anna.user.has_usable_password()
    assert Person.objects.get(employee_id="3").user is None  # a leaver
    imported = AuditEvent.objects.get(action="org.people_imported")
    assert imported.actor_id == admin.pk
    assert imported.changes["created_accounts"] == ["anna@example.com", "bert@example.com"]
    assert imported.changes["accounts_created"] == 2
    assert (
        list(EmailDelivery.objects.values_list("kind", "status"))
        == [(DeliveryKind.INVITATION, DeliveryStatus.PENDING)] * 2
    )

    assert run_due_tasks() == 2

    assert sorted(m["To"] for m in inbox.messages) == ["anna@example.com", "bert@example.com"]
    german = next(m for m in inbox.messages if m["To"] == "anna@example.com")
    assert "Ihr Wandel-Konto ist bereit" in str(german["Subject"])
    assert AuditEvent.objects.filter(action="core.invitation_sent").count() == 2
    browser = Client()
    form = browser.get(link_in(german), follow=True)
    browser.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert User.objects.get(email="anna@example.com").check_password(PASSWORD)


def test_importing_again_creates_and_invites_nobody_twice(inbox):
    people_import(content=FILE.encode(), file_name="hr.csv", actor=None, invite=True)

    again = people_import(content=FILE.encode(), file_name="hr.csv", actor=None, invite=True)

    assert again.accounts_created == 0
    assert User.objects.count() == 2
    assert EmailDelivery.objects.count() == 2


def test_an_address_already_in_use_gets_no_second_account():
    User.objects.create_user("BERT@example.com", PASSWORD)

    report = people_import(content=FILE.encode(), file_name="hr.csv", actor=None, invite=True)

    # The existing account is linked to Bert, not a new one made.
    assert report.accounts_created == 1
    assert report.accounts_linked == 1
    assert User.objects.filter(email__iexact="bert@example.com").count() == 1


def test_an_invitation_no_longer_needed_is_not_sent(inbox):
    people_import(content=FILE.encode(), file_name="hr.csv", actor=None, invite=True)
    anna = User.objects.get(email="anna@example.com")
    anna.set_password(PASSWORD)
    anna.save()

    run_due_tasks()

    assert [m["To"] for m in inbox.messages] == ["bert@example.com"]
    assert EmailDelivery.objects.get(recipient=anna).status == DeliveryStatus.CANCELLED


def test_with_the_mail_server_down_the_import_stands_and_the_invitation_waits(smtp_down):
    report = people_import(content=FILE.encode(), file_name="hr.csv", actor=None, invite=True)

    run_due_tasks()

    assert report.accounts_created == 2
    assert User.objects.count() == 2
    delivery = EmailDelivery.objects.first()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.last_error


def test_the_import_page_offers_the_option(admin_client):
    upload = SimpleUploadedFile("hr.csv", FILE.encode(), content_type="text/csv")

    response = admin_client.post(
        "/org/import/", {"kind": "people", "file": upload, "invite": "on"}, follow=True
    )

    assert "2 accounts created; their invitations are being sent." in response.content.decode()
    invited = User.objects.filter(email__in=["anna@example.com", "bert@example.com"])
    assert invited.filter(person__isnull=False).count() == 2


def test_the_command_and_the_api_take_the_option(tmp_path, client):
    path = tmp_path / "hr.csv"
    path.write_text(FILE)
    out = io.StringIO()

    call_command("import_people", str(path), "--invite", stdout=out)

    assert "2 accounts created" in out.getvalue()
    second = FILE.replace(
        "3,clara@example.com,Clara,Cole,GF,Geschäftsführung,en,no",
        "4,dora@example.com,Dora,Dorn,GF,Geschäftsführung,en,yes",
    )
    admin = make_user(Role.ADMIN)
    answer = client.post(
        "/api/v1/people/import",
        {"file": SimpleUploadedFile("hr.csv", second.encode()), "invite": "true"},
        headers=bearer(admin),
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["accounts_created"] == 1
    assert Person.objects.get(employee_id="4").user is not None
