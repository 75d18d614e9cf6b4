"""The people import reads the column names its own page and templates show, in German and
English; it says which columns it did not read, and its problems name the file's own
column headers (issue 11)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.support.api import bearer
from tests.support.personas import make_user
from wandel.core.roles import Role
from wandel.org.imports import ImportRejected, people_import, units_import
from wandel.org.models import Person, Unit

pytestmark = pytest.mark.django_db

GERMAN = (
    "Personalnummer;E-Mail;Vorname;Nachname;Einheitencode;Name der Einheit;"
    "Code der übergeordneten Einheit;Funktion;Sprache;Aktiv\n"
    "1;anna@example.com;Anna;Alt;GF;Geschäftsführung;;Leitung;de;ja\n"
    "2;bert@example.com;Bert;Berg;IT;IT & Digitalisierung;GF;;en;ja\n"
)
ENGLISH = (
    "Employee ID,E-mail,First name,Last name,Unit code,Unit name,Parent unit code,"
    "Job title,Language,Active\n"
    "1,anna@example.com,Anna,Alt,GF,Geschäftsführung,,Leitung,de,yes\n"
)


def test_the_german_column_names_of_the_import_page_are_read():
    report = people_import(content=GERMAN.encode(), file_name="hr.csv", actor=None)

    assert (report.people_created, report.units_created) == (2, 2)
    anna = Person.objects.get(email="anna@example.com")
    assert (anna.employee_id, anna.job_title, anna.language, anna.unit.code) == (
        "1",
        "Leitung",
        "de",
        "GF",
    )
    assert Unit.objects.get(code="IT").parent.code == "GF"
    assert report.ignored_columns == ()


def test_the_english_column_names_are_read_too():
    report = people_import(content=ENGLISH.encode(), file_name="hr.csv", actor=None)

    assert report.people_created == 1
    assert Person.objects.get().job_title == "Leitung"


def test_the_units_import_reads_the_german_names_of_its_columns():
    content = "Einheitencode;Name der Einheit;Code der übergeordneten Einheit\nGF;Leitung;\n"

    report = units_import(content=content.encode(), file_name="units.csv", actor=None)

    assert report.units_created == 1


def test_columns_the_import_does_not_read_are_named():
    content = GERMAN.replace("Aktiv\n", "Aktiv;Kostenstelle;Geburtstag\n").replace(
        ";ja\n", ";ja;4711;1980-01-01\n"
    )

    report = people_import(content=content.encode(), file_name="hr.csv", actor=None)

    assert report.ignored_columns == ("Kostenstelle", "Geburtstag")
    assert report.ignored_summary() == (
        "hr.csv: the columns “Kostenstelle”, “Geburtstag” are not ones the import reads; "
        "they were ignored."
    )
    assert report.people_created == 2


def test_a_problem_names_the_column_as_the_file_does():
    content = GERMAN.replace("bert@example.com", "bert(at)example.com")

    with pytest.raises(ImportRejected) as rejected:
        people_import(content=content.encode(), file_name="hr.csv", actor=None)

    assert [str(issue) for issue in rejected.value.issues] == [
        "hr.csv, line 3, field “E-Mail”: “bert(at)example.com” is not a valid e-mail address."
    ]
    assert not Person.objects.exists()


def test_the_page_warns_about_ignored_columns(admin_client):
    content = ENGLISH.replace("Active\n", "Active,Cost centre\n").replace(",yes\n", ",yes,4711\n")
    upload = SimpleUploadedFile("hr.csv", content.encode(), content_type="text/csv")

    page = admin_client.post("/org/import/", {"kind": "people", "file": upload}, follow=True)

    text = page.content.decode()
    assert "hr.csv: the column “Cost centre” is not one the import reads; it was ignored." in text
    assert Person.objects.filter(email="anna@example.com").exists()


def test_the_api_lists_ignored_columns(client):
    admin = make_user(Role.ADMIN)
    content = ENGLISH.replace("Active\n", "Active,Cost centre\n").replace(",yes\n", ",yes,4711\n")
    upload = SimpleUploadedFile("hr.csv", content.encode(), content_type="text/csv")

    response = client.post("/api/v1/people/import", {"file": upload}, headers=bearer(admin))

    assert response.status_code == 200
    assert response.json()["ignored_columns"] == ["Cost centre"]


def test_the_command_warns_about_ignored_columns(tmp_path, capsys):
    path = tmp_path / "hr.csv"
    path.write_text(
        ENGLISH.replace("Active\n", "Active,Cost centre\n").replace(",yes\n", ",yes,1\n")
    )

    call_command("import_people", str(path))

    assert "the column “Cost centre” is not one the import reads" in capsys.readouterr().err
