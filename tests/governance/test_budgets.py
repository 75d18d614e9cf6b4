"""Budgets: what is approved (effective decisions only), spent and over-spent, totals per
unit and stage from the database, the pages and the API — with their permissions, audit
events and query counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.governance import approve, decide, links_to, make_request, spend
from tests.support.personas import make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.budgets.models import BudgetAction, BudgetRequest, SpendEntry
from wandel.governance.budgets.queries import (
    budget_figures,
    budget_requests,
    budget_requests_awaiting_decision,
    budget_totals,
)
from wandel.governance.budgets.services import (
    AMOUNT_POSITIVE,
    JUSTIFICATION_REQUIRED,
    REQUESTED_IN_FUTURE,
    SPENT_IN_FUTURE,
    BudgetError,
    spend_record,
)
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db

D = Decimal


def figures(budget_request: BudgetRequest) -> tuple[Decimal, Decimal, bool, bool]:
    f = budget_figures(budget_request)
    return f.approved, f.spent, f.over_spend, f.decided


# Arithmetic --------------------------------------------------------------------------------


def test_a_new_request_has_nothing_approved_or_spent_and_waits_for_a_decision():
    request = make_request()
    assert figures(request) == (D(0), D(0), False, False)
    assert list(budget_requests_awaiting_decision()) == [request]


def test_spending_before_any_approval_is_over_spend():
    request = make_request()
    spend(request, "0.01")
    assert figures(request) == (D(0), D("0.01"), True, False)


def test_approved_is_the_sum_of_the_effective_approving_decisions():
    request = make_request(amount="20000")
    approve(request, "8000")
    decide(
        kind="budget",
        outcome="approved_with_conditions",
        budget_request=request,
        amount="4000.50",
    )
    spend(request, "12000.50")
    assert figures(request) == (D("12000.50"), D("12000.50"), False, True)
    spend(request, "0.01")
    assert figures(request)[2] is True


def test_rejections_and_deferrals_approve_nothing_and_only_a_rejection_answers_the_request():
    deferred, rejected = make_request(), make_request()
    decide(kind="budget", outcome="deferred", budget_request=deferred)
    decide(kind="budget", outcome="rejected", budget_request=rejected)
    assert figures(deferred) == (D(0), D(0), False, False)
    assert figures(rejected) == (D(0), D(0), False, True)
    assert list(budget_requests_awaiting_decision()) == [deferred]


def test_a_superseded_decision_no_longer_counts():
    request = make_request()
    first = approve(request, "10000")
    spend(request, "7000")
    assert figures(request)[:3] == (D(10000), D(7000), False)

    correction = approve(request, "6000", supersedes=first)
    assert figures(request)[:3] == (D(6000), D(7000), True)

    decide(kind="budget", outcome="rejected", budget_request=request, supersedes=correction)
    assert figures(request) == (D(0), D(7000), True, True)


def test_decisions_on_other_requests_and_of_other_kinds_do_not_count():
    use_case = make_use_case()
    request, other = make_request(use_case), make_request(use_case)
    approve(other, "5000")
    assert figures(request)[0] == D(0)


def test_the_list_annotates_every_request_with_its_figures():
    approved, over = make_request(title="Approved"), make_request(title="Over")
    approve(approved, "100")
    spend(over, "1")
    rows = {r.title: (r.approved, r.spent, r.over_spend, r.decided) for r in budget_requests()}
    assert rows == {
        "Approved": (D(100), D(0), False, True),
        "Over": (D(0), D(1), True, False),
    }


# Rules and audit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount": "0"}, AMOUNT_POSITIVE),
        ({"amount": "-5"}, AMOUNT_POSITIVE),
        ({"justification": "  "}, JUSTIFICATION_REQUIRED),
        ({"requested_on": date(2026, 6, 11)}, REQUESTED_IN_FUTURE),
    ],
)
@frozen("2026-06-10 23:59:59")  # the next day in Berlin is still in the future
def test_a_request_the_rules_refuse_saves_nothing(fields, message):
    use_case = make_use_case()
    with pytest.raises(BudgetError, match=str(message)):
        make_request(use_case, **fields)
    assert not BudgetRequest.objects.exists()
    assert not AuditEvent.objects.filter(action=BudgetAction.REQUESTED).exists()


def test_spending_must_be_positive_and_not_in_the_future():
    request = make_request()
    with pytest.raises(BudgetError, match=str(AMOUNT_POSITIVE)):
        spend(request, "0")
    with pytest.raises(BudgetError, match=str(SPENT_IN_FUTURE)):
        spend_record(
            budget_request=request,
            spent_on=timezone.localdate() + timedelta(days=1),
            amount=D(1),
            description="Too early",
            actor=None,
        )
    assert not SpendEntry.objects.exists()


def test_requests_and_spending_are_audited_with_the_over_spend_flag():
    owner = make_user(Role.PRODUCT_OWNER)
    request = make_request(actor=owner, amount="500")
    spend(request, "600", actor=owner)

    requested = AuditEvent.objects.get(action=BudgetAction.REQUESTED)
    spent = AuditEvent.objects.get(action=BudgetAction.SPEND_RECORDED)
    assert (requested.actor, requested.target_id) == (owner, str(request.pk))
    assert requested.changes["amount_requested"] == {"from": None, "to": "500"}
    assert requested.changes["use_case"] == {"from": None, "to": request.use_case.title}
    assert spent.changes["amount"] == {"from": None, "to": "600"}
    assert spent.changes["spent"] == {"from": "0.00", "to": "600.00"}
    assert spent.changes["over_spend"] == {"from": False, "to": True}
    assert "approved" not in spent.changes, "only what changed"


# Totals ------------------------------------------------------------------------------------


def world() -> dict[str, object]:
    """Two units; use cases in three stages; requests with decisions and spending."""
    sales, legal = make_unit(name="Sales"), make_unit(name="Legal")
    pilot = make_use_case(unit=sales)
    UseCase.objects.filter(pk=pilot.pk).update(stage=Stage.PILOT)
    idea = make_use_case(unit=sales)
    contracts = make_use_case(unit=legal)
    UseCase.objects.filter(pk=contracts.pk).update(stage=Stage.PILOT)

    a = make_request(pilot, "10000")
    approve(a, "8000")
    spend(a, "9000")  # over spend
    make_request(idea, "2500")
    c = make_request(contracts, "4000")
    first = approve(c, "4000")
    approve(c, "3000", supersedes=first)
    spend(c, "1000")
    return {"sales": sales, "legal": legal}


def test_totals_per_unit_and_per_stage_add_up():
    units = world()
    totals = budget_totals()

    by_unit = {t.label: (t.requested, t.approved, t.spent, t.over_spend) for t in totals.by_unit}
    assert by_unit == {
        "Legal": (D(4000), D(3000), D(1000), 0),
        "Sales": (D(12500), D(8000), D(9000), 1),
    }
    assert [t.key for t in totals.by_unit] == [units["legal"].code, units["sales"].code]

    by_stage = {t.key: (t.requested, t.approved, t.spent, t.over_spend) for t in totals.by_stage}
    assert by_stage == {
        "idea": (D(2500), D(0), D(0), 0),
        "pilot": (D(14000), D(11000), D(10000), 1),
    }
    assert [t.key for t in totals.by_stage] == ["idea", "pilot"], "in lifecycle order"
    assert [(t.key, t.count) for t in totals.by_stage] == [("idea", 1), ("pilot", 2)]
    assert {t.label: t.count for t in totals.by_unit} == {"Legal": 1, "Sales": 2}
    overall = totals.overall
    assert (overall.requested, overall.approved, overall.spent, overall.over_spend) == (
        D(16500),
        D(11000),
        D(10000),
        1,
    )
    assert overall.count == 3


def test_totals_take_one_query_however_many_requests_there_are(django_assert_num_queries):
    for _ in range(3):
        world()
    with django_assert_num_queries(1):
        totals = budget_totals()
    assert totals.overall.count == 9
    assert len(totals.by_unit) == 6


# Pages -------------------------------------------------------------------------------------


def test_the_overview_shows_totals_and_flags_over_spend(client):
    world()
    client.force_login(make_user(Role.IT_SECURITY))
    page = client.get("/governance/budgets/").content.decode()
    assert "Per unit" in page
    assert "Per lifecycle stage" in page
    assert "12,500.00" in page
    assert "over spend" in page

    only_over = client.get("/governance/budgets/?over_spend=1").content.decode()
    assert "1 request" in only_over


def test_the_overview_answers_htmx_with_the_results_only(client):
    world()
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    page = client.get("/governance/budgets/?waiting=1", headers={"HX-Request": "true"})
    body = page.content.decode()
    assert "<html" not in body
    assert "1 request" in body


def test_who_may_see_request_and_record(client):
    use_case = make_use_case()
    request = make_request(use_case)
    client.force_login(make_user())
    assert client.get("/governance/budgets/").status_code == 403
    client.force_login(make_user(Role.IT_SECURITY))
    assert client.get(f"/governance/budgets/{request.pk}/").status_code == 200
    assert client.get("/governance/budgets/new/").status_code == 403
    assert client.post(f"/governance/budgets/{request.pk}/spend/").status_code == 403
    client.force_login(make_user(Role.PRODUCT_OWNER))
    assert client.get(f"/governance/budgets/new/?use_case={use_case.pk}").status_code == 200


def test_a_product_owner_requests_a_budget_and_records_spending(client):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case()
    client.force_login(owner)

    response = client.post(
        "/governance/budgets/new/",
        {
            "use_case": use_case.pk,
            "title": "Prompt-engineering coach",
            "amount_requested": "3500",
            "justification": "Two days of coaching for the team.",
            "requested_on": timezone.localdate().isoformat(),
        },
    )
    request = BudgetRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/governance/budgets/{request.pk}/"
    assert (request.requested_by, request.amount_requested) == (owner, D(3500))

    response = client.post(
        f"/governance/budgets/{request.pk}/spend/",
        {"spent_on": timezone.localdate().isoformat(), "amount": "500", "description": "Day 1"},
    )
    assert response.status_code == 302
    page = client.get(f"/governance/budgets/{request.pk}/").content.decode()
    assert "Day 1" in page
    assert "money has been spent although nothing is approved yet" in page


def test_refused_spending_shows_the_reason_and_saves_nothing(client):
    request = make_request()
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/governance/budgets/{request.pk}/spend/",
        {"spent_on": tomorrow, "amount": "10", "description": "Later"},
    )
    assert response.status_code == 400
    assert str(SPENT_IN_FUTURE) in response.content.decode()
    assert not SpendEntry.objects.exists()


def test_the_detail_shows_decisions_and_lets_the_steering_committee_decide(client):
    use_case = make_use_case()
    request = make_request(use_case)
    first = approve(request, "10000")
    approve(request, "9000", supersedes=first)

    client.force_login(make_user(Role.STEERING_COMMITTEE))
    page = client.get(f"/governance/budgets/{request.pk}/").content.decode()
    assert "superseded" in page
    assert "9,000.00" in page
    assert "Ask the steering committee" in page
    assert (
        f"/governance/decisions/new/?budget_request={request.pk}&amp;kind=budget"
        f"&amp;use_case={use_case.pk}"
    ) in page

    client.force_login(make_user(Role.PRODUCT_OWNER))
    assert (
        "Ask the steering committee"
        not in client.get(f"/governance/budgets/{request.pk}/").content.decode()
    )


def populate(n: int) -> None:
    unit = make_unit()
    for i in range(n):
        request = make_request(make_use_case(unit=unit if i % 2 else None), amount="1000")
        if i % 3:
            approve(request, "800")
        spend(request, "900")


@pytest.mark.parametrize(
    "url", ["/governance/budgets/", "/governance/budgets/?over_spend=1&stage=idea"]
)
def test_the_overview_takes_the_same_queries_for_more_requests(client, url):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    populate(2)
    assert_queries_do_not_grow(
        client, url, grow=lambda: populate(12), shows=links_to("/governance/budgets/")
    )


def test_the_detail_takes_the_same_queries_for_more_decisions_and_spending(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    request = make_request()
    approve(request, "100")
    spend(request, "10")

    def grow() -> None:
        decision = decide(kind="budget", outcome="deferred", budget_request=request)
        decide(kind="budget", outcome="rejected", budget_request=request, supersedes=decision)
        for _ in range(5):
            spend(request, "10")

    small, large = assert_queries_do_not_grow(
        client, f"/governance/budgets/{request.pk}/", grow=grow, shows="<td><time"
    )
    assert (small.shown, large.shown) == (2, 2 + 2 + 5)  # decisions and spending


# API ---------------------------------------------------------------------------------------


def test_the_api_requests_a_budget_records_spending_and_reports_figures(client):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case()
    headers = bearer(owner)

    response = client.post(
        "/api/v1/governance/budgets/requests",
        {
            "use_case": use_case.pk,
            "title": "GPU hours",
            "amount_requested": "1200.50",
            "justification": "Pilot",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["amount_requested"] == "1200.50"
    assert (created["approved"], created["spent"], created["decided"]) == ("0.00", "0.00", False)
    assert created["unit_code"] == use_case.unit.code

    request = BudgetRequest.objects.get(pk=created["id"])
    approve(request, "1000")
    response = client.post(
        f"/api/v1/governance/budgets/requests/{request.pk}/spend",
        {"spent_on": timezone.localdate().isoformat(), "amount": "1100", "description": "GPU"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    assert response.json()["budget_request"]["over_spend"] is True

    listed = client.get("/api/v1/governance/budgets/requests?over_spend=true", headers=headers)
    assert [r["id"] for r in listed.json()["items"]] == [request.pk]
    totals = client.get("/api/v1/governance/budgets/totals", headers=headers).json()
    assert totals["overall"]["approved"] == "1000.00"
    assert totals["by_unit"][0]["key"] == use_case.unit.code
    assert totals["by_stage"][0] == {
        "key": "idea",
        "label": "Idea",
        "requested": "1200.50",
        "approved": "1000.00",
        "spent": "1100.00",
        "over_spend": 1,
        "count": 1,
    }


def test_the_api_refuses_what_the_rules_refuse(client):
    headers = bearer(make_user(Role.STEERING_COMMITTEE))
    use_case = make_use_case()
    response = client.post(
        "/api/v1/governance/budgets/requests",
        {"use_case": use_case.pk, "title": "x", "amount_requested": "0", "justification": "y"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["detail"] == str(AMOUNT_POSITIVE)
    response = client.post(
        "/api/v1/governance/budgets/requests",
        {"use_case": 999999, "title": "x", "amount_requested": "1", "justification": "y"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "use_case" in response.json()["errors"]


def test_the_api_checks_permissions(client):
    request = make_request()
    it = bearer(make_user(Role.IT_SECURITY))
    assert client.get("/api/v1/governance/budgets/requests", headers=it).status_code == 200
    response = client.post(
        f"/api/v1/governance/budgets/requests/{request.pk}/spend",
        {"spent_on": "2025-01-01", "amount": "1", "description": "x"},
        content_type="application/json",
        headers=it,
    )
    assert response.status_code == 403
    employee = bearer(make_user())
    assert client.get("/api/v1/governance/budgets/totals", headers=employee).status_code == 403


def test_the_api_list_takes_the_same_queries_for_more_requests(client):
    populate(2)
    assert_queries_do_not_grow(
        client,
        "/api/v1/governance/budgets/requests",
        grow=lambda: populate(10),
        shows=api_items,
        headers=bearer(make_user(Role.STEERING_COMMITTEE)),
    )


# One user action per write, refusals by field ---------------------------------------------


WRITES = {
    "budget_request_create": lambda request: make_request(),
    "spend_record": lambda request: spend(request, "10"),
}


@pytest.mark.parametrize("write", WRITES)
def test_each_write_is_one_user_action_that_no_caller_can_wrap_into_another(write):
    request = make_request()
    with transaction.atomic(), pytest.raises(RuntimeError, match="durable"):
        WRITES[write](request)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": " "}, "title"),
        ({"amount": "0"}, "amount_requested"),
        ({"justification": " "}, "justification"),
        ({"requested_on": date(2026, 6, 11)}, "requested_on"),
    ],
)
@frozen("2026-06-10 23:59:59")
def test_a_refused_request_names_its_field(fields, field):
    with pytest.raises(BudgetError) as error:
        make_request(**fields)
    assert error.value.field == field


def test_a_refused_spend_names_its_field():
    request = make_request()
    with pytest.raises(BudgetError) as error:
        spend(request, "0")
    assert error.value.field == "amount"
    with pytest.raises(BudgetError) as error:
        spend_record(
            budget_request=request,
            spent_on=timezone.localdate() + timedelta(days=1),
            amount=D(1),
            description="Later",
            actor=None,
        )
    assert error.value.field == "spent_on"


def test_the_request_form_shows_a_refusal_at_its_field(client):
    client.force_login(make_user(Role.PRODUCT_OWNER))
    response = client.post(
        "/governance/budgets/new/",
        {
            "use_case": make_use_case().pk,
            "title": "Coach",
            "amount_requested": "100",
            "justification": "Coaching.",
            "requested_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert str(REQUESTED_IN_FUTURE) in response.context["form"].errors["requested_on"]
    assert not BudgetRequest.objects.exists()


def test_the_api_answers_refusals_by_field(client):
    headers = bearer(make_user(Role.PRODUCT_OWNER))
    later = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        "/api/v1/governance/budgets/requests",
        {
            "use_case": make_use_case().pk,
            "title": "x",
            "amount_requested": "1",
            "justification": "y",
            "requested_on": later,
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": str(REQUESTED_IN_FUTURE),
        "errors": {"requested_on": [str(REQUESTED_IN_FUTURE)]},
    }
    response = client.get(
        f"/api/v1/governance/budgets/requests?use_case={'9' * 25}", headers=headers
    )
    assert (response.status_code, list(response.json()["errors"])) == (400, ["use_case"])


def test_the_api_shows_one_request_with_its_decisions_and_spending(client):
    request = make_request(amount="1000")
    first = approve(request, "800")
    approve(request, "900", supersedes=first)
    spend(request, "100")
    headers = bearer(make_user(Role.IT_SECURITY))
    response = client.get(f"/api/v1/governance/budgets/requests/{request.pk}", headers=headers)
    assert response.status_code == 200, response.content
    detail = response.json()
    assert (detail["approved"], detail["spent"], detail["justification"]) == (
        "900.00",
        "100.00",
        "The pilot needs 400 GPU hours.",
    )
    assert [(d["approved_amount"], d["effective"]) for d in detail["decisions"]] == [
        ("900.00", True),
        ("800.00", False),
    ]
    assert [s["amount"] for s in detail["spending"]] == ["100.00"]
    missing = client.get("/api/v1/governance/budgets/requests/99999", headers=headers)
    assert missing.status_code == 404
