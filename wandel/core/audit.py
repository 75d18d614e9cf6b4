"""The tamper-evident audit log.

Each event stores the hash of the event before it and a SHA-256 over its own content and
that previous hash. Editing or deleting any stored event breaks the chain at that point,
which ``audit_verify`` (``wandel audit verify``) reports. Events are written inside the
transaction of the change they record, so a change without its event cannot be committed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone
from django.utils.functional import Promise

from wandel.core.models import AuditEvent, User
from wandel.core.registry import Hook

GENESIS_HASH = "0" * 64
# Any constant works; it only has to be the same for every process that writes events.
_POSTGRES_CHAIN_LOCK = 0x57414E44454C


class AuditOutsideTransaction(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "Audit events must be written inside the transaction of the change they record."
        )


AUDIT_ACTIONS: Hook[type[models.TextChoices]] = Hook("audit actions")
"""Each app's audit actions, so the audit page shows a translated label for each."""


def action_label(action: str) -> str | Promise:
    for choices in AUDIT_ACTIONS:
        if action in choices.values:
            return choices(action).label
    return action


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction
    _lock_chain()
    previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        at=_now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.email if actor is not None and actor.pk else "",
        action=str(action),
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        changes=_plain(changes or {}),
        prev_hash=previous or GENESIS_HASH,
    )
    event.hash = event_hash(event)
    event.save()
    return event


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The readable value of each field, as the audit log shows a change of it.

    A related object is shown by its label (``str``), several by their sorted labels, a
    choice by its stored value; so an event stays readable after the object is gone.
    """
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            if instance.pk is None:
                values[name] = []
            else:
                values[name] = sorted(str(o) for o in getattr(instance, name).all())
        elif field.is_relation:
            related = getattr(instance, name)
            values[name] = str(related) if related is not None else None
        else:
            values[name] = getattr(instance, field.attname)  # type: ignore[union-attr]
    return _plain(values)


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """``{field: {"from": old, "to": new}}`` for every field whose value differs."""
    old, new = _plain(before), _plain(after)
    return {
        name: {"from": old.get(name), "to": new[name]} for name in new if old.get(name) != new[name]
    }


def event_hash(event: AuditEvent) -> str:
    content = [
        event.prev_hash,
        event.at.astimezone(UTC).isoformat(),
        event.actor_id,
        event.actor_label,
        event.action,
        event.target_type,
        event.target_id,
        event.target_label,
        event.changes,
    ]
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head: str
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_verify() -> ChainReport:
    """Walk the whole chain in order and report the first event that does not fit."""
    expected_prev = GENESIS_HASH
    checked = 0
    for event in _events_in_order():
        if event.prev_hash != expected_prev:
            return ChainReport(
                checked, expected_prev, event.pk, "the link to the previous event is broken"
            )
        if event_hash(event) != event.hash:
            return ChainReport(checked, expected_prev, event.pk, "the event's content was changed")
        expected_prev = event.hash
        checked += 1
    return ChainReport(checked, expected_prev)


def _events_in_order() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=2000)


def _lock_chain() -> None:
    # On PostgreSQL, concurrent writers would otherwise read the same last hash and fork
    # the chain. SQLite runs Wandel's transactions as IMMEDIATE, which serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POSTGRES_CHAIN_LOCK])


def _now() -> datetime:
    # Microseconds survive both databases unchanged, so the hash recomputes exactly.
    return timezone.now().astimezone(UTC)


def _plain(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes as the JSON column will give them back (dates and decimals as text)."""
    result: dict[str, Any] = json.loads(json.dumps(changes, cls=DjangoJSONEncoder))
    return result
