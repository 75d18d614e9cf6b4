"""A list's filters are read from the query string once and written back the same way.

Each kind of field is tried with a valid value, a value it cannot take (the default stands
instead), a missing one, surrounding whitespace and too long a value; a filter written as a
query string leaves its defaults out and reads back as the same filter. The expected values
are written out by hand.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from django.db import models

from wandel.core.filters import (
    QueryFilters,
    choice,
    decimal,
    flag,
    identifier,
    iso_date,
    one_to_five,
    parse_decimal,
    parse_id,
    text,
)


class Presence(models.TextChoices):
    ACTIVE = "true", "Active"
    LEFT = "false", "Left"
    ALL = "all", "Everyone"


def declare() -> type[QueryFilters]:
    @dataclass(frozen=True)
    class Sample(QueryFilters):
        colour: str = choice(("red", "green", "blue"))
        sort: str = choice(("-score", "title"), "-score")
        presence: Presence = choice(Presence, Presence.ACTIVE)
        owner: int | None = identifier()
        urgent: bool = flag()
        budget: Decimal | None = decimal(max_digits=6)
        since: date | None = iso_date(param="from")
        likelihood: int | None = one_to_five()
        search: str = text(10, param="q")

    return Sample


# Declared anew inside every test, not only once at import (for the type hints): a field's
# declaration runs when its class is made, so a class made once would keep a declaration as
# it was then, and a change to the declaring functions could go unnoticed.
Sample: type = declare()


@pytest.fixture(autouse=True)
def _declared_in_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "Sample", declare())


def read(**params: str) -> Sample:
    return Sample.from_query(params)


def test_nothing_given_is_every_default():
    assert read() == Sample()
    assert Sample() == Sample(
        colour="",
        sort="-score",
        presence=Presence.ACTIVE,
        owner=None,
        urgent=False,
        budget=None,
        since=None,
        likelihood=None,
        search="",
    )


# Choices --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [("green", "green"), ("purple", ""), ("", ""), (" green", ""), ("GREEN", ""), ("x" * 500, "")],
)
def test_a_choice_takes_only_one_of_its_values_exactly(given, expected):
    assert read(colour=given).colour == expected


def test_a_choice_falls_back_to_its_own_default():
    assert read(sort="title").sort == "title"
    assert read(sort="-title").sort == "-score"
    assert read(sort="").sort == "-score"


def test_a_choice_of_text_choices_gives_the_member():
    left = read(presence="false").presence

    assert left is Presence.LEFT
    assert read(presence="none").presence is Presence.ACTIVE


# Ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("42", 42),
        ("9223372036854775807", 2**63 - 1),
        ("9223372036854775808", None),
        ("0", None),
        ("-3", None),
        (" 42", None),
        ("4.0", None),
        ("forty", None),
        ("", None),
    ],
)
def test_an_id_is_a_whole_number_a_database_can_hold(given, expected):
    assert read(owner=given).owner == expected


# Flags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("on", True),
        ("t", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("", False),
        ("maybe", False),
    ],
)
def test_a_flag_is_set_by_the_words_the_api_takes_as_true(given, expected):
    assert read(urgent=given).urgent is expected


# Decimals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("42.5", Decimal("42.5")),
        (" -3 ", Decimal("-3")),
        ("999999", Decimal("999999")),
        ("1000000", None),
        ("0.0000001", None),
        ("NaN", None),
        ("Infinity", None),
        ("1e999999", None),
        ("forty", None),
        ("1" * 41, None),
        ("", None),
    ],
)
def test_a_decimal_is_finite_and_within_its_digits(given, expected):
    assert read(budget=given).budget == expected


# Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-03-31", date(2025, 3, 31)),
        ("2025-02-30", None),
        ("31.03.2025", None),
        (" 2025-03-31", None),
        ("2025-03-31T00:00", None),
        ("", None),
    ],
)
def test_a_date_is_written_year_month_day(given, expected):
    assert read(**{"from": given}).since == expected


# Ratings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [("1", 1), ("5", 5), ("0", None), ("6", None), (" 3", None), ("3.0", None), ("", None)],
)
def test_a_rating_is_a_whole_number_from_one_to_five(given, expected):
    assert read(likelihood=given).likelihood == expected


# Text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("chatbot", "chatbot"),
        ("  chatbot  ", "chatbot"),
        ("   ", ""),
        ("abcdefghijklmno", "abcdefghij"),
        ("  abcdefghijklmno", "abcdefghij"),
        ("abcdefghi jklmno", "abcdefghi"),
        ("chat\x00bot", "chatbot"),
        ("chat\ud800bot", "chatbot"),
        ("", ""),
    ],
)
def test_text_is_trimmed_cut_at_its_length_and_plain(given, expected):
    assert read(q=given).search == expected


# Names in the query string --------------------------------------------------------------


def test_a_field_is_read_from_its_parameter_not_from_its_attribute_name():
    assert read(search="chatbot", since="2025-03-31") == Sample()
    assert read(q="chatbot", **{"from": "2025-03-31"}) == Sample(
        search="chatbot", since=date(2025, 3, 31)
    )


def test_every_kind_of_field_reads_and_writes_its_own_parameter():
    @dataclass(frozen=True)
    class Renamed(QueryFilters):
        colour: str = choice(("red", "blue"), param="c")
        owner: int | None = identifier(param="o")
        urgent: bool = flag(param="u")
        budget: Decimal | None = decimal(param="b")
        since: date | None = iso_date(param="d")
        likelihood: int | None = one_to_five(param="l")
        search: str = text(5, param="s")

    given = {"c": "blue", "o": "4", "u": "yes", "b": "2.5", "d": "2025-01-02", "l": "3"}
    filters = Renamed.from_query({**given, "s": "bot"})

    assert filters == Renamed("blue", 4, True, Decimal("2.5"), date(2025, 1, 2), 3, "bot")
    assert filters.query() == "c=blue&o=4&u=1&b=2.5&d=2025-01-02&l=3&s=bot"
    assert Renamed.from_query({"colour": "blue", "owner": "4", "search": "bot"}) == Renamed()


def test_a_parameter_nobody_declared_is_ignored():
    assert read(page="3", colour="red") == Sample(colour="red")


# Written back ---------------------------------------------------------------------------


def everything() -> QueryFilters:
    return Sample(
        colour="blue",
        sort="title",
        presence=Presence.ALL,
        owner=7,
        urgent=True,
        budget=Decimal("12.50"),
        since=date(2025, 1, 2),
        likelihood=4,
        search="two words",
    )


def test_defaults_are_left_out_of_the_query_string():
    assert Sample().query() == ""
    assert Sample(owner=3, search="bot").query() == "owner=3&q=bot"


def test_every_field_is_written_under_its_parameter_in_declaration_order():
    assert everything().query() == (
        "colour=blue&sort=title&presence=all&owner=7&urgent=1&budget=12.50&from=2025-01-02"
        "&likelihood=4&q=two+words"
    )


@pytest.mark.parametrize(
    "fields",
    [
        {},
        "everything",
        {"sort": "-score", "presence": Presence.LEFT, "budget": Decimal("-0.000001")},
        {"budget": Decimal("1E+2"), "search": "a&b=c"},
    ],
)
def test_a_filter_written_as_a_query_string_reads_back_as_the_same_filter(fields):
    filters = everything() if fields == "everything" else Sample(**fields)

    assert Sample.from_query(dict(parse_qsl(filters.query()))) == filters


def test_query_overrides_fields_by_attribute_name():
    filters = Sample(colour="red", likelihood=2)

    assert filters.query(likelihood=5, search="x") == "colour=red&likelihood=5&q=x"
    assert filters.query(colour="", likelihood=None) == ""
    assert filters == Sample(colour="red", likelihood=2)


def test_query_refuses_a_field_the_filters_do_not_have():
    with pytest.raises(TypeError):
        Sample().query(colour_name="red")


# Values an API schema has already validated ---------------------------------------------


def test_validated_values_are_read_as_the_query_string_would_carry_them():
    filters = Sample.from_values(
        {
            "colour": "blue",
            "sort": None,
            "presence": Presence.LEFT,
            "owner": 7,
            "urgent": True,
            "budget": Decimal("1E+2"),
            "from": date(2025, 1, 2),
            "likelihood": 4,
            "q": "  two words  ",
        }
    )

    assert filters == replace(
        everything(), sort="-score", presence=Presence.LEFT, budget=Decimal("100")
    )


def test_validated_values_the_page_would_ignore_are_ignored_here_too():
    filters = Sample.from_values(
        {"colour": "purple", "urgent": False, "budget": Decimal("1234567.5"), "likelihood": 9}
    )

    assert filters == Sample()


def test_validated_values_must_name_declared_parameters():
    with pytest.raises(KeyError) as refused:
        Sample.from_values({"search": "chatbot", "colour": "red", "color": "red"})

    assert refused.value.args == ("Sample has no parameter color, search",)


# The readers pages use on their own -------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, None), ("", None), ("0", None), ("1", 1), ("2147483647", 2147483647)],
)
def test_an_id_starts_at_one(given, expected):
    assert parse_id(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, None),
        ("", None),
        (" " * 38 + "12", Decimal("12")),
        (" " * 39 + "12", None),
        ("9" * 14, Decimal("9" * 14)),
        ("9" * 15, None),
        ("1E+13", Decimal("1E+13")),
        ("1E+14", None),
    ],
)
def test_a_decimal_has_at_most_forty_characters_and_fourteen_digits(given, expected):
    assert parse_decimal(given) == expected


def test_a_decimal_field_keeps_fourteen_digits_unless_told_otherwise():
    @dataclass(frozen=True)
    class Amounts(QueryFilters):
        any_size: Decimal | None = decimal()
        small: Decimal | None = decimal(max_digits=6)

    assert Amounts.from_query({"any_size": "9" * 14, "small": "1E+5"}) == Amounts(
        Decimal("9" * 14), Decimal("1E+5")
    )
    assert Amounts.from_query({"any_size": "9" * 15, "small": "1E+6"}) == Amounts()


def test_a_decimal_is_written_without_an_exponent():
    assert Sample(budget=Decimal("1E+2")).query() == "budget=100"


# Declaring filters ----------------------------------------------------------------------


def test_every_field_of_a_filter_is_declared_as_a_query_parameter():
    @dataclass(frozen=True)
    class Loose(QueryFilters):
        colour: str = choice(("red",))
        size: int = 3

    with pytest.raises(TypeError) as refused:
        Loose.from_query({})

    assert str(refused.value) == (
        "Loose.size is not declared as a query parameter "
        "(choice, identifier, flag, decimal, iso_date, one_to_five or text)"
    )


def test_two_fields_cannot_share_a_parameter():
    @dataclass(frozen=True)
    class Twice(QueryFilters):
        search: str = text(10, param="q")
        q: str = text(10)

    with pytest.raises(TypeError) as refused:
        Twice.from_query({})

    assert str(refused.value) == "Twice reads the parameter q twice"
