"""The import's rules one by one, below the page and the command: each row's values
(``cleaned``), the plan of people and units (``parse_people``, ``check_units``), the e-mail
checks, and the report and refusal every caller shows. Expected texts are written out."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.support.personas import make_user
from wandel.core.actions import OutsideTransaction
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.core.tabular import Row, Table
from wandel.org.imports import ImportRejected, people_import, units_import
from wandel.org.imports.apply import ImportReport, apply_plan
from wandel.org.imports.checks import (
    ImportIssue,
    Issues,
    KnownUnit,
    PersonPlan,
    UnitPlan,
    check_people_emails,
    check_units,
    cleaned,
    parse_people,
)
from wandel.org.imports.columns import PEOPLE_COLUMNS, UNIT_COLUMNS
from wandel.org.models import OrgAction, Person, Unit

ALL_HEADERS = (
    "employee_id",
    "email",
    "first_name",
    "last_name",
    "unit_code",
    "unit_name",
    "parent_unit_code",
    "job_title",
    "language",
    "active",
)
ANNA = {
    "employee_id": "1",
    "email": "anna@example.com",
    "first_name": "Anna",
    "last_name": "Alt",
    "unit_code": "GF",
    "unit_name": "Geschäftsführung",
}


def issues() -> Issues:
    return Issues("hr.csv")


def said(found: Issues) -> list[tuple[int | None, str, str]]:
    return [(i.line, i.field, i.message) for i in found]


def clean(row: dict[str, str], headers: tuple[str, ...] = ALL_HEADERS, line: int = 7):
    found = issues()
    with translation.override("en"):
        values = cleaned(row, line, PEOPLE_COLUMNS, headers, found)
    return values, said(found)


# One row: cleaned -------------------------------------------------------------------------


def test_a_good_row_is_kept_with_its_values_normalised():
    values, problems = clean(
        {**ANNA, "email": "Anna.Alt@Example.COM", "language": "Deutsch", "active": "JA"}
    )
    assert problems == []
    assert values == {
        **ANNA,
        "email": "anna.alt@example.com",
        "parent_unit_code": "",
        "job_title": "",
        "language": "de",
        "active": True,
    }


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("german", "de"),
        ("deutsch", "de"),
        ("en", "en"),
        ("English", "en"),
        ("englisch", "en"),
        ("", ""),
    ],
)
def test_languages_in_german_and_english(given, stored):
    values, problems = clean({**ANNA, "language": given})
    assert problems == []
    assert values["language"] == stored


@pytest.mark.parametrize(
    ("given", "active"),
    [
        *[(word, True) for word in ("yes", "y", "ja", "j", "true", "1", "x", "wahr", "")],
        *[(word, False) for word in ("no", "n", "nein", "false", "0", "falsch", "NEIN")],
    ],
)
def test_every_word_for_yes_and_no(given, active):
    values, problems = clean({**ANNA, "active": given})
    assert problems == []
    assert values["active"] is active


def test_columns_not_in_the_file_are_left_out_so_they_do_not_change_anything():
    headers = ("employee_id", "email", "first_name", "last_name", "unit_code", "unit_name")
    values, problems = clean({**ANNA, "language": "xx", "active": "maybe"}, headers=headers)
    assert problems == []
    assert values == ANNA


def test_each_bad_value_is_named_in_words():
    values, problems = clean(
        {
            **ANNA,
            "email": "Not An Address",
            "first_name": "",
            "job_title": "j" * 201,
            "language": "Klingonisch",
            "active": "vielleicht",
        }
    )
    # The unit part of the row is fine, so the unit stays in the plan (see below).
    assert values == {
        "unit_code": "GF",
        "unit_name": "Geschäftsführung",
        "parent_unit_code": "",
        "_invalid": True,
    }
    assert problems == [
        (7, "first_name", "A value is required."),
        (7, "job_title", "At most 200 characters are allowed."),
        (7, "email", "“Not An Address” is not a valid e-mail address."),
        (7, "language", "“Klingonisch” is not a language; use de or en."),
        (7, "active", "“vielleicht” is neither yes nor no."),
    ]


def test_an_empty_unit_name_is_no_error_in_the_row():
    values, problems = clean({**ANNA, "unit_name": ""})
    assert problems == []
    assert values["unit_name"] == ""


def test_a_unit_that_is_its_own_parent_is_named():
    values, problems = clean({**ANNA, "parent_unit_code": "GF"})
    assert problems == [(7, "parent_unit_code", "A unit cannot be its own parent.")]
    assert values is None


def test_a_row_with_a_bad_email_keeps_its_unit_for_the_tree():
    values, problems = clean({**ANNA, "email": "anna", "parent_unit_code": "HQ"})
    assert problems == [(7, "email", "“anna” is not a valid e-mail address.")]
    assert values == {
        "unit_code": "GF",
        "unit_name": "Geschäftsführung",
        "parent_unit_code": "HQ",
        "_invalid": True,
    }


def test_a_row_with_a_bad_unit_code_keeps_nothing():
    values, problems = clean({**ANNA, "unit_code": "U" * 51})
    assert problems == [(7, "unit_code", "At most 50 characters are allowed.")]
    assert values is None


def test_problems_of_earlier_rows_do_not_make_a_good_row_bad():
    found = issues()
    found.add(2, "email", "earlier")
    values = cleaned(ANNA, 3, PEOPLE_COLUMNS, ALL_HEADERS[:6], found)
    assert values == ANNA
    assert len(found) == 1


def test_an_earlier_rows_unit_problem_does_not_cost_this_row_its_unit():
    found = issues()
    found.add(2, "unit_code", "earlier")
    values = cleaned({**ANNA, "email": "x"}, 3, PEOPLE_COLUMNS, ALL_HEADERS[:6], found)
    assert values is not None
    assert values["_invalid"] is True


# The plan: parse_people ----------------------------------------------------------------


def table(*rows: dict[str, str], headers: tuple[str, ...] = ALL_HEADERS[:7]) -> Table:
    return Table(
        "hr.csv",
        headers,
        tuple(Row(line, {**row}) for line, row in enumerate(rows, start=2)),
    )


def person(employee_id: str, unit: str, name: str, parent: str = "", **more: str) -> dict:
    return {
        "employee_id": employee_id,
        "email": f"p{employee_id}@example.com",
        "first_name": "P",
        "last_name": employee_id,
        "unit_code": unit,
        "unit_name": name,
        "parent_unit_code": parent,
        **more,
    }


def test_a_plan_names_each_unit_once_with_its_first_line():
    found = issues()
    units, people = parse_people(
        table(
            person("1", "GF", "Geschäftsführung"),
            person("2", "VT", "", "GF"),
            person("3", "VT", "Vertrieb", "GF"),
        ),
        found,
    )
    assert said(found) == []
    assert units == {
        "GF": UnitPlan("GF", "Geschäftsführung", None, True, 2),
        "VT": UnitPlan("VT", "Vertrieb", "GF", True, 3),
    }
    assert [(p.line, p.values["employee_id"]) for p in people] == [(2, "1"), (3, "2"), (4, "3")]


def test_without_a_parent_column_the_parent_is_not_given():
    found = issues()
    units, _ = parse_people(table(person("1", "GF", "G"), headers=ALL_HEADERS[:6]), found)
    assert units == {"GF": UnitPlan("GF", "G", None, False, 2)}


def test_a_unit_with_two_names_or_parents_is_named_with_the_first_line():
    found = issues()
    with translation.override("en"):
        parse_people(
            table(
                person("1", "HQ", "Headquarters"),
                person("2", "GF", "Geschäftsführung", "HQ"),
                person("3", "GF", "Leitung", "HQ"),
                person("4", "GF", "Geschäftsführung", ""),
            ),
            found,
        )
    assert said(found) == [
        (4, "unit_name", "Unit “GF” is given a different name in line 3."),
        (5, "parent_unit_code", "Unit “GF” is given a different parent unit in line 3."),
    ]


def test_a_repeated_employee_id_names_the_first_line_and_is_not_planned_twice():
    found = issues()
    with translation.override("en"):
        _, people = parse_people(
            table(person("1", "GF", "G"), person("2", "GF", "G"), person("1", "GF", "G")),
            found,
        )
    assert said(found) == [(4, "employee_id", "Employee ID “1” also appears in line 2.")]
    assert [p.line for p in people] == [2, 3]


def test_a_row_with_a_bad_value_still_plans_its_unit_but_not_the_person():
    found = issues()
    units, people = parse_people(
        table(person("1", "GF", "G", email="bad"), person("2", "GF", "")), found
    )
    assert units == {"GF": UnitPlan("GF", "G", None, True, 2)}
    assert [p.line for p in people] == [3]


def test_nothing_is_planned_when_the_columns_are_already_wrong():
    found = issues()
    found.add(1, "email", "The column is missing.")
    assert parse_people(table(person("1", "GF", "G")), found) == ({}, [])


# The unit tree: check_units ------------------------------------------------------------


def plan(code: str, name: str | None, parent: str | None, line: int, given: bool = True):
    return UnitPlan(code, name, parent, given, line)


def check(units: list[UnitPlan], existing: dict[str, KnownUnit] | None = None):
    found = issues()
    with translation.override("en"):
        check_units({u.code: u for u in units}, existing or {}, found)
    return said(found)


def test_a_tree_in_any_order_is_fine():
    assert (
        check(
            [
                plan("KS", "Service", "VT", 2),
                plan("VT", "Sales", "GF", 3),
                plan("GF", "GF", None, 4),
            ]
        )
        == []
    )


def test_a_new_unit_needs_a_name_a_known_one_does_not():
    known = {"KS": KnownUnit(1, "Service", None)}
    assert check([plan("KS", None, None, 2), plan("NEW", None, None, 3)], known) == [
        (3, "unit_name", "Unit “NEW” is new, so its name is required.")
    ]


def test_an_unknown_parent_is_named_a_known_one_is_fine():
    known = {"HQ": KnownUnit(1, "Headquarters", None)}
    assert check([plan("GF", "G", "HQ", 2), plan("VT", "V", "XX", 3)], known) == [
        (3, "parent_unit_code", "Parent unit “XX” is neither in the file nor in Wandel.")
    ]


def test_a_cycle_is_named_for_every_unit_in_it():
    assert check([plan("A", "A", "B", 2), plan("B", "B", "C", 3), plan("C", "C", "A", 4)]) == [
        (2, "parent_unit_code", "Unit “A” would end up inside itself."),
        (3, "parent_unit_code", "Unit “B” would end up inside itself."),
        (4, "parent_unit_code", "Unit “C” would end up inside itself."),
    ]


def test_a_unit_below_a_cycle_is_not_itself_in_one():
    assert check([plan("A", "A", "B", 2), plan("B", "B", "A", 3), plan("D", "D", "A", 4)]) == [
        (2, "parent_unit_code", "Unit “A” would end up inside itself."),
        (3, "parent_unit_code", "Unit “B” would end up inside itself."),
    ]


def test_a_cycle_through_a_known_unit_is_found():
    # Wandel has B below A; the file puts A below B.
    known = {"A": KnownUnit(1, "A", None), "B": KnownUnit(2, "B", "A")}
    assert check([plan("A", None, "B", 2)], known) == [
        (2, "parent_unit_code", "Unit “A” would end up inside itself.")
    ]


def test_a_known_unit_keeps_its_parent_when_the_file_has_no_parent_column():
    # Wandel has B below A; a file without parents that names A cannot move it.
    known = {"A": KnownUnit(1, "A", None), "B": KnownUnit(2, "B", "A")}
    assert (
        check([plan("A", None, None, 2, given=False), plan("B", None, None, 3, False)], known) == []
    )
    assert check([plan("A", None, "B", 2, given=False)], known) == []


def test_a_new_unit_without_a_parent_column_is_at_the_top():
    assert check([plan("N", "N", "GONE", 2, given=False)]) == [
        (2, "parent_unit_code", "Parent unit “GONE” is neither in the file nor in Wandel.")
    ]


# E-mail addresses ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_address_of_another_person_in_wandel_is_taken_but_ones_own_is_not():
    unit = Unit.objects.create(code="GF", name="G")
    Person.objects.create(
        employee_id="9", email="p9@example.com", first_name="N", last_name="N", unit=unit
    )
    Person.objects.create(
        employee_id="1", email="p1@example.com", first_name="O", last_name="O", unit=unit
    )
    found = issues()
    people = [
        PersonPlan(2, {"employee_id": "1", "email": "p1@example.com"}),
        PersonPlan(3, {"employee_id": "2", "email": "p9@example.com"}),
        PersonPlan(4, {"employee_id": "3", "email": "p1@example.com"}),
    ]
    with translation.override("en"):
        check_people_emails(people, found)
    assert said(found) == [
        (4, "email", "E-mail “p1@example.com” also appears in line 2."),
        (3, "email", "E-mail “p9@example.com” already belongs to employee 9."),
    ]


@pytest.mark.django_db
def test_an_address_of_another_person_is_taken_whatever_its_case():
    unit = Unit.objects.create(code="GF", name="G")
    Person.objects.create(
        employee_id="9", email="Nora.Neu@Example.com", first_name="N", last_name="N", unit=unit
    )
    found = issues()
    with translation.override("en"):
        check_people_emails(
            [PersonPlan(2, {"employee_id": "2", "email": "nora.neu@example.com"})], found
        )
    assert said(found) == [
        (2, "email", "E-mail “nora.neu@example.com” already belongs to employee 9."),
    ]


# What the callers show: issues, refusals, reports ------------------------------------------


def test_an_issue_in_words_and_as_data():
    issue = ImportIssue("hr.csv", 4, "email", "“x” is not a valid e-mail address.")
    assert str(issue) == "hr.csv, line 4, field “email”: “x” is not a valid e-mail address."
    assert issue.as_dict() == {
        "file": "hr.csv",
        "line": 4,
        "field": "email",
        "message": "“x” is not a valid e-mail address.",
    }
    whole_file = ImportIssue("hr.xlsx", None, "", "The file is not a table.")
    assert str(whole_file) == "hr.xlsx: The file is not a table."
    with translation.override("de"):
        assert str(issue) == ("hr.csv, Zeile 4, Feld „email“: “x” is not a valid e-mail address.")


def test_a_refusal_orders_its_issues_by_line_then_field_and_counts_them():
    refused = ImportRejected(
        [
            ImportIssue("hr.csv", 5, "email", "b"),
            ImportIssue("hr.csv", 3, "last_name", "c"),
            ImportIssue("hr.csv", 3, "email", "d"),
            ImportIssue("hr.csv", None, "", "e"),
        ]
    )
    assert [(i.line, i.field) for i in refused.issues] == [
        (None, ""),
        (3, "email"),
        (3, "last_name"),
        (5, "email"),
    ]
    with translation.override("en"):
        assert str(refused.message) == "The file has 4 problem(s); nothing was imported."
    assert refused.details() == {
        "issues": [
            {"file": "hr.csv", "line": None, "field": "", "message": "e"},
            {"file": "hr.csv", "line": 3, "field": "email", "message": "d"},
            {"file": "hr.csv", "line": 3, "field": "last_name", "message": "c"},
            {"file": "hr.csv", "line": 5, "field": "email", "message": "b"},
        ],
        "more_issues": 0,
    }
    assert str(refused) == "hr.csv: e\nhr.csv, line 3, field “email”: d\n" + (
        "hr.csv, line 3, field “last_name”: c\nhr.csv, line 5, field “email”: b"
    )


def test_a_report_in_words_and_as_data():
    report = ImportReport(
        "hr.csv",
        units_created=1,
        units_updated=2,
        people_created=3,
        people_updated=4,
        people_unchanged=5,
        accounts_linked=6,
        accounts_closed=7,
        accounts_created=8,
    )
    assert report.as_dict() == {
        "units_created": 1,
        "units_updated": 2,
        "people_created": 3,
        "people_updated": 4,
        "people_unchanged": 5,
        "accounts_linked": 6,
        "accounts_closed": 7,
        "accounts_created": 8,
    }
    with translation.override("en"):
        assert report.summary() == (
            "hr.csv: 1 units created, 2 updated; 3 people created, 4 updated, 5 unchanged; "
            "6 accounts linked. 8 accounts created; their invitations are being sent."
        )


@pytest.mark.parametrize(
    "counts",
    [
        {"units_created": 1},
        {"units_updated": 1},
        {"people_created": 1},
        {"people_updated": 1},
        {"accounts_linked": 1},
        {"accounts_closed": 1},
        {"accounts_created": 1},
    ],
)
def test_a_report_has_changed_when_anything_was_written(counts):
    assert ImportReport("hr.csv", **counts).changed is True


def test_a_report_of_unchanged_people_has_not_changed():
    assert ImportReport("hr.csv", people_unchanged=9).changed is False


@pytest.mark.django_db
def test_the_audit_event_of_an_import_holds_every_count_and_who_was_touched():
    content = (
        "employee_id,email,first_name,last_name,unit_code,unit_name\n"
        "1,a@example.com,Anna,Alt,GF,Geschäftsführung\n"
    ).encode()
    people_import(content=content, file_name="hr.csv", actor=None)
    event = AuditEvent.objects.get(action=OrgAction.PEOPLE_IMPORTED)
    assert event.changes == {
        "file": "hr.csv",
        # printf '<the two lines>' | sha256sum
        "sha256": "edbcd8375a831cff0a54cc337a3c842c51f8a656f4bed3ba5455d3bfab249e46",
        "units_created": 1,
        "units_updated": 0,
        "people_created": 1,
        "people_updated": 0,
        "people_unchanged": 0,
        "accounts_linked": 0,
        "accounts_closed": 0,
        "accounts_created": 0,
        "people_created_ids": ["1"],
        "people_updated_ids": [],
        "closed_accounts": [],
    }


@pytest.mark.django_db
def test_a_units_file_is_audited_as_a_units_import():
    units_import(
        content=b"unit_code,unit_name,parent_unit_code\nGF,G,\nVT,V,GF\n",
        file_name="units.csv",
        actor=None,
    )
    event = AuditEvent.objects.get(action=OrgAction.UNITS_IMPORTED)
    assert (event.changes["file"], event.changes["units_created"]) == ("units.csv", 2)
    assert Unit.objects.get(code="VT").parent.code == "GF"


def test_the_columns_a_units_file_has():
    assert [(c.key, c.required, c.max_length) for c in UNIT_COLUMNS] == [
        ("unit_code", True, 50),
        ("unit_name", True, 200),
        ("parent_unit_code", False, 50),
    ]


def test_a_refusal_puts_whole_file_problems_before_those_of_line_1():
    refused = ImportRejected(
        [ImportIssue("hr.csv", 1, "email", "a"), ImportIssue("hr.xlsx", None, "sheet", "b")]
    )
    assert [(i.line, i.field) for i in refused.issues] == [(None, "sheet"), (1, "email")]


def test_a_message_without_parameters_is_taken_as_it_is():
    found = issues()
    found.add(3, "job_title", "100% sure")
    found.add(4, "email", "“%(value)s” twice", value="a@example.com")
    assert said(found) == [(3, "job_title", "100% sure"), (4, "email", "“a@example.com” twice")]


@pytest.mark.django_db
def test_a_file_that_is_no_table_is_one_problem_of_the_whole_file():
    with pytest.raises(ImportRejected) as rejected:
        people_import(content=b"\x00\x01\x02 not a table", file_name="hr.xlsx", actor=None)
    [issue] = rejected.value.issues
    assert (issue.file_name, issue.line, issue.field) == ("hr.xlsx", None, "")


def test_a_row_that_keeps_nothing_does_not_end_the_plan():
    found = issues()
    units, people = parse_people(
        table(person("1", "U" * 51, "Too long"), person("2", "GF", "G")), found
    )
    assert list(units) == ["GF"]
    assert [p.line for p in people] == [3]


def test_a_repeated_employee_id_does_not_end_the_plan():
    found = issues()
    _, people = parse_people(
        table(person("1", "GF", "G"), person("1", "GF", "G"), person("2", "GF", "G")), found
    )
    assert [p.line for p in people] == [2, 4]


def test_a_later_row_without_the_unit_name_keeps_the_name_given_earlier():
    found = issues()
    units, _ = parse_people(
        table(person("1", "GF", "Geschäftsführung"), person("2", "GF", "")), found
    )
    assert said(found) == []
    assert units["GF"].name == "Geschäftsführung"


def test_a_unit_below_a_cycle_listed_first_does_not_stop_the_check():
    assert check([plan("D", "D", "A", 2), plan("A", "A", "B", 3), plan("B", "B", "A", 4)]) == [
        (3, "parent_unit_code", "Unit “A” would end up inside itself."),
        (4, "parent_unit_code", "Unit “B” would end up inside itself."),
    ]


# Writing: apply_plan, apply_units, apply_people -------------------------------------------

PEOPLE = "employee_id,email,first_name,last_name,unit_code,unit_name,parent_unit_code"


def load(*rows: str, header: str = PEOPLE, actor=None) -> ImportReport:
    content = "\n".join([header, *rows]).encode()
    return people_import(content=content, file_name="hr.csv", actor=actor)


TREE = (
    "1,a@example.com,Anna,Alt,GF,Geschäftsführung,",
    "2,b@example.com,Bert,Berg,VT,Vertrieb,GF",
    "3,c@example.com,Cem,Çelik,KS,Kundenservice,VT",
)


@pytest.mark.django_db
def test_the_report_names_the_file():
    assert load(*TREE).file_name == "hr.csv"


@pytest.mark.django_db
def test_job_title_and_language_are_written():
    load(
        "1,a@example.com,Anna,Alt,GF,G,,Geschäftsführerin,englisch",
        header=f"{PEOPLE},job_title,language",
    )
    anna = Person.objects.get(employee_id="1")
    assert (anna.job_title, anna.language) == ("Geschäftsführerin", "en")


@pytest.mark.django_db
def test_accounts_created_later_are_linked_without_counting_the_people_as_changed():
    load(*TREE)
    anna = User.objects.create_user("a@example.com", "pw")
    bert = User.objects.create_user("B@example.com", "pw")

    report = load(*TREE)

    assert report.as_dict() == {
        "units_created": 0,
        "units_updated": 0,
        "people_created": 0,
        "people_updated": 0,
        "people_unchanged": 1,
        "accounts_linked": 2,
        "accounts_closed": 0,
        "accounts_created": 0,
    }
    assert Person.objects.get(employee_id="1").user == anna
    assert Person.objects.get(employee_id="2").user == bert
    assert Person.objects.get(employee_id="3").user is None
    event = AuditEvent.objects.filter(action=OrgAction.PEOPLE_IMPORTED).latest("pk")
    assert event.changes["people_updated_ids"] == ["1", "2"]


@pytest.mark.django_db
def test_an_account_that_belongs_to_someone_else_is_not_moved_to_a_new_person():
    load(*TREE)
    anna_account = User.objects.create_user("a@example.com", "pw")
    load(*TREE)
    assert Person.objects.get(employee_id="1").user == anna_account
    # Anna's address goes to a new colleague; Anna gets a new one. Her account stays hers.
    report = load(
        "1,anna.alt@example.com,Anna,Alt,GF,Geschäftsführung,",
        "4,a@example.com,Ada,Neu,GF,Geschäftsführung,",
    )
    assert (report.people_created, report.people_updated, report.accounts_linked) == (1, 1, 0)
    assert Person.objects.get(employee_id="1").user == anna_account
    assert Person.objects.get(employee_id="4").user is None


@pytest.mark.django_db
def test_every_change_counts():
    load(*TREE)
    report = load(
        "1,a@example.com,Anna,Alt-Neu,GF,Leitung,",
        "2,b@example.com,Bert,Berg-Neu,VT,Verkauf,GF",
        "3,c@example.com,Cem,Çelik,KS,Kundenservice,VT",
    )
    assert (report.people_updated, report.people_unchanged, report.units_updated) == (2, 1, 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "name", "parent"),
    [
        ("3,c@example.com,Cem,Çelik,KS,Service,VT", "Service", "VT"),
        ("3,c@example.com,Cem,Çelik,KS,Kundenservice,GF", "Kundenservice", "GF"),
    ],
    ids=["renamed", "moved"],
)
def test_renaming_or_moving_alone_is_an_update(row, name, parent):
    load(*TREE)
    report = load(*TREE[:2], row)
    assert report.units_updated == 1
    unit = Unit.objects.get(code="KS")
    assert (unit.name, unit.parent.code) == (name, parent)


@pytest.mark.django_db
def test_a_known_unit_keeps_its_name_and_parent_when_the_file_leaves_them_out():
    load(*TREE)
    report = load(
        "3,c@example.com,Cem,Çelik,KS,",
        header="employee_id,email,first_name,last_name,unit_code,unit_name",
    )
    assert (report.units_updated, report.people_unchanged) == (0, 1)
    unit = Unit.objects.get(code="KS")
    assert (unit.name, unit.parent.code) == ("Kundenservice", "VT")


@pytest.mark.django_db
def test_a_new_unit_is_placed_below_its_parent_and_keeps_its_code():
    load(*TREE[:1])
    load(*TREE)
    unit = Unit.objects.get(code="KS")
    assert (unit.code, unit.name, unit.parent.parent.code) == ("KS", "Kundenservice", "GF")


@pytest.mark.django_db
def test_the_audit_event_names_the_actor_and_at_most_500_people():
    actor = make_user(Role.ADMIN)
    rows = [f"{n},p{n}@example.com,P,{n},GF,Geschäftsführung," for n in range(1000, 1501)]
    load(*rows, actor=actor)
    load(*[row.replace(",P,", ",Q,") for row in rows], actor=actor)

    created, updated = AuditEvent.objects.filter(action=OrgAction.PEOPLE_IMPORTED).order_by("pk")
    assert created.actor == updated.actor == actor
    assert created.changes["people_created"] == 501
    assert created.changes["people_created_ids"] == [str(n) for n in range(1000, 1500)]
    assert updated.changes["people_updated"] == 501
    assert updated.changes["people_updated_ids"] == [str(n) for n in range(1000, 1500)]


@pytest.mark.django_db(transaction=True)
def test_writing_a_plan_outside_a_user_action_is_refused():
    with pytest.raises(OutsideTransaction) as refused:
        apply_plan(
            content=b"",
            file_name="hr.csv",
            actor=None,
            units={},
            people=[],
            existing_units={},
            action=OrgAction.PEOPLE_IMPORTED,
        )
    assert str(refused.value) == (
        "Applying an import must run inside the transaction of a user action."
    )
