"""What one audit event records, the readable before/after of a change, and what
``audit_verify`` reports, all with literal expected values (issue 8: found by mutation
testing of ``wandel.core.audit``)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection, models, transaction

from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from wandel.core.audit import (
    AUDIT_ACTIONS,
    AuditOutsideTransaction,
    ChainReport,
    action_label,
    audit_record,
    audit_verify,
    changed_fields,
    snapshot,
)
from wandel.core.models import AuditEvent, User
from wandel.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_log(db):
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)


def record(**kwargs) -> AuditEvent:
    with transaction.atomic():
        event = audit_record(**{"actor": None, "action": "test.thing", **kwargs})
    return AuditEvent.objects.get(pk=event.pk)


def test_an_event_names_its_actor_by_account_and_email():
    user = make_user(email="anna.alt@example.com")
    event = record(actor=user)
    assert (event.actor, event.actor_label) == (user, "anna.alt@example.com")


def test_an_event_of_the_system_has_no_actor():
    event = record(actor=None)
    assert (event.actor, event.actor_label) == (None, "")


def test_an_account_not_yet_saved_is_not_recorded_as_actor():
    event = record(actor=User(email="ghost@example.com"))
    assert (event.actor, event.actor_label) == (None, "")


def test_an_event_names_its_target_by_type_id_and_label():
    unit = make_unit(code="VT", name="Vertrieb")
    event = record(target=unit)
    assert (event.target_type, event.target_id, event.target_label) == (
        "org.Unit",
        str(unit.pk),
        "Vertrieb",
    )


def test_an_event_without_target_leaves_the_target_fields_empty():
    event = record()
    assert (event.target_type, event.target_id, event.target_label) == ("", "", "")


def test_a_long_target_label_is_cut_to_255_characters():
    event = record(target=Unit(pk=123456, code="L", name="x" * 300))
    assert event.target_label == "x" * 255


def test_the_returned_event_keeps_its_time_in_utc():
    with transaction.atomic():
        event = audit_record(actor=None, action="test.thing")
    assert event.at.utcoffset() == timedelta(0)
    assert str(event.at.tzinfo) == "UTC"


def test_outside_a_transaction_the_refusal_says_why(transactional_db):
    with pytest.raises(AuditOutsideTransaction) as refused:
        audit_record(actor=None, action="test.thing")
    assert str(refused.value) == (
        "Audit events must be written inside the transaction of the change they record."
    )


def test_registered_actions_have_their_label_and_others_show_their_name():
    # A name never registered before in this process.
    name = f"test.{uuid.uuid4().hex}"
    # Registered for the rest of the process, like every app's actions.
    AUDIT_ACTIONS.register(models.TextChoices("Fresh", [("FRESH", (name, "Something labelled"))]))

    assert action_label(name) == "Something labelled"
    assert action_label("org.person_created") == "Person added"
    assert action_label("test.unregistered") == "test.unregistered"


def test_a_snapshot_shows_related_objects_by_label_and_dates_as_text():
    person = make_person(first_name="Anna", last_name="Alt", unit=make_unit(name="Vertrieb"))
    assert snapshot(person, ["first_name", "unit", "active"]) == {
        "first_name": "Anna",
        "unit": "Vertrieb",
        "active": True,
    }


def test_a_snapshot_shows_many_related_objects_by_sorted_labels():
    use_case = make_use_case()
    use_case.team.set(
        [
            make_person(first_name="Zoe", last_name="Zett"),
            make_person(first_name="Al", last_name="A"),
        ]
    )
    assert snapshot(use_case, ["team"]) == {"team": ["Al A", "Zoe Zett"]}


def test_a_snapshot_of_an_unsaved_object_has_no_many_related_objects():
    use_case = make_use_case()
    use_case.pk = None
    assert snapshot(use_case, ["team"]) == {"team": []}


def test_a_snapshot_shows_an_empty_relation_as_none():
    use_case = make_use_case()
    assert snapshot(use_case, ["product_owner"]) == {"product_owner": None}


def test_changed_fields_lists_only_what_differs_with_from_and_to():
    before = {"title": "Alt", "on": date(2026, 3, 1), "same": 1}
    after = {"title": "Neu", "on": date(2026, 3, 2), "same": 1, "added": "x"}
    assert changed_fields(before, after) == {
        "title": {"from": "Alt", "to": "Neu"},
        "on": {"from": "2026-03-01", "to": "2026-03-02"},
        "added": {"from": None, "to": "x"},
    }


def test_changed_fields_of_equal_values_is_empty():
    assert changed_fields({"a": 1}, {"a": 1}) == {}


def three_events() -> list[AuditEvent]:
    return [record(changes={"i": i}) for i in range(3)]


def test_an_intact_chain_reports_its_count_and_head():
    events = three_events()
    assert audit_verify() == ChainReport(3, events[2].hash)


def test_a_changed_event_is_reported_with_what_was_checked_before_it():
    events = three_events()
    AuditEvent.objects.filter(pk=events[1].pk).update(changes={"i": 99})
    assert audit_verify() == ChainReport(
        1, events[0].hash, events[1].pk, "the event's content was changed"
    )


def test_a_missing_event_is_reported_as_a_broken_link():
    events = three_events()
    AuditEvent.objects.filter(pk=events[1].pk)._raw_delete(AuditEvent.objects.db)
    assert audit_verify() == ChainReport(
        1, events[0].hash, events[2].pk, "the link to the previous event is broken"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's advisory lock")
def test_writing_an_event_holds_the_chain_lock_until_the_transaction_ends():
    held = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        " AND classid = 22337 AND objid = 1313097036"  # 0x5741_4E44454C, the chain key
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(held)
        assert cursor.fetchone() == (0,)
        audit_record(actor=None, action="test.thing")
        cursor.execute(held)
        assert cursor.fetchone() == (1,)


def test_the_first_event_links_to_sixty_four_zeros():
    assert record().prev_hash == "0000000000000000000000000000000000000000000000000000000000000000"
