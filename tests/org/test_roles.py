"""Role assignments: history, audit, and permissions that follow the current roles."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from tests.support.personas import make_person
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent, User
from wandel.core.roles import ROLE_PERMISSIONS, Permission, Role, permissions_for
from wandel.org.models import OrgAction, RoleAssignment
from wandel.org.services import OrgError, account_create, role_assign, role_end

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The same account without the per-request role cache."""
    return User.objects.get(pk=user.pk)


def test_a_person_may_hold_several_roles(admin):
    person = make_person()
    role_assign(person=person, role=Role.PRODUCT_OWNER, actor=admin)
    role_assign(person=person, role=Role.TRAINER, actor=admin)

    user = fresh(person.user)
    assert user.has_perm(Permission.LOG_ENGAGEMENT)  # product owner
    assert user.has_perm(Permission.VIEW_PEOPLE)  # both
    assert not user.has_perm(Permission.MANAGE_ROLES)


def test_assigning_and_ending_a_role_is_audited_and_kept_as_history(admin):
    person = make_person()
    assignment = role_assign(
        person=person, role=Role.STEERING_COMMITTEE, actor=admin, note="SteerCo 2026"
    )
    assert fresh(person.user).has_perm(Permission.VIEW_AUDIT)

    role_end(assignment=assignment, actor=admin)

    assert not fresh(person.user).has_perm(Permission.VIEW_AUDIT)
    assignment.refresh_from_db()
    assert assignment.ended_on is not None
    assert assignment.ended_by == admin
    actions = list(
        AuditEvent.objects.filter(target_id=str(person.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [OrgAction.ROLE_ASSIGNED, OrgAction.ROLE_ENDED]
    assert audit_verify().ok


def test_the_same_role_cannot_be_held_twice_at_once(admin):
    person = make_person()
    role_assign(person=person, role=Role.TRAINER, actor=admin)
    with pytest.raises(OrgError, match="already holds"):
        role_assign(person=person, role=Role.TRAINER, actor=admin)


def test_an_ended_role_cannot_be_ended_again(admin):
    assignment = role_assign(person=make_person(), role=Role.TRAINER, actor=admin)
    role_end(assignment=assignment, actor=admin)
    with pytest.raises(OrgError, match="already ended"):
        role_end(assignment=assignment, actor=admin)


def test_a_role_assigned_for_the_future_takes_effect_on_its_date(admin):
    person = make_person()
    with time_machine.travel(datetime.date(2026, 5, 1)):
        role_assign(
            person=person, role=Role.ADMIN, actor=admin, assigned_on=datetime.date(2026, 6, 1)
        )
        assert not fresh(person.user).has_perm(Permission.CONFIGURE)
    with time_machine.travel(datetime.date(2026, 6, 1)):
        assert fresh(person.user).has_perm(Permission.CONFIGURE)


def test_a_person_who_left_loses_their_roles(admin):
    person = make_person(roles=(Role.ADMIN,))
    assert fresh(person.user).has_perm(Permission.CONFIGURE)
    person.active = False
    person.save()
    assert not fresh(person.user).has_perm(Permission.CONFIGURE)


def test_every_account_has_employee_rights_and_admins_have_all():
    assert permissions_for(set()) == {
        Permission.VIEW_UNITS,
        Permission.VIEW_USE_CASES,
        Permission.SUBMIT_IDEAS,
        Permission.VIEW_TRAININGS,
        Permission.TAKE_PART,
    }
    assert permissions_for({Role.ADMIN}) == set(Permission)
    for role in Role:
        assert role in ROLE_PERMISSIONS, f"{role} has no entry in the permission table"


def test_an_account_can_be_created_for_a_person(admin):
    person = make_person(account=False, email="neu@example.com")
    user = account_create(person=person, actor=admin)

    assert person.user == user
    assert user.email == "neu@example.com"
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action=OrgAction.ACCOUNT_CREATED).count() == 1
    with pytest.raises(OrgError):
        account_create(person=person, actor=admin)


def test_roles_are_assigned_through_the_person_page(admin_client, admin):
    person = make_person()
    response = admin_client.post(
        f"/org/people/{person.pk}/roles/", {"role": Role.ETHICS_BOARD, "note": "Board 2026"}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(person=person)
    assert (assignment.role, assignment.assigned_by) == (Role.ETHICS_BOARD, admin)

    page = admin_client.get(f"/org/people/{person.pk}/")
    assert "Ethics board" in page.content.decode()

    admin_client.post(f"/org/roles/{assignment.pk}/end/")
    assignment.refresh_from_db()
    assert assignment.ended_on is not None


def test_assigning_a_held_role_again_shows_the_reason(admin_client):
    person = make_person(roles=(Role.TRAINER,))
    response = admin_client.post(f"/org/people/{person.pk}/roles/", {"role": Role.TRAINER})
    assert response.status_code == 400
    assert "already holds the role" in response.content.decode()
