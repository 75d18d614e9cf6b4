"""One list, three ways to read it: the portfolio page, its export and the API give the same
use cases for the same filters (``queries.use_cases``).

The API used to filter ``?unit=`` by the use case's own unit only, while the page also
counted linked units; now both count the unit, its sub-units and use cases linked to any of
them.
"""

from __future__ import annotations

import csv
import io

import pytest

from tests.support.api import bearer
from tests.support.downloads import downloaded
from tests.support.personas import make_unit
from tests.support.portfolio import make_use_case, score_all
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Stage
from wandel.portfolio.use_cases.services import team_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    """Sales ⊃ Sales North ⊃ Sales North Team, and Finance beside them."""
    sales = make_unit(code="S", name="Vertrieb")
    north = make_unit(code="SN", name="Vertrieb Nord", parent=sales)
    team = make_unit(code="SNT", name="Vertrieb Nord Team", parent=north)
    finance = make_unit(code="F", name="Finanzen")
    offers = score_all(make_use_case(title="Angebote entwerfen", unit=sales), 5)
    travel = score_all(make_use_case(title="Reisekosten prüfen", unit=north), 1)
    tickets = make_use_case(title="Tickets zusammenfassen", unit=team, capability="chat")
    invoices = score_all(make_use_case(title="Rechnungen auslesen", unit=finance), 5)
    team_set(use_case=invoices, team=[], linked_units=[north], actor=None)
    contracts = make_use_case(title="Verträge prüfen", unit=finance)
    use_case_move(use_case=contracts, to=Stage.REJECTED, actor=None, reason="Zu früh")
    units = {"S": sales, "SN": north, "SNT": team, "F": finance}
    use_cases = {
        "offers": offers,
        "travel": travel,
        "tickets": tickets,
        "invoices": invoices,
        "contracts": contracts,
    }
    return units, use_cases


def page_ids(client, params):
    response = client.get("/portfolio/", params)
    assert response.status_code == 200
    return {u.pk for u in response.context["page"].object_list}


def export_ids(client, params):
    response = client.get("/portfolio/export.csv", params)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    return {int(row[0]) for row in rows[1:]}


def api_ids(client, headers, params):
    response = client.get("/api/v1/use-cases", params, headers=headers)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# Each case: the filters (the unit by code) and the use cases expected, by hand.
CASES = [
    ({"unit": "S"}, {"offers", "travel", "tickets", "invoices"}),
    ({"unit": "SN"}, {"travel", "tickets", "invoices"}),
    ({"unit": "SNT"}, {"tickets"}),
    ({"unit": "F"}, {"invoices", "contracts"}),
    ({"stage": "rejected"}, {"contracts"}),
    ({"q": "prüfen"}, {"travel", "contracts"}),
    ({"unit": "S", "q": "prüfen"}, {"travel"}),
    ({"min_score": "60"}, {"offers", "invoices"}),
    ({"unit": "SN", "min_score": "60"}, {"invoices"}),
    ({"unit": "S", "capability": "chat"}, {"tickets"}),
    ({"stage": "idea", "q": "Angebote"}, {"offers"}),
]


@pytest.mark.parametrize(("filters", "expected"), CASES)
def test_page_export_and_api_give_the_same_use_cases(
    client, employee, portfolio, filters, expected
):
    units, use_cases = portfolio
    client.force_login(employee)
    headers = bearer(employee)
    page_params = {**filters}
    if "unit" in filters:
        page_params["unit"] = units[filters["unit"]].pk
    wanted = {use_cases[name].pk for name in expected}

    assert page_ids(client, page_params) == wanted
    assert export_ids(client, page_params) == wanted
    assert api_ids(client, headers, filters) == wanted


def test_the_same_sort_gives_the_same_order(client, employee, portfolio):
    units, _use_cases = portfolio
    client.force_login(employee)
    headers = bearer(employee)

    page = client.get("/portfolio/", {"unit": units["S"].pk, "sort": "title"})
    api = client.get("/api/v1/use-cases", {"unit": "S", "sort": "title"}, headers=headers)

    titles = [u.title for u in page.context["page"].object_list]
    assert titles == [
        "Angebote entwerfen",
        "Rechnungen auslesen",
        "Reisekosten prüfen",
        "Tickets zusammenfassen",
    ]
    assert [item["title"] for item in api.json()["items"]] == titles


def test_an_unknown_unit_code_in_the_api_is_refused_naming_the_field(client, employee):
    headers = bearer(employee)

    response = client.get("/api/v1/use-cases", {"unit": "NOPE"}, headers=headers)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "There is no unit with the code “NOPE”.",
        "errors": {"unit": ["There is no unit with the code “NOPE”."]},
    }
