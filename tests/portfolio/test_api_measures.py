"""Quality requirements, KPIs, measurements and comments over the API, with the page's rules."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from tests.support.api import bearer
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.portfolio.measures.models import Comment, Kpi, KpiMeasurement, QualityRequirement
from wandel.portfolio.use_cases.models import UseCase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2025, 6, 15), tick=False):
        yield


class Api:
    def __init__(self, user: User) -> None:
        self.client = Client()
        self.headers = bearer(user)

    def get(self, url: str):
        return self.client.get(url, headers=self.headers)

    def send(self, method: str, url: str, body: object):
        return getattr(self.client, method)(
            url, json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def owner() -> User:
    person = make_person(first_name="Olga", last_name="Owner", roles=(Role.PRODUCT_OWNER,))
    assert person.user is not None
    return person.user


@pytest.fixture
def use_case(owner) -> UseCase:
    use_case = make_use_case(title="Ticket summaries")
    use_case.product_owner = owner.person
    use_case.save()
    return use_case


@pytest.fixture
def url(use_case) -> str:
    return f"/api/v1/use-cases/{use_case.pk}"


@pytest.fixture
def kpi(use_case) -> Kpi:
    return Kpi.objects.create(
        use_case=use_case,
        name="Handling time",
        unit_of_measure="min",
        direction="lower",
        baseline_value=Decimal(10),
        baseline_date=date(2025, 1, 1),
        target_value=Decimal(5),
        target_date=date(2026, 1, 1),
    )


# Requirements ------------------------------------------------------------------------------


def test_the_owner_adds_a_requirement_and_everyone_lists_them(url, owner):
    response = Api(owner).send("post", f"{url}/requirements", {"text": " Cites sources. "})
    assert response.status_code == 201
    requirement = QualityRequirement.objects.get()
    assert response.json() == {
        "id": requirement.pk,
        "text": "Cites sources.",
        "status": "not_tested",
        "evidence_note": "",
        "evidence_link": "",
        "evidence_date": None,
    }
    listed = Api(make_user()).get(f"{url}/requirements").json()
    assert listed["count"] == 1
    assert [r["text"] for r in listed["items"]] == ["Cites sources."]
    assert AuditEvent.objects.filter(action="portfolio.requirement_added").count() == 1


def test_an_empty_requirement_is_a_field_error(url, owner):
    response = Api(owner).send("post", f"{url}/requirements", {"text": "  "})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Write down the acceptance criterion.",
        "errors": {"text": ["Write down the acceptance criterion."]},
    }


def test_someone_who_may_not_edit_the_use_case_cannot_add_requirements(url):
    response = Api(make_user(Role.PRODUCT_OWNER)).send("post", f"{url}/requirements", {"text": "x"})
    assert response.status_code == 403
    assert not QualityRequirement.objects.exists()


def test_a_result_is_recorded_and_fields_left_out_keep_their_value(url, owner, use_case):
    requirement = QualityRequirement.objects.create(
        use_case=use_case, text="Cites sources", evidence_link="https://wiki.example/test"
    )
    api = Api(owner)
    target = f"{url}/requirements/{requirement.pk}"
    response = api.send(
        "patch",
        target,
        {"status": "met", "evidence_note": "50 answers checked.", "evidence_date": "2025-06-14"},
    )
    assert response.status_code == 200
    assert response.json()["evidence_link"] == "https://wiki.example/test"
    assert response.json()["status"] == "met"

    response = api.send("patch", target, {"evidence_note": "60 answers checked."})
    assert response.json()["status"] == "met"
    assert response.json()["evidence_date"] == "2025-06-14"
    assert AuditEvent.objects.order_by("-id").first().changes == {
        "evidence_note": {"from": "50 answers checked.", "to": "60 answers checked."}
    }


def test_met_without_evidence_is_refused(url, owner, use_case):
    requirement = QualityRequirement.objects.create(use_case=use_case, text="Cites sources")
    response = Api(owner).send("patch", f"{url}/requirements/{requirement.pk}", {"status": "met"})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "A requirement that is met or not met needs its evidence: a note and the date it was "
        "tested."
    )


# KPIs and measurements ---------------------------------------------------------------------


def test_the_owner_adds_a_kpi(url, owner):
    response = Api(owner).send(
        "post",
        f"{url}/kpis",
        {
            "name": "Handling time",
            "unit_of_measure": "min",
            "direction": "lower",
            "baseline_value": "10",
            "baseline_date": "2025-01-01",
            "target_value": "5",
            "target_date": "2026-01-01",
        },
    )
    assert response.status_code == 201
    assert response.json()["target_value"] == "5.00"
    listed = Api(make_user()).get(f"{url}/kpis").json()
    assert [k["name"] for k in listed["items"]] == ["Handling time"]


def test_a_target_in_the_wrong_direction_is_refused(url, owner):
    response = Api(owner).send(
        "post",
        f"{url}/kpis",
        {
            "name": "Handling time",
            "unit_of_measure": "min",
            "direction": "lower",
            "baseline_value": "10",
            "baseline_date": "2025-01-01",
            "target_value": "15",
            "target_date": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "target_value": ["Lower is better for this KPI, so the target must lie below the baseline."]
    }
    assert not Kpi.objects.exists()


def test_an_employee_cannot_add_kpis(url):
    response = Api(make_user()).send("post", f"{url}/kpis", {})
    assert response.status_code in (400, 403)
    assert not Kpi.objects.exists()


def test_measurements_are_shown_oldest_first_with_the_progress(url, owner, kpi):
    api = Api(owner)
    for day, value in (("2025-06-01", "8"), ("2025-03-01", "9")):
        recorded = api.send(
            "post", f"{url}/kpis/{kpi.pk}/measurements", {"measured_on": day, "value": value}
        )
        assert recorded.status_code == 201
    detail = Api(make_user()).get(f"{url}/kpis/{kpi.pk}").json()
    assert [(m["measured_on"], m["value"]) for m in detail["measurements"]] == [
        ("2025-03-01", "9.00"),
        ("2025-06-01", "8.00"),
    ]
    # From 10 towards 5, at 8 on 1 June: 40 % of the way, just behind the straight line
    # (151 of 365 days gone).
    assert (detail["progress"], detail["status"]) == ("0.4000", "behind")
    assert AuditEvent.objects.filter(action="portfolio.measurement_recorded").count() == 2


def test_a_measurement_in_the_future_is_a_field_error(url, owner, kpi):
    response = Api(owner).send(
        "post", f"{url}/kpis/{kpi.pk}/measurements", {"measured_on": "2025-07-01", "value": "8"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A measurement cannot be dated in the future.",
        "errors": {"measured_on": ["A measurement cannot be dated in the future."]},
    }
    assert not KpiMeasurement.objects.exists()


def test_a_kpi_of_another_use_case_is_not_found(url, owner):
    other = Kpi.objects.create(
        use_case=make_use_case(),
        name="Other",
        unit_of_measure="x",
        direction="higher",
        baseline_value=1,
        baseline_date=date(2025, 1, 1),
        target_value=2,
        target_date=date(2026, 1, 1),
    )
    assert Api(owner).get(f"{url}/kpis/{other.pk}").status_code == 404


# Comments ----------------------------------------------------------------------------------


def test_an_employee_comments_and_reads_the_comments(url):
    author = make_person(first_name="Emil", last_name="Employee").user
    api = Api(author)
    response = api.send("post", f"{url}/comments", {"text": "Looks good."})
    assert response.status_code == 201
    assert response.json()["author"] == "Emil Employee"
    listed = api.get(f"{url}/comments").json()
    assert [c["text"] for c in listed["items"]] == ["Looks good."]
    assert AuditEvent.objects.filter(action="portfolio.comment_added").count() == 1


def test_an_empty_comment_is_refused(url):
    response = Api(make_user()).send("post", f"{url}/comments", {"text": ""})
    assert response.status_code == 400
    assert response.json()["errors"] == {"text": ["Write a comment first."]}
    assert not Comment.objects.exists()


def test_a_role_without_the_idea_box_cannot_comment(url):
    # Works-council members read the portfolio, but comments are the employees' channel.
    user = make_user(Role.WORKS_COUNCIL)
    response = Api(user).send("post", f"{url}/comments", {"text": "x"})
    expected = 201 if user.has_perm("portfolio.submit_ideas") else 403
    assert response.status_code == expected


def add_requirements(use_case: UseCase, count: int) -> None:
    for number in range(count):
        QualityRequirement.objects.create(use_case=use_case, text=f"R{number}")


def add_kpis(use_case: UseCase, count: int) -> None:
    for number in range(count):
        Kpi.objects.create(
            use_case=use_case,
            name=f"K{number}",
            unit_of_measure="x",
            direction="higher",
            baseline_value=1,
            baseline_date=date(2025, 1, 1),
            target_value=2,
            target_date=date(2026, 1, 1),
        )


def add_comments(use_case: UseCase, count: int) -> None:
    for number in range(count):
        Comment.objects.create(use_case=use_case, author=make_user(), text=f"C{number}")


@pytest.mark.parametrize(
    ("path", "add"),
    [("requirements", add_requirements), ("kpis", add_kpis), ("comments", add_comments)],
)
def test_the_lists_do_not_grow_with_more_data(url, use_case, owner, path, add):
    api = Api(owner)
    add(use_case, 1)
    assert_queries_do_not_grow(
        api.client,
        f"{url}/{path}",
        grow=lambda: add(use_case, 6),
        shows=api_items,
        headers=api.headers,
    )
