"""API schemas and helpers that governance's sub-domains share: references to a use case
and to a decision, and turning the IDs of a request body into objects."""

# No ``from __future__ import annotations``: Ninja reads the schema types at import.
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Schema

from wandel.core.errors import DomainError
from wandel.governance.decisions.models import Decision
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
UNKNOWN_USE_CASE = _("There is no use case with the ID %(id)s.")


class UseCaseRef(Schema):
    id: int
    title: str


class DecisionRef(Schema):
    id: int
    kind: str
    outcome: str
    decided_on: date
    effective: bool

    @staticmethod
    def resolve_effective(decision: Decision) -> bool:
        return decision.successor is None


def resolve_references(fields: dict[str, Any], refusal: type[DomainError]) -> None:
    """Turn the person and use-case IDs in ``fields`` into objects; refuse unknown ones
    with a message at each field."""
    errors: dict[str, list[str]] = {}
    if fields.get("owner") is not None:
        person = Person.objects.filter(pk=fields["owner"]).first()
        if person is None:
            errors["owner"] = [str(UNKNOWN_PERSON % {"id": fields["owner"]})]
        fields["owner"] = person
    if fields.get("use_case") is not None:
        use_case = UseCase.objects.filter(pk=fields["use_case"]).first()
        if use_case is None:
            errors["use_case"] = [str(UNKNOWN_USE_CASE % {"id": fields["use_case"]})]
        fields["use_case"] = use_case
    if errors:
        raise refusal(next(iter(errors.values()))[0], errors=errors)
