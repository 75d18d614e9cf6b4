"""API schemas and helpers that enablement's routers share: references to courses and units,
the input types every router checks the same way (links, moments, days), the caller's
person, and turning the IDs of a request body into objects."""

# No ``from __future__ import annotations``: Ninja reads the schema types at import.
from datetime import UTC, date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, StringConstraints

from wandel.core.errors import DomainError
from wandel.org.models import Person

UNKNOWN = _("There is nothing with the ID %(id)s here.")
NOT_A_LINK = _("Enter a valid link (http or https).")
YEAR_OUT_OF_RANGE = _("Enter a date between the years %(first)d and %(last)d.")

# Years the calendar of trainings, events and sprints can hold; beyond them no date makes
# sense, and a date near the ends of the calendar could not even be moved by a time zone.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _link(value: str) -> str:
    value = value.strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValueError(str(NOT_A_LINK)) from None
    return value


def _year_in_range(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(str(YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": LAST_YEAR}))


def _day(value: date) -> date:
    _year_in_range(value.year)
    return value


def _moment(value: datetime) -> datetime:
    _year_in_range(value.year)
    return value.astimezone(UTC)


Link = Annotated[str, StringConstraints(max_length=500), AfterValidator(_link)]
Day = Annotated[date, AfterValidator(_day)]
# With its offset (``2027-03-01T09:00:00+01:00``); stored in UTC.
Moment = Annotated[AwareDatetime, AfterValidator(_moment)]


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Place = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class CourseRef(Schema):
    id: int
    title: str


class UnitRef(Schema):
    id: int
    name: str


def caller_person(request: HttpRequest) -> Person:
    """The person behind the calling account; an account without one has no enrolments,
    registrations or path (404)."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    return person  # type: ignore[no-any-return]


def referenced[M: models.Model](
    model: type[M], pk: int, field: str, refusal: type[DomainError]
) -> M:
    """The object a body names by ID at ``field``; an unknown ID is refused at that field."""
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise refusal(UNKNOWN % {"id": pk}, field=field)
    return found


def all_referenced[M: models.Model](
    model: type[M], pks: list[int], field: str, refusal: type[DomainError]
) -> list[M]:
    """The objects a body names by ID at ``field``, in the order given, each once."""
    wanted = list(dict.fromkeys(pks))
    found = model._default_manager.in_bulk(wanted)
    for pk in wanted:
        if pk not in found:
            raise refusal(UNKNOWN % {"id": pk}, field=field)
    return [found[pk] for pk in wanted]
