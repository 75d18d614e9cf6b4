"""Input no database can take answers 400 with a clear message, never a server error.

Each kind of bad input (an integer beyond 64 bits, NaN and Infinity, a NUL character, a lone
surrogate) goes to a representative set of pages and API endpoints: list filters, detail
ids, searches and bodies. The module runs on SQLite and, when WANDEL_TEST_DATABASE_URL names
a PostgreSQL database, on PostgreSQL (CI runs both); PostgreSQL is the one that refuses NUL
characters in text, SQLite the one that overflows on large integers.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from ninja import Router, Schema
from openpyxl import Workbook

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit
from tests.support.portfolio import make_use_case
from wandel.core.api.site import WandelApi
from wandel.core.filters import parse_decimal, parse_id
from wandel.core.inputs import beyond_64_bits, beyond_any_numeric
from wandel.core.models import User
from wandel.governance.decisions.models import Body
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.models import UseCase

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # far beyond a signed 64-bit integer
LARGEST_ID = str(2**63 - 1)
NOT_FINITE = ("NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf")
# Finite, but beyond any column: PostgreSQL's numeric overflows on them.
OUT_OF_RANGE = ("1e999999", "-1e999999", "1e-999999")
NUL = "\x00"
SURROGATE = "\ud800"

# The messages a client reads; written out here rather than imported from the code.
UNSTORABLE = (
    "contains a character that cannot be stored (a NUL character or a lone surrogate); "
    "remove it and send again."
)
TOO_LARGE = "The number is too large."
GOOD_PEOPLE_FILE = (
    b"employee_id,email,first_name,last_name,unit_code,unit_name\n"
    b"1001,anna.alt@example.com,Anna,Alt,KS,Kundenservice\n"
)
NOT_A_FINITE_NUMBER = "Enter a finite number."


@pytest.fixture
def world(admin: User) -> dict[str, Any]:
    unit = make_unit(code="KS", name="Kundenservice")
    person = make_person(unit=unit)
    use_case = make_use_case(unit=unit, actor=admin)
    return {
        "unit": unit,
        "person": person,
        "use_case": use_case,
        "body": Body.objects.order_by("pk").first(),
    }


@pytest.fixture
def api(admin: User) -> Client:
    return Client(headers=bearer(admin), HTTP_ACCEPT_LANGUAGE="en")


def assert_error_out(response: Any, *fields: str) -> dict[str, Any]:
    """A 400 with the documented error body, naming ``fields`` where given."""
    assert response.status_code == 400, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["errors"], dict)
    for field in fields:
        assert field in body["errors"], body
    return body


def assert_page(response: Any, status: int = 200) -> str:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


# Integers beyond 64 bits --------------------------------------------------------------

PAGE_FILTERS = [
    ("/org/people/", {"unit": HUGE}),
    ("/org/people/", {"page": HUGE}),
    ("/portfolio/", {"unit": HUGE, "owner": HUGE}),
    ("/portfolio/", {"min_score": HUGE}),
    ("/portfolio/export.csv", {"unit": HUGE, "owner": HUGE}),
    ("/portfolio/matrix/", {"unit": HUGE, "owner": HUGE}),
    ("/portfolio/funnel/", {"unit": HUGE}),
    ("/portfolio/similar/", {"title": "Ticket answers", "exclude": HUGE}),
    ("/governance/decisions/", {"body": HUGE, "use_case": HUGE}),
    ("/governance/decisions/export.csv", {"body": HUGE, "use_case": HUGE}),
    ("/governance/meetings/", {"body": HUGE}),
    ("/governance/risks/", {"use_case": HUGE, "owner": HUGE, "likelihood": HUGE}),
    ("/governance/risks/export.csv", {"use_case": HUGE, "owner": HUGE}),
    ("/governance/budgets/", {"unit": HUGE, "use_case": HUGE}),
    ("/governance/decisions/new/", {"use_case": HUGE, "agenda_item": HUGE, "risk": HUGE}),
    ("/governance/risks/new/", {"use_case": HUGE}),
    ("/governance/budgets/new/", {"use_case": HUGE}),
]


@pytest.mark.parametrize(("path", "query"), PAGE_FILTERS)
def test_a_page_ignores_a_filter_id_beyond_64_bits(admin_client, world, path, query):
    response = admin_client.get(path, query)

    assert response.status_code == 200, response.content[:500]


@pytest.mark.parametrize(
    "path",
    [
        f"/portfolio/{HUGE}/",
        f"/org/people/{HUGE}/",
        f"/governance/risks/{HUGE}/",
        f"/portfolio/{LARGEST_ID}/",
        "/portfolio/999999999999999999/",
        "/governance/decisions/999999999999999999/",
    ],
)
def test_a_detail_page_for_an_id_beyond_any_object_is_not_found(admin_client, world, path):
    assert_page(admin_client.get(path), 404)


def test_a_form_with_an_id_beyond_64_bits_shows_a_form_error(admin_client, world):
    response = admin_client.post(
        "/portfolio/new/",
        {
            "title": "Answer drafts",
            "problem": "Slow answers",
            "process": "Support",
            "unit": HUGE,
            "expected_benefit": "Faster",
            "data_involved": "Tickets",
            "capability": "generation",
        },
    )

    assert response.status_code in (200, 400)
    assert "Select a valid choice" in response.content.decode()
    assert not UseCase.objects.filter(title="Answer drafts").exists()


def test_a_risk_form_with_ids_beyond_64_bits_shows_form_errors(admin_client, world):
    response = admin_client.post(
        "/governance/risks/new/",
        {
            "use_case": HUGE,
            "title": "Hallucinated answers",
            "description": "Wrong answers reach customers.",
            "category": "accuracy",
            "likelihood": HUGE,
            "impact": "3",
            "owner": HUGE,
            "review_on": "2030-01-01",
        },
    )

    assert response.status_code in (200, 400)
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/v1/use-cases", {"owner": HUGE}, "owner"),
        ("/api/v1/use-cases", {"page": HUGE}, "page"),
        ("/api/v1/people", {"page_size": HUGE}, "page_size"),
        ("/api/v1/governance/meetings", {"body": HUGE}, "body"),
        ("/api/v1/governance/decisions", {"body": HUGE}, "body"),
        ("/api/v1/governance/decisions", {"use_case": HUGE}, "use_case"),
        ("/api/v1/governance/risks", {"use_case": HUGE}, "use_case"),
        ("/api/v1/governance/risks", {"owner": HUGE}, "owner"),
        ("/api/v1/governance/budgets/requests", {"use_case": HUGE}, "use_case"),
        ("/api/v1/governance/ai-act/classifications", {"use_case": HUGE}, "use_case"),
    ],
)
def test_an_api_filter_id_beyond_64_bits_is_refused_by_name(api, world, path, query, field):
    assert_error_out(api.get(path, query), field)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/use-cases/999999999999999999",
        "/api/v1/people/999999999999999999",
        "/api/v1/governance/risks/999999999999999999",
    ],
)
def test_an_api_detail_id_beyond_any_object_is_not_found(api, world, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response.json()["detail"]


def test_an_api_body_id_beyond_64_bits_is_refused_by_name(api, world):
    use_case = world["use_case"]

    body = assert_error_out(
        api.patch(
            f"/api/v1/use-cases/{use_case.pk}",
            json.dumps({"product_owner": int(HUGE)}),
            content_type="application/json",
        ),
        "product_owner",
    )
    assert body["errors"]["product_owner"] == [TOO_LARGE]


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        (
            "/api/v1/governance/risks",
            {
                "title": "Hallucinated answers",
                "description": "Wrong answers reach customers.",
                "category": "accuracy",
                "likelihood": 3,
                "impact": 3,
                "owner": int(HUGE),
                "review_on": "2030-01-01",
            },
            "owner",
        ),
        (
            "/api/v1/governance/budgets/requests",
            {
                "use_case": int(HUGE),
                "title": "GPU hours",
                "amount_requested": "1000.00",
                "justification": "Pilot",
            },
            "use_case",
        ),
        (
            "/api/v1/governance/decisions",
            {
                "body": int(HUGE),
                "decided_on": "2030-01-01",
                "kind": "priority",
                "title": "Go",
                "text": "Go ahead.",
            },
            "body",
        ),
    ],
)
def test_a_posted_id_beyond_64_bits_is_refused_by_name(api, world, path, payload, field):
    response = api.post(path, json.dumps(payload), content_type="application/json")

    body = assert_error_out(response, field)
    assert body["errors"][field] == [TOO_LARGE]


def test_an_id_beyond_64_bits_inside_a_list_is_refused_by_its_position(api, world):
    use_case = world["use_case"]
    payload = {"scores": [{"criterion_id": int(HUGE), "value": 3, "rationale": "Why not"}]}

    response = api.put(
        f"/api/v1/use-cases/{use_case.pk}/scores",
        json.dumps(payload),
        content_type="application/json",
    )

    body = assert_error_out(response, "scores.0.criterion_id")
    assert body["errors"]["scores.0.criterion_id"] == [TOO_LARGE]


# NaN and Infinity ------------------------------------------------------------------------


@pytest.mark.parametrize("value", NOT_FINITE + OUT_OF_RANGE)
@pytest.mark.parametrize("path", ["/portfolio/", "/portfolio/matrix/", "/portfolio/export.csv"])
def test_a_page_ignores_a_score_filter_that_is_not_a_finite_number(
    admin_client, world, path, value
):
    response = admin_client.get(path, {"min_score": value})

    assert response.status_code == 200, response.content[:500]


@pytest.mark.parametrize("value", NOT_FINITE)
def test_the_api_refuses_a_score_filter_that_is_not_a_finite_number(api, world, value):
    body = assert_error_out(api.get("/api/v1/use-cases", {"min_score": value}), "min_score")

    assert body["errors"]["min_score"] == [NOT_A_FINITE_NUMBER]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e999999", TOO_LARGE),
        ("-1E+999999", TOO_LARGE),
        ("1e-999999", "The number has too many decimal places."),
    ],
)
def test_the_api_refuses_a_number_beyond_any_column_in_a_query(api, world, value, message):
    body = assert_error_out(api.get("/api/v1/use-cases", {"min_score": value}), "min_score")

    assert body["errors"]["min_score"] == [message]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e1000", None),
        ("1e1001", TOO_LARGE),
        ("2.5E-1001", "The number has too many decimal places."),
        ("1e999999", TOO_LARGE),
        ("12.5", None),
        ("1e5x", None),
        ("NaN", None),
        ("Kundenservice", None),
    ],
)
def test_a_query_value_is_beyond_any_numeric_column_only_with_an_absurd_exponent(text, expected):
    assert beyond_any_numeric(text) == expected


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_json_body_with_a_number_that_is_not_finite_is_refused(api, world, literal):
    use_case = world["use_case"]
    kpi = use_case.kpis.create(
        name="Answer time",
        unit_of_measure="min",
        direction="lower",
        baseline_value=30,
        baseline_date=date(2025, 1, 1),
        target_value=10,
        target_date=date(2026, 1, 1),
    )
    text = f'{{"measured_on": "2025-06-01", "value": {literal}}}'

    response = api.post(
        f"/api/v1/use-cases/{use_case.pk}/kpis/{kpi.pk}/measurements",
        text,
        content_type="application/json",
    )

    assert_error_out(response, "value")
    assert not kpi.measurements.exists()


# NUL characters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/org/people/", "q"),
        ("/portfolio/", "q"),
        ("/portfolio/similar/", "title"),
        ("/governance/decisions/", "q"),
        ("/audit/", "action"),
    ],
)
def test_a_search_with_a_nul_character_gets_a_400_page_naming_the_field(
    admin_client, world, path, field
):
    page = assert_page(admin_client.get(path, {field: f"Kunden{NUL}service"}), 400)

    assert f"“{field}” {UNSTORABLE}" in page


def test_a_form_field_with_a_nul_character_gets_a_400_page_and_nothing_is_saved(
    admin_client, world
):
    response = admin_client.post(
        "/portfolio/new/",
        {
            "title": f"Answer{NUL} drafts",
            "problem": "Slow answers",
            "process": "Support",
            "unit": world["unit"].pk,
            "expected_benefit": "Faster",
            "data_involved": "Tickets",
            "capability": "generation",
        },
    )

    page = assert_page(response, 400)
    assert f"“title” {UNSTORABLE}" in page
    assert UseCase.objects.count() == 1


def test_a_field_of_an_upload_form_with_a_nul_character_gets_a_400_page(admin_client, world):
    upload = SimpleUploadedFile("hr.csv", GOOD_PEOPLE_FILE, content_type="text/csv")

    response = admin_client.post("/org/import/", {"kind": f"people{NUL}", "file": upload})

    page = assert_page(response, 400)
    assert f"“kind” {UNSTORABLE}" in page
    assert not Person.objects.filter(employee_id="1001").exists()


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/v1/people", {"q": f"Kunden{NUL}"}, "q"),
        ("/api/v1/people", {"unit": f"K{NUL}S"}, "unit"),
        ("/api/v1/use-cases", {"unit": f"K{NUL}S"}, "unit"),
        ("/api/v1/governance/codetermination", {"status": NUL}, "status"),
    ],
)
def test_an_api_query_with_a_nul_character_is_refused_by_name(api, world, path, query, field):
    assert_error_out(api.get(path, query), field)


@pytest.mark.parametrize("text", [NUL, f"Answer{NUL}drafts", SURROGATE, f"a{SURROGATE}b"])
def test_an_api_text_field_that_cannot_be_stored_is_refused_by_name(api, world, text):
    payload = {
        "title": text,
        "problem": "Slow answers",
        "process": "Support",
        "unit": world["unit"].code,
        "expected_benefit": "Faster",
        "data_involved": "Tickets",
        "personal_data": False,
        "capability": "generation",
    }

    response = api.post("/api/v1/use-cases", json.dumps(payload), content_type="application/json")

    body = assert_error_out(response, "title")
    assert body["errors"]["title"] == [f"“title” {UNSTORABLE}"]
    assert UseCase.objects.count() == 1


def test_a_lone_surrogate_in_a_patch_is_refused_and_nothing_changes(api, world):
    use_case = world["use_case"]

    response = api.patch(
        f"/api/v1/use-cases/{use_case.pk}",
        '{"problem": "Slow \\udfff answers"}',
        content_type="application/json",
    )

    assert_error_out(response, "problem")
    use_case.refresh_from_db()
    assert use_case.problem == "Answers take too long."


def test_a_lone_surrogate_in_a_form_is_stored_as_a_replacement_character(admin_client, world):
    """A browser cannot send a lone surrogate: its UTF-8 form is invalid and Django decodes
    it to the replacement character, which any database stores."""
    response = admin_client.post(
        "/org/units/new/",
        "code=XY&name=Kunden%ED%A0%80service",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 302, response.content[:500]
    assert Unit.objects.get(code="XY").name == "Kunden\ufffd\ufffd\ufffdservice"


def test_a_request_django_itself_refuses_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="wandel.example.org")

    page = assert_page(response, 400)
    assert "Bad request" in page


# The building blocks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        (LARGEST_ID, 2**63 - 1),
        (str(2**63), None),
        (HUGE, None),
        ("0", None),
        ("-5", None),
        ("١٢", None),  # Arabic-Indic digits are digits to str.isdigit, not to a database
        ("12abc", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id_takes_only_ids_a_database_can_hold(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42.5", Decimal("42.5")),
        ("-3", Decimal("-3")),
        ("99999999999999", Decimal("99999999999999")),
        ("0.00000000000001", Decimal("0.00000000000001")),
        ("100000000000000", None),
        ("1e14", None),
        ("1e-15", None),
        *((value, None) for value in NOT_FINITE + OUT_OF_RANGE),
        ("forty", None),
        ("", None),
    ],
)
def test_parse_decimal_takes_only_finite_numbers_of_sane_size(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LARGEST_ID, False),
        (str(2**63), True),
        (HUGE, True),
        (f"-{HUGE}", True),
        (f" +{HUGE} ", True),
        ("9_999_999_999_999_999_999", True),
        (f"{HUGE}.0", True),
        ("0000000000000000000000042", False),
        (f"{HUGE}.5", False),
        ("Kundenservice", False),
        ("", False),
    ],
)
def test_a_query_value_is_beyond_64_bits_only_when_it_is_such_a_whole_number(text, expected):
    assert beyond_64_bits(text) is expected


# Answers the OpenAPI document promises --------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/use-cases/null,null"),
        ("get", f"/api/v1/use-cases/{HUGE}"),
        ("patch", "/api/v1/governance/risks/-1"),
        ("post", "/api/v1/use-cases/1.5/moves"),
        ("get", "/api/v1/nothing-here"),
        ("delete", "/api/v1/people/x/y/z"),
    ],
)
def test_an_api_path_no_operation_matches_answers_a_json_404(api, world, method, path):
    response = getattr(api, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_an_operations_own_refusal_body_stays_in_the_openapi_document():
    class ProblemsOut(Schema):
        detail: str
        problems: list[str]

    router = Router()

    @router.post("/things", response={201: None, 400: ProblemsOut})
    def thing_create(request):
        return 201, None

    api = WandelApi(urls_namespace="test-refusals")
    api.add_router("/", router)

    # As a client reads it: JSON has text keys, so a refusal documented twice keeps one body.
    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/"), default=str))
    responses = document["paths"]["/things"]["post"]["responses"]
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProblemsOut"
    }
    assert responses["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert {"400", "401", "403", "404", "409"} <= set(responses)


# Truncated workbooks ---------------------------------------------------------------------


def truncated_workbook() -> bytes:
    """A workbook whose sheet breaks off in the middle of its third row."""
    book = Workbook()
    sheet = book.active
    sheet.append(["employee_id", "email", "first_name", "last_name", "unit_code", "unit_name"])
    sheet.append([1001, "anna.alt@example.com", "Anna", "Alt", "KS", "Kundenservice"])
    sheet.append([1002, "bert.berg@example.com", "Bert", "Berg", "KS", "Kundenservice"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    cut = io.BytesIO()
    with zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: data.index(b'<row r="3"') + 40]
            target.writestr(name, data)
    return cut.getvalue()


TRUNCATED = (
    "hr.xlsx: The sheet cannot be read after line 2; the workbook is damaged or incomplete. "
    "Open it in Excel, save it again and upload it anew."
)


def test_a_truncated_workbook_on_the_import_page_is_a_listed_problem(admin_client, world):
    upload = SimpleUploadedFile("hr.xlsx", truncated_workbook())

    page = assert_page(admin_client.post("/org/import/", {"kind": "people", "file": upload}), 400)

    assert TRUNCATED in page
    assert not Person.objects.filter(employee_id="1001").exists()


def test_a_truncated_workbook_sent_to_the_api_is_refused_naming_the_file(api, world):
    upload = SimpleUploadedFile("hr.xlsx", truncated_workbook())

    response = api.post("/api/v1/people/import", {"file": upload})

    assert response.status_code == 400
    assert [str(e["message"]) for e in response.json()["issues"]] == [TRUNCATED[9:]]
    assert not Person.objects.filter(employee_id="1001").exists()


# null for a field that cannot be empty --------------------------------------------------

NULL_PATCHES = [
    ("body", "/api/v1/governance/bodies/{}", "description"),
    ("meeting", "/api/v1/governance/meetings/{}", "location"),
    ("mitigation", "/api/v1/governance/mitigations/{}", "text"),
    ("mitigation", "/api/v1/governance/mitigations/{}", "status"),
    ("risk", "/api/v1/governance/risks/{}", "owner"),
    ("unit", "/api/v1/units/{}", "name"),
]


@pytest.mark.parametrize(("key", "path", "field"), NULL_PATCHES)
def test_a_patch_that_sets_a_required_field_to_null_is_refused_by_name(api, key, path, field):
    from tests.support.world import build_world

    target = build_world().objects[key]
    target.refresh_from_db()
    before = {f.attname: getattr(target, f.attname) for f in type(target)._meta.concrete_fields}

    response = api.patch(
        path.format(target.pk), json.dumps({field: None}), content_type="application/json"
    )

    assert_error_out(response, field)
    target.refresh_from_db()
    after = {f.attname: getattr(target, f.attname) for f in type(target)._meta.concrete_fields}
    assert after == before
