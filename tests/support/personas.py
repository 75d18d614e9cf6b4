"""A person with an account for every role, plus small factories, for every test to share."""

from __future__ import annotations

import itertools

from wandel.core.models import User
from wandel.core.roles import Role
from wandel.org.models import Person, RoleAssignment, Unit

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_unit(code: str | None = None, name: str | None = None, parent: Unit | None = None) -> Unit:
    number = next(_counter)
    return Unit.objects.create(
        code=code or f"U{number:04d}", name=name or f"Unit {number}", parent=parent
    )


def make_person(
    *,
    unit: Unit | None = None,
    email: str | None = None,
    first_name: str = "Test",
    last_name: str | None = None,
    roles: tuple[Role, ...] = (),
    account: bool = True,
) -> Person:
    number = next(_counter)
    person = Person.objects.create(
        employee_id=f"E{number:05d}",
        email=email or f"person{number}@example.com",
        first_name=first_name,
        last_name=last_name or f"Person{number}",
        unit=unit or Unit.objects.first() or make_unit(),
    )
    if account:
        person.user = User.objects.create_user(
            person.email, PASSWORD, display_name=person.full_name
        )
        person.save()
    for role in roles:
        RoleAssignment.objects.create(person=person, role=role, assigned_on="2020-01-01")
    return person


def make_user(*roles: Role, email: str | None = None) -> User:
    person = make_person(roles=roles, email=email)
    assert person.user is not None
    return person.user


PERSONAS: dict[str, tuple[Role, ...]] = {
    "admin": (Role.ADMIN,),
    "steerco": (Role.STEERING_COMMITTEE,),
    "owner": (Role.PRODUCT_OWNER,),
    "ethics": (Role.ETHICS_BOARD,),
    "council": (Role.WORKS_COUNCIL,),
    "privacy": (Role.DATA_PROTECTION,),
    "it": (Role.IT_SECURITY,),
    "trainer": (Role.TRAINER,),
    "employee": (),
}
