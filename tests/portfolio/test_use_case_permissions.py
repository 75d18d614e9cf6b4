"""Who may edit and move a use case, written out by hand: product owners their own use
cases and only the moves after approval; the steering committee and admins any; others
none (issue 8: expectations are never imported from ``wandel.portfolio.permissions``)."""

from __future__ import annotations

import pytest

from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import User
from wandel.portfolio.use_cases.permissions import can_edit, can_move, can_score, owns
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db

STAGES = [
    "idea",
    "assessed",
    "approved",
    "prototype",
    "pilot",
    "production",
    "retired",
    "rejected",
    "on_hold",
]
# The moves a product owner may make on their own use case.
OWNER_MOVES = ["prototype", "pilot", "production", "retired", "on_hold"]


@pytest.fixture
def own(owner):
    use_case = make_use_case()
    product_owner_set(use_case=use_case, person=owner.person, actor=None)
    use_case.refresh_from_db()
    return use_case


@pytest.mark.parametrize("to", STAGES)
def test_a_product_owner_makes_only_the_moves_after_approval_on_their_own(own, owner, to):
    assert can_move(owner, own, to) is (to in OWNER_MOVES)


@pytest.mark.parametrize("to", STAGES)
def test_a_product_owner_moves_nobody_elses_use_case(owner, to):
    other = make_use_case()
    product_owner_set(use_case=other, person=make_user("product_owner").person, actor=None)
    other.refresh_from_db()
    assert can_move(owner, other, to) is False
    assert can_move(owner, make_use_case(), to) is False


@pytest.mark.parametrize("to", STAGES)
def test_the_steering_committee_and_admins_make_every_move(steerco, admin, own, to):
    assert can_move(steerco, own, to) is True
    assert can_move(admin, own, to) is True


def test_editing_is_for_the_owner_the_steering_committee_and_admins(
    own, owner, steerco, admin, employee, council
):
    assert [can_edit(u, own) for u in (owner, steerco, admin, employee, council)] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_owning_needs_the_role_as_well_as_the_name(own, owner):
    assert owns(owner, own) is True
    owner.person.roles.all().delete()
    fresh = User.objects.get(pk=owner.pk)
    assert owns(fresh, own) is False
    assert can_edit(fresh, own) is False


def test_a_use_case_without_owner_is_owned_by_nobody(owner):
    assert owns(owner, make_use_case()) is False


def test_scoring_is_for_the_steering_committee_and_admins(owner, steerco, admin, employee):
    assert [can_score(u) for u in (owner, steerco, admin, employee)] == [
        False,
        True,
        True,
        False,
    ]
