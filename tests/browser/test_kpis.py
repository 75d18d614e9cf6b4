"""A product owner measures a use case: adds a KPI, records values, sees them in the chart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.org.models import Person
from wandel.portfolio.measures.models import Kpi, KpiMeasurement

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_product_owner_adds_a_kpi_records_two_values_and_sees_them_in_the_chart(
    page: Page, live_server
):
    owner = make_user(Role.PRODUCT_OWNER, email="owner@example.com")
    use_case = make_use_case(title="Answer drafts for support")
    use_case.product_owner = Person.objects.get(user=owner)
    use_case.save()
    today = timezone.localdate()
    sign_in(page, live_server, "owner@example.com")

    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/")
    kpis = page.locator("#kpis")
    expect(kpis.get_by_text("No KPIs yet.")).to_be_visible()
    kpis.get_by_label("Name").fill("Handling time")
    kpis.get_by_label("Unit of measure").fill("min")
    kpis.get_by_label("Direction").select_option(label="Lower is better")
    kpis.get_by_label("Baseline:", exact=True).fill("12")
    kpis.get_by_label("Baseline date").fill((today - timedelta(days=60)).isoformat())
    kpis.get_by_label("Target:", exact=True).fill("8")
    kpis.get_by_label("Target date").fill((today + timedelta(days=120)).isoformat())
    kpis.get_by_role("button", name="Add KPI").click()

    expect(page.locator(".message.success")).to_have_text("KPI “Handling time” added.")
    kpi = page.locator("article.kpi", has_text="Handling time")
    chart = kpi.get_by_role("img", name="Handling time over time")
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(0)

    kpi.get_by_label("Date").fill((today - timedelta(days=30)).isoformat())
    kpi.get_by_label("Value").fill("11")
    kpi.get_by_role("button", name="Record measurement").click()
    expect(page.locator(".message.success")).to_contain_text("Handling time: value for")

    kpi.get_by_label("Value").fill("10")
    kpi.get_by_label("Note").fill("after the prompt change")
    kpi.get_by_role("button", name="Record measurement").click()

    expect(chart.locator("circle")).to_have_count(2)
    expect(chart.locator("polyline")).to_have_count(1)
    expect(chart.locator("line.baseline")).to_have_count(1)
    expect(chart.locator("line.target")).to_have_count(1)
    expect(kpi).to_contain_text("50 % of the way to the target")
    kpi.locator("summary", has_text="2 measurements").click()
    expect(kpi.get_by_role("table")).to_contain_text("after the prompt change")
    assert Kpi.objects.get().use_case == use_case
    assert KpiMeasurement.objects.count() == 2
