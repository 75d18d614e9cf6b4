"""The bell, the list of notifications, the e-mail settings and the admins' undelivered
e-mail, as people use them in the browser's pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.support.clock import berlin
from tests.support.notifications import TRIAGE, tell
from tests.support.personas import make_user
from tests.support.queries import assert_queries_do_not_grow
from tests.support.tasks import run_due_tasks
from wandel.core.models import (
    AuditEvent,
    DeliveryStatus,
    EmailChoice,
    EmailDelivery,
    Notification,
    NotificationSettings,
)
from wandel.core.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_event")]


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_bell_counts_what_is_unread():
    anna = make_user()
    client = signed_in(anna)
    assert 'aria-label="Notifications"' in client.get("/").content.decode()

    tell([anna])
    tell([anna])

    page = client.get("/").content.decode()
    assert 'aria-label="Notifications: 2 unread"' in page
    assert '<span class="badge" aria-hidden="true">2</span>' in page


def test_the_list_words_each_notification_and_marks_the_unread():
    anna = make_user()
    tell([anna])
    tell([anna], params={"use_case": "Contract search", "from": "pilot", "to": "production"})
    Notification.objects.filter(params__use_case="Ticket triage").update(read_at=timezone.now())

    page = signed_in(anna).get("/notifications/").content.decode()

    assert "“Contract search” moved from Pilot to Production." in page
    assert "“Ticket triage” moved from Idea to Pilot." in page
    assert page.count('class="notification unread"') == 1
    assert page.index("Contract search") < page.index("Ticket triage")


def test_nobody_sees_anothers_notifications():
    anna, ben = make_user(), make_user()
    (notification,) = tell([anna])
    client = signed_in(ben)

    assert "Ticket triage" not in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_opening_a_notification_marks_it_read_and_goes_where_it_points():
    anna = make_user()
    (notification,) = tell([anna], url="/portfolio/7/")

    response = signed_in(anna).post(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/portfolio/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_to_another_site_is_not_followed():
    anna = make_user()
    (notification,) = tell([anna], url="https://elsewhere.example.com/")

    response = signed_in(anna).post(f"/notifications/{notification.pk}/")

    assert response["Location"] == "/notifications/"


def test_all_can_be_marked_read_at_once():
    anna, ben = make_user(), make_user()
    tell([anna, ben])
    tell([anna])

    signed_in(anna).post("/notifications/read/")

    assert not Notification.objects.filter(recipient=anna, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=ben, read_at__isnull=True).count() == 1


def test_the_list_takes_as_many_queries_with_many_notifications():
    anna = make_user()
    tell([anna])

    def grow() -> None:
        for number in range(12):
            tell([anna], params={**TRIAGE, "use_case": f"Case {number}"})

    assert_queries_do_not_grow(
        signed_in(anna), "/notifications/", grow=grow, shows='class="notification unread"'
    )


def test_a_person_chooses_a_daily_summary_without_one_event():
    anna = make_user()
    client = signed_in(anna)
    form = client.get("/notifications/settings/").content.decode()
    assert "Test: something moved" in form
    assert "One e-mail a day with all new notifications" in form

    response = client.post("/notifications/settings/", {"email": "daily", "by_email": []})

    assert response.status_code == 302
    stored = NotificationSettings.objects.get(user=anna)
    assert stored.email == EmailChoice.DAILY
    assert "test.moved" in stored.muted
    tell([anna])
    assert not EmailDelivery.objects.exists()


def test_the_settings_keep_an_event_by_email_when_it_stays_ticked():
    anna = make_user()
    signed_in(anna).post("/notifications/settings/", {"email": "each", "by_email": ["test.moved"]})

    assert "test.moved" not in NotificationSettings.objects.get(user=anna).muted
    tell([anna])
    assert EmailDelivery.objects.filter(recipient=anna).count() == 1


def test_only_admins_see_undelivered_email(personas):
    for name, user in personas.items():
        status = signed_in(user).get("/notifications/undelivered/").status_code
        assert status == (200 if name == "admin" else 403), name


def undelivered_page(client: Client) -> str:
    return client.get("/notifications/undelivered/").content.decode()


def fail_every_attempt(start) -> None:
    for minutes in (0, 1, 6, 36, 156):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            run_due_tasks()


def test_an_admin_sends_failed_email_again_once_the_server_is_back(smtp_down, inbox_later):
    admin = make_user(Role.ADMIN)
    anna = make_user()
    start = berlin("2026-03-10 09:00")
    with time_machine.travel(start, tick=False):
        tell([anna])
    fail_every_attempt(start)
    client = signed_in(admin)

    listed = client.get("/notifications/undelivered/").content.decode()
    assert anna.email in listed
    assert "ConnectionRefusedError" in listed
    assert "<td>5</td>" in listed

    inbox = inbox_later()
    delivery = EmailDelivery.objects.get()
    response = client.post(f"/notifications/undelivered/{delivery.pk}/retry/", follow=True)
    assert f"The e-mail to {anna.email} will be sent again." in response.content.decode()
    run_due_tasks()

    assert [m["To"] for m in inbox.messages] == [anna.email]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    event = AuditEvent.objects.get(action="core.email_retried")
    assert event.actor == admin
    assert event.changes["recipient"] == anna.email
    assert "Every e-mail was delivered." in undelivered_page(client)


def test_sending_all_again_takes_every_failed_email(smtp_down, inbox_later):
    admin = make_user(Role.ADMIN)
    anna, ben = make_user(), make_user()
    start = berlin("2026-03-10 09:00")
    with time_machine.travel(start, tick=False):
        tell([anna, ben])
    fail_every_attempt(start)
    inbox = inbox_later()

    response = signed_in(admin).post("/notifications/undelivered/retry/", follow=True)
    run_due_tasks()

    assert "2 e-mails will be sent again." in response.content.decode()
    assert sorted(m["To"] for m in inbox.messages) == sorted([anna.email, ben.email])


def test_an_email_that_was_sent_cannot_be_sent_again(inbox):
    admin = make_user(Role.ADMIN)
    tell([make_user()])
    run_due_tasks()
    delivery = EmailDelivery.objects.get()

    response = signed_in(admin).post(
        f"/notifications/undelivered/{delivery.pk}/retry/", follow=True
    )

    assert "Only an e-mail that failed can be sent again." in response.content.decode()
    assert len(inbox.messages) == 1
    assert not AuditEvent.objects.filter(action="core.email_retried").exists()


def test_an_email_stuck_while_sending_can_be_sent_again_after_an_hour(inbox):
    admin = make_user(Role.ADMIN)
    tell([make_user()])
    delivery = EmailDelivery.objects.get()
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, last_attempt_at=timezone.now() - timedelta(minutes=59)
    )
    client = signed_in(admin)
    assert "Every e-mail was delivered." in undelivered_page(client)

    EmailDelivery.objects.filter(pk=delivery.pk).update(
        last_attempt_at=timezone.now() - timedelta(minutes=61)
    )
    client.post(f"/notifications/undelivered/{delivery.pk}/retry/")
    run_due_tasks()

    assert len(inbox.messages) == 1
