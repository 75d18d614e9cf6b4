"""What the org pages offer, the API offers: units and people, roles, stakeholder groups
with concerns and touchpoints, through the same services, rules and audit events."""

from __future__ import annotations

import json

import pytest

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit, make_user
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Unit

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user) -> None:
        self.client = client
        self.headers = bearer(user)

    def get(self, path: str):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def send(self, method: str, path: str, body: object):
        return getattr(self.client, method)(
            f"/api/v1{path}",
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path: str, body: object):
        return self.send("post", path, body)

    def patch(self, path: str, body: object):
        return self.send("patch", path, body)


@pytest.fixture
def api(client, admin) -> Api:
    return Api(client, admin)


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


# Units and people ----------------------------------------------------------------------


def test_a_unit_is_created_and_edited_with_its_parent_given_by_code(api, admin):
    make_unit(code="GF", name="Geschäftsführung")

    created = api.post("/units", {"code": "IT", "name": "IT", "parent": "GF"})

    assert created.status_code == 201, created.content
    assert created.json()["parent_code"] == "GF"
    unit_id = created.json()["id"]
    assert (last_event().action, last_event().actor) == ("org.unit_created", admin)

    edited = api.patch(f"/units/{unit_id}", {"name": "IT & Digitalisierung", "parent": None})

    assert edited.status_code == 200, edited.content
    assert edited.json() == {
        "id": unit_id,
        "code": "IT",
        "name": "IT & Digitalisierung",
        "parent_id": None,
        "parent_code": None,
    }
    assert last_event().changes == {
        "name": {"from": "IT", "to": "IT & Digitalisierung"},
        "parent": {"from": "Geschäftsführung", "to": None},
    }


def test_a_unit_below_its_own_sub_unit_answers_400_at_the_parent_field(api):
    top = make_unit(code="T", name="Top")
    make_unit(code="C", name="Child", parent=top)

    response = api.patch(f"/units/{top.pk}", {"parent": "C"})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "A unit cannot sit below itself or one of its own sub-units.",
        "errors": {"parent": ["A unit cannot sit below itself or one of its own sub-units."]},
    }


def test_an_unknown_parent_code_answers_400_at_the_parent_field(api):
    response = api.post("/units", {"code": "IT", "name": "IT", "parent": "NOPE"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"parent": ["There is no unit with the code “NOPE”."]}
    assert not Unit.objects.filter(code="IT").exists()


def test_a_person_is_created_and_edited_through_the_api(api):
    make_unit(code="PE", name="Personal")

    created = api.post(
        "/people",
        {
            "employee_id": "4711",
            "email": "Anna@Example.com",
            "first_name": "Anna",
            "last_name": "Alt",
            "unit": "PE",
        },
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["email"], body["unit_code"], body["active"], body["roles"]) == (
        "anna@example.com",
        "PE",
        True,
        [],
    )
    assert last_event().action == "org.person_created"

    edited = api.patch(f"/people/{body['id']}", {"job_title": "Referentin"})

    assert edited.status_code == 200, edited.content
    assert edited.json()["job_title"] == "Referentin"
    assert edited.json()["last_name"] == "Alt"
    assert last_event().changes == {"job_title": {"from": "", "to": "Referentin"}}


def test_marking_a_person_as_left_through_the_api_closes_their_account(api):
    person = make_person(email="gone@example.com")

    response = api.patch(f"/people/{person.pk}", {"active": False})

    assert response.status_code == 200, response.content
    person.user.refresh_from_db()
    assert not person.user.is_active
    assert last_event().action == "org.account_closed"


def test_someone_elses_email_answers_400_at_the_email_field(api):
    make_person(email="anna@example.com", account=False)
    bert = make_person(email="bert@example.com", account=False)

    response = api.patch(f"/people/{bert.pk}", {"email": "ANNA@example.com"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "email": ["Another person already has this e-mail address."]
    }


def test_people_and_units_are_changed_only_with_the_right_to_manage_people(client):
    api = Api(client, make_user(Role.STEERING_COMMITTEE))
    unit = make_unit(code="X")

    assert api.post("/units", {"code": "Y", "name": "Y"}).status_code == 403
    assert api.patch(f"/units/{unit.pk}", {"name": "Z"}).status_code == 403
    assert Unit.objects.get(pk=unit.pk).name != "Z"


# Roles ---------------------------------------------------------------------------------


def test_roles_are_listed_assigned_and_ended_through_the_api(api, admin):
    person = make_person()

    assigned = api.post(
        f"/people/{person.pk}/roles", {"role": "trainer", "assigned_on": "2026-01-05"}
    )

    assert assigned.status_code == 201, assigned.content
    assignment_id = assigned.json()["id"]
    assert assigned.json()["assigned_by"] == admin.person.full_name
    assert last_event().action == "org.role_assigned"

    ended = api.post(f"/role-assignments/{assignment_id}/end", {"ended_on": "2026-02-01"})

    assert ended.status_code == 200, ended.content
    assert ended.json()["ended_on"] == "2026-02-01"
    assert last_event().action == "org.role_ended"

    history = api.get(f"/people/{person.pk}/roles").json()
    assert history["count"] == 1
    assert history["items"][0]["role"] == "trainer"
    assert history["items"][0]["current"] is False


def test_a_role_held_already_answers_400_at_the_role_field(api):
    person = make_person(roles=(Role.TRAINER,))

    response = api.post(f"/people/{person.pk}/roles", {"role": "trainer"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["role"]
    assert RoleAssignment.objects.filter(person=person).count() == 1


def test_ending_a_role_twice_answers_with_the_reason(api):
    person = make_person(roles=(Role.TRAINER,))
    assignment = person.roles.get()
    api.post(f"/role-assignments/{assignment.pk}/end", {})

    response = api.post(f"/role-assignments/{assignment.pk}/end", {})

    assert response.status_code == 400
    assert response.json()["detail"] == "This role assignment has already ended."


# Stakeholder groups --------------------------------------------------------------------


def test_a_stakeholder_group_is_created_edited_and_read_with_concerns_and_touchpoints(api):
    make_unit(code="PR", name="Produktion")
    contact = make_person(first_name="Rita", last_name="Rat", account=False)

    created = api.post(
        "/stakeholder-groups",
        {
            "name": "Betriebsrat",
            "power": 5,
            "interest": 4,
            "adkar_stage": "desire",
            "units": ["PR"],
            "contact": contact.pk,
        },
    )

    assert created.status_code == 201, created.content
    group_id = created.json()["id"]
    assert created.json()["strategy"] == "manage_closely"
    assert created.json()["contact"] == {"id": contact.pk, "name": "Rita Rat"}
    assert last_event().action == "org.stakeholder_group_created"

    edited = api.patch(f"/stakeholder-groups/{group_id}", {"power": 2})
    assert edited.status_code == 200, edited.content
    assert edited.json()["strategy"] == "keep_informed"
    assert edited.json()["unit_codes"] == ["PR"]

    concern = api.post(
        f"/stakeholder-groups/{group_id}/concerns",
        {"text": "Leistungskontrolle?", "raised_on": "2026-10-01"},
    )
    assert concern.status_code == 201, concern.content
    answered = api.post(
        f"/concerns/{concern.json()['id']}/answer", {"response": "Nur Aggregate ab 5."}
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "addressed"
    touchpoint = api.post(
        f"/stakeholder-groups/{group_id}/touchpoints",
        {"kind": "meeting", "summary": "Vorstellung", "happened_on": "2026-10-02"},
    )
    assert touchpoint.status_code == 201, touchpoint.content

    detail = api.get(f"/stakeholder-groups/{group_id}").json()
    assert [c["text"] for c in detail["concerns"]] == ["Leistungskontrolle?"]
    assert detail["concerns"][0]["response"] == "Nur Aggregate ab 5."
    assert [t["summary"] for t in detail["touchpoints"]] == ["Vorstellung"]
    assert detail["open_concern_count"] == 0
    assert detail["touchpoint_count"] == 1
    actions = list(
        AuditEvent.objects.filter(
            target_type="org.StakeholderGroup", target_id=str(group_id)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "org.concern_added",
        "org.concern_answered",
        "org.stakeholder_group_created",
        "org.stakeholder_group_updated",
        "org.touchpoint_recorded",
    ]


def test_a_power_outside_one_to_five_answers_400_by_field(api):
    response = api.post("/stakeholder-groups", {"name": "X", "power": 7, "interest": 3})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["power"]
    assert not StakeholderGroup.objects.exists()


def test_an_empty_answer_to_a_concern_answers_400_at_the_response_field(api):
    group = StakeholderGroup.objects.create(name="G", power=3, interest=3)
    concern = Concern.objects.create(group=group, text="c")

    response = api.post(f"/concerns/{concern.pk}/answer", {"response": "  "})

    assert response.status_code == 400
    assert response.json()["errors"] == {"response": ["Say how the concern was addressed."]}


def test_a_product_owner_records_touchpoints_but_does_not_edit_groups(client):
    api = Api(client, make_user(Role.PRODUCT_OWNER))
    group = StakeholderGroup.objects.create(name="Vertrieb", power=2, interest=4)

    touchpoint = api.post(
        f"/stakeholder-groups/{group.pk}/touchpoints", {"kind": "workshop", "summary": "Ideen"}
    )

    assert touchpoint.status_code == 201
    assert api.patch(f"/stakeholder-groups/{group.pk}", {"power": 5}).status_code == 403
    assert api.post(f"/stakeholder-groups/{group.pk}/concerns", {"text": "x"}).status_code == 403


def test_reading_stakeholder_groups_needs_the_right_to_see_them(client):
    group = StakeholderGroup.objects.create(name="G", power=3, interest=3)
    trainer = Api(client, make_user(Role.TRAINER))
    council = Api(client, make_user(Role.WORKS_COUNCIL))

    assert trainer.get("/stakeholder-groups").status_code == 403
    assert trainer.get(f"/stakeholder-groups/{group.pk}").status_code == 403
    assert council.get(f"/stakeholder-groups/{group.pk}").status_code == 200


def test_people_created_through_the_api_are_in_the_list(api):
    make_unit(code="PE")
    api.post(
        "/people",
        {
            "employee_id": "1",
            "email": "neu@example.com",
            "first_name": "Neu",
            "last_name": "Ling",
            "unit": "PE",
        },
    )

    listed = api.get("/people?unit=PE").json()

    assert [item["email"] for item in listed["items"]] == ["neu@example.com"]
    assert Person.objects.filter(email="neu@example.com").count() == 1


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/people/{person}", {"unit": None}, "unit"),
        ("/people/{person}", {"language": None}, "language"),
        ("/people/{person}", {"active": None}, "active"),
        ("/units/{unit}", {"code": None}, "code"),
        ("/units/{unit}", {"name": "   "}, "name"),
        ("/stakeholder-groups/{group}", {"description": None}, "description"),
        ("/stakeholder-groups/{group}", {"units": ["NOPE"]}, "units"),
        ("/stakeholder-groups/{group}", {"contact": 999999}, "contact"),
    ],
)
def test_a_missing_or_unknown_value_in_a_change_answers_400_at_its_field(api, path, body, field):
    person = make_person(account=False)
    group = StakeholderGroup.objects.create(name="G", power=3, interest=3)
    url = path.format(person=person.pk, unit=person.unit_id, group=group.pk)
    before = AuditEvent.objects.count()

    response = api.patch(url, body)

    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [field]
    assert AuditEvent.objects.count() == before
