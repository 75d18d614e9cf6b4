"""Import of completions from an LMS export: CSV and XLSX, errors by file, line and field,
all or nothing, and the same file twice changes nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from openpyxl import Workbook

from tests.support.enablement import make_course
from tests.support.personas import make_person, make_user
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.enablement.lms import ImportRejected, completions_import
from wandel.enablement.trainings.models import Completion
from wandel.enablement.trainings.services import completion_record
from wandel.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    make_course("Prompting basics", topics=["prompting"])
    make_course("Safe use", topics=["safe_use"])
    make_person(email="ada@example.com", last_name="Lovelace", account=False)
    bob = make_person(email="bob@example.com", last_name="Builder", account=False)
    return bob


def imported() -> list[tuple[str, str, str, str]]:
    return sorted(
        (c.person.last_name, c.course.title, c.completed_on.isoformat(), c.source)
        for c in Completion.objects.select_related("person", "course")
    )


def write_csv(tmp_path: Path, text: str, name: str = "lms.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_export_creates_completions_from_the_lms(tmp_path, known):
    path = write_csv(
        tmp_path,
        "Teilnehmer;Kurs;Abgeschlossen am\n"
        "ADA@example.com;Prompting basics;31.03.2026\n"
        f"{known.employee_id.lower()};safe use;2026-04-02\n",
    )

    report = completions_import(content=path.read_bytes(), file_name=path.name, actor=None)

    assert (report.created, report.unchanged) == (2, 0)
    assert imported() == [
        ("Builder", "Safe use", "2026-04-02", "lms"),
        ("Lovelace", "Prompting basics", "2026-03-31", "lms"),
    ]
    event = AuditEvent.objects.filter(action="enablement.completions_imported").get()
    assert event.changes["file"] == "lms.csv"
    assert (event.changes["created"], event.changes["unchanged"]) == (2, 0)


def test_an_xlsx_export_with_date_cells_is_read_the_same(tmp_path, known):
    book = Workbook()
    sheet = book.active
    sheet.append(["E-Mail", "Course", "Completed on"])
    sheet.append(["ada@example.com", "Prompting basics", datetime.datetime(2026, 3, 31)])
    sheet.append(["bob@example.com", "Safe use", "01.02.2026"])
    path = tmp_path / "lms.xlsx"
    book.save(path)

    report = completions_import(content=path.read_bytes(), file_name=path.name, actor=None)

    assert report.created == 2
    assert imported() == [
        ("Builder", "Safe use", "2026-02-01", "lms"),
        ("Lovelace", "Prompting basics", "2026-03-31", "lms"),
    ]


def test_importing_the_same_file_again_changes_nothing(tmp_path, known):
    path = write_csv(
        tmp_path,
        "person,course,completed_on\n"
        "ada@example.com,Prompting basics,2026-03-31\n"
        "ada@example.com,Prompting basics,2026-03-31\n",
    )
    first = completions_import(content=path.read_bytes(), file_name=path.name, actor=None)
    events = AuditEvent.objects.count()

    again = completions_import(content=path.read_bytes(), file_name=path.name, actor=None)

    assert (first.created, first.unchanged) == (1, 1)
    assert (again.created, again.unchanged) == (0, 2)
    assert Completion.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_a_completion_from_a_session_on_the_same_day_is_not_doubled(tmp_path, known):
    ada = Person.objects.get(email="ada@example.com")
    course = make_course("Retrieval", topics=["retrieval"])
    completion_record(person=ada, course=course, completed_on=datetime.date(2026, 3, 1), actor=None)
    path = write_csv(tmp_path, "person,course,completed_on\nada@example.com,Retrieval,01.03.2026\n")

    report = completions_import(content=path.read_bytes(), file_name=path.name, actor=None)

    assert (report.created, report.unchanged) == (0, 1)
    assert list(Completion.objects.values_list("source", flat=True)) == ["recorded"]


def test_bad_lines_are_named_by_file_line_and_field_and_nothing_is_imported(tmp_path, known):
    path = write_csv(
        tmp_path,
        "Person,Course,Completed on\n"
        "ada@example.com,Prompting basics,2026-03-31\n"
        "nobody@example.com,Prompting basics,2026-03-31\n"
        "bob@example.com,Underwater basket weaving,2026-03-31\n"
        "bob@example.com,Safe use,31/03/2026\n"
        "bob@example.com,Safe use,2999-01-01\n"
        ",Safe use,2026-03-31\n",
    )

    with pytest.raises(ImportRejected) as rejected:
        completions_import(content=path.read_bytes(), file_name=path.name, actor=None)

    assert [str(issue) for issue in rejected.value.issues] == [
        "lms.csv, line 3, field “Person”: No person in Wandel has the e-mail address or "
        "employee ID “nobody@example.com”.",
        "lms.csv, line 4, field “Course”: No course in the catalogue has the title "
        "“Underwater basket weaving”.",
        "lms.csv, line 5, field “Completed on”: “31/03/2026” is not a date; write it as "
        "2026-03-31 or 31.03.2026.",
        "lms.csv, line 6, field “Completed on”: 2999-01-01 lies in the future.",
        "lms.csv, line 7, field “Person”: A value is required.",
    ]
    assert not Completion.objects.exists()
    assert not AuditEvent.objects.filter(action="enablement.completions_imported").exists()


def test_a_missing_column_is_named(tmp_path, known):
    path = write_csv(tmp_path, "person,course\nada@example.com,Safe use\n")

    with pytest.raises(ImportRejected) as rejected:
        completions_import(content=path.read_bytes(), file_name=path.name, actor=None)

    assert [str(i) for i in rejected.value.issues] == [
        "lms.csv, line 1, field “completed_on”: The column is missing."
    ]


def test_trainers_import_on_the_page(tmp_path, known):
    trainer = make_user(Role.TRAINER)
    page = Client(HTTP_ACCEPT_LANGUAGE="en")
    page.force_login(trainer)
    good = write_csv(tmp_path, "person,course,completed_on\nbob@example.com,Safe use,2026-01-05\n")
    bad = write_csv(
        tmp_path, "person,course,completed_on\nbob@example.com,Nope,2026-01-05\n", "bad.csv"
    )

    assert (
        "Import completions from the LMS"
        in page.get("/enablement/completions/import/").content.decode()
    )
    with bad.open("rb") as upload:
        refused = page.post("/enablement/completions/import/", {"file": upload})
    with good.open("rb") as upload:
        done = page.post("/enablement/completions/import/", {"file": upload}, follow=True)

    assert refused.status_code == 400
    assert "bad.csv, line 2, field “course”" in refused.content.decode()
    assert "lms.csv: 1 completion imported, 0 already known." in done.content.decode()
    assert imported() == [("Builder", "Safe use", "2026-01-05", "lms")]
    event = AuditEvent.objects.filter(action="enablement.completions_imported").get()
    assert event.actor == trainer


def test_employees_cannot_import(employee):
    page = Client()
    page.force_login(employee)

    assert page.get("/enablement/completions/import/").status_code == 403


def test_the_command_imports_and_reports_problems(tmp_path, known, capsys):
    good = write_csv(tmp_path, "person,course,completed_on\nbob@example.com,Safe use,2026-01-05\n")
    bad = write_csv(
        tmp_path, "person,course,completed_on\nbob@example.com,Nope,2026-01-05\n", "bad.csv"
    )

    call_command("import_completions", str(good))
    with pytest.raises(CommandError, match=r"1 problem in bad\.csv; nothing was imported\."):
        call_command("import_completions", str(bad))

    assert "lms.csv: 1 completion imported, 0 already known." in capsys.readouterr().out
    assert Completion.objects.count() == 1
