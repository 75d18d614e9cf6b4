"""A filter means the same on the page, in the export and in the API.

Each list (the decision register, the risk register, budget requests) is read by one query
function with one filters dataclass parsed from the query string. For several filter
combinations, the page, its export and the API list the same ids in the same order.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.api import bearer
from tests.support.downloads import downloaded
from tests.support.governance import (
    approve,
    at_stage,
    condition,
    gate,
    make_body,
    make_request,
    make_risk,
    record,
    spend,
)
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.governance.decisions.models import BodyKind, DecisionOutcome
from wandel.governance.risks.services import risk_close
from wandel.portfolio.use_cases.models import Stage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def signed_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def with_token(user: User) -> Client:
    return Client(headers=bearer(user, "parity"))


def page_ids(client: Client, url: str, query: str) -> list[int]:
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200, (url, query)
    return [row.pk for row in response.context["page"]]


def export_ids(client: Client, url: str, query: str) -> list[int]:
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200, (url, query)
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    return [int(row[0]) for row in rows[1:]]


def api_ids(client: Client, url: str, query: str) -> list[int]:
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200, (url, query, response.content)
    return [item["id"] for item in response.json()["items"]]


# The decision register -------------------------------------------------------------------


@pytest.fixture
def decisions(db) -> dict[str, int]:
    steerco = make_user(Role.STEERING_COMMITTEE, email="decider@example.com")
    steering = make_body(BodyKind.STEERING_COMMITTEE, "AI steering committee")
    ethics = make_body(BodyKind.ETHICS_BOARD, "Ethics board")
    use_case = at_stage(Stage.PROTOTYPE, title="Ticket summaries")
    old = record(steerco, steering, decided_on=datetime.date(2024, 3, 1), text="Old local policy")
    record(steerco, steering, supersedes=old, text="Corrected local policy")
    gate(steerco, use_case, body=steering)
    record(steerco, ethics, outcome=DecisionOutcome.REJECTED, text="No emotion recognition")
    record(
        steerco,
        ethics,
        decided_on=datetime.date(2024, 6, 1),
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(make_person())],
        text="Policy on local models with conditions",
    )
    return {"steering": steering.pk, "ethics": ethics.pk, "use_case": use_case.pk}


DECISION_QUERIES = [
    "",
    "kind=policy",
    "body={ethics}&outcome=rejected",
    "use_case={use_case}",
    "effective=1",
    "effective=1&kind=policy&body={steering}",
    "from=2024-01-01&to=2024-12-31",
    "from=2025-01-01",
    "q=local policy",
    "q=emotion&effective=1",
]


@pytest.mark.parametrize("query", DECISION_QUERIES)
def test_the_decision_register_lists_the_same_on_page_export_and_api(decisions, query):
    query = query.format(**decisions)
    user = make_user(Role.STEERING_COMMITTEE)
    shown = page_ids(signed_in(user), reverse("governance:decision_list"), query)
    exported = export_ids(
        signed_in(user), reverse("governance:decision_export", args=["csv"]), query
    )
    listed = api_ids(with_token(user), "/api/v1/governance/decisions", query)
    assert shown == exported == listed
    assert query == "" or 0 < len(shown) < 5, "each filter finds some and leaves some out"


# The risk register -----------------------------------------------------------------------


@pytest.fixture
def risks(db) -> dict[str, int]:
    owner = make_person(account=False, last_name="Eigner")
    use_case = make_use_case(title="Angebotsassistent")
    past = TODAY() - datetime.timedelta(days=1)
    make_risk(
        likelihood=4,
        impact=5,
        residual_likelihood=2,
        residual_impact=3,
        use_case=use_case,
        owner=owner,
    )
    make_risk(title="Prompt leaks data", category="data_protection", likelihood=4, impact=5)
    make_risk(
        title="Biased ranking",
        category="bias",
        likelihood=2,
        impact=4,
        residual_likelihood=1,
        residual_impact=3,
        review_on=past,
        owner=owner,
    )
    make_risk(title="Jailbreak", category="security", likelihood=3, impact=3, use_case=use_case)
    risk_close(risk=make_risk(title="Old risk", likelihood=4, impact=5, review_on=past), actor=None)
    return {"owner": owner.pk, "use_case": use_case.pk}


RISK_QUERIES = [
    "",
    "status=all",
    "status=closed",
    "category=bias",
    "likelihood=4&impact=5",
    "likelihood=4&impact=5&status=all&sort=title",
    "rating=residual&likelihood=2&impact=3",
    "overdue=1&status=all",
    "owner={owner}&sort=review_on",
    "use_case={use_case}&sort=-residual",
    "sort=title",
]


@pytest.mark.parametrize("query", RISK_QUERIES)
def test_the_risk_register_lists_the_same_on_page_export_and_api(risks, query):
    query = query.format(**risks)
    user = make_user(Role.IT_SECURITY)
    shown = page_ids(signed_in(user), reverse("governance:risk_list"), query)
    exported = export_ids(signed_in(user), reverse("governance:risk_export", args=["csv"]), query)
    listed = api_ids(with_token(user), "/api/v1/governance/risks", query)
    assert shown == exported == listed
    assert shown, "each combination finds something"


def test_the_api_filters_by_every_value_its_schema_accepts(risks):
    user = make_user(Role.IT_SECURITY)
    shown = page_ids(signed_in(user), reverse("governance:risk_list"), "likelihood=4&impact=5")
    everything = api_ids(with_token(user), "/api/v1/governance/risks", "")

    # The schema reads "4.0" and " 5" as whole numbers, so the API filters by them.
    listed = api_ids(with_token(user), "/api/v1/governance/risks", "likelihood=4.0&impact=%205")

    assert listed == shown
    assert listed != everything


# Budget requests -------------------------------------------------------------------------


@pytest.fixture
def budgets(db) -> dict[str, int]:
    sales, legal = make_unit(name="Sales"), make_unit(name="Legal")
    pilot = at_stage(Stage.PILOT, unit=sales, title="Offer assistant")
    idea = make_use_case(unit=legal, title="Contract check")
    waiting = make_request(pilot, amount="1000", title="GPU hours")
    approved = make_request(pilot, amount="5000", title="Licences")
    approve(approved, "4000")
    spend(approved, "4500")
    make_request(idea, amount="300", title="Coach")
    spend(waiting, "10")
    return {"sales": sales.pk, "legal": legal.pk, "pilot": pilot.pk}


BUDGET_QUERIES = [
    "",
    "unit={sales}",
    "unit={legal}",
    "stage=pilot",
    "over_spend=1",
    "waiting=1&unit={sales}",
    "use_case={pilot}&over_spend=1",
]


@pytest.mark.parametrize("query", BUDGET_QUERIES)
def test_budget_requests_list_the_same_on_page_and_api(budgets, query):
    query = query.format(**budgets)
    user = make_user(Role.STEERING_COMMITTEE)
    shown = page_ids(signed_in(user), reverse("governance:budget_overview"), query)
    listed = api_ids(with_token(user), "/api/v1/governance/budgets/requests", query)
    assert shown == listed
    assert shown, "each combination finds something"


def test_amounts_agree_between_the_budget_page_and_the_api(budgets):
    user = make_user(Role.STEERING_COMMITTEE)
    page = signed_in(user).get(reverse("governance:budget_overview")).context["page"]
    items = with_token(user).get("/api/v1/governance/budgets/requests").json()["items"]
    assert [(r.pk, r.approved, r.spent) for r in page] == [
        (i["id"], Decimal(i["approved"]), Decimal(i["spent"])) for i in items
    ]
