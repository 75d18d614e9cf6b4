from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from tests.support.personas import PERSONAS, make_user
from wandel.core.models import User
from wandel.core.roles import Role

# run_counts writes what was collected, deselected and run when WANDEL_RUN_COUNTS is set
# (.ci/run); clock runs the suite on the day WANDEL_TEST_TODAY names, to find date dependence.
pytest_plugins = [
    "tests.support.run_counts",
    "tests.support.clock",
    "tests.support.mail",
    "tests.support.demo",
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts in English; a German request in one test must not leak into the next."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def admin(db) -> User:
    return make_user(Role.ADMIN, email="admin@example.com")


@pytest.fixture
def steerco(db) -> User:
    return make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")


@pytest.fixture
def owner(db) -> User:
    return make_user(Role.PRODUCT_OWNER, email="owner@example.com")


@pytest.fixture
def council(db) -> User:
    return make_user(Role.WORKS_COUNCIL, email="council@example.com")


@pytest.fixture
def privacy(db) -> User:
    return make_user(Role.DATA_PROTECTION, email="privacy@example.com")


@pytest.fixture
def employee(db) -> User:
    return make_user(email="employee@example.com")


@pytest.fixture
def personas(db) -> dict[str, User]:
    """One account per role, keyed by persona name (see tests.support.personas.PERSONAS)."""
    return {
        name: make_user(*roles, email=f"{name}@example.com") for name, roles in PERSONAS.items()
    }


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def admin_client(client: Client, admin: User) -> Client:
    client.force_login(admin)
    return client
