"""Every change of a use case is an audited action: edits and team changes on the pages, the
default criteria seeded after migrate."""

from __future__ import annotations

import pytest

from tests.support.personas import make_person, make_unit
from tests.support.portfolio import make_use_case
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.portfolio.use_cases.defaults import criteria_ensure_defaults
from wandel.portfolio.use_cases.models import Criterion, Score

pytestmark = pytest.mark.django_db


def form_data(use_case, **overrides):
    return {
        "title": use_case.title,
        "problem": use_case.problem,
        "process": use_case.process,
        "unit": use_case.unit_id,
        "expected_benefit": use_case.expected_benefit,
        "data_involved": use_case.data_involved,
        "capability": use_case.capability,
        **overrides,
    }


def test_the_edit_page_records_the_changed_fields_before_and_after(client, steerco):
    use_case = make_use_case(title="Alter Titel")
    client.force_login(steerco)

    response = client.post(
        f"/portfolio/{use_case.pk}/edit/", form_data(use_case, title="Neuer Titel")
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="portfolio.changed")
    assert event.actor == steerco
    assert event.target_id == str(use_case.pk)
    assert event.changes == {"title": {"from": "Alter Titel", "to": "Neuer Titel"}}
    assert audit_verify().ok


def test_saving_the_edit_page_unchanged_writes_no_event(client, steerco):
    use_case = make_use_case()
    client.force_login(steerco)

    client.post(f"/portfolio/{use_case.pk}/edit/", form_data(use_case))

    assert not AuditEvent.objects.filter(action="portfolio.changed").exists()


def test_the_team_page_records_team_linked_units_and_owner(client, steerco):
    use_case = make_use_case()
    member = make_person(first_name="Mia", last_name="Muster")
    owner = make_person(first_name="Olaf", last_name="Owner", roles=(Role.PRODUCT_OWNER,))
    linked = make_unit(name="Einkauf")
    client.force_login(steerco)

    response = client.post(
        f"/portfolio/{use_case.pk}/team/",
        {"product_owner": owner.pk, "team": [member.pk], "linked_units": [linked.pk]},
    )

    assert response.status_code == 302
    team = AuditEvent.objects.get(action="portfolio.team_changed")
    assert team.changes == {
        "team": {"from": [], "to": ["Mia Muster"]},
        "linked_units": {"from": [], "to": ["Einkauf"]},
    }
    assert AuditEvent.objects.get(action="portfolio.owner_changed").changes == {
        "from": None,
        "to": owner.email,
    }


def test_the_default_criteria_are_seeded_with_an_audit_event_without_actor():
    assert AuditEvent.objects.filter(action="portfolio.criteria_seeded").exists()
    Score.objects.all().delete()
    Criterion.objects.all().delete()

    criteria_ensure_defaults()

    event = AuditEvent.objects.filter(action="portfolio.criteria_seeded").latest("id")
    assert event.actor is None
    names = [row["name_en"] for row in event.changes["created"]]
    assert names[:2] == ["Time saved", "Quality gain"]
    assert len(names) == Criterion.objects.count()
    assert audit_verify().ok
