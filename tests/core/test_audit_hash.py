"""The audit hash pinned by a known answer, and every hashed field guarded by a tamper test.

Swapping two fields in the hash, or leaving one out, would break every existing
installation's chain on upgrade; the known answers below fail first (issue 8). The
expected hashes were computed once, outside Wandel, with ``sha256`` over the canonical
JSON written out here.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from tests.support.personas import make_user
from wandel.core.audit import audit_record, event_hash
from wandel.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# The canonical form: [prev_hash, at (UTC, ISO), actor id, actor label, action, target
# type, target id, target label, changes (keys sorted)], compact, UTF-8 unescaped.
CANONICAL = (
    '["0000000000000000000000000000000000000000000000000000000000000000",'
    '"2026-03-01T09:30:15.123456+00:00",7,"anna.alt@example.com","portfolio.moved",'
    '"portfolio.UseCase","42","Vertragsklauseln extrahieren",'
    '{"from":"idea","reason":"Größe","to":"assessed"}]'
)
KNOWN_HASH = "7dec3dde6a131af7259e213fdc991a0851edf525638bf49814fd197effd6b80e"
EMPTY_EVENT_HASH = "c9e29a79d8fb681e3f1cb4ac1e45982787bc098fe0e4244ae32005388f965689"


def test_the_canonical_form_hashes_to_the_known_answer():
    assert hashlib.sha256(CANONICAL.encode()).hexdigest() == KNOWN_HASH


def test_the_hash_of_a_fixed_event_is_the_known_answer():
    event = AuditEvent(
        prev_hash="0" * 64,
        # 10:30 in Berlin (CET, UTC+1) is 09:30 UTC: the hash always uses UTC.
        at=datetime(2026, 3, 1, 10, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Berlin")),
        actor_id=7,
        actor_label="anna.alt@example.com",
        action="portfolio.moved",
        target_type="portfolio.UseCase",
        target_id="42",
        target_label="Vertragsklauseln extrahieren",
        changes={"to": "assessed", "reason": "Größe", "from": "idea"},
    )
    assert event_hash(event) == KNOWN_HASH


def test_the_hash_of_an_event_without_actor_or_target_is_the_known_answer():
    event = AuditEvent(
        prev_hash="a" * 64,
        at=datetime(2026, 3, 1, 9, 30, 15, tzinfo=UTC),
        actor_id=None,
        actor_label="",
        action="core.configured",
        target_type="",
        target_id="",
        target_label="",
        changes={},
    )
    assert event_hash(event) == EMPTY_EVENT_HASH


@pytest.fixture
def chain():
    """Three stored events with an actor and a target, in an otherwise empty log."""
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    actor, target = make_user(), make_user()
    events = []
    for i in range(3):
        with transaction.atomic():
            events.append(
                audit_record(actor=actor, action="test.thing", target=target, changes={"i": i})
            )
    call_command("audit", "verify")  # intact before the edit
    return events


# Each hashed field → a different value for it (the event's own time is shifted by 1 µs).
TAMPERED = {
    "actor_label": "someone-else@example.com",
    "action": "test.other",
    "target_type": "core.Other",
    "target_id": "999999",
    "target_label": "Someone else",
    "changes": {"i": 99},
}


@pytest.mark.parametrize(("field", "value"), TAMPERED.items())
def test_editing_a_hashed_field_breaks_the_chain_at_that_event(chain, field, value):
    middle = chain[1]
    AuditEvent.objects.filter(pk=middle.pk).update(**{field: value})

    with pytest.raises(CommandError, match=f"broken at event {middle.pk}"):
        call_command("audit", "verify")


def test_editing_the_time_by_one_microsecond_breaks_the_chain(chain):
    middle = chain[1]
    AuditEvent.objects.filter(pk=middle.pk).update(at=middle.at + timedelta(microseconds=1))

    with pytest.raises(CommandError, match=f"broken at event {middle.pk}"):
        call_command("audit", "verify")


def test_editing_the_actor_breaks_the_chain(chain):
    middle = chain[1]
    AuditEvent.objects.filter(pk=middle.pk).update(actor=make_user())

    with pytest.raises(CommandError, match=f"broken at event {middle.pk}"):
        call_command("audit", "verify")


def test_editing_the_previous_hash_breaks_the_chain(chain):
    middle = chain[1]
    AuditEvent.objects.filter(pk=middle.pk).update(prev_hash="f" * 64)

    with pytest.raises(CommandError, match=f"broken at event {middle.pk}"):
        call_command("audit", "verify")


def test_editing_the_stored_hash_of_the_last_event_is_detected(chain):
    last = chain[2]
    AuditEvent.objects.filter(pk=last.pk).update(hash="e" * 64)

    with pytest.raises(CommandError, match=f"broken at event {last.pk}"):
        call_command("audit", "verify")
