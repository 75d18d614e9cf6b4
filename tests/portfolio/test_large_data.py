"""With the large demo (3,000 use cases) the portfolio pages and API ask the database as
often as with a handful: nothing is fetched per use case."""

from __future__ import annotations

from io import StringIO

import pytest
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wandel.core.models import User
from wandel.core.tokens import api_token_create
from wandel.demo.generator import load_demo
from wandel.portfolio.models import UseCase


def count_queries(client: Client, url: str, **headers: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(context)


@pytest.mark.django_db
def test_pages_ask_the_same_number_of_queries_with_3000_use_cases_as_with_five():
    load_demo("large", stdout=StringIO())
    assert UseCase.objects.count() == 3000
    admin = User.objects.get(email="admin@example.com")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    token = api_token_create(user=admin, name="bench")[1]
    bearer = {"Authorization": f"Bearer {token}"}
    rich = UseCase.objects.filter(kpis__isnull=False).order_by("pk").first()
    pages = [
        "/portfolio/",
        "/portfolio/?sort=title&stage=pilot",
        "/portfolio/matrix/",
        "/portfolio/funnel/",
        f"/portfolio/{rich.pk}/",
        "/",
    ]
    api = ["/api/v1/use-cases", f"/api/v1/use-cases/{rich.pk}"]
    count_queries(client, api[0], **bearer)  # the token's first use of the day is recorded
    large = {url: count_queries(client, url) for url in pages}
    large |= {url: count_queries(client, url, **bearer) for url in api}

    keep = [
        *UseCase.objects.order_by("pk").values_list("pk", flat=True)[:4],
        rich.pk,
        UseCase.objects.filter(stage="pilot").values_list("pk", flat=True).first(),
    ]
    # Decisions, budgets and risks keep their use cases (PROTECT); those stay in the small set.
    governed = UseCase.objects.filter(
        Q(decisions__isnull=False) | Q(budget_requests__isnull=False) | Q(risks__isnull=False)
    ).values_list("pk", flat=True)
    UseCase.objects.exclude(pk__in=keep).exclude(pk__in=list(governed)).delete()
    small = {url: count_queries(client, url) for url in pages}
    small |= {url: count_queries(client, url, **bearer) for url in api}

    assert large == small
