"""The risk register: scoring and severity, the heat map's orientation, colours and counts,
overdue reviews, acceptance only through a decision, the pages, exports and the API — with
their permissions, audit events and query counts."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.support.api import bearer
from tests.support.clock import berlin, frozen
from tests.support.downloads import downloaded
from tests.support.governance import decide, links_to, make_risk
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.actions import OutsideTransaction
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.risks.models import Mitigation, Risk, RiskAction, RiskStatus
from wandel.governance.risks.queries import RiskFilters, heat_map, risk_accepted, risks
from wandel.governance.risks.rules import (
    Severity,
    review_overdue,
    risk_score,
    severity,
)
from wandel.governance.risks.services import (
    ACCEPTANCE_NEEDS_OPEN,
    ACCEPTANCE_ONLY_BY_DECISION,
    CLOSED_RISK,
    RESIDUAL_ABOVE_INHERENT,
    RESIDUAL_BOTH,
    RiskError,
    mitigation_add,
    mitigation_close,
    mitigation_update,
    risk_close,
    risk_reopen,
    risk_request_acceptance,
    risk_sync_acceptance,
    risk_update,
)
from wandel.org.models import Person

pytestmark = pytest.mark.django_db

TODAY = date.today


def accept(risk: Risk, outcome: str = "approved", **kwargs: Any):
    return decide(kind="risk_acceptance", outcome=outcome, risk=risk, **kwargs)


def status_of(risk: Risk) -> str:
    return Risk.objects.get(pk=risk.pk).status


# Pure rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, Severity.LOW),
        (2, 2, 4, Severity.LOW),
        (1, 4, 4, Severity.LOW),
        (1, 5, 5, Severity.MEDIUM),
        (3, 3, 9, Severity.MEDIUM),
        (2, 5, 10, Severity.HIGH),
        (4, 4, 16, Severity.HIGH),
        (4, 5, 20, Severity.CRITICAL),
        (5, 5, 25, Severity.CRITICAL),
    ],
)
def test_the_score_is_likelihood_times_impact_in_severity_bands(likelihood, impact, score, band):
    assert risk_score(likelihood, impact) == score
    assert severity(score) == band


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (3, 6), (-1, -1)])
def test_ratings_outside_one_to_five_have_no_score(likelihood, impact):
    with pytest.raises(ValueError, match="1 to 5"):
        risk_score(likelihood, impact)


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_a_higher_rating_never_has_a_lower_severity(l1, i1, l2, i2):
    order = list(Severity)
    if l1 <= l2 and i1 <= i2:
        assert order.index(severity(l1 * i1)) <= order.index(severity(l2 * i2))
    assert risk_score(l1, i1) == risk_score(i1, l1)


def test_the_heat_map_puts_likelihood_up_and_impact_right_coloured_by_severity():
    chart = heat_map(RiskFilters())
    cells = {(c.row, c.column): c for c in chart.cells}

    assert len(cells) == 25
    # Higher likelihood is higher up (smaller y); higher impact further right (larger x).
    assert cells[5, 3].y < cells[1, 3].y
    assert cells[3, 5].x > cells[3, 1].x
    # Colours follow severity: the corner of likely and severe is the critical one.
    assert (cells[5, 5].level.score, cells[5, 5].level.css_class) == (25, "severity-critical")
    assert (cells[2, 3].level.score, cells[2, 3].level.css_class) == (6, "severity-medium")
    assert cells[1, 1].level.css_class == "severity-low"


def test_a_review_is_overdue_after_its_date_unless_the_risk_is_closed():
    today = date(2026, 3, 10)
    assert review_overdue(date(2026, 3, 9), RiskStatus.OPEN, today)
    assert review_overdue(date(2026, 3, 9), RiskStatus.ACCEPTED, today)
    assert not review_overdue(date(2026, 3, 10), RiskStatus.OPEN, today)
    assert not review_overdue(date(2026, 3, 9), RiskStatus.CLOSED, today)


# Recording and changing --------------------------------------------------------------------


def test_a_recorded_risk_is_open_and_audited():
    it = make_user(Role.IT_SECURITY)
    use_case = make_use_case()
    risk = make_risk(actor=it, use_case=use_case, likelihood=4, impact=5)

    assert (risk.status, risk.score, risk.recorded_by, risk.use_case) == (
        RiskStatus.OPEN,
        20,
        it,
        use_case,
    )
    event = AuditEvent.objects.get(action=RiskAction.RECORDED)
    assert (event.actor, event.target_id) == (it, str(risk.pk))
    assert event.changes["likelihood"] == {"from": None, "to": 4}
    assert event.changes["status"] == {"from": None, "to": "open"}
    assert event.changes["use_case"] == {"from": None, "to": use_case.title}


@pytest.mark.parametrize(
    ("residual", "message"),
    [
        ({"residual_likelihood": 2}, RESIDUAL_BOTH),
        ({"residual_impact": 2}, RESIDUAL_BOTH),
        ({"residual_likelihood": 4, "residual_impact": 1}, RESIDUAL_ABOVE_INHERENT),
        ({"residual_likelihood": 1, "residual_impact": 4}, RESIDUAL_ABOVE_INHERENT),
    ],
)
def test_residual_ratings_come_in_pairs_and_never_exceed_the_inherent_ones(residual, message):
    with pytest.raises(RiskError, match=re.escape(str(message))):
        make_risk(likelihood=3, impact=3, **residual)
    assert not Risk.objects.exists()


def test_ratings_outside_the_scale_are_refused():
    with pytest.raises(RiskError, match="Likelihood"):
        make_risk(likelihood=6)


def test_changes_are_audited_with_before_and_after():
    risk = make_risk(likelihood=4, impact=4, owner=make_person(first_name="Ada", last_name="Alt"))
    new_owner = make_person(first_name="Nils", last_name="Neu")
    risk_update(
        risk=risk,
        actor=None,
        residual_likelihood=2,
        residual_impact=3,
        title="Renamed",
        owner=new_owner,
    )

    event = AuditEvent.objects.get(action=RiskAction.CHANGED)
    assert event.changes["residual_likelihood"] == {"from": None, "to": 2}
    assert event.changes["title"]["to"] == "Renamed"
    assert event.changes["owner"] == {"from": "Ada Alt", "to": "Nils Neu"}
    assert Risk.objects.get(pk=risk.pk).residual_score == 6


def test_an_update_without_changes_writes_no_event():
    risk = make_risk()
    risk_update(risk=risk, actor=None, title=risk.title)
    assert not AuditEvent.objects.filter(action=RiskAction.CHANGED).exists()


def test_mitigations_are_added_and_progress_with_audit_events():
    risk = make_risk()
    owner = make_person(account=False)
    mitigation = mitigation_add(
        risk=risk, text="Answer prices only from the catalogue", owner=owner, actor=None
    )
    assert mitigation.status == "open"
    mitigation_update(mitigation=mitigation, actor=None, status="in_progress")

    actions = list(
        AuditEvent.objects.filter(target_id=str(risk.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == [RiskAction.MITIGATION_ADDED, RiskAction.MITIGATION_CHANGED]
    changed = AuditEvent.objects.get(action=RiskAction.MITIGATION_CHANGED).changes
    assert changed == {
        "mitigation": mitigation.pk,
        "status": {"from": "open", "to": "in_progress"},
    }
    assert Mitigation.objects.get().status == "in_progress"


def test_a_mitigation_overdue_is_flagged_until_closed():
    risk = make_risk()
    mitigation = mitigation_add(
        risk=risk, text="Filter", due_on=timezone.localdate() - timedelta(days=1), actor=None
    )
    assert mitigation.is_overdue
    done = mitigation_close(mitigation=mitigation, closing_note="Filter live.", actor=None)
    assert not done.is_overdue


def test_a_closed_risk_cannot_change_until_reopened():
    risk = make_risk()
    risk_close(risk=risk, actor=None)
    with pytest.raises(RiskError, match=str(CLOSED_RISK)):
        risk_update(risk=risk, actor=None, title="x")
    with pytest.raises(RiskError, match=str(CLOSED_RISK)):
        mitigation_add(risk=risk, text="x", actor=None)
    risk_reopen(risk=risk, actor=None)
    assert status_of(risk) == RiskStatus.OPEN
    assert list(
        AuditEvent.objects.filter(target_id=str(risk.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )[-2:] == [RiskAction.CLOSED, RiskAction.REOPENED]


# Acceptance only through a decision --------------------------------------------------------


def test_the_status_cannot_be_set_to_accepted_directly():
    risk = make_risk()
    with pytest.raises(RiskError, match=str(ACCEPTANCE_ONLY_BY_DECISION)):
        risk_update(risk=risk, actor=None, status=RiskStatus.ACCEPTED)
    risk_sync_acceptance(risk=risk)
    assert status_of(risk) == RiskStatus.OPEN
    assert not risk_accepted(risk)


def test_acceptance_is_requested_once_and_only_for_an_open_risk():
    risk = make_risk()
    risk_request_acceptance(risk=risk, actor=None)
    assert status_of(risk) == RiskStatus.ACCEPTANCE_REQUESTED
    assert AuditEvent.objects.filter(action=RiskAction.ACCEPTANCE_REQUESTED).count() == 1
    with pytest.raises(RiskError, match="Only an open risk"):
        risk_request_acceptance(risk=risk, actor=None)
    assert "Acceptance requested" in str(ACCEPTANCE_NEEDS_OPEN % {"status": "Acceptance requested"})


@pytest.mark.parametrize("outcome", ["approved", "approved_with_conditions"])
def test_an_approving_decision_accepts_the_risk(outcome):
    risk = make_risk()
    risk_request_acceptance(risk=risk, actor=None)
    decision = accept(risk, outcome)

    assert status_of(risk) == RiskStatus.ACCEPTED
    assert risk_accepted(risk)
    event = AuditEvent.objects.get(action=RiskAction.ACCEPTED)
    assert event.changes == {
        "status": {"from": "acceptance_requested", "to": "accepted"},
        "decision": decision.pk,
    }


def test_a_rejection_answers_the_request_and_a_deferral_leaves_it_pending():
    deferred, rejected = make_risk(), make_risk()
    for risk in (deferred, rejected):
        risk_request_acceptance(risk=risk, actor=None)
    accept(deferred, "deferred")
    accept(rejected, "rejected")
    assert status_of(deferred) == RiskStatus.ACCEPTANCE_REQUESTED
    assert status_of(rejected) == RiskStatus.OPEN
    assert AuditEvent.objects.filter(action=RiskAction.ACCEPTANCE_REFUSED).count() == 1
    assert not risk_accepted(deferred)


def test_an_acceptance_lasts_only_while_its_decision_is_in_force():
    risk = make_risk()
    first = accept(risk)
    assert status_of(risk) == RiskStatus.ACCEPTED
    correction = accept(risk, "approved_with_conditions", supersedes=first)
    assert status_of(risk) == RiskStatus.ACCEPTED
    accept(risk, "rejected", supersedes=correction)

    assert status_of(risk) == RiskStatus.OPEN
    assert not risk_accepted(risk)
    assert AuditEvent.objects.filter(action=RiskAction.ACCEPTANCE_ENDED).count() == 1


def test_a_closed_risk_stays_closed_and_reopens_as_accepted_while_a_decision_accepts_it():
    risk = make_risk()
    accept(risk)
    risk_close(risk=risk, actor=None)
    risk_sync_acceptance(risk=risk)
    assert status_of(risk) == RiskStatus.CLOSED
    risk_reopen(risk=risk, actor=None)
    assert status_of(risk) == RiskStatus.ACCEPTED


def test_decisions_on_other_risks_do_not_accept_this_one():
    risk, other = make_risk(), make_risk()
    accept(other)
    assert not risk_accepted(risk)
    assert status_of(risk) == RiskStatus.OPEN


# Register, heat map and filters ------------------------------------------------------------


def register() -> dict[str, Risk]:
    use_case = make_use_case(title="Angebotsassistent")
    owner = make_person(account=False, last_name="Eigner")
    past = timezone.localdate() - timedelta(days=1)
    return {
        "prices": make_risk(
            likelihood=4,
            impact=5,
            residual_likelihood=2,
            residual_impact=3,
            use_case=use_case,
            owner=owner,
        ),
        "leak": make_risk(
            title="Prompt leaks customer data",
            category="data_protection",
            likelihood=4,
            impact=5,
            review_on=past,
        ),
        "bias": make_risk(
            title="Biased ranking of applicants",
            category="bias",
            likelihood=2,
            impact=4,
            residual_likelihood=2,
            residual_impact=3,
        ),
        "closed": _closed(make_risk(title="Old risk", likelihood=4, impact=5, review_on=past)),
    }


def _closed(risk: Risk) -> Risk:
    return risk_close(risk=risk, actor=None)


def cell_counts(filters: RiskFilters) -> dict[tuple[int, int], int]:
    return {(c.row, c.column): c.count for c in heat_map(filters).cells if c.count}


def test_the_heat_map_counts_the_risks_that_are_not_closed_per_cell():
    register()
    assert cell_counts(RiskFilters()) == {(4, 5): 2, (2, 4): 1}
    assert cell_counts(RiskFilters(status="all")) == {(4, 5): 3, (2, 4): 1}
    assert cell_counts(RiskFilters(category="bias")) == {(2, 4): 1}


def test_the_residual_heat_map_counts_residual_ratings_and_the_unrated_apart():
    register()
    chart = heat_map(RiskFilters(rating="residual"))
    assert {(c.row, c.column): c.count for c in chart.cells if c.count} == {(2, 3): 2}
    assert chart.unrated == 1
    assert chart.residual


def test_each_cell_links_to_the_list_filtered_to_it_and_keeps_the_other_filters():
    register()
    chart = heat_map(RiskFilters(category="bias", rating="residual", likelihood=2), url="/r/")
    cell = next(c for c in chart.cells if (c.row, c.column) == (2, 3))
    assert cell.url == "/r/?category=bias&likelihood=2&impact=3&rating=residual"
    assert not cell.selected
    selected = heat_map(RiskFilters(likelihood=4, impact=5)).cells
    assert [(c.row, c.column) for c in selected if c.selected] == [(4, 5)]


def titles(**filters: Any) -> set[str]:
    return {r.title for r in risks(RiskFilters(**filters))}


def test_the_list_filters_by_cell_category_status_owner_use_case_and_overdue_review():
    found = register()
    assert titles(likelihood=4, impact=5) == {
        "Chatbot invents prices",
        "Prompt leaks customer data",
    }
    assert titles(likelihood=2, impact=3, rating="residual") == {
        "Chatbot invents prices",
        "Biased ranking of applicants",
    }
    assert titles(overdue=True) == {"Prompt leaks customer data"}
    assert titles(status="closed") == {"Old risk"}
    assert titles(owner=found["prices"].owner_id) == {"Chatbot invents prices"}
    assert titles(use_case=found["prices"].use_case_id) == {"Chatbot invents prices"}
    assert [r.title for r in risks(RiskFilters(sort="-score", category="bias"))] == [
        "Biased ranking of applicants"
    ]


def test_filters_read_from_the_query_ignore_nonsense():
    filters = RiskFilters.from_query(
        {"category": "x", "status": "y", "likelihood": "9", "impact": "2", "rating": "z"}
    )
    assert filters == RiskFilters(impact=2)
    assert filters.query() == "impact=2"


# Pages -------------------------------------------------------------------------------------


def test_the_register_page_shows_the_heat_map_counts_and_flags_overdue_reviews(client):
    register()
    client.force_login(make_user(Role.ETHICS_BOARD))
    page = client.get("/governance/risks/").content.decode()
    assert 'data-likelihood="4" data-impact="5" data-count="2"' in page
    assert 'data-likelihood="2" data-impact="4" data-count="1"' in page
    assert "Prompt leaks customer data" in page
    assert "overdue" in page
    assert "Old risk" not in page
    assert "Record a risk" not in page

    residual = client.get("/governance/risks/?rating=residual").content.decode()
    assert 'data-likelihood="2" data-impact="3" data-count="2"' in residual
    assert "1 risk has no residual rating yet" in residual


def test_a_cell_link_lists_only_its_risks(client):
    register()
    client.force_login(make_user(Role.IT_SECURITY))
    page = client.get("/governance/risks/?likelihood=2&impact=4").content.decode()
    assert "Biased ranking of applicants" in page
    assert "Prompt leaks customer data</a>" not in page
    assert 'aria-current="true"' in page


def test_the_register_answers_htmx_with_the_results_only(client):
    register()
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.get("/governance/risks/?category=bias", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "Biased ranking of applicants" in body
    assert 'data-count="1"' in body


def test_who_may_read_and_who_may_change_the_register(client):
    risk = make_risk()
    client.force_login(make_user())
    assert client.get("/governance/risks/").status_code == 403
    client.force_login(make_user(Role.TRAINER))
    assert client.get(f"/governance/risks/{risk.pk}/").status_code == 403
    client.force_login(make_user(Role.WORKS_COUNCIL))
    assert client.get(f"/governance/risks/{risk.pk}/").status_code == 200
    assert client.get("/governance/risks/new/").status_code == 403
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    assert client.get(f"/governance/risks/{risk.pk}/").status_code == 200
    assert client.get("/governance/risks/new/").status_code == 403
    assert client.post(f"/governance/risks/{risk.pk}/request-acceptance/").status_code == 403
    client.force_login(make_user(Role.IT_SECURITY))
    assert client.get("/governance/risks/new/").status_code == 200
    assert client.get(f"/governance/risks/{risk.pk}/edit/").status_code == 200


def risk_form(owner: Person, **overrides: Any) -> dict[str, Any]:
    return {
        "title": "Model weights leave the data centre",
        "description": "Weights copied to laptops.",
        "category": "security",
        "likelihood": "2",
        "impact": "5",
        "owner": owner.pk,
        "residual_likelihood": "",
        "residual_impact": "",
        "review_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "use_case": "",
        **overrides,
    }


def test_it_records_a_risk_adds_a_mitigation_and_requests_acceptance_through_the_pages(client):
    it = make_user(Role.IT_SECURITY)
    client.force_login(it)
    owner = make_person(account=False)

    response = client.post("/governance/risks/new/", risk_form(owner))
    risk = Risk.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/governance/risks/{risk.pk}/"

    response = client.post(
        f"/governance/risks/{risk.pk}/mitigations/",
        {"text": "Encrypt the model store", "status": "in_progress", "owner": owner.pk},
    )
    assert response.status_code == 302
    mitigation = Mitigation.objects.get()
    client.post(
        f"/governance/risks/mitigations/{mitigation.pk}/close/",
        {"closing_note": "Store encrypted with the platform key."},
    )
    assert Mitigation.objects.get().status == "done"

    client.post(f"/governance/risks/{risk.pk}/request-acceptance/")
    page = client.get(f"/governance/risks/{risk.pk}/").content.decode()
    assert status_of(risk) == RiskStatus.ACCEPTANCE_REQUESTED
    assert "waiting for the steering committee" in page
    assert "Encrypt the model store" in page
    assert "Record the steering committee" not in page, "IT & security does not decide"
    assert AuditEvent.objects.filter(actor=it, target_id=str(risk.pk)).count() == 4


def test_the_steering_committee_gets_the_link_to_record_the_decision(client):
    risk = make_risk()
    risk_request_acceptance(risk=risk, actor=None)
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    page = client.get(f"/governance/risks/{risk.pk}/").content.decode()
    assert f"/governance/decisions/new/?risk={risk.pk}&amp;kind=risk_acceptance" in page
    assert "Request acceptance" not in page

    accept(risk)
    page = client.get(f"/governance/risks/{risk.pk}/").content.decode()
    assert "Accepted by decision of the steering committee." in page
    assert "Risk acceptance" in page


def test_a_form_the_rules_refuse_is_shown_again_with_the_reason(client):
    client.force_login(make_user(Role.IT_SECURITY))
    owner = make_person(account=False)
    response = client.post(
        "/governance/risks/new/",
        risk_form(owner, residual_likelihood="3", residual_impact="1"),
    )
    assert response.status_code == 400
    assert "Mitigations do not make a risk worse" in response.content.decode()
    response = client.post("/governance/risks/new/", risk_form(owner, residual_likelihood="1"))
    assert response.status_code == 400
    assert "Give both residual ratings" in response.content.decode()
    assert not Risk.objects.exists()


def test_an_empty_mitigation_is_refused_on_the_risk_page(client):
    risk = make_risk()
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.post(f"/governance/risks/{risk.pk}/mitigations/", {"text": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Mitigation.objects.exists()


def test_closing_and_reopening_through_the_page(client):
    risk = make_risk()
    client.force_login(make_user(Role.IT_SECURITY))
    client.post(f"/governance/risks/{risk.pk}/close/")
    assert status_of(risk) == RiskStatus.CLOSED
    page = client.get(f"/governance/risks/{risk.pk}/").content.decode()
    assert "Reopen" in page
    assert client.get(f"/governance/risks/{risk.pk}/edit/").status_code == 302
    client.post(f"/governance/risks/{risk.pk}/reopen/")
    assert status_of(risk) == RiskStatus.OPEN


def test_editing_changes_only_what_changed(client):
    risk = make_risk(likelihood=4, impact=4)
    client.force_login(make_user(Role.IT_SECURITY))
    data = risk_form(risk.owner, title=risk.title, description=risk.description)
    data.update(
        category=risk.category,
        likelihood="4",
        impact="4",
        review_on=risk.review_on.isoformat(),
        residual_likelihood="2",
        residual_impact="2",
    )
    response = client.post(f"/governance/risks/{risk.pk}/edit/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=RiskAction.CHANGED)
    assert set(event.changes) == {"residual_likelihood", "residual_impact"}


# Exports -----------------------------------------------------------------------------------


def test_the_register_exports_as_csv_with_the_filters_applied(client):
    found = register()
    mitigation_add(risk=found["prices"], text="=Use the catalogue", actor=None)
    client.force_login(make_user(Role.STEERING_COMMITTEE))

    response = client.get("/governance/risks/export.csv?likelihood=4&impact=5")
    assert response["Content-Disposition"].startswith('attachment; filename="wandel-risk-register')
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["ID", "Title", "Category", "Status"]
    by_title = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_title) == {"Chatbot invents prices", "Prompt leaks customer data"}
    prices = by_title["Chatbot invents prices"]
    assert (prices["Score"], prices["Severity"], prices["Residual score"]) == (
        "20",
        "Critical",
        "6",
    )
    assert prices["Mitigations"] == "'=Use the catalogue (Open)"
    assert by_title["Prompt leaks customer data"]["Review overdue"] == "yes"


def test_the_register_exports_as_excel(client):
    register()
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.get("/governance/risks/export.xlsx?status=all")
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    assert sheet.title == "Risk register"
    assert sheet.max_row == 5
    assert client.get("/governance/risks/export.pdf").status_code == 404


# Query counts ------------------------------------------------------------------------------


def populate(n: int) -> None:
    use_case = make_use_case()
    owner = make_person(account=False)
    for i in range(n):
        risk = make_risk(
            likelihood=1 + i % 5,
            impact=1 + (i * 2) % 5,
            residual_likelihood=1,
            residual_impact=1,
            use_case=use_case if i % 2 else make_use_case(),
            owner=owner if i % 3 else make_person(account=False),
            review_on=timezone.localdate() - timedelta(days=i % 2),
        )
        mitigation_add(risk=risk, text=f"Measure {i}", owner=owner, actor=None)


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/governance/risks/", links_to("/governance/risks/")),
        ("/governance/risks/?rating=residual&overdue=1", links_to("/governance/risks/")),
        (
            "/governance/risks/?likelihood=2&impact=3&status=all&sort=review_on",
            links_to("/governance/risks/"),
        ),
        ("/governance/risks/export.csv", "Chatbot invents prices"),
    ],
)
def test_register_pages_take_the_same_queries_for_more_risks(client, url, shows):
    client.force_login(make_user(Role.IT_SECURITY))
    populate(3)
    assert_queries_do_not_grow(client, url, grow=lambda: populate(15), shows=shows)


def test_the_risk_page_takes_the_same_queries_for_more_mitigations_and_decisions(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    risk = make_risk()

    def grow() -> None:
        for i in range(4):
            mitigation_add(risk=risk, text=f"M{i}", owner=make_person(account=False), actor=None)
        first = accept(risk)
        accept(risk, "rejected", supersedes=first)

    decisions = links_to("/governance/decisions/")

    def mitigations_and_decisions(response) -> int:
        return response.content.decode().count('<tr id="mitigation-') + decisions(response)

    small, large = assert_queries_do_not_grow(
        client, f"/governance/risks/{risk.pk}/", grow=grow, shows=mitigations_and_decisions
    )
    assert (small.shown, large.shown) == (0, 4 + 2)


# API ---------------------------------------------------------------------------------------


URL = "/api/v1/governance/risks"


def test_the_api_records_changes_and_mitigates_a_risk(client):
    headers = bearer(make_user(Role.IT_SECURITY))
    owner = make_person(account=False)
    use_case = make_use_case()
    response = client.post(
        URL,
        {
            "title": "Jailbreak via uploaded documents",
            "description": "Prompt injection in PDFs.",
            "category": "security",
            "likelihood": 3,
            "impact": 4,
            "owner": owner.pk,
            "review_on": "2030-01-01",
            "use_case": use_case.pk,
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["score"], created["severity"], created["status"]) == (12, "high", "open")
    assert created["use_case"] == {"id": use_case.pk, "title": use_case.title}

    risk_id = created["id"]
    response = client.patch(
        f"{URL}/{risk_id}",
        {"residual_likelihood": 1, "residual_impact": 4, "status": "acceptance_requested"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    assert (response.json()["residual_score"], response.json()["status"]) == (
        4,
        "acceptance_requested",
    )

    response = client.post(
        f"{URL}/{risk_id}/mitigations",
        {"text": "Strip instructions from uploads", "due_on": "2030-01-01", "owner": owner.pk},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    assert response.json()["owner"] == {"id": owner.pk, "name": owner.full_name}

    detail = client.get(f"{URL}/{risk_id}", headers=headers).json()
    assert [m["text"] for m in detail["mitigations"]] == ["Strip instructions from uploads"]
    assert detail["decisions"] == []


def test_the_api_never_accepts_a_risk_and_shows_the_decisions_that_do(client):
    risk = make_risk()
    headers = bearer(make_user(Role.IT_SECURITY))
    response = client.patch(
        f"{URL}/{risk.pk}", {"status": "accepted"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert response.json()["detail"] == str(ACCEPTANCE_ONLY_BY_DECISION)
    assert status_of(risk) == RiskStatus.OPEN

    first = accept(risk)
    accept(risk, "approved_with_conditions", supersedes=first)
    detail = client.get(f"{URL}/{risk.pk}", headers=headers).json()
    assert detail["status"] == "accepted"
    assert [(d["outcome"], d["effective"]) for d in detail["decisions"]] == [
        ("approved_with_conditions", True),
        ("approved", False),
    ]


def test_the_api_lists_with_the_pages_filters(client):
    register()
    headers = bearer(make_user(Role.ETHICS_BOARD))
    listed = client.get(f"{URL}?likelihood=4&impact=5", headers=headers).json()
    assert {r["title"] for r in listed["items"]} == {
        "Chatbot invents prices",
        "Prompt leaks customer data",
    }
    overdue = client.get(f"{URL}?overdue=true&status=all", headers=headers).json()
    assert {r["title"] for r in overdue["items"]} == {"Prompt leaks customer data"}
    assert all(r["review_overdue"] for r in overdue["items"])


def test_the_api_checks_permissions_and_refuses_unknown_people(client):
    risk = make_risk()
    steerco = bearer(make_user(Role.STEERING_COMMITTEE))
    assert client.get(URL, headers=steerco).status_code == 200
    response = client.patch(
        f"{URL}/{risk.pk}", {"title": "x"}, content_type="application/json", headers=steerco
    )
    assert response.status_code == 403
    assert client.get(URL, headers=bearer(make_user(Role.TRAINER))).status_code == 403
    assert client.get(URL, headers=bearer(make_user(Role.WORKS_COUNCIL))).status_code == 200

    it = bearer(make_user(Role.IT_SECURITY))
    response = client.patch(
        f"{URL}/{risk.pk}", {"owner": 999999}, content_type="application/json", headers=it
    )
    assert response.status_code == 400
    assert "owner" in response.json()["errors"]
    assert client.get(f"{URL}/999999", headers=it).status_code == 404


def test_the_api_list_takes_the_same_queries_for_more_risks(client):
    populate(2)
    assert_queries_do_not_grow(
        client,
        URL,
        grow=lambda: populate(12),
        shows=api_items,
        headers=bearer(make_user(Role.IT_SECURITY)),
    )


# One user action per write -----------------------------------------------------------------


WRITES = {
    "risk_record": lambda risk, closed: make_risk(),
    "risk_update": lambda risk, closed: risk_update(risk=risk, actor=None, title="x"),
    "risk_close": lambda risk, closed: risk_close(risk=risk, actor=None),
    "risk_reopen": lambda risk, closed: risk_reopen(risk=closed, actor=None),
    "risk_request_acceptance": lambda risk, closed: risk_request_acceptance(risk=risk, actor=None),
    "mitigation_add": lambda risk, closed: mitigation_add(risk=risk, text="x", actor=None),
    "mitigation_update": lambda risk, closed: mitigation_update(
        mitigation=risk.mitigations.get(), actor=None, status="in_progress"
    ),
    "mitigation_close": lambda risk, closed: mitigation_close(
        mitigation=risk.mitigations.get(), actor=None, closing_note="Done."
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_each_write_is_one_user_action_that_no_caller_can_wrap_into_another(write):
    risk = make_risk()
    mitigation_add(risk=risk, text="Filter", actor=None)
    closed = risk_close(risk=make_risk(), actor=None)
    with transaction.atomic(), pytest.raises(RuntimeError, match="durable"):
        WRITES[write](risk, closed)


@pytest.mark.django_db(transaction=True)
def test_syncing_the_acceptance_runs_only_inside_the_action_of_a_decision():
    risk = make_risk()
    with pytest.raises(OutsideTransaction):
        risk_sync_acceptance(risk=risk)


def test_a_refusal_names_the_fields_it_concerns():
    with pytest.raises(RiskError) as error:
        make_risk(likelihood=2, impact=2, residual_likelihood=3, residual_impact=1)
    assert set(error.value.errors) == {"residual_likelihood"}
    with pytest.raises(RiskError) as error:
        make_risk(likelihood=2, impact=2, residual_likelihood=3, residual_impact=3)
    assert set(error.value.errors) == {"residual_likelihood", "residual_impact"}
    with pytest.raises(RiskError) as error:
        make_risk(residual_likelihood=2)
    assert error.value.field == "residual_impact"
    with pytest.raises(RiskError) as error:
        make_risk(likelihood=6)
    assert error.value.field == "likelihood"
    with pytest.raises(RiskError) as error:
        mitigation_add(risk=make_risk(), text=" ", actor=None)
    assert error.value.field == "text"


def test_the_risk_form_shows_a_refusal_at_its_fields(client):
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.post(
        "/governance/risks/new/",
        risk_form(make_person(account=False), residual_likelihood="3", residual_impact="1"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert str(RESIDUAL_ABOVE_INHERENT) in form.errors["residual_likelihood"]
    assert not form.non_field_errors()


def test_a_refused_api_change_changes_nothing_of_what_it_sent(client):
    risk = make_risk()
    headers = bearer(make_user(Role.IT_SECURITY))
    response = client.patch(
        f"{URL}/{risk.pk}",
        {"title": "Renamed", "status": "accepted"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert Risk.objects.get(pk=risk.pk).title == "Chatbot invents prices"
    assert not AuditEvent.objects.filter(action=RiskAction.CHANGED).exists()


def test_the_api_answers_refusals_by_field(client):
    headers = bearer(make_user(Role.IT_SECURITY))
    response = client.post(
        URL,
        {
            "title": "Worse after mitigation",
            "description": "d",
            "category": "security",
            "likelihood": 2,
            "impact": 2,
            "residual_likelihood": 3,
            "residual_impact": 1,
            "owner": make_person(account=False).pk,
            "review_on": "2030-01-01",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["detail"] == str(RESIDUAL_ABOVE_INHERENT)
    assert set(response.json()["errors"]) == {"residual_likelihood"}
    huge = client.get(f"{URL}?owner={'9' * 25}", headers=headers)
    assert (huge.status_code, list(huge.json()["errors"])) == (400, ["owner"])


def test_the_api_changes_a_mitigation(client):
    risk = make_risk()
    mitigation = mitigation_add(risk=risk, text="Filter prices", actor=None)
    owner = make_person(account=False, first_name="Olga", last_name="Owner")
    url = f"/api/v1/governance/mitigations/{mitigation.pk}"
    reader = bearer(make_user(Role.STEERING_COMMITTEE))
    denied = client.patch(url, {"text": "x"}, content_type="application/json", headers=reader)
    assert denied.status_code == 403
    headers = bearer(make_user(Role.IT_SECURITY))
    response = client.patch(
        url,
        {"status": "in_progress", "owner": owner.pk},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["owner"]["name"]) == (
        "in_progress",
        "Olga Owner",
    )
    blank = client.patch(url, {"text": " "}, content_type="application/json", headers=headers)
    assert (blank.status_code, list(blank.json()["errors"])) == (400, ["text"])
    assert AuditEvent.objects.get(action=RiskAction.MITIGATION_CHANGED).changes == {
        "mitigation": mitigation.pk,
        "status": {"from": "open", "to": "in_progress"},
        "owner": {"from": None, "to": "Olga Owner"},
    }
    risk_close(risk=risk, actor=None)
    closed = client.patch(url, {"status": "open"}, content_type="application/json", headers=headers)
    assert closed.status_code == 400
    assert closed.json()["detail"] == str(CLOSED_RISK)


# The day in Berlin: midnight and the changes to and from summer time --------------------------


@pytest.mark.parametrize(
    ("moment", "overdue"),
    [
        # Winter to summer time, 29 March 2026 (02:00 CET becomes 03:00 CEST).
        ("2026-03-28 23:59:59", False),  # 22:59:59 UTC
        ("2026-03-29 00:00:00", True),  # 23:00 UTC on 28 March
        ("2026-03-29 03:30:00", True),  # 01:30 UTC, just after the change
        # Summer to winter time, 25 October 2026 (03:00 CEST becomes 02:00 CET).
        ("2026-10-24 23:59:59", False),  # 21:59:59 UTC
        ("2026-10-25 00:00:00", True),  # 22:00 UTC on 24 October
        ("2026-10-25 23:59:59", True),  # 22:59:59 UTC, the day had 25 hours
    ],
)
def test_a_review_is_overdue_from_midnight_in_berlin(moment, overdue):
    day = berlin(moment).date()
    review_on = date(2026, 3, 28) if day.month == 3 else date(2026, 10, 24)
    with frozen("2026-01-05 09:00"):
        risk = make_risk(review_on=review_on)
    with frozen(moment):
        risk.refresh_from_db()
        assert risk.review_overdue is overdue
        listed = risks(RiskFilters(overdue=True)).filter(pk=risk.pk).exists()
        assert listed is overdue  # the register's overdue filter agrees
