"""The notification service: who is told, in which language, and which e-mail goes out."""

from __future__ import annotations

from datetime import timedelta
from email.header import decode_header, make_header

import pytest
import time_machine
from django.utils import timezone, translation

from tests.support.clock import berlin, frozen
from tests.support.notifications import MOVED, tell
from tests.support.personas import make_user
from tests.support.tasks import run_due_tasks, waiting_tasks
from wandel.core.actions import OutsideTransaction
from wandel.core.models import (
    DeliveryKind,
    DeliveryStatus,
    EmailChoice,
    EmailDelivery,
    Notification,
    NotificationSettings,
)
from wandel.core.notifications.services import next_digest_time, notify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_event")]


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_each_recipient_is_told_once_and_the_actor_not_at_all():
    anna, ben, actor = make_user(), make_user(), make_user()

    tell([anna, ben, anna, None, actor], actor=actor)

    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == sorted(
        [anna.email, ben.email]
    )


def test_closed_accounts_are_not_told():
    closed = make_user()
    closed.is_active = False
    closed.save()

    assert tell([closed]) == []
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_notify_refuses_to_run_outside_an_action():
    with pytest.raises(OutsideTransaction):
        notify(recipients=[make_user()], event=MOVED, params={})


def test_the_message_is_worded_in_the_readers_language_when_it_is_read():
    anna = make_user()
    (notification,) = tell([anna])

    assert notification.params == {"use_case": "Ticket triage", "from": "idea", "to": "pilot"}
    assert MOVED.words(notification.params) == "“Ticket triage” moved from Idea to Pilot."
    with translation.override("de"):
        assert (
            MOVED.words(notification.params)
            == "„Ticket triage“ ist von Idee nach Pilot gewechselt."
        )


def test_a_value_no_longer_among_the_choices_is_shown_as_stored():
    params = {"use_case": "Old", "from": "brainstorm", "to": "pilot"}

    assert MOVED.words(params) == "“Old” moved from brainstorm to Pilot."


def test_parameters_the_message_does_not_know_fall_back_to_the_events_label():
    assert MOVED.words({"title": "written by an older version"}) == "Test: something moved"


def test_each_notification_gets_its_own_email_by_default():
    anna = make_user()

    tell([anna])
    tell([anna])

    deliveries = EmailDelivery.objects.filter(recipient=anna)
    assert [d.kind for d in deliveries] == [DeliveryKind.SINGLE, DeliveryKind.SINGLE]
    assert waiting_tasks() == 2


def test_a_muted_event_and_no_email_mean_no_delivery():
    muted, silent = make_user(), make_user()
    NotificationSettings.objects.create(user=muted, muted=["test.moved"])
    NotificationSettings.objects.create(user=silent, email=EmailChoice.NONE)

    tell([muted, silent])

    assert Notification.objects.count() == 2
    assert not EmailDelivery.objects.exists()
    assert waiting_tasks() == 0


def test_a_daily_summary_collects_the_days_notifications_for_seven_oclock():
    daily = make_user()
    NotificationSettings.objects.create(user=daily, email=EmailChoice.DAILY)

    with frozen("2026-03-10 15:00"):
        tell([daily])
        tell([daily])

    (summary,) = EmailDelivery.objects.all()
    assert summary.kind == DeliveryKind.DIGEST
    assert summary.next_attempt_at == berlin("2026-03-11 07:00")
    assert summary.notifications.count() == 2


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-03-10 06:59", "2026-03-10 07:00"),
        ("2026-03-10 07:00", "2026-03-11 07:00"),
        ("2026-03-10 23:30", "2026-03-11 07:00"),
        # The night summer time begins: 07:00 is still 07:00 on the wall clock.
        ("2026-03-28 22:00", "2026-03-29 07:00"),
    ],
)
def test_the_next_summary_is_at_seven_in_berlin(now, expected):
    assert next_digest_time(berlin(now)) == berlin(expected)


def test_a_summary_that_was_sent_is_not_joined_again(inbox):
    daily = make_user()
    NotificationSettings.objects.create(user=daily, email=EmailChoice.DAILY)
    with frozen("2026-03-10 15:00"):
        tell([daily])
    with frozen("2026-03-11 07:01"):
        run_due_tasks()
        tell([daily])

    first, second = EmailDelivery.objects.order_by("pk")
    assert first.status == DeliveryStatus.SENT
    assert second.status == DeliveryStatus.PENDING
    assert second.next_attempt_at == berlin("2026-03-12 07:00")


def test_an_email_is_sent_in_the_recipients_language_with_text_and_html(inbox, settings):
    settings.SITE_URL = "https://wandel.example.org"
    anna = make_user()
    anna.language = "de"
    anna.save()
    tell([anna])

    assert run_due_tasks() == 1

    (message,) = inbox.messages
    assert message["To"] == anna.email
    assert subject(message) == "Wandel: „Ticket triage“ ist von Idee nach Pilot gewechselt."
    text, html = (part.get_payload(decode=True).decode() for part in message.get_payload())
    assert "„Ticket triage“ ist von Idee nach Pilot gewechselt." in text
    assert "https://wandel.example.org/portfolio/1/" in text
    assert "https://wandel.example.org/notifications/settings/" in text
    assert '<a href="https://wandel.example.org/portfolio/1/">In Wandel öffnen</a>' in html
    assert EmailDelivery.objects.get().status == DeliveryStatus.SENT


def test_a_summary_lists_only_what_was_not_read_in_wandel(inbox):
    daily = make_user()
    NotificationSettings.objects.create(user=daily, email=EmailChoice.DAILY)
    with frozen("2026-03-10 15:00"):
        read, _unread = tell([daily]) + tell(
            [daily], params={"use_case": "Contract search", "from": "pilot", "to": "production"}
        )
        read.read_at = timezone.now()
        read.save()
    with frozen("2026-03-11 07:00"):
        run_due_tasks()

    (message,) = inbox.messages
    assert subject(message) == "Wandel: 1 new notification"
    text = message.get_payload()[0].get_payload(decode=True).decode()
    assert "- “Contract search” moved from Pilot to Production." in text
    assert "Ticket triage" not in text


def test_a_summary_with_everything_read_is_not_sent(inbox):
    daily = make_user()
    NotificationSettings.objects.create(user=daily, email=EmailChoice.DAILY)
    with frozen("2026-03-10 15:00"):
        Notification.objects.filter(pk=tell([daily])[0].pk).update(read_at=timezone.now())
    with frozen("2026-03-11 07:00"):
        run_due_tasks()

    assert inbox.messages == []
    assert EmailDelivery.objects.get().status == DeliveryStatus.CANCELLED


def test_a_delivery_is_not_sent_before_it_is_due_nor_twice(inbox):
    anna = make_user()
    tell([anna])
    delivery = EmailDelivery.objects.get()
    from wandel.core.notifications.tasks import delivery_send

    assert delivery_send(delivery.pk) == "sent"
    assert delivery_send(delivery.pk) == "not due"
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now() + timedelta(minutes=1)
    )
    assert delivery_send(delivery.pk) == "not due"
    assert len(inbox.messages) == 1


def test_with_the_mail_server_down_the_email_is_retried_then_failed(smtp_down):
    anna = make_user()
    start = berlin("2026-03-10 09:00")
    with time_machine.travel(start, tick=False):
        tell([anna])
        run_due_tasks()
    delivery = EmailDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.next_attempt_at == start + timedelta(minutes=1)
    assert "ConnectionRefusedError" in delivery.last_error

    # The attempts after 1, 5, 30 and 120 minutes fail too; the fifth is the last.
    for minutes, attempts in ((1, 2), (6, 3), (36, 4), (156, 5)):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert run_due_tasks() == 1
        delivery.refresh_from_db()
        assert delivery.attempts == attempts
    assert delivery.status == DeliveryStatus.FAILED
    assert waiting_tasks() == 0
    assert Notification.objects.get().recipient == anna
