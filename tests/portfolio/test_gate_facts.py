"""Hole 2, "gate removal by edit": the facts the gates depend on change only audited, and
after approval only with the data-protection officer's confirmation.

``PATCH /api/v1/use-cases/{id} {"personal_data": false}`` (or the edit page) used to drop
the DPIA and ethics gates of an approved use case at once, with no audit event.
"""

from __future__ import annotations

import pytest

from tests.support.api import bearer
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import FactChange, Stage, UseCase
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db


def approved_use_case(owner, steerco) -> UseCase:
    use_case = score_all(make_use_case(personal_data=True, title="Bewerberauswahl"))
    product_owner_set(use_case=use_case, person=owner.person, actor=None)
    for stage in (Stage.ASSESSED, Stage.APPROVED):
        use_case_move(use_case=use_case, to=stage, actor=steerco, reason="SteerCo")
    return use_case


def patch(client, use_case: UseCase, user, **fields):
    return client.patch(
        f"/api/v1/use-cases/{use_case.pk}",
        fields,
        content_type="application/json",
        headers=bearer(user),
    )


def decide(client, change: FactChange, user, confirm: bool, note: str = ""):
    return client.post(
        f"/api/v1/use-cases/{change.use_case_id}/fact-changes/{change.pk}/decision",
        {"confirm": confirm, "note": note},
        content_type="application/json",
        headers=bearer(user),
    )


def edit_form(use_case: UseCase, **overrides) -> dict[str, object]:
    data = {
        "title": use_case.title,
        "problem": use_case.problem,
        "process": use_case.process,
        "unit": use_case.unit_id,
        "expected_benefit": use_case.expected_benefit,
        "data_involved": use_case.data_involved,
        "capability": use_case.capability,
        "personal_data": "on" if use_case.personal_data else "",
        **overrides,
    }
    return {k: v for k, v in data.items() if v != ""}


def personal_data_of(use_case: UseCase) -> bool:
    use_case.refresh_from_db()
    return use_case.personal_data


# Over the API --------------------------------------------------------------------------


def test_after_approval_an_owner_unticking_personal_data_over_the_api_only_asks(
    client, owner, steerco
):
    use_case = approved_use_case(owner, steerco)

    response = patch(client, use_case, owner, personal_data=False, title="Bewerberauswahl 2")

    assert response.status_code == 200
    body = response.json()
    assert body["personal_data"] is True
    assert body["title"] == "Bewerberauswahl 2"
    (pending,) = body["pending_fact_changes"]
    assert (pending["field"], pending["old_value"], pending["new_value"]) == (
        "personal_data",
        True,
        False,
    )
    assert pending["status"] == "pending"
    assert personal_data_of(use_case) is True
    asked = AuditEvent.objects.get(action="portfolio.fact_change_requested")
    assert asked.actor == owner
    assert asked.changes == {
        "fact_change": pending["id"],
        "personal_data": {"from": True, "to": False},
    }


def test_the_dpo_confirms_over_the_api_and_the_fact_changes_audited(
    client, owner, steerco, privacy
):
    use_case = approved_use_case(owner, steerco)
    patch(client, use_case, owner, personal_data=False)
    change = FactChange.objects.get()

    refused = decide(client, change, owner, confirm=True)
    response = decide(client, change, privacy, confirm=True, note="Nur anonymisierte Daten.")

    assert refused.status_code == 403
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    assert personal_data_of(use_case) is False
    event = AuditEvent.objects.get(action="portfolio.fact_change_confirmed")
    assert event.actor == privacy
    assert event.changes == {
        "fact_change": change.pk,
        "note": "Nur anonymisierte Daten.",
        "personal_data": {"from": True, "to": False},
    }
    assert decide(client, change, privacy, confirm=False).status_code == 409


def test_the_dpo_rejects_over_the_api_and_the_use_case_keeps_its_gates(
    client, owner, steerco, privacy
):
    use_case = approved_use_case(owner, steerco)
    patch(client, use_case, owner, personal_data=False)
    change = FactChange.objects.get()

    response = decide(client, change, privacy, confirm=False, note="Namen stehen im Text.")

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert personal_data_of(use_case) is True
    assert AuditEvent.objects.get(action="portfolio.fact_change_rejected").actor == privacy
    detail = client.get(f"/api/v1/use-cases/{use_case.pk}", headers=bearer(owner)).json()
    assert detail["pending_fact_changes"] == []


def test_the_steering_committee_is_no_way_around_the_dpo_either(client, owner, steerco):
    use_case = approved_use_case(owner, steerco)

    response = patch(client, use_case, steerco, personal_data=False)

    assert response.json()["personal_data"] is True
    assert FactChange.objects.filter(status="pending").count() == 1


def test_before_approval_the_change_applies_at_once_and_is_audited(client, owner, steerco):
    use_case = make_use_case(personal_data=True)
    product_owner_set(use_case=use_case, person=owner.person, actor=None)

    response = patch(client, use_case, owner, personal_data=False)

    assert response.status_code == 200
    assert response.json()["personal_data"] is False
    assert response.json()["pending_fact_changes"] == []
    assert not FactChange.objects.exists()
    event = AuditEvent.objects.get(action="portfolio.changed")
    assert event.actor == owner
    assert event.changes == {"personal_data": {"from": True, "to": False}}


def test_ticking_personal_data_after_approval_adds_gates_at_once(client, owner, steerco):
    use_case = approved_use_case(owner, steerco)
    UseCase.objects.filter(pk=use_case.pk).update(personal_data=False)

    response = patch(client, use_case, owner, personal_data=True)

    assert response.json()["personal_data"] is True
    assert not FactChange.objects.exists()


# On the pages --------------------------------------------------------------------------


def test_on_the_edit_page_an_owner_unticking_personal_data_only_asks(client, owner, steerco):
    use_case = approved_use_case(owner, steerco)
    client.force_login(owner)

    response = client.post(
        f"/portfolio/{use_case.pk}/edit/", edit_form(use_case, personal_data=""), follow=True
    )

    assert response.status_code == 200
    assert "awaits the data-protection officer" in response.content.decode()
    assert personal_data_of(use_case) is True
    assert FactChange.objects.get().requested_by == owner
    assert AuditEvent.objects.filter(action="portfolio.fact_change_requested").count() == 1


def test_on_the_use_case_page_the_dpo_confirms(client, owner, steerco, privacy):
    use_case = approved_use_case(owner, steerco)
    client.force_login(owner)
    client.post(f"/portfolio/{use_case.pk}/edit/", edit_form(use_case, personal_data=""))
    change = FactChange.objects.get()
    client.force_login(privacy)

    page = client.get(f"/portfolio/{use_case.pk}/")
    response = client.post(
        f"/portfolio/fact-changes/{change.pk}/decision/", {"decision": "confirm", "note": "ok"}
    )

    assert f"/portfolio/fact-changes/{change.pk}/decision/" in page.content.decode()
    assert response.status_code == 302
    assert personal_data_of(use_case) is False
    assert AuditEvent.objects.filter(action="portfolio.fact_change_confirmed").count() == 1


def test_on_the_use_case_page_the_dpo_rejects_and_others_may_not_decide(
    client, owner, steerco, privacy
):
    use_case = approved_use_case(owner, steerco)
    client.force_login(owner)
    client.post(f"/portfolio/{use_case.pk}/edit/", edit_form(use_case, personal_data=""))
    change = FactChange.objects.get()
    url = f"/portfolio/fact-changes/{change.pk}/decision/"

    assert client.post(url, {"decision": "confirm"}).status_code == 403
    client.force_login(privacy)
    response = client.post(url, {"decision": "reject"})

    assert response.status_code == 302
    assert personal_data_of(use_case) is True
    change.refresh_from_db()
    assert (change.status, change.decided_by) == ("rejected", privacy)


# The decision is the data-protection officer's role, not a set of permissions -----------


def test_a_programme_admin_who_is_not_the_dpo_only_asks_and_may_not_decide(
    client, owner, steerco, privacy
):
    """A programme admin holds every permission, the DPO's included; the role decides."""
    admin = make_user(Role.ADMIN, email="programme.admin@example.com")
    use_case = approved_use_case(owner, steerco)

    response = patch(client, use_case, admin, personal_data=False)

    assert response.json()["personal_data"] is True
    change = FactChange.objects.get(status="pending")
    assert decide(client, change, admin, confirm=True).status_code == 403
    client.force_login(admin)
    assert (
        client.post(
            f"/portfolio/fact-changes/{change.pk}/decision/", {"decision": "confirm"}
        ).status_code
        == 403
    )
    page = client.get(f"/portfolio/{use_case.pk}/").content.decode()
    assert f"/portfolio/fact-changes/{change.pk}/decision/" not in page
    assert personal_data_of(use_case) is True
    assert decide(client, change, privacy, confirm=True).status_code == 200
    assert personal_data_of(use_case) is False


def test_an_owner_who_is_also_the_dpo_unticks_personal_data_at_once(client, steerco):
    owner_and_dpo = make_user(
        Role.PRODUCT_OWNER, Role.DATA_PROTECTION, email="owner.dpo@example.com"
    )
    use_case = approved_use_case(owner_and_dpo, steerco)

    response = patch(client, use_case, owner_and_dpo, personal_data=False)

    assert response.json()["personal_data"] is False
    assert not FactChange.objects.exists()
