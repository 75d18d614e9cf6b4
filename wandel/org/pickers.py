"""The people pickers choose from (see ``core.picker``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wandel.core.collation import name_order
from wandel.core.picker import PICKER_SOURCES, PickerSource
from wandel.core.roles import Permission
from wandel.org.models import Person
from wandel.org.queries import matching_people

# Whoever fills in a form that names a person may search for one; the others (an employee,
# the works council) see no names.
CHOOSES_PEOPLE = (
    Permission.VIEW_PEOPLE,
    Permission.MANAGE_PEOPLE,
    Permission.MANAGE_STAKEHOLDERS,
    Permission.OWN_USE_CASES,
    Permission.MANAGE_USE_CASES,
    Permission.RUN_WORKSHOPS,
    Permission.DECIDE,
    Permission.MANAGE_RISKS,
    Permission.REVIEW_ETHICS,
    Permission.RUN_DPIA,
    Permission.CONFIGURE_GOVERNANCE,
)


def may_choose_people(user: Any) -> bool:
    return any(user.has_perm(permission) for permission in CHOOSES_PEOPLE)


def active_people(user: Any) -> QuerySet[Person]:
    if not may_choose_people(user):
        return Person.objects.none()
    return Person.objects.filter(active=True)


def search_people(people: QuerySet[Person], term: str) -> QuerySet[Person]:
    return matching_people(people, term).order_by(*name_order("last_name", "first_name"), "pk")


def person_label(person: Person) -> str:
    # Names repeat in a large organisation; the e-mail address tells people apart.
    return f"{person.full_name} ({person.email})"


PEOPLE = PICKER_SOURCES.register(PickerSource("people", active_people, search_people, person_label))
