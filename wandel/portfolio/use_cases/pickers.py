"""The use cases and product owners pickers choose from (see ``core.picker``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Lower

from wandel.core.picker import PICKER_SOURCES, PickerSource
from wandel.core.roles import Permission
from wandel.org.models import Person
from wandel.org.pickers import active_people, person_label, search_people
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.queries import owners

# A handful of words is enough to find any use case by its title.
MAX_SEARCH_WORDS = 10


def visible_use_cases(user: Any) -> QuerySet[UseCase]:
    if not user.has_perm(Permission.VIEW_USE_CASES):
        return UseCase.objects.none()
    return UseCase.objects.only("pk", "title")


def search_use_cases(use_cases: QuerySet[UseCase], term: str) -> QuerySet[UseCase]:
    """Every word is part of the title; or the term is the use case's number."""
    if term.isdigit():
        by_number = use_cases.filter(pk=int(term))
        by_title = use_cases.filter(title__icontains=term)
        return (by_number | by_title).order_by(Lower("title"), "pk")
    for word in term.split()[:MAX_SEARCH_WORDS]:
        use_cases = use_cases.filter(title__icontains=word)
    return use_cases.order_by(Lower("title"), "pk")


def use_case_label(use_case: UseCase) -> str:
    return str(use_case.title)


def product_owners(user: Any) -> QuerySet[Person]:
    """People who hold the product-owner role today, for those who may choose people."""
    return owners() & active_people(user)


USE_CASES = PICKER_SOURCES.register(
    PickerSource("use-cases", visible_use_cases, search_use_cases, use_case_label)
)
PRODUCT_OWNERS = PICKER_SOURCES.register(
    PickerSource("product-owners", product_owners, search_people, person_label)
)
