"""Handing a use case to another product owner is the steering committee's and the
programme admins' decision alone: a product owner may edit their own use case but not
give it away, through the service, the team page or the edit (issue 8)."""

from __future__ import annotations

import pytest

from tests.support.personas import make_person
from tests.support.portfolio import make_use_case
from wandel.core.errors import NotPermitted
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.portfolio.use_cases.services import product_owner_set, team_set, use_case_update

pytestmark = pytest.mark.django_db

REFUSAL = "Only the steering committee and programme admins change product owners."


@pytest.fixture
def own(owner):
    use_case = make_use_case()
    product_owner_set(use_case=use_case, person=owner.person, actor=None)
    use_case.refresh_from_db()
    return use_case


@pytest.fixture
def successor():
    return make_person(roles=(Role.PRODUCT_OWNER,), email="successor@example.com")


def owner_changes() -> int:
    return AuditEvent.objects.filter(action="portfolio.owner_changed").count()


def test_a_product_owner_cannot_hand_their_use_case_to_another(own, owner, successor):
    before = owner_changes()
    with pytest.raises(NotPermitted) as refused:
        product_owner_set(use_case=own, person=successor, actor=owner)
    assert str(refused.value) == REFUSAL
    own.refresh_from_db()
    assert own.product_owner.email == "owner@example.com"
    assert owner_changes() == before


def test_a_product_owner_cannot_change_the_owner_while_editing(own, owner, successor):
    with pytest.raises(NotPermitted):
        use_case_update(use_case=own, actor=owner, product_owner=successor, title="Given away")
    own.refresh_from_db()
    assert own.product_owner.email == "owner@example.com"
    assert own.title != "Given away"


def test_a_product_owner_cannot_change_the_owner_with_the_team(own, owner, successor):
    with pytest.raises(NotPermitted):
        team_set(use_case=own, team=[], linked_units=[], actor=owner, product_owner=successor)
    own.refresh_from_db()
    assert own.product_owner.email == "owner@example.com"


def test_a_product_owner_cannot_remove_the_owner(own, owner):
    with pytest.raises(NotPermitted):
        product_owner_set(use_case=own, person=None, actor=owner)
    own.refresh_from_db()
    assert own.product_owner.email == "owner@example.com"


def test_the_team_page_keeps_the_owner_a_product_owner_posts(client, own, owner, successor):
    client.force_login(owner)
    response = client.post(
        f"/portfolio/{own.pk}/team/", {"product_owner": successor.pk, "team": [successor.pk]}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.product_owner.email == "owner@example.com"
    assert [p.email for p in own.team.all()] == ["successor@example.com"]


@pytest.mark.parametrize("persona", ["steerco", "admin"])
def test_the_steering_committee_and_admins_hand_it_over(request, persona, own, successor):
    actor = request.getfixturevalue(persona)
    before = owner_changes()
    product_owner_set(use_case=own, person=successor, actor=actor)
    own.refresh_from_db()
    assert own.product_owner.email == "successor@example.com"
    event = AuditEvent.objects.filter(action="portfolio.owner_changed").order_by("-id").first()
    assert event.changes == {"from": "owner@example.com", "to": "successor@example.com"}
    assert owner_changes() == before + 1
