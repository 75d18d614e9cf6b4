"""Requirements, KPIs, measurements and comments: each write is audited with what changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.support.personas import make_person, make_unit
from tests.support.portfolio import make_use_case
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.portfolio.measures.models import Kpi, QualityRequirement
from wandel.portfolio.use_cases.models import UseCase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2025, 6, 15), tick=False):
        yield


@pytest.fixture
def owner() -> User:
    person = make_person(first_name="Olga", last_name="Owner", roles=(Role.PRODUCT_OWNER,))
    assert person.user is not None
    return person.user


@pytest.fixture
def use_case(owner) -> UseCase:
    use_case = make_use_case(title="Ticket summaries", unit=make_unit(name="Support"))
    use_case.product_owner = owner.person
    use_case.save()
    return use_case


@pytest.fixture
def owner_client(owner) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    return client


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def test_adding_a_requirement_is_audited(owner_client, owner, use_case):
    owner_client.post(
        reverse("portfolio:requirement_create", args=[use_case.pk]),
        {"text": "Answers cite their source."},
    )
    requirement = QualityRequirement.objects.get()
    event = last_event()
    assert (event.action, event.actor, event.target_id) == (
        "portfolio.requirement_added",
        owner,
        str(requirement.pk),
    )
    assert event.changes == {
        "use_case": {"from": None, "to": "Ticket summaries"},
        "text": {"from": None, "to": "Answers cite their source."},
        "status": {"from": None, "to": "not_tested"},
        "evidence_note": {"from": None, "to": ""},
        "evidence_link": {"from": None, "to": ""},
    }


def test_a_requirement_result_is_audited_before_and_after(owner_client, use_case):
    requirement = QualityRequirement.objects.create(use_case=use_case, text="Cites sources")
    owner_client.post(
        reverse("portfolio:requirement_update", args=[requirement.pk]),
        {"status": "met", "evidence_note": "Tested 50 answers.", "evidence_date": "2025-06-14"},
    )
    event = last_event()
    assert event.action == "portfolio.requirement_tested"
    assert event.changes == {
        "status": {"from": "not_tested", "to": "met"},
        "evidence_note": {"from": "", "to": "Tested 50 answers."},
        "evidence_date": {"from": None, "to": "2025-06-14"},
    }


def test_adding_a_kpi_is_audited(owner_client, use_case):
    owner_client.post(
        reverse("portfolio:kpi_create", args=[use_case.pk]),
        {
            "name": "Handling time",
            "unit_of_measure": "min",
            "direction": "lower",
            "baseline_value": "10",
            "baseline_date": "2025-01-01",
            "target_value": "5.5",
            "target_date": "2026-01-01",
        },
    )
    event = last_event()
    assert event.action == "portfolio.kpi_added"
    assert event.target_label == "Handling time"
    assert event.changes == {
        "use_case": {"from": None, "to": "Ticket summaries"},
        "name": {"from": None, "to": "Handling time"},
        "unit_of_measure": {"from": None, "to": "min"},
        "direction": {"from": None, "to": "lower"},
        "baseline_value": {"from": None, "to": "10.00"},
        "baseline_date": {"from": None, "to": "2025-01-01"},
        "target_value": {"from": None, "to": "5.50"},
        "target_date": {"from": None, "to": "2026-01-01"},
    }


def test_a_measurement_and_its_correction_are_audited(owner_client, use_case):
    kpi = Kpi.objects.create(
        use_case=use_case,
        name="Handling time",
        unit_of_measure="min",
        direction="lower",
        baseline_value=Decimal(10),
        baseline_date=date(2025, 1, 1),
        target_value=Decimal(5),
        target_date=date(2026, 1, 1),
    )
    url = reverse("portfolio:measurement_create", args=[kpi.pk])
    owner_client.post(url, {"measured_on": "2025-06-01", "value": "8", "note": "May"})
    event = last_event()
    assert event.action == "portfolio.measurement_recorded"
    assert event.changes == {
        "kpi": {"from": None, "to": "Handling time"},
        "measured_on": {"from": None, "to": "2025-06-01"},
        "value": {"from": None, "to": "8.00"},
        "note": {"from": None, "to": "May"},
    }

    owner_client.post(url, {"measured_on": "2025-06-01", "value": "7.5"})
    assert last_event().changes == {"value": {"from": "8.00", "to": "7.50"}}


def test_a_comment_is_audited_with_its_text(use_case):
    employee = make_person(first_name="Emil", last_name="Employee").user
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(employee)
    client.post(reverse("portfolio:comment_create", args=[use_case.pk]), {"text": " Looks good. "})
    event = last_event()
    assert (event.action, event.actor) == ("portfolio.comment_added", employee)
    assert event.changes == {
        "use_case": {"from": None, "to": "Ticket summaries"},
        "text": {"from": None, "to": "Looks good."},
    }


def test_a_refused_write_leaves_no_event(owner_client, use_case):
    before = AuditEvent.objects.count()
    owner_client.post(reverse("portfolio:requirement_create", args=[use_case.pk]), {"text": " "})
    owner_client.post(reverse("portfolio:comment_create", args=[use_case.pk]), {"text": ""})
    assert AuditEvent.objects.count() == before
    assert not QualityRequirement.objects.exists()
