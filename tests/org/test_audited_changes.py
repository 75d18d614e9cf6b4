"""Every change in the organisation is one user action that writes a readable audit event.

Units, people, accounts closed for leavers, stakeholder groups, concerns and touchpoints:
each is changed through a service that owns its transaction and records what changed,
field by field, from what to what.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction

from tests.support.personas import make_person, make_unit
from wandel.core.actions import OutsideTransaction
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent, User
from wandel.org.models import Concern, Person, StakeholderGroup, Touchpoint, Unit

pytestmark = pytest.mark.django_db


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def person_form(person: Person, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "employee_id": person.employee_id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "unit": person.unit_id,
        "job_title": person.job_title,
        "language": person.language,
        "active": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


# Units ---------------------------------------------------------------------------------


def test_creating_a_unit_on_the_page_is_audited_with_its_fields(admin_client, admin):
    top = make_unit(code="GF", name="Geschäftsführung")

    response = admin_client.post(
        "/org/units/new/", {"code": "IT", "name": "IT & Digitalisierung", "parent": top.pk}
    )

    assert response.status_code == 302
    unit = Unit.objects.get(code="IT")
    (event,) = events("org.unit_created")
    assert (event.actor, event.target_type, event.target_id) == (admin, "org.Unit", str(unit.pk))
    assert event.changes == {
        "code": {"from": None, "to": "IT"},
        "name": {"from": None, "to": "IT & Digitalisierung"},
        "parent": {"from": None, "to": "Geschäftsführung"},
    }


def test_editing_a_unit_records_only_the_fields_that_changed(admin_client, admin):
    unit = make_unit(code="VT", name="Vertrieb")

    admin_client.post(f"/org/units/{unit.pk}/edit/", {"code": "VT", "name": "Vertrieb & Service"})

    (event,) = events("org.unit_updated")
    assert event.changes == {"name": {"from": "Vertrieb", "to": "Vertrieb & Service"}}
    assert event.target_label == "Vertrieb & Service"


def test_a_unit_saved_unchanged_writes_no_event(admin_client):
    unit = make_unit(code="VT", name="Vertrieb")

    admin_client.post(f"/org/units/{unit.pk}/edit/", {"code": "VT", "name": "Vertrieb"})

    assert events("org.unit_updated") == []


def test_a_unit_moved_below_its_own_sub_unit_is_refused_at_the_parent_field(admin):
    from wandel.org.services import OrgError, unit_update

    top = make_unit(code="T", name="Top")
    child = make_unit(code="C", name="Child", parent=top)

    with pytest.raises(OrgError) as refused:
        unit_update(unit=top, actor=admin, code="T", name="Top", parent=child)

    assert refused.value.field == "parent"
    assert events("org.unit_updated") == []


def test_a_second_unit_with_the_same_code_is_refused_at_the_code_field(admin):
    from wandel.org.services import OrgError, unit_create

    make_unit(code="IT", name="IT")

    with pytest.raises(OrgError) as refused:
        unit_create(actor=admin, code="IT", name="Noch einmal IT", parent=None)

    assert refused.value.field == "code"
    assert Unit.objects.filter(code="IT").count() == 1


# People --------------------------------------------------------------------------------


def test_adding_a_person_on_the_page_is_audited(admin_client, admin):
    unit = make_unit(code="PE", name="Personal")

    response = admin_client.post(
        "/org/people/new/",
        {
            "employee_id": "4711",
            "first_name": "Anna",
            "last_name": "Alt",
            "email": "Anna.Alt@Example.com",
            "unit": unit.pk,
            "job_title": "Referentin",
            "language": "de",
            "active": "on",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(employee_id="4711")
    assert person.email == "anna.alt@example.com"
    (event,) = events("org.person_created")
    assert (event.actor, event.target_id) == (admin, str(person.pk))
    assert event.changes["email"] == {"from": None, "to": "anna.alt@example.com"}
    assert event.changes["unit"] == {"from": None, "to": "Personal"}
    assert event.changes["active"] == {"from": None, "to": True}


def test_editing_a_person_records_the_changed_fields(admin_client):
    person = make_person(last_name="Berg", account=False)

    response = admin_client.post(
        f"/org/people/{person.pk}/edit/", person_form(person, last_name="Neu", job_title="Leitung")
    )

    assert response.status_code == 302
    (event,) = events("org.person_updated")
    assert event.changes == {
        "last_name": {"from": "Berg", "to": "Neu"},
        "job_title": {"from": "", "to": "Leitung"},
    }


def test_another_persons_email_is_refused_at_the_email_field_on_the_page(admin_client):
    make_person(email="anna@example.com", account=False)
    bert = make_person(email="bert@example.com", account=False)

    response = admin_client.post(
        f"/org/people/{bert.pk}/edit/", person_form(bert, email="ANNA@example.com")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Another person already has this e-mail address."
    ]
    assert events("org.person_updated") == []


def test_marking_a_person_as_left_closes_their_account_and_audits_it(admin_client, admin):
    person = make_person(email="leaver@example.com")

    admin_client.post(f"/org/people/{person.pk}/edit/", person_form(person, active=None))

    person.user.refresh_from_db()
    assert not person.user.is_active
    (updated,) = events("org.person_updated")
    assert updated.changes == {"active": {"from": True, "to": False}}
    (closed,) = events("org.account_closed")
    assert (closed.actor, closed.target_type, closed.target_id) == (
        admin,
        "org.Person",
        str(person.pk),
    )
    assert closed.changes == {
        "account": "leaver@example.com",
        "is_active": {"from": True, "to": False},
    }


def test_a_person_without_an_account_leaves_without_an_account_event(admin_client):
    person = make_person(account=False)

    admin_client.post(f"/org/people/{person.pk}/edit/", person_form(person, active=None))

    assert len(events("org.person_updated")) == 1
    assert events("org.account_closed") == []


def test_an_import_that_closes_accounts_names_each_of_them_in_its_one_event():
    from wandel.org.imports import people_import

    header = "employee_id,email,first_name,last_name,unit_code,unit_name,active\n"
    people = [("1", "anna@example.com", "Anna"), ("2", "bert@example.com", "Bert")]
    for _, email, _name in people:
        User.objects.create_user(email, "pw")
    here = "".join(f"{i},{e},{n},X,GF,Geschäftsführung,ja\n" for i, e, n in people)
    gone = "".join(f"{i},{e},{n},X,GF,Geschäftsführung,nein\n" for i, e, n in people)
    people_import(content=(header + here).encode(), file_name="p.csv", actor=None)
    before = AuditEvent.objects.count()

    report = people_import(content=(header + gone).encode(), file_name="p.csv", actor=None)

    assert report.accounts_closed == 2
    assert AuditEvent.objects.count() == before + 1
    (_, event) = events("org.people_imported")
    assert event.changes["accounts_closed"] == 2
    assert event.changes["closed_accounts"] == ["anna@example.com", "bert@example.com"]


# Stakeholder groups, concerns, touchpoints ---------------------------------------------


def test_creating_a_stakeholder_group_on_the_page_is_audited_with_its_units(admin_client):
    unit = make_unit(code="PR", name="Produktion")
    contact = make_person(first_name="Rita", last_name="Rat", account=False)

    response = admin_client.post(
        "/org/stakeholders/new/",
        {
            "name": "Betriebsrat",
            "description": "",
            "power": 5,
            "interest": 4,
            "adkar_stage": "desire",
            "units": [unit.pk],
            "contact": contact.pk,
        },
    )

    assert response.status_code == 302
    group = StakeholderGroup.objects.get(name="Betriebsrat")
    (event,) = events("org.stakeholder_group_created")
    assert (event.target_type, event.target_id) == ("org.StakeholderGroup", str(group.pk))
    assert event.changes["power"] == {"from": None, "to": 5}
    assert event.changes["units"] == {"from": None, "to": ["Produktion"]}
    assert event.changes["contact"] == {"from": None, "to": "Rita Rat"}


def test_editing_a_stakeholder_group_records_what_changed(admin_client):
    from wandel.org.services import stakeholder_group_create

    group = stakeholder_group_create(
        actor=None, name="Vertrieb", power=2, interest=4, adkar_stage="awareness"
    )
    unit = make_unit(code="VT", name="Vertrieb")

    admin_client.post(
        f"/org/stakeholders/{group.pk}/edit/",
        {
            "name": "Vertrieb",
            "description": "",
            "power": 3,
            "interest": 4,
            "adkar_stage": "knowledge",
            "units": [unit.pk],
        },
    )

    (event,) = events("org.stakeholder_group_updated")
    assert event.changes == {
        "power": {"from": 2, "to": 3},
        "adkar_stage": {"from": "awareness", "to": "knowledge"},
        "units": {"from": [], "to": ["Vertrieb"]},
    }


def test_a_concern_added_and_answered_on_the_page_is_audited(admin_client, admin):
    group = StakeholderGroup.objects.create(name="Betriebsrat", power=5, interest=5)

    admin_client.post(
        f"/org/stakeholders/{group.pk}/concerns/",
        {"text": "Leistungskontrolle?", "raised_on": "2026-10-01"},
    )
    concern = Concern.objects.get()
    admin_client.post(f"/org/concerns/{concern.pk}/", {"response": "Nur Aggregate."})

    (added,) = events("org.concern_added")
    assert (added.actor, added.target_type, added.target_id) == (
        admin,
        "org.StakeholderGroup",
        str(group.pk),
    )
    assert added.changes == {
        "concern": concern.pk,
        "text": {"from": None, "to": "Leistungskontrolle?"},
        "raised_on": {"from": None, "to": "2026-10-01"},
    }
    (answered,) = events("org.concern_answered")
    assert answered.changes == {
        "concern": concern.pk,
        "status": {"from": "open", "to": "addressed"},
        "response": {"from": "", "to": "Nur Aggregate."},
    }


def test_a_concern_without_an_answer_is_refused_at_the_response_field(admin):
    from wandel.org.services import OrgError, concern_add, concern_answer

    group = StakeholderGroup.objects.create(name="Betriebsrat", power=5, interest=5)
    concern = concern_add(group=group, text="Datenschutz?", actor=admin)

    with pytest.raises(OrgError) as refused:
        concern_answer(concern=concern, response="   ", actor=admin)

    assert refused.value.field == "response"
    assert events("org.concern_answered") == []


def test_a_touchpoint_recorded_on_the_page_is_audited(client):
    from tests.support.personas import make_user
    from wandel.core.roles import Role

    owner = make_user(Role.PRODUCT_OWNER)
    group = StakeholderGroup.objects.create(name="Vertrieb", power=2, interest=4)
    client.force_login(owner)

    client.post(
        f"/org/stakeholders/{group.pk}/touchpoints/",
        {"happened_on": "2026-10-02", "kind": "workshop", "summary": "Ideen", "outcome": ""},
    )

    touchpoint = Touchpoint.objects.get()
    (event,) = events("org.touchpoint_recorded")
    assert (event.actor, event.target_id) == (owner, str(group.pk))
    assert event.changes["touchpoint"] == touchpoint.pk
    assert event.changes["kind"] == {"from": None, "to": "workshop"}
    assert event.changes["happened_on"] == {"from": None, "to": "2026-10-02"}
    assert event.changes["summary"] == {"from": None, "to": "Ideen"}


def test_the_chain_verifies_after_every_kind_of_org_change(admin):
    from wandel.org import services

    before = AuditEvent.objects.count()
    unit = services.unit_create(actor=admin, code="A", name="Alpha", parent=None)
    services.unit_update(unit=unit, actor=admin, code="A", name="Alpha 2", parent=None)
    person = services.person_create(
        actor=admin,
        employee_id="1",
        email="p@example.com",
        first_name="P",
        last_name="Q",
        unit=unit,
    )
    group = services.stakeholder_group_create(actor=admin, name="G", power=1, interest=1)
    concern = services.concern_add(group=group, text="c", actor=admin)
    services.concern_answer(concern=concern, response="r", actor=admin)
    services.touchpoint_record(group=group, kind="meeting", summary="s", actor=admin)
    services.person_update(
        person=person,
        actor=admin,
        employee_id="1",
        email="p@example.com",
        first_name="P",
        last_name="R",
        unit=unit,
        job_title="",
        language="",
        active=True,
    )

    assert AuditEvent.objects.count() == before + 8
    assert audit_verify().ok


# One user action, one transaction ------------------------------------------------------


ACTIONS = [
    "unit_create",
    "unit_update",
    "person_create",
    "person_update",
    "role_assign",
    "role_end",
    "stakeholder_group_create",
    "stakeholder_group_update",
    "concern_add",
    "concern_answer",
    "touchpoint_record",
]


@pytest.mark.parametrize("name", ACTIONS)
def test_each_org_service_is_a_user_action(name):
    from wandel.org import services

    assert getattr(getattr(services, name), "user_action", False), name


def test_a_user_action_cannot_be_nested_inside_another_transaction(admin):
    from wandel.org.services import unit_create

    with transaction.atomic(), pytest.raises(RuntimeError):
        unit_create(actor=admin, code="N", name="Nested", parent=None)


def test_an_import_is_the_outermost_transaction_too():
    from wandel.org.imports import units_import

    with transaction.atomic(), pytest.raises(RuntimeError):
        units_import(content=b"unit_code,unit_name\nA,Alpha\n", file_name="u.csv", actor=None)


def test_closing_accounts_refuses_to_run_outside_a_user_action(transactional_db):
    from wandel.org.services import accounts_close_for_leavers

    with pytest.raises(OutsideTransaction):
        accounts_close_for_leavers(person_ids=[1])


def test_a_refused_change_leaves_no_trace(admin):
    from wandel.org.services import OrgError, person_create

    unit = make_unit()
    make_person(email="taken@example.com", account=False)
    before = (Person.objects.count(), AuditEvent.objects.count())

    with pytest.raises(OrgError):
        person_create(
            actor=admin,
            employee_id="9",
            email="taken@example.com",
            first_name="T",
            last_name="T",
            unit=unit,
        )

    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_roles_keep_their_audit_events(admin):
    from wandel.core.roles import Role
    from wandel.org.services import role_assign, role_end

    person = make_person()
    assignment = role_assign(
        person=person, role=Role.TRAINER, actor=admin, assigned_on=datetime.date(2026, 1, 1)
    )
    role_end(assignment=assignment, actor=admin, ended_on=datetime.date(2026, 2, 1))

    assert [
        e.action for e in AuditEvent.objects.filter(action__startswith="org.").order_by("id")
    ] == [
        "org.role_assigned",
        "org.role_ended",
    ]


# The admin site is no way around the services --------------------------------------


@pytest.mark.parametrize("model", ["unit", "person", "stakeholdergroup"])
def test_org_records_are_read_only_in_the_admin_site(admin_client, model):
    unit = make_unit(code="A", name="Alpha")
    objects = {
        "unit": unit,
        "person": make_person(unit=unit, account=False),
        "stakeholdergroup": StakeholderGroup.objects.create(name="G", power=3, interest=3),
    }
    record = objects[model]
    change = f"/admin/org/{model}/{record.pk}/change/"

    assert admin_client.get(f"/admin/org/{model}/add/").status_code == 403
    assert admin_client.get(change).status_code == 200
    admin_client.post(change, {"name": "Forged", "code": "F", "last_name": "Forged"})
    assert (
        admin_client.post(f"/admin/org/{model}/{record.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )

    record.refresh_from_db()
    assert "Forged" not in str(record)
