"""The same import through the page, the CLI and the API: same rules, same messages."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.support.api import bearer
from tests.support.personas import make_user
from wandel.core.roles import Role
from wandel.org.models import Person, Unit

pytestmark = pytest.mark.django_db

GOOD = (
    "employee_id,email,first_name,last_name,unit_code,unit_name,parent_unit_code\n"
    "1,anna@example.com,Anna,Alt,GF,Geschäftsführung,\n"
    "2,bert@example.com,Bert,Berg,IT,IT & Digitalisierung,GF\n"
)
BROKEN = GOOD.replace("bert@example.com", "bert(at)example.com")
BROKEN_MESSAGE = (
    "people.csv, line 3, field “email”: “bert(at)example.com” is not a valid e-mail address."
)


def imported() -> int:
    return Person.objects.filter(email__in=["anna@example.com", "bert@example.com"]).count()


def upload(text: str, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


# Page ----------------------------------------------------------------------------------


def test_the_page_imports_a_file_and_lists_the_people(admin_client):
    response = admin_client.post(
        "/org/import/", {"kind": "people", "file": upload(GOOD)}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/org/people/"
    content = response.content.decode()
    assert "2 people created" in content
    assert "Berg, Bert" in content


def test_the_page_lists_every_problem_and_imports_nothing(admin_client):
    response = admin_client.post("/org/import/", {"kind": "people", "file": upload(BROKEN)})

    assert response.status_code == 400
    assert BROKEN_MESSAGE in response.content.decode()
    assert imported() == 0


def test_the_page_says_when_a_file_changes_nothing(admin_client):
    admin_client.post("/org/import/", {"kind": "people", "file": upload(GOOD)})
    response = admin_client.post(
        "/org/import/", {"kind": "people", "file": upload(GOOD)}, follow=True
    )
    assert "nothing to change" in response.content.decode()


def test_the_page_imports_a_units_file(admin_client):
    text = "unit_code,unit_name,parent_unit_code\nA,Alpha,\nB,Beta,A\n"
    response = admin_client.post(
        "/org/import/", {"kind": "units", "file": upload(text, "units.csv")}
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="B").parent.code == "A"


@pytest.mark.parametrize("kind", ["people", "units"])
def test_the_templates_have_exactly_the_expected_columns(admin_client, kind):
    from wandel.org.import_templates import KINDS

    expected = [c.key for c in KINDS[kind]]
    csv_response = admin_client.get(f"/org/import/template/{kind}.csv")
    assert csv_response.content.decode("utf-8-sig").strip().split(",") == expected
    xlsx = admin_client.get(f"/org/import/template/{kind}.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == expected


def test_an_empty_template_filled_in_imports_cleanly(admin_client):
    header = admin_client.get("/org/import/template/people.csv").content.decode("utf-8-sig")
    row = "9,zoe@example.com,Zoe,Zett,Z,Zentrale,,Assistenz,de,ja\n"
    response = admin_client.post("/org/import/", {"kind": "people", "file": upload(header + row)})
    assert response.status_code == 302
    assert Person.objects.get(employee_id="9").language == "de"


def test_the_german_template_uses_semicolons(admin_client):
    response = admin_client.get("/org/import/template/people.csv", HTTP_ACCEPT_LANGUAGE="de")
    assert ";" in response.content.decode("utf-8-sig")


# CLI -----------------------------------------------------------------------------------


def test_the_cli_imports_and_prints_a_summary(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)

    call_command("import_people", str(path))

    assert "2 people created" in capsys.readouterr().out
    assert imported() == 2


def test_the_cli_prints_every_problem_and_fails(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(BROKEN)

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_people", str(path))

    assert BROKEN_MESSAGE in capsys.readouterr().err
    assert imported() == 0


def test_the_cli_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match=r"nothing-here\.csv"):
        call_command("import_people", str(tmp_path / "nothing-here.csv"))


# API -----------------------------------------------------------------------------------


@pytest.fixture
def admin_headers(admin) -> dict[str, str]:
    return bearer(admin)


def test_the_api_imports_a_file(client, admin_headers):
    response = client.post(
        "/api/v1/people/import",
        {"file": upload(GOOD)},
        headers=admin_headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["people_created"] == 2


def test_the_api_answers_400_with_every_problem(client, admin_headers):
    response = client.post(
        "/api/v1/people/import",
        {"file": upload(BROKEN)},
        headers=admin_headers,
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The file has 1 problem(s); nothing was imported.",
        "errors": {},
        "more_issues": 0,
        "issues": [
            {
                "file": "people.csv",
                "line": 3,
                "field": "email",
                "message": "“bert(at)example.com” is not a valid e-mail address.",
            }
        ],
    }
    assert imported() == 0


@pytest.mark.parametrize("path", ["/api/v1/people/import", "/api/v1/units/import"])
def test_the_import_refusal_is_documented_as_an_error_with_issues(client, path):
    spec = client.get("/api/v1/openapi.json").json()
    reference = spec["paths"][path]["post"]["responses"]["400"]["content"]["application/json"]
    schema = spec["components"]["schemas"][reference["schema"]["$ref"].rsplit("/", 1)[1]]
    issue = spec["components"]["schemas"][
        schema["properties"]["issues"]["items"]["$ref"].rsplit("/", 1)[1]
    ]

    assert {"detail", "errors", "issues"} <= set(schema["properties"])
    assert set(issue["properties"]) == {"file", "line", "field", "message"}


def test_a_units_file_refused_through_the_api_names_its_issues(client, admin_headers):
    text = "unit_code,unit_name,parent_unit_code\nA,Top,\nA,Again,\n"
    response = client.post(
        "/api/v1/units/import",
        {"file": upload(text, "units.csv")},
        headers=admin_headers,
    )

    assert response.status_code == 400
    assert response.json()["issues"] == [
        {
            "file": "units.csv",
            "line": 3,
            "field": "unit_code",
            "message": "Unit code “A” also appears in line 2.",
        }
    ]


def test_the_api_refuses_an_import_without_the_right(client):
    response = client.post(
        "/api/v1/people/import",
        {"file": upload(GOOD)},
        headers=bearer(make_user(Role.PRODUCT_OWNER)),
    )
    assert response.status_code == 403
    assert imported() == 0


HEADER = "employee_id,email,first_name,last_name,unit_code,unit_name,parent_unit_code"
BROKEN_FILES = {
    "missing column": (
        "employee_id,first_name,last_name,unit_code,unit_name,parent_unit_code\n"
        "1,Anna,Alt,GF,Geschäftsführung,\n",
        "people.csv, line 1, field “email”: The column is missing.",
    ),
    "bad e-mail": (BROKEN, BROKEN_MESSAGE),
    "unknown parent unit": (
        GOOD.replace("IT & Digitalisierung,GF", "IT & Digitalisierung,HQ"),
        "people.csv, line 3, field “parent_unit_code”: "
        "Parent unit “HQ” is neither in the file nor in Wandel.",
    ),
    "duplicate key": (
        GOOD + "2,carla@example.com,Carla,Cole,GF,Geschäftsführung,\n",
        "people.csv, line 4, field “employee_id”: Employee ID “2” also appears in line 3.",
    ),
}


def database_state() -> tuple[list[tuple], list[tuple], int]:
    from wandel.core.models import AuditEvent

    return (
        list(Person.objects.order_by("pk").values_list()),
        list(Unit.objects.order_by("pk").values_list()),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("case", BROKEN_FILES)
def test_every_broken_file_is_refused_alike_by_page_cli_and_api(
    case, admin, client, tmp_path, capsys
):
    text, message = BROKEN_FILES[case]
    headers = bearer(admin)  # audited, so before the count
    before = database_state()

    client.force_login(admin)
    page = client.post("/org/import/", {"kind": "people", "file": upload(text)})
    assert page.status_code == 400
    assert message in page.content.decode()

    path = tmp_path / "people.csv"
    path.write_text(text)
    with pytest.raises(CommandError):
        call_command("import_people", str(path))
    assert message in capsys.readouterr().err

    response = client.post(
        "/api/v1/people/import",
        {"file": upload(text)},
        headers=headers,
    )
    assert response.status_code == 400
    issue = response.json()["issues"][0]
    assert f"line {issue['line']}, field “{issue['field']}”: {issue['message']}" in message

    assert database_state() == before
