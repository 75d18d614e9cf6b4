"""The hash-chained audit log: append-only, written with the change, and verifiable."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from wandel.core.audit import (
    GENESIS_HASH,
    AuditOutsideTransaction,
    audit_record,
    audit_verify,
)
from wandel.core.models import AuditEvent, AuditLogIsAppendOnly

pytestmark = pytest.mark.django_db


def record(n: int, **changes) -> list[AuditEvent]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                audit_record(actor=None, action="test.thing", changes={"i": i, **changes})
            )
    return events


def test_events_form_a_chain_from_the_genesis_hash():
    first, second, third = record(3)

    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert audit_verify().ok
    assert audit_verify().checked == 3
    assert audit_verify().head == third.hash


def test_an_edited_event_is_detected_at_that_event():
    events = record(5)
    AuditEvent.objects.filter(pk=events[2].pk).update(changes={"i": 99})

    report = audit_verify()

    assert not report.ok
    assert report.broken_at == events[2].pk
    assert report.checked == 2
    assert "changed" in report.reason


def test_an_edited_actor_or_time_is_detected():
    events = record(2)
    AuditEvent.objects.filter(pk=events[0].pk).update(actor_label="someone-else@example.com")
    assert audit_verify().broken_at == events[0].pk


def test_a_deleted_event_breaks_the_link_of_the_next_one():
    events = record(4)
    AuditEvent.objects.filter(pk=events[1].pk)._raw_delete(AuditEvent.objects.db)

    report = audit_verify()

    assert report.broken_at == events[2].pk
    assert "link" in report.reason


def test_a_rehashed_edit_still_breaks_the_following_link():
    events = record(3)
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.changes = {"i": 42}
    from wandel.core.audit import event_hash

    AuditEvent.objects.filter(pk=forged.pk).update(changes=forged.changes, hash=event_hash(forged))

    assert audit_verify().broken_at == events[2].pk


def test_events_cannot_be_changed_or_deleted_through_the_model():
    (event,) = record(1)
    event.action = "other"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()


def test_an_event_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(AuditOutsideTransaction):
        audit_record(actor=None, action="test.thing")
    assert AuditEvent.objects.count() == 0


def test_an_event_is_rolled_back_with_the_change_it_records():
    def change_that_fails() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="test.thing")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert AuditEvent.objects.count() == 0


def test_dates_and_text_in_changes_survive_the_round_trip():
    import datetime
    from decimal import Decimal

    with transaction.atomic():
        audit_record(
            actor=None,
            action="test.thing",
            changes={"on": datetime.date(2026, 3, 1), "amount": Decimal("12.50"), "text": "Größe"},
        )
    assert audit_verify().ok


def test_the_command_says_ok_on_an_intact_chain(capsys):
    record(2)
    call_command("audit", "verify")
    assert capsys.readouterr().out.startswith("ok: 2 events")


def test_the_command_fails_and_names_the_broken_event():
    events = record(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(action="tampered")

    with pytest.raises(CommandError, match=f"broken at event {events[1].pk}"):
        call_command("audit", "verify")


def test_the_audit_page_names_actions_in_the_readers_language(client, admin):
    from tests.personas import make_person
    from wandel.core.roles import Role
    from wandel.org.services import role_assign

    role_assign(person=make_person(), role=Role.TRAINER, actor=admin)
    client.force_login(admin)
    assert "Role assigned" in client.get("/audit/").content.decode()
    assert "Rolle zugewiesen" in client.get("/audit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
