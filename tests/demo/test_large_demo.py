"""The large demo (400 units, 20,000 people, 3,000 use cases, 500,000 survey responses),
loaded once for the module: it loads completely and consistently, and with it the portfolio
pages and API ask the database as often as with a handful of use cases (nothing is fetched
per use case).

Loading it takes minutes, so every test that needs it lives here and shares one load."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.test import Client

from tests.support.api import bearer
from tests.support.queries import Shows, api_items, api_rows, assert_queries_do_not_grow
from wandel.core.models import User
from wandel.feedback.surveys.models import Response
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.models import Criterion, Stage, UseCase


def numbers_shown(response: HttpResponse) -> int:
    """The sum of the figures a page shows in bold: the funnel's counts, the key figures."""
    page = response.content.decode()
    return sum(int(number) for number in re.findall(r"<strong[^>]*>(\d+)</strong>", page))


def use_cases_drawn(response: HttpResponse) -> int:
    """Use cases on the matrix: one per bubble, or as many as each cluster says it holds."""
    page = response.content.decode()
    clustered = re.findall(r'class="cluster-count"[^>]*>(\d+)<', page)
    return page.count('class="bubble"') + sum(int(number) for number in clustered)


# One of each per score row, move, KPI, measurement (a point of its chart) and requirement.
DETAIL_MARKERS = (
    "<tr",
    'class="move"',
    'class="kpi"',
    '<circle class="measurement"',
    'class="requirement"',
)


def detail_rows(response: HttpResponse) -> int:
    page = response.content.decode()
    return sum(page.count(marker) for marker in DETAIL_MARKERS)


LISTS: list[tuple[str, Shows]] = [
    ("/portfolio/", "<tr"),
    ("/portfolio/?sort=title&stage=pilot", "<tr"),
    ("/portfolio/matrix/", use_cases_drawn),
    ("/portfolio/funnel/", numbers_shown),
    ("/", numbers_shown),
]


pytestmark = pytest.mark.django_db

DELIVERED = (Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION)


def test_the_large_demo_loads_every_part(large_demo):
    assert Unit.objects.count() == 400
    assert Person.objects.count() == 20_000
    assert "20000 people in 400 units" in large_demo
    # The portfolio's 3,000, and the idea the feedback box promoted to a use case.
    assert UseCase.objects.count() == 3_000 + 1
    assert set(UseCase.objects.values_list("stage", flat=True)) == set(Stage)
    criteria = Criterion.objects.filter(active=True).count()
    not_fully_scored = (
        UseCase.objects.exclude(stage=Stage.IDEA)
        .annotate(scored=Count("scores", distinct=True))
        .exclude(scored=criteria)
    )
    assert not not_fully_scored.exists()
    assert not UseCase.objects.exclude(stage=Stage.IDEA).filter(total_score__isnull=True).exists()
    assert not UseCase.objects.filter(vetoed=True, stage__in=DELIVERED).exists()
    # 500,000 in the closed waves, and the few given on the pulse survey's open wave.
    assert 500_000 <= Response.objects.count() < 500_100
    call_command("audit", "verify", stdout=StringIO())


def test_pages_ask_the_same_number_of_queries_with_3000_use_cases_as_with_a_handful(large_demo):
    admin = User.objects.get(email="admin@example.com")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    headers = bearer(admin)
    client.get("/api/v1/use-cases", headers=headers)  # the token's first use of the day

    keep = [
        *UseCase.objects.order_by("pk").values_list("pk", flat=True)[:4],
        UseCase.objects.filter(stage="pilot").values_list("pk", flat=True).first(),
    ]
    # Decisions, budgets and risks keep their use cases (PROTECT); those stay in the small set.
    governed = UseCase.objects.filter(
        Q(decisions__isnull=False) | Q(budget_requests__isnull=False) | Q(risks__isnull=False)
    ).values_list("pk", flat=True)

    def with_a_handful_then_all(
        url: str, shows: Shows, headers: dict[str, str] | None = None
    ) -> None:
        """The page with only the kept use cases, then with all 3,000 back."""
        everything = transaction.savepoint_create()
        UseCase.objects.exclude(pk__in=keep).exclude(pk__in=list(governed)).delete()
        assert_queries_do_not_grow(
            client,
            url,
            grow=lambda: transaction.savepoint_rollback(everything),
            shows=shows,
            headers=headers,
        )

    for url, shows in LISTS:
        with_a_handful_then_all(url, shows)
    with_a_handful_then_all("/api/v1/use-cases", api_items, headers=headers)

    # A use case's page holds only its own data: the one that holds the least, then the one
    # that holds the most, both with KPIs and a submitter (without them, their measurements
    # and the submitter's account are not asked for), and both with a gated move ahead (the
    # page then reads what the gate's checklist needs).
    measured = (
        UseCase.objects.filter(
            kpis__isnull=False,
            submitted_by__isnull=False,
            stage__in=["approved", "prototype", "pilot"],
        )
        .annotate(
            rows=Count("kpis", distinct=True)
            + Count("kpis__measurements", distinct=True)
            + Count("moves", distinct=True)
            + Count("requirements", distinct=True)
        )
        .order_by("rows", "pk")
    )
    lean, rich = measured.first(), measured.last()
    assert_queries_do_not_grow(
        client, f"/portfolio/{lean.pk}/", grow=lambda: f"/portfolio/{rich.pk}/", shows=detail_rows
    )
    assert_queries_do_not_grow(
        client,
        f"/api/v1/use-cases/{lean.pk}",
        grow=lambda: f"/api/v1/use-cases/{rich.pk}",
        shows=api_rows,
        headers=headers,
    )
