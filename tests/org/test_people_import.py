"""The HR import: all or nothing, idempotent, and every problem named by file, line and field."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook

from tests.support.api import bearer
from wandel.core.models import AuditEvent, User
from wandel.org.imports import ImportRejected, people_import, units_import
from wandel.org.models import OrgAction, Person, Unit

pytestmark = pytest.mark.django_db

HEADER = "employee_id,email,first_name,last_name,unit_code,unit_name,parent_unit_code,job_title"
GOOD = f"""{HEADER}
1001,anna.alt@example.com,Anna,Alt,GF,Geschäftsführung,,Geschäftsführerin
1002,bert.berg@example.com,Bert,Berg,VT,Vertrieb,GF,Vertriebsleiter
1003,cem.celik@example.com,Cem,Çelik,KS,Kundenservice,VT,Teamleitung
1004,dora.dietz@example.com,Dora,Dietz,KS,Kundenservice,VT,Servicekraft
"""


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run(text: str, name: str = "people.csv", encoding: str = "utf-8") -> object:
    return people_import(content=text.encode(encoding), file_name=name, actor=None)


def snapshot() -> str:
    """Everything the import could touch, serialised, to prove nothing changed."""
    objects = [*Unit.objects.order_by("pk"), *Person.objects.order_by("pk")]
    return serializers.serialize("json", objects) + str(AuditEvent.objects.count())


def issues_of(text: str) -> list[tuple[int | None, str, str]]:
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected:
        run(text)
    assert snapshot() == before, "a rejected file must leave the database unchanged"
    return [(i.line, i.field, i.message) for i in rejected.value.issues]


def test_it_creates_units_as_a_tree_and_people_in_them():
    report = run(GOOD)

    assert (report.units_created, report.people_created) == (3, 4)
    service = Unit.objects.get(code="KS")
    assert service.parent.code == "VT"
    assert service.parent.parent.code == "GF"
    assert Unit.objects.get(code="GF").parent is None
    assert Person.objects.get(employee_id="1003").unit == service
    assert Person.objects.get(employee_id="1003").last_name == "Çelik"


def test_the_same_file_twice_changes_nothing():
    run(GOOD)
    before = snapshot()
    events = AuditEvent.objects.count()

    report = run(GOOD)

    assert not report.changed
    assert report.people_unchanged == 4
    assert snapshot() == before
    assert AuditEvent.objects.count() == events


def test_an_import_is_audited_with_its_counts_and_file_hash():
    run(GOOD)

    event = AuditEvent.objects.get(action=OrgAction.PEOPLE_IMPORTED)
    assert event.changes["people_created"] == 4
    assert event.changes["file"] == "people.csv"
    assert len(event.changes["sha256"]) == 64


def test_a_changed_file_updates_only_what_changed():
    run(GOOD)
    changed = GOOD.replace(
        "Dora,Dietz,KS,Kundenservice,VT,Servicekraft", "Dora,Dietz-Lang,VT,Vertrieb,GF,Servicekraft"
    )

    report = run(changed)

    assert (report.people_updated, report.people_unchanged, report.people_created) == (1, 3, 0)
    dora = Person.objects.get(employee_id="1004")
    assert (dora.last_name, dora.unit.code) == ("Dietz-Lang", "VT")


def test_renaming_a_unit_or_moving_it_in_the_tree_is_an_update():
    run(GOOD)
    moved = GOOD.replace("KS,Kundenservice,VT", "KS,Kundenservice & Support,GF")

    report = run(moved)

    assert report.units_updated == 1
    unit = Unit.objects.get(code="KS")
    assert (unit.name, unit.parent.code) == ("Kundenservice & Support", "GF")


def test_a_missing_column_is_named():
    text = GOOD.replace(",email", "").replace("anna.alt@example.com,", "")
    assert (1, "email", "The column is missing.") in issues_of(text)


def test_a_bad_email_is_named_with_its_line():
    text = GOOD.replace("bert.berg@example.com", "bert.berg-at-example.com")
    assert issues_of(text) == [
        (3, "email", "“bert.berg-at-example.com” is not a valid e-mail address.")
    ]


def test_an_unknown_parent_unit_is_named_with_its_line():
    text = GOOD.replace(
        "1002,bert.berg@example.com,Bert,Berg,VT,Vertrieb,GF",
        "1002,bert.berg@example.com,Bert,Berg,VT,Vertrieb,XX",
    )
    issues = issues_of(text)
    assert (
        3,
        "parent_unit_code",
        "Parent unit “XX” is neither in the file nor in Wandel.",
    ) in issues


def test_a_duplicate_employee_id_names_both_lines():
    text = GOOD + "1002,bert.other@example.com,Bert,Other,GF,Geschäftsführung,,\n"
    assert issues_of(text) == [(6, "employee_id", "Employee ID “1002” also appears in line 3.")]


def test_a_duplicate_email_names_both_lines():
    text = GOOD + "1005,anna.alt@example.com,Anna,Zwei,GF,Geschäftsführung,,\n"
    assert issues_of(text) == [
        (6, "email", "E-mail “anna.alt@example.com” also appears in line 2.")
    ]


def test_an_email_of_someone_else_already_in_wandel_is_refused():
    run(GOOD)
    text = f"{HEADER}\n2001,anna.alt@example.com,Anne,Other,GF,Geschäftsführung,,\n"
    assert issues_of(text) == [
        (2, "email", "E-mail “anna.alt@example.com” already belongs to employee 1001.")
    ]


def test_one_bad_row_among_many_imports_nothing():
    rows = [f"{2000 + i},p{i}@example.com,P{i},Q{i},GF,Geschäftsführung,," for i in range(200)]
    rows[150] = "2150,not-an-email,P,Q,GF,Geschäftsführung,,"
    text = HEADER + "\n" + "\n".join(rows) + "\n"

    assert issues_of(text) == [(152, "email", "“not-an-email” is not a valid e-mail address.")]
    assert Person.objects.count() == 0


def test_all_problems_are_reported_at_once():
    text = GOOD.replace("anna.alt@example.com", "anna").replace(",Bert,", ",,")
    issues = issues_of(text)
    assert [(line, field) for line, field, _ in issues] == [(2, "email"), (3, "first_name")]


def test_a_unit_given_two_names_is_refused():
    text = GOOD.replace(
        "1004,dora.dietz@example.com,Dora,Dietz,KS,Kundenservice",
        "1004,dora.dietz@example.com,Dora,Dietz,KS,Service",
    )
    assert issues_of(text) == [(5, "unit_name", "Unit “KS” is given a different name in line 4.")]


def test_a_cycle_in_the_unit_tree_is_refused():
    text = f"{HEADER}\n1,a@example.com,A,A,X,X,Y,\n2,b@example.com,B,B,Y,Y,X,\n"
    fields = {(line, field) for line, field, _ in issues_of(text)}
    assert fields == {(2, "parent_unit_code"), (3, "parent_unit_code")}


def test_a_new_unit_without_a_name_is_refused_but_a_known_one_may_omit_it():
    run(GOOD)
    known = f"{HEADER}\n1005,eva@example.com,Eva,Ernst,KS,,VT,\n"
    assert run(known).people_created == 1
    unknown = f"{HEADER}\n1006,fritz@example.com,Fritz,Fuchs,NEW,,GF,\n"
    assert issues_of(unknown) == [(2, "unit_name", "Unit “NEW” is new, so its name is required.")]


def test_german_excel_csv_with_semicolons_windows_1252_and_german_headers():
    text = (
        "Personalnummer;E-Mail;Vorname;Nachname;Einheit;Einheit Name;Übergeordnete Einheit;Aktiv\n"
        "7;juergen.groesser@example.com;Jürgen;Größer;PR;Produktion;;ja\n"
        "8;lea.lang@example.com;Lea;Lang;QM;Qualitätsmanagement;PR;nein\n"
    )
    report = people_import(content=text.encode("cp1252"), file_name="hr.csv", actor=None)

    assert report.people_created == 2
    assert Person.objects.get(employee_id="7").last_name == "Größer"
    assert Person.objects.get(employee_id="8").active is False
    assert Unit.objects.get(code="QM").parent.code == "PR"


def test_an_excel_workbook_is_read_from_its_first_sheet():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [1001, "anna.alt@example.com", "Anna", "Alt", "GF", "Geschäftsführung", None, None]
    )
    sheet.append([1002.0, "bad email", "Bert", "Berg", "GF", "Geschäftsführung", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(ImportRejected) as rejected:
        people_import(content=buffer.getvalue(), file_name="hr.xlsx", actor=None)
    assert [(i.file_name, i.line, i.field) for i in rejected.value.issues] == [
        ("hr.xlsx", 3, "email")
    ]

    sheet.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    people_import(content=buffer.getvalue(), file_name="hr.xlsx", actor=None)
    assert Person.objects.get(employee_id="1001").email == "anna.alt@example.com"


def test_a_file_that_is_not_a_table_gets_a_clear_message():
    with pytest.raises(ImportRejected) as rejected:
        people_import(content=b"\x00\x01\x02binary", file_name="photo.png", actor=None)
    assert "neither a CSV file nor an Excel" in str(rejected.value)


def test_an_empty_file_gets_a_clear_message():
    with pytest.raises(ImportRejected) as rejected:
        people_import(content=b"", file_name="empty.csv", actor=None)
    assert "empty.csv" in str(rejected.value)


def test_error_messages_name_file_line_and_field():
    text = GOOD.replace("bert.berg@example.com", "nope")
    with pytest.raises(ImportRejected) as rejected:
        run(text, name="hr-export.csv")
    assert str(rejected.value.issues[0]) == (
        "hr-export.csv, line 3, field “email”: “nope” is not a valid e-mail address."
    )


def test_existing_accounts_are_linked_by_email():
    user = User.objects.create_user("Bert.Berg@example.com", "pw")

    report = run(GOOD)

    assert report.accounts_linked == 1
    assert Person.objects.get(employee_id="1002").user == user


def test_a_units_file_builds_the_tree_even_in_any_order():
    text = "unit_code,unit_name,parent_unit_code\nC,Child,B\nB,Middle,A\nA,Top,\n"
    report = units_import(content=text.encode(), file_name="units.csv", actor=None)

    assert report.units_created == 3
    assert Unit.objects.get(code="C").parent.parent.code == "A"
    assert AuditEvent.objects.filter(action=OrgAction.UNITS_IMPORTED).count() == 1


def test_a_units_file_with_a_duplicate_code_is_refused():
    text = "unit_code,unit_name,parent_unit_code\nA,Top,\nA,Again,\n"
    with pytest.raises(ImportRejected) as rejected:
        units_import(content=text.encode(), file_name="units.csv", actor=None)
    assert [(i.line, i.field) for i in rejected.value.issues] == [(3, "unit_code")]
    assert Unit.objects.count() == 0


def test_a_person_marked_as_left_can_no_longer_sign_in():
    user = User.objects.create_user("bert.berg@example.com", "pw")
    run(GOOD)
    left = GOOD.replace("Vertriebsleiter", "Vertriebsleiter").replace(HEADER, HEADER + ",active")
    left = left.replace("Vertriebsleiter\n", "Vertriebsleiter,nein\n")
    for line in ("Geschäftsführerin", "Teamleitung", "Servicekraft"):
        left = left.replace(f"{line}\n", f"{line},ja\n")

    report = run(left)

    assert report.accounts_closed == 1
    user.refresh_from_db()
    assert not user.is_active
    assert not Person.objects.get(employee_id="1002").active


# Excel workbooks: every row, and at most 200 problems listed ----------------------------


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def person_row(number: int, email: str | None = None) -> list[object]:
    return [number, email or f"p{number}@example.com", "Pia", f"P{number}", "GF", "GF", None, None]


def understating(content: bytes, dimension: str) -> bytes:
    """The workbook with a <dimension> that claims fewer rows than the sheet has."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(name, data)
    return buffer.getvalue()


def test_a_workbook_whose_dimension_understates_its_size_imports_every_person():
    content = understating(xlsx([person_row(n) for n in range(1, 31)]), "A1:H3")

    report = people_import(content=content, file_name="hr.xlsx", actor=None)

    assert report.people_created == 30
    assert Person.objects.filter(employee_id="30").exists()


def test_a_bad_row_beyond_an_understated_dimension_is_found():
    rows = [person_row(n) for n in range(1, 30)] + [person_row(30, "not an e-mail")]
    content = understating(xlsx(rows), "A1:H3")

    assert [(line, field) for line, field, _message in issues_of_file(content)] == [(31, "email")]


def issues_of_file(content: bytes) -> list[tuple[int | None, str, str]]:
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected:
        people_import(content=content, file_name="hr.xlsx", actor=None)
    assert snapshot() == before
    return [(i.line, i.field, i.message) for i in rejected.value.issues]


def test_a_workbook_with_250_bad_rows_lists_the_first_200_problems_and_counts_the_rest():
    content = xlsx([person_row(n, f"wrong {n}") for n in range(1, 251)])

    with pytest.raises(ImportRejected) as rejected:
        people_import(content=content, file_name="hr.xlsx", actor=None)

    assert len(rejected.value.issues) == 200
    assert rejected.value.issues[-1].line == 201
    assert rejected.value.more_issues == 50
    assert str(rejected.value.message) == "The file has 250 problem(s); nothing was imported."
    assert rejected.value.details()["more_issues"] == 50
    assert Person.objects.count() == 0


@pytest.fixture
def many_problems() -> SimpleUploadedFile:
    content = xlsx([person_row(n, f"wrong {n}") for n in range(1, 251)])
    return SimpleUploadedFile("hr.xlsx", content, content_type=XLSX)


def test_the_import_page_lists_200_problems_and_says_how_many_more_there_are(
    admin_client, many_problems
):
    response = admin_client.post("/org/import/", {"kind": "people", "file": many_problems})

    page = response.content.decode()
    assert response.status_code == 400
    assert page.count('class="issue"') == 200
    assert "The file has 250 problems; nothing was imported." in page
    assert "50 more problems are not listed." in page


def test_the_import_command_prints_200_problems_and_says_how_many_more_there_are(
    tmp_path, capsys, many_problems
):
    path = tmp_path / "hr.xlsx"
    path.write_bytes(many_problems.read())

    with pytest.raises(CommandError, match=r"250 problems in hr\.xlsx"):
        call_command("import_people", str(path))

    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 201
    assert lines[-1] == "50 more problems are not listed."


def test_the_import_api_answers_with_200_problems_and_how_many_more_there_are(admin, many_problems):
    client = Client(headers=bearer(admin))

    response = client.post("/api/v1/people/import", {"file": many_problems})

    body = response.json()
    assert response.status_code == 400
    assert body["detail"] == "The file has 250 problem(s); nothing was imported."
    assert len(body["issues"]) == 200
    assert body["more_issues"] == 50


def test_a_zip_bomb_posing_as_a_workbook_is_refused_naming_the_file():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 5_000_000)

    with pytest.raises(ImportRejected) as rejected:
        people_import(content=bomb.getvalue(), file_name="hr.xlsx", actor=None)

    assert str(rejected.value).startswith("hr.xlsx: The workbook is compressed far more")
    assert Person.objects.count() == 0
