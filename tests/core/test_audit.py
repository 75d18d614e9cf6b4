"""The hash-chained audit log: append-only, written with the change, and verifiable."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from tests.support.api import bearer
from wandel.core.audit import (
    GENESIS_HASH,
    AuditOutsideTransaction,
    audit_record,
    audit_verify,
)
from wandel.core.models import AuditEvent, AuditLogIsAppendOnly

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_log(request):
    """The chain's own tests start from an empty log. (A fresh database holds one event
    already: the default scoring criteria seeded after migrate, see tests/portfolio.)"""
    if "transactional_db" not in request.fixturenames:
        request.getfixturevalue("db")
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)


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
    from tests.support.personas import make_person
    from wandel.core.roles import Role
    from wandel.org.services import role_assign

    role_assign(person=make_person(), role=Role.TRAINER, actor=admin)
    client.force_login(admin)
    assert "Role assigned" in client.get("/audit/").content.decode()
    assert "Rolle zugewiesen" in client.get("/audit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()


# The audit log through the API ---------------------------------------------------------


def test_the_api_lists_audit_events_newest_first_with_their_changes(client, admin):
    from tests.support.personas import make_person
    from wandel.core.roles import Role
    from wandel.org.services import role_assign

    headers = bearer(admin)  # creating the token is the first event
    person = make_person(first_name="Rita", last_name="Rolle")
    role_assign(person=person, role=Role.TRAINER, actor=admin, note="Schulungen")
    (older,) = record(1)

    response = client.get("/api/v1/audit-events", headers=headers)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 3
    newest, assigned, token = body["items"]
    assert token["action"] == "core.token_created"
    assert newest["id"] == older.pk
    assert assigned["action"] == "org.role_assigned"
    assert assigned["action_label"] == "Role assigned"
    assert assigned["actor"] == "admin@example.com"
    assert (assigned["target_type"], assigned["target_id"], assigned["target_label"]) == (
        "org.Person",
        str(person.pk),
        "Rita Rolle",
    )
    assert assigned["changes"]["role"] == "trainer"
    assert assigned["changes"]["note"] == "Schulungen"
    assert len(assigned["hash"]) == 64
    assert newest["prev_hash"] == assigned["hash"]


def test_the_api_filters_audit_events_by_action_and_target(client, admin):
    from tests.support.personas import make_person
    from wandel.core.roles import Role
    from wandel.org.services import role_assign

    anna, bert = make_person(), make_person()
    role_assign(person=anna, role=Role.TRAINER, actor=admin)
    role_assign(person=bert, role=Role.TRAINER, actor=admin)
    record(3)
    headers = bearer(admin)

    by_action = client.get("/api/v1/audit-events?action=test.thing", headers=headers).json()
    by_target = client.get(
        f"/api/v1/audit-events?target_type=org.Person&target_id={bert.pk}", headers=headers
    ).json()

    assert by_action["count"] == 3
    assert {item["action"] for item in by_action["items"]} == {"test.thing"}
    assert by_target["count"] == 1
    assert by_target["items"][0]["target_id"] == str(bert.pk)


def test_the_audit_page_and_the_api_show_the_same_events(client, admin):
    record(4)
    with transaction.atomic():
        audit_record(actor=None, action="test.other")
    client.force_login(admin)

    on_page = [e.pk for e in client.get("/audit/?action=test.thing").context["page"]]
    in_api = [
        item["id"]
        for item in client.get(
            "/api/v1/audit-events?action=test.thing", headers=bearer(admin)
        ).json()["items"]
    ]

    assert in_api == on_page
    assert len(on_page) == 4


def test_the_audit_events_are_paginated(client, admin):
    record(55)
    url = "/api/v1/audit-events?action=test.thing"

    first = client.get(url, headers=bearer(admin)).json()
    second = client.get(f"{url}&page=2", headers=bearer(admin)).json()

    assert first["count"] == 55
    assert len(first["items"]) == 50
    assert len(second["items"]) == 5


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        (("admin",), 200),
        (("steering_committee",), 200),
        (("data_protection",), 200),
        (("it_security",), 200),
        (("product_owner",), 403),
        (("works_council",), 403),
        (("trainer",), 403),
        ((), 403),
    ],
)
def test_only_holders_of_the_audit_permission_read_the_audit_log_through_the_api(
    client, roles, status
):
    from tests.support.personas import make_user
    from wandel.core.roles import Role

    user = make_user(*(Role(r) for r in roles))
    record(1)

    response = client.get("/api/v1/audit-events", headers=bearer(user))

    assert response.status_code == status


def test_the_audit_log_cannot_be_changed_through_the_api(client, admin):
    headers = bearer(admin)
    (event,) = record(1)
    before = AuditEvent.objects.count()

    assert client.post("/api/v1/audit-events", {}, headers=headers).status_code == 405
    assert client.delete(f"/api/v1/audit-events/{event.pk}", headers=headers).status_code in (
        404,
        405,
    )
    assert AuditEvent.objects.count() == before
