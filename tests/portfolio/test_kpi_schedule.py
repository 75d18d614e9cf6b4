"""KPI measurements that are due: a scheduled KPI of a use case in pilot or production is due
a number of days after its last value (or its baseline date); its product owner sees it on
the home page and is reminded once per due date."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.support.governance import at_stage
from tests.support.home import todo_lists
from tests.support.personas import make_user
from wandel.core.models import Notification
from wandel.core.notifications.events import event_named
from wandel.core.roles import Role
from wandel.portfolio.measures.due import kpi_reminders, kpis_due
from wandel.portfolio.measures.models import KpiMeasurement
from wandel.portfolio.measures.rules import measurement_due
from wandel.portfolio.measures.services import kpi_add
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_next_value_is_due_the_schedule_s_days_after_the_last():
    assert measurement_due(D(2026, 10, 1), 30) == D(2026, 10, 31)
    assert measurement_due(D(2026, 12, 28), 7) == D(2027, 1, 4)
    assert measurement_due(D(2026, 11, 30), 91) == D(2027, 3, 1)


def kpi(use_case, name: str, baseline: datetime.date, every: int | None = 30):
    return kpi_add(
        use_case=use_case,
        name=name,
        unit_of_measure="min",
        direction="lower",
        baseline_value=Decimal("40"),
        baseline_date=baseline,
        target_value=Decimal("20"),
        target_date=baseline + datetime.timedelta(days=365),
        measure_every=every,
        actor=None,
    )


def owned(stage: str, title: str, owner) -> UseCase:
    use_case = at_stage(stage, title=title)
    UseCase.objects.filter(pk=use_case.pk).update(product_owner=owner.person)
    use_case.refresh_from_db()
    return use_case


@pytest.fixture
def owner():
    return make_user(Role.PRODUCT_OWNER)


def test_only_scheduled_kpis_of_live_use_cases_are_due(owner):
    pilot = owned(Stage.PILOT, "Ticket-Triage", owner)
    production = at_stage(Stage.PRODUCTION, title="Übersetzung")
    prototype = owned(Stage.PROTOTYPE, "Noch im Bau", owner)
    monthly = kpi(pilot, "Bearbeitungszeit", D(2026, 10, 1))
    measured = kpi(pilot, "Erstlösungsquote", D(2026, 10, 1), every=7)
    KpiMeasurement.objects.create(kpi=measured, measured_on=D(2026, 11, 30), value=Decimal("30"))
    KpiMeasurement.objects.create(kpi=measured, measured_on=D(2026, 11, 2), value=Decimal("35"))
    kpi(pilot, "Ohne Plan", D(2026, 1, 1), every=None)
    kpi(prototype, "Nicht live", D(2026, 1, 1))
    quarterly = kpi(production, "Seiten pro Tag", D(2026, 9, 1), every=91)

    due = kpis_due(D(2026, 12, 7))

    assert [(item.kpi.pk, item.due) for item in due] == [
        (monthly.pk, D(2026, 10, 31)),
        (quarterly.pk, D(2026, 12, 1)),
        (measured.pk, D(2026, 12, 7)),
    ]
    assert [item.kpi.pk for item in kpis_due(D(2026, 12, 6))] == [monthly.pk, quarterly.pk]
    assert [item.kpi.pk for item in kpis_due(D(2026, 12, 7), owner=owner.person)] == [
        monthly.pk,
        measured.pk,
    ]
    assert due[0].url == f"/portfolio/{pilot.pk}/#kpi-{monthly.pk}"


def test_the_product_owner_sees_due_measurements_on_the_home_page(owner):
    today = timezone.localdate()
    pilot = owned(Stage.PILOT, "Ticket-Triage", owner)
    late = kpi(pilot, "Bearbeitungszeit", today - datetime.timedelta(days=40))
    kpi(pilot, "Nächste Woche", today - datetime.timedelta(days=25))
    kpi(pilot, "Später", today - datetime.timedelta(days=10))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)

    due = todo_lists(client.get("/"))["KPI measurements due"]

    assert due.total == 2
    first, second = due.items
    assert (first.text, first.url, first.overdue) == (
        "Bearbeitungszeit",
        f"/portfolio/{pilot.pk}/#kpi-{late.pk}",
        True,
    )
    assert first.detail.startswith("Ticket-Triage · overdue since ")
    assert (second.text, second.overdue) == ("Nächste Woche", False)
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(make_user(Role.PRODUCT_OWNER))
    assert "KPI measurements due" not in todo_lists(other.get("/"))


def test_the_product_owner_is_reminded_once_per_due_date(owner):
    pilot = owned(Stage.PILOT, "Ticket-Triage", owner)
    unowned = at_stage(Stage.PILOT, title="Ohne Verantwortliche")
    due = kpi(pilot, "Bearbeitungszeit", D(2026, 10, 1))
    kpi(unowned, "Niemandem", D(2026, 10, 1))

    assert kpi_reminders(D(2026, 12, 7)) == 1
    assert kpi_reminders(D(2026, 12, 8)) == 0

    reminder = Notification.objects.get(recipient=owner)
    words = event_named(reminder.event).words(reminder.params)
    assert words == (
        "“Bearbeitungszeit” of “Ticket-Triage” is due to be measured (since 31/10/2026)."
    )
    assert reminder.url == f"/portfolio/{pilot.pk}/#kpi-{due.pk}"
    with translation.override("de"):
        assert event_named(reminder.event).words(reminder.params) == (
            "„Bearbeitungszeit“ von „Ticket-Triage“ ist zur Messung fällig (seit 31.10.2026)."
        )

    KpiMeasurement.objects.create(kpi=due, measured_on=D(2026, 12, 1), value=Decimal("30"))
    assert kpi_reminders(D(2026, 12, 31)) == 1  # the next value, due on 31 December
