"""The demo organisation in tests: loaded once per module and shared by its tests, the demo
logins, and a count of the rows a load writes.

Loading the small demo takes seconds and the large one minutes, so a module whose tests read
the demo loads it once (``small_demo``, ``large_demo``): the load is committed, every test
still runs in its own transaction that is rolled back (so what one test changes the next
does not see), and the database is emptied when the module is done. A module that uses one
of them must hold only tests that expect the demo in the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.demo.generator import load_demo
from wandel.governance.ai_act.models import Classification
from wandel.governance.budgets.models import BudgetRequest
from wandel.governance.decisions.models import (
    Body,
    BodyMembership,
    Decision,
    DecisionCondition,
    Meeting,
)
from wandel.governance.reviews.codetermination.models import CouncilInvolvement
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.governance.risks.models import Risk
from wandel.org.models import (
    Concern,
    Person,
    RoleAssignment,
    StakeholderGroup,
    Touchpoint,
    Unit,
)
from wandel.portfolio.measures.models import Kpi, KpiMeasurement
from wandel.portfolio.use_cases.models import Score, StageChange, UseCase
from wandel.portfolio.workshops.models import Vote, Workshop


def _loaded_once(size: str, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    out = StringIO()
    with django_db_blocker.unblock():
        assert load_demo(size, stdout=out) is True
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def small_demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The small demo (12 units, 250 people), loaded once for the module; what it printed."""
    yield from _loaded_once("small", django_db_blocker)


@pytest.fixture(scope="module")
def large_demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The large demo (400 units, 20,000 people, 3,000 use cases, 500,000 survey responses),
    loaded once for the module; what it printed."""
    yield from _loaded_once("large", django_db_blocker)


DEMO_LOGINS = {
    "admin@example.com": Role.ADMIN,
    "steerco@example.com": Role.STEERING_COMMITTEE,
    "owner@example.com": Role.PRODUCT_OWNER,
    "ethics@example.com": Role.ETHICS_BOARD,
    "council@example.com": Role.WORKS_COUNCIL,
    "privacy@example.com": Role.DATA_PROTECTION,
    "it@example.com": Role.IT_SECURITY,
    "trainer@example.com": Role.TRAINER,
    "employee@example.com": None,
}


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Unit,
            Person,
            User,
            RoleAssignment,
            StakeholderGroup,
            Concern,
            Touchpoint,
            AuditEvent,
            UseCase,
            Score,
            StageChange,
            Kpi,
            KpiMeasurement,
            Workshop,
            Vote,
            Body,
            BodyMembership,
            Meeting,
            Decision,
            DecisionCondition,
            Classification,
            EthicsReview,
            DpiaCheck,
            Dpia,
            CouncilInvolvement,
            BudgetRequest,
            Risk,
        )
    }
