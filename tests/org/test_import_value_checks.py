"""The importer's value checks, each refusal named by file, line and field: yes/no values,
and values longer than the column allows (SQLite would store them silently, so only the
check stands between an over-long value and the database)."""

from __future__ import annotations

import pytest

from wandel.org.imports import ImportRejected, people_import
from wandel.org.models import Person

pytestmark = pytest.mark.django_db

HEADER = "employee_id,email,first_name,last_name,unit_code,unit_name,active"


def people(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode()


def refusals(content: bytes) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        people_import(content=content, file_name="hr.csv", actor=None)
    assert Person.objects.count() == 0, "a refused file imports nothing"
    return [str(issue) for issue in rejected.value.issues]


@pytest.mark.parametrize("value", ["vielleicht", "maybe", "2", "-"])
def test_an_active_value_that_is_neither_yes_nor_no_is_refused(value):
    content = people(f"1,a@example.com,Anna,Alt,GF,Geschäftsführung,{value}")

    assert refusals(content) == [
        f"hr.csv, line 2, field “active”: “{value}” is neither yes nor no."
    ]


@pytest.mark.parametrize(
    ("value", "active"),
    [
        ("ja", True),
        ("YES", True),
        ("x", True),
        ("", True),
        ("nein", False),
        ("No", False),
        ("0", False),
        ("falsch", False),
    ],
)
def test_yes_and_no_in_german_and_english(value, active):
    content = people(f"1,a@example.com,Anna,Alt,GF,Geschäftsführung,{value}")
    people_import(content=content, file_name="hr.csv", actor=None)
    assert Person.objects.get(employee_id="1").active is active


# Column → its limit in characters, written out by hand.
LIMITS = {
    "employee_id": 50,
    "first_name": 100,
    "last_name": 100,
    "unit_code": 50,
    "unit_name": 200,
    "active": 10,
}


def row_with(column: str, value: str) -> str:
    values = {
        "employee_id": "1",
        "email": "a@example.com",
        "first_name": "Anna",
        "last_name": "Alt",
        "unit_code": "GF",
        "unit_name": "Geschäftsführung",
        "active": "ja",
    }
    values[column] = value
    return ",".join(values[key] for key in HEADER.split(","))


@pytest.mark.parametrize(("column", "limit"), LIMITS.items())
def test_a_value_one_character_too_long_is_refused_naming_file_line_and_field(column, limit):
    too_long = "x" * (limit + 1)
    expected = [f"hr.csv, line 2, field “{column}”: At most {limit} characters are allowed."]
    if column == "unit_name":
        # The refused name leaves the new unit without one, which is named as well.
        expected.append(
            "hr.csv, line 2, field “unit_name”: Unit “GF” is new, so its name is required."
        )

    assert refusals(people(row_with(column, too_long))) == expected


@pytest.mark.parametrize(("column", "limit"), [("first_name", 100), ("last_name", 100)])
def test_a_value_of_exactly_the_limit_is_stored_whole(column, limit):
    people_import(content=people(row_with(column, "x" * limit)), file_name="hr.csv", actor=None)
    assert len(getattr(Person.objects.get(employee_id="1"), column)) == limit


def test_an_over_long_email_is_refused_naming_its_line():
    email = "a" * 243 + "@example.com"  # 255 characters, one over the limit of 254
    assert refusals(people(row_with("email", email))) == [
        "hr.csv, line 2, field “email”: At most 254 characters are allowed."
    ]
