"""A list's filters: read from the query string once, written back the same way.

A list that exists as a page, an export and an API endpoint takes one frozen filters
object. It is a dataclass deriving from ``QueryFilters`` whose fields each say how their
query-string parameter is read::

    @dataclass(frozen=True)
    class RiskFilters(QueryFilters):
        category: str = choice(RiskCategory.values)
        status: str = choice((ALL, *RiskStatus.values), ACTIVE)
        owner: int | None = identifier()
        overdue: bool = flag()
        search: str = text(100, param="q")

``RiskFilters.from_query(request.GET)`` builds it for the page and the export;
``RiskFilters.from_values(query.model_dump(by_alias=True))`` for the API, from the values
its schema validated; ``filters.query(sort="title")`` writes it back, defaults left out,
for links that keep the filters. A value a field cannot take is ignored: the field keeps
its default, as if the parameter were missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Self, overload
from urllib.parse import urlencode

from wandel.core.inputs import MAX_ID, storable

__all__ = [
    "TRUE",
    "QueryFilters",
    "choice",
    "decimal",
    "flag",
    "identifier",
    "iso_date",
    "one_to_five",
    "parse_decimal",
    "parse_id",
    "text",
]

# What the API's boolean parameters accept as true (pydantic's words for it), so that a flag
# means the same on a page as in the API.
TRUE = frozenset({"1", "true", "on", "yes", "t", "y"})
RATINGS = ("1", "2", "3", "4", "5")

_PARAMETER = "wandel.core.filters"


@dataclass(frozen=True)
class _Parameter:
    """How one field is read from the query string and written back to it."""

    name: str | None  # the parameter's name where it is not the attribute's
    read: Callable[[str], Any]  # the value, or None where the text cannot be one
    write: Callable[[Any], str]


@dataclass(frozen=True)
class _Field:
    """A field of a filters class: its attribute, its parameter's name, how it is read."""

    attribute: str
    name: str
    parameter: _Parameter
    default: Any


@dataclass(frozen=True)
class QueryFilters:
    """The base of a list's filters; every field is declared with a function below."""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> Self:
        """The filters a query string asks for; what is missing or invalid stays default."""
        given: dict[str, Any] = {}
        for declared in _fields(cls):
            raw = params.get(declared.name)
            value = declared.parameter.read(raw) if raw is not None else None
            if value is not None:
                given[declared.attribute] = value
        return cls(**given)

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> Self:
        """The filters from values an API schema has already validated, keyed by parameter
        name (None: not given). Each is written as the query string carries it and read
        like one, so the API never reads a value differently from the page."""
        declared = {f.name: f.parameter for f in _fields(cls)}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise KeyError(f"{cls.__name__} has no parameter {', '.join(unknown)}")
        return cls.from_query(
            {
                name: declared[name].write(value)
                for name, value in values.items()
                if value is not None
            }
        )

    def query(self, **overrides: Any) -> str:
        """These filters (with ``overrides``, by attribute name) as a query string; a field
        at its default or without a value is left out."""
        changed = replace(self, **overrides)
        params: dict[str, str] = {}
        for declared in _fields(type(self)):
            value = getattr(changed, declared.attribute)
            if value is None or value == declared.default:
                continue
            written = declared.parameter.write(value)
            if written:
                params[declared.name] = written
        return urlencode(params)


def _fields(cls: type[QueryFilters]) -> tuple[_Field, ...]:
    """Every field of ``cls`` with its parameter, in the order they are declared."""
    found: list[_Field] = []
    for declared in fields(cls):
        parameter = declared.metadata.get(_PARAMETER)
        if not isinstance(parameter, _Parameter):
            raise TypeError(
                f"{cls.__name__}.{declared.name} is not declared as a query parameter "
                "(choice, identifier, flag, decimal, iso_date, one_to_five or text)"
            )
        name = parameter.name or declared.name
        if any(other.name == name for other in found):
            raise TypeError(f"{cls.__name__} reads the parameter {name} twice")
        found.append(_Field(declared.name, name, parameter, declared.default))
    return tuple(found)


def _declare[T](
    default: T, read: Callable[[str], T | None], write: Callable[[Any], str], param: str | None
) -> T:
    """A dataclass field with ``default`` whose parameter is read and written so; ``write``
    is only given values ``read`` could have returned (never None)."""
    declared: T = field(default=default, metadata={_PARAMETER: _Parameter(param, read, write)})
    return declared


# The kinds of field ---------------------------------------------------------------------


@overload
def choice[T: str](values: Iterable[T], default: T, *, param: str | None = None) -> T: ...
@overload
def choice(values: Iterable[str], *, param: str | None = None) -> str: ...
def choice(values: Iterable[str], default: str = "", *, param: str | None = None) -> str:
    """One of ``values`` exactly (``TextChoices`` give their member), else ``default``."""
    known = tuple(values)

    def read(value: str) -> str | None:
        return next((option for option in known if option == value), None)

    return _declare(default, read, str, param)


def identifier(*, param: str | None = None) -> int | None:
    """A primary key (see ``parse_id``), else None."""
    return _declare(None, parse_id, str, param)


def flag(*, param: str | None = None) -> bool:
    """True for the words in ``TRUE`` (in any case, trimmed), else false; written as 1."""

    def read(value: str) -> bool | None:
        return True if value.strip().lower() in TRUE else None

    def write(value: bool) -> str:
        return "1" if value else ""

    return _declare(False, read, write, param)


def decimal(*, max_digits: int = 14, param: str | None = None) -> Decimal | None:
    """A finite number of at most ``max_digits`` (see ``parse_decimal``), else None."""

    def read(value: str) -> Decimal | None:
        return parse_decimal(value, max_digits=max_digits)

    return _declare(None, read, lambda value: format(value, "f"), param)


def iso_date(*, param: str | None = None) -> date | None:
    """An ISO date (``YYYY-MM-DD``), else None."""

    def read(value: str) -> date | None:
        if len(value) > len("YYYY-MM-DD"):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None

    return _declare(None, read, date.isoformat, param)


def one_to_five(*, param: str | None = None) -> int | None:
    """A rating from 1 to 5, written as a single digit, else None."""

    def read(value: str) -> int | None:
        return int(value) if value in RATINGS else None

    return _declare(None, read, str, param)


def text(max_length: int, *, param: str | None = None) -> str:
    """Text without characters no database can compare (NUL, lone surrogates), trimmed and
    cut at ``max_length`` characters; empty by default."""

    def read(value: str) -> str | None:
        plain = "".join(character for character in value if storable(character))
        return plain.strip()[:max_length].rstrip() or None

    return _declare("", read, str, param)


# Readers that pages use on their own too --------------------------------------------------


def parse_id(value: str | None) -> int | None:
    """A primary key from a query string, or None when it is missing or cannot be one."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def parse_decimal(value: str | None, *, max_digits: int = 14) -> Decimal | None:
    """A finite decimal from a query string, or None (NaN, Infinity and junk are ignored).

    At most ``max_digits`` significant digits, and as many places before or after the point:
    ``1e999999`` is finite, but PostgreSQL's numeric overflows on it."""
    if not value or len(value) > 40:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite numbers have a whole exponent
    if len(digits) > max_digits or number.adjusted() >= max_digits or exponent < -max_digits:
        return None
    return number
