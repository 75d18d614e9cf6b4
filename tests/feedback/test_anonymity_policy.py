"""The floor of the minimum group size: set by an admin, confirmed by the works council, a
new value needing a new confirmation; every survey's results use it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.personas import make_user
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import AnonymityPolicy, AuditEvent
from wandel.core.queries import anonymity_floor
from wandel.core.roles import Role
from wandel.feedback.surveys.policy import anonymity_floor_confirm, anonymity_floor_set

pytestmark = pytest.mark.django_db


def test_without_a_policy_the_floor_is_five():
    assert anonymity_floor() == 5


def test_an_admin_sets_the_floor_and_the_council_confirms_it():
    admin = make_user(Role.ADMIN)
    council = make_user(Role.WORKS_COUNCIL)
    policy = anonymity_floor_set(min_group=7, actor=admin)
    assert (policy.min_group, policy.set_by, policy.confirmed_at) == (7, admin, None)
    assert anonymity_floor() == 7
    confirmed = anonymity_floor_confirm(actor=council)
    assert confirmed.confirmed_by == council
    with pytest.raises(ConflictError):
        anonymity_floor_confirm(actor=council)
    events = list(AuditEvent.objects.order_by("id").values_list("action", "changes"))
    assert events[-2:] == [
        ("feedback.anonymity_set", {"min_group": {"from": 5, "to": 7}}),
        ("feedback.anonymity_confirmed", {"min_group": 7}),
    ]


def test_a_new_value_needs_a_new_confirmation_and_the_same_value_keeps_it():
    admin = make_user(Role.ADMIN)
    council = make_user(Role.WORKS_COUNCIL)
    anonymity_floor_set(min_group=6, actor=admin)
    anonymity_floor_confirm(actor=council)
    kept = anonymity_floor_set(min_group=6, actor=admin)
    assert kept.confirmed_by == council
    changed = anonymity_floor_set(min_group=8, actor=admin)
    assert (changed.min_group, changed.confirmed_by, changed.confirmed_at) == (8, None, None)
    assert AnonymityPolicy.objects.count() == 1


def test_the_council_can_confirm_the_default():
    policy = anonymity_floor_confirm(actor=make_user(Role.WORKS_COUNCIL))
    assert policy.min_group == 5
    assert policy.set_by is None


def test_a_floor_below_three_is_refused_and_nothing_is_saved():
    with pytest.raises(DomainError) as refused:
        anonymity_floor_set(min_group=2, actor=make_user(Role.ADMIN))
    assert refused.value.field == "min_group"
    assert not AnonymityPolicy.objects.exists()


def test_the_page_shows_the_floor_and_the_council_confirms_there(client):
    council = make_user(Role.WORKS_COUNCIL)
    client.force_login(council)
    url = reverse("feedback:anonymity_policy")
    page = client.get(url).content.decode()
    assert 'id="floor">5<' in page
    assert "Not confirmed yet" in page
    assert "Change the floor" not in page
    client.post(reverse("feedback:anonymity_policy_confirm"))
    assert "Confirmed by" in client.get(url).content.decode()


def test_an_admin_changes_the_floor_on_the_page_and_a_bad_value_changes_nothing(client):
    client.force_login(make_user(Role.ADMIN))
    client.post(reverse("feedback:anonymity_policy_set"), {"min_group": "two"})
    client.post(reverse("feedback:anonymity_policy_set"), {"min_group": "1"})
    assert not AnonymityPolicy.objects.exists()
    client.post(reverse("feedback:anonymity_policy_set"), {"min_group": "9"})
    assert AnonymityPolicy.objects.get().min_group == 9
