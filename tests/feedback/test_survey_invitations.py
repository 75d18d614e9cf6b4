"""Invitations and reminders by e-mail, through a real SMTP server on loopback: each person
gets their own link, reminders reach only those who have not answered, and the audit log
records how many were told, never who."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client

from tests.feedback.conftest import new_survey, open_wave
from tests.support.home import todo_lists
from tests.support.personas import make_user
from tests.support.tasks import run_due_tasks
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.feedback.surveys.models import Participant
from wandel.feedback.surveys.reminders import wave_reminders
from wandel.feedback.surveys.services import invitations_send, reminders_send

LINK = re.compile(r"https?://\S+/feedback/answer/([\w-]+)/")
ANSWERS = {
    "q-awareness": "4",
    "q-desire": "4",
    "q-knowledge": "4",
    "q-ability": "4",
    "q-reinforcement": "4",
    "submit": "1",
}


def tokens_by_address(inbox) -> dict[str, str]:
    found = {}
    for message in inbox.messages:
        for piece in message.walk():
            if piece.get_content_type() == "text/plain":
                text = piece.get_payload(decode=True).decode()
                match = LINK.search(text)
                if match:
                    found[message["To"]] = match.group(1)
    return found


def test_each_person_is_invited_with_their_own_link_that_answers_once(org, inbox):
    wave = open_wave(new_survey(targets=(org.engineering,)))
    assert invitations_send(wave=wave, actor=None) == 3
    run_due_tasks()

    tokens = tokens_by_address(inbox)
    assert sorted(tokens) == ["emil@example.com", "enno@example.com", "eva@example.com"]
    assert len(set(tokens.values())) == 3
    # Only digests are kept.
    stored = set(Participant.objects.values_list("token_digest", flat=True))
    assert not stored & set(tokens.values())

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post(f"/feedback/answer/{tokens['eva@example.com']}/", ANSWERS).status_code == 302
    assert client.post(f"/feedback/answer/{tokens['eva@example.com']}/", ANSWERS).status_code == 409

    event = AuditEvent.objects.get(action="feedback.survey_invited")
    assert event.changes == {"invited": 3}
    # Sending again invites nobody twice.
    assert invitations_send(wave=wave, actor=None) == 0


def test_reminders_reach_only_those_who_have_not_answered(org, inbox):
    wave = open_wave(new_survey(targets=(org.engineering,)))
    invitations_send(wave=wave, actor=None)
    run_due_tasks()
    tokens = tokens_by_address(inbox)
    Client().post(f"/feedback/answer/{tokens['eva@example.com']}/", ANSWERS)
    inbox.messages.clear()

    assert reminders_send(wave=wave, actor=None, today=date(2026, 12, 7)) == 2
    run_due_tasks()

    assert sorted(m["To"] for m in inbox.messages) == ["emil@example.com", "enno@example.com"]
    fresh = tokens_by_address(inbox)
    # The reminder's link works; the invitation's earlier one no longer does.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.get(f"/feedback/answer/{tokens['enno@example.com']}/").status_code == 404
    assert client.post(f"/feedback/answer/{fresh['enno@example.com']}/", ANSWERS).status_code == 302

    event = AuditEvent.objects.get(action="feedback.survey_reminded")
    assert event.changes == {"reminded": 2}
    assert "eva" not in str(event.changes)
    # Not twice on the same day.
    assert reminders_send(wave=wave, actor=None, today=date(2026, 12, 7)) == 0


def test_the_survey_manager_sends_reminders_from_the_survey_page(org, inbox):
    wave = open_wave(new_survey(distribution="link", targets=(org.north,)))
    admin = make_user(Role.ADMIN)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    page = client.post(f"/feedback/waves/{wave.pk}/remind/", follow=True)
    assert "Reminders sent to those who have not answered." in page.text
    run_due_tasks()
    assert sorted(m["To"] for m in inbox.messages) == ["nils@example.com", "nora@example.com"]
    # The anonymous link's survey reminds with the link itself.
    assert set(tokens_by_address(inbox).values()) == {wave.link_token}


def test_the_daily_reminder_tells_once_three_days_before_a_wave_closes(org, inbox):
    wave = open_wave(new_survey(distribution="link", targets=(org.north,)))  # closes 12-31
    answered = org.people["nils"]
    Participant.objects.filter(wave=wave, person=answered).update(answered=True)

    assert wave_reminders(date(2026, 12, 27)) == 0
    assert wave_reminders(date(2026, 12, 28)) == 1
    assert wave_reminders(date(2026, 12, 29)) == 0
    run_due_tasks()
    assert [m["To"] for m in inbox.messages] == ["nora@example.com"]
    assert AuditEvent.objects.get(action="feedback.survey_reminded").changes == {"reminded": 1}


def test_the_home_page_lists_the_surveys_open_for_the_person(org):
    survey = new_survey(distribution="link", targets=(org.north,))
    wave = open_wave(survey)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(org.people["nora"].user)
    lists = todo_lists(client.get("/"))
    assert [(i.text, i.url) for i in lists["Surveys"].items] == [
        ("Survey “ADKAR readiness” is open for you", f"/feedback/answer/{wave.link_token}/")
    ]
    client.post(f"/feedback/answer/{wave.link_token}/", ANSWERS)
    assert "Surveys" not in todo_lists(client.get("/"))
