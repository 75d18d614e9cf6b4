"""Input no database can store.

PostgreSQL refuses text with a NUL character, SQLite and PostgreSQL refuse lone UTF-16
surrogates (JSON can carry both), either database overflows on integers beyond 64 bits, and
no column holds NaN or Infinity. Such input is refused at the edge with a clear message
instead of failing deep inside: the API's parser refuses it in bodies and query strings,
``core.middleware`` in the query strings and form fields of pages, and the filters of lists
(``core.filters``) ignore ids and numbers no column can hold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from wandel.core.errors import DomainError

MAX_ID = 2**63 - 1

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

UNSTORABLE_TEXT = _(
    "“%(field)s” contains a character that cannot be stored (a NUL character or a lone "
    "surrogate); remove it and send again."
)


# The same wording as the API's schema messages, so that a client meets one text for one fault.
NUMBER_TOO_LARGE = _("The number is too large.")
NUMBER_NOT_FINITE = _("Enter a finite number.")
UNSTORABLE_NUMBERS = _(
    "The request contains numbers that cannot be stored; see the errors by field."
)

TOO_MANY_PLACES = _("The number has too many decimal places.")
# Far beyond any figure Wandel keeps, far within what PostgreSQL's numeric holds.
MAX_EXPONENT = 1000
_DECIMAL_EXPONENT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")

# A whole number as the API's schema reads one from a query string: "12", " +12 ", "1_000",
# "12.0".
_WHOLE_NUMBER = re.compile(r"\s*[+-]?([0-9][0-9_]*)(?:\.0*)?\s*")


class UnstorableText(DomainError):
    def __init__(self, field: str) -> None:
        super().__init__(UNSTORABLE_TEXT % {"field": field}, field=field)


class UnstorableNumber(DomainError):
    """Numbers beyond 64 bits, NaN or Infinity, with a message for each field."""

    def __init__(self, errors: dict[str, str]) -> None:
        messages = {field: [message] for field, message in errors.items()}
        first = next(iter(errors.values())) if len(errors) == 1 else UNSTORABLE_NUMBERS
        super().__init__(first, errors=messages)


def storable(text: str) -> bool:
    return _UNSTORABLE.search(text) is None


def unstorable_fields(data: Any, path: str = "") -> Iterator[str]:
    """The path of every text (key or value) in decoded JSON that cannot be stored."""
    if isinstance(data, str):
        if not storable(data):
            yield path or "__all__"
    elif isinstance(data, dict):
        for key, value in data.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and not storable(key):
                yield name
            yield from unstorable_fields(value, name)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from unstorable_fields(value, f"{path}.{index}" if path else str(index))


def unstorable_numbers(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """``(path, message)`` for every number in decoded JSON that no column can hold: whole
    numbers beyond 64 bits, and NaN or ±Infinity (Python's JSON reader accepts ``NaN`` and
    ``Infinity``, and reads ``1e999`` as Infinity)."""
    if isinstance(data, bool):
        return
    if isinstance(data, int):
        if not -MAX_ID - 1 <= data <= MAX_ID:
            yield path or "__all__", str(NUMBER_TOO_LARGE)
    elif isinstance(data, float):
        if not math.isfinite(data):
            yield path or "__all__", str(NUMBER_NOT_FINITE)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from unstorable_numbers(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from unstorable_numbers(value, f"{path}.{index}" if path else str(index))


def beyond_64_bits(value: str) -> bool:
    """Whether a query-string value is a whole number no integer column can hold."""
    match = _WHOLE_NUMBER.fullmatch(value)
    if match is None:
        return False
    digits = match.group(1).replace("_", "").lstrip("0")
    return len(digits) > len(str(MAX_ID)) or int(digits or "0") > MAX_ID


def beyond_any_numeric(value: str) -> str | None:
    """Why a query-string value that is a decimal number no numeric column can hold is
    refused (``1e999999`` is finite, but PostgreSQL's numeric overflows on it), or None."""
    text = value.strip()
    if len(text) > 100 or not _DECIMAL_EXPONENT.fullmatch(text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if number.is_finite() and number and number.adjusted() > MAX_EXPONENT:
        return str(NUMBER_TOO_LARGE)
    if number.is_finite() and number and number.adjusted() < -MAX_EXPONENT:
        return str(TOO_MANY_PLACES)
    return None
