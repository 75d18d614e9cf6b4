"""Every 400 of the review endpoints (ethics reviews, DPIA, works council) is the shared error
body: ``detail`` and ``errors`` by field, as the OpenAPI document says.

These endpoints used to build their own ``{"detail": …}`` answers, so a refusal that names a
field (``monitoring_capable`` before the first assessment, the DPIA's controller) reached
the client without saying which field it concerns.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults
from wandel.governance.reviews.ethics.models import EthicsReview

pytestmark = pytest.mark.django_db

BASE = "/api/v1/governance"
TODAY = "2026-06-10 23:59:59"  # Berlin; the refused date is the next day
TOMORROW = "2026-06-11"


def send(client, method: str, url: str, body: object, user):
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=bearer(user)
    )


def test_patching_council_involvement_before_an_assessment_names_the_missing_field(client):
    council = make_user(Role.WORKS_COUNCIL)
    use_case = make_use_case()

    response = send(
        client,
        "patch",
        f"{BASE}/use-cases/{use_case.pk}/council-involvement",
        {"consultation_notes": "Erstes Gespräch."},
        council,
    )

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"monitoring_capable": [body["detail"]]}


def test_a_council_agreement_without_its_reference_is_refused_at_the_reference(client):
    council = make_user(Role.WORKS_COUNCIL)
    use_case = make_use_case()

    response = send(
        client,
        "put",
        f"{BASE}/use-cases/{use_case.pk}/council-involvement",
        {
            "monitoring_capable": True,
            "information_given_on": None,
            "consultation_notes": "",
            "agreement_status": "agreed",
            "agreement_reference": "",
            "agreement_clauses": "",
        },
        council,
    )

    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["agreement_reference"]
    assert body["errors"]["agreement_reference"] == [body["detail"]]


@frozen(TODAY)
def test_a_council_involvement_informed_tomorrow_is_refused_at_the_date(client):
    council = make_user(Role.WORKS_COUNCIL)
    use_case = make_use_case()

    response = send(
        client,
        "patch",
        f"{BASE}/use-cases/{use_case.pk}/council-involvement",
        {"monitoring_capable": False, "information_given_on": TOMORROW},
        council,
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["information_given_on"]


def test_only_the_named_controller_approves_the_dpia_and_the_error_names_the_controller(client):
    privacy = make_user(Role.DATA_PROTECTION)
    controller = make_person(first_name="Clara", last_name="Controller")
    use_case = make_use_case(personal_data=True)
    url = f"{BASE}/use-cases/{use_case.pk}/dpia"
    full = {
        "description": "d",
        "necessity": "n",
        "risks": "r",
        "measures": "m",
        "data_subject_views": "v",
        "dpo_opinion": "o",
        "controller": controller.pk,
        "residual_risk_high": False,
        "prior_consultation": "",
        "review_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
    }
    assert send(client, "put", url, {**full, "status": "draft"}, privacy).status_code == 200

    response = send(client, "patch", url, {"status": "completed"}, privacy)

    assert response.status_code == 400
    body = response.json()
    assert "Clara Controller" in body["detail"]
    assert body["errors"] == {"controller": [body["detail"]]}


def test_signing_off_an_incomplete_dpia_names_each_missing_section(client):
    privacy = make_user(Role.DATA_PROTECTION)
    use_case = make_use_case(personal_data=True)
    url = f"{BASE}/use-cases/{use_case.pk}/dpia"
    send(client, "patch", url, {"description": "d", "necessity": "n"}, privacy)

    response = send(client, "patch", url, {"status": "completed"}, privacy)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {
        "risks",
        "measures",
        "data_subject_views",
        "dpo_opinion",
        "controller",
        "review_on",
    }
    assert errors["risks"] == ["Fill in this before the DPIA is signed off."]


@frozen(TODAY)
def test_an_ethics_condition_closed_tomorrow_is_refused_at_the_date(client):
    checklist_ensure_defaults()
    ethics = make_user(Role.ETHICS_BOARD)
    use_case = make_use_case()
    created = send(
        client,
        "post",
        f"{BASE}/use-cases/{use_case.pk}/ethics-reviews",
        {"conditions": [{"text": "Log every answer.", "owner": make_person().pk}]},
        ethics,
    ).json()
    EthicsReview.objects.filter(pk=created["id"]).update(
        status="completed",
        outcome="approved_with_conditions",
        reasons="r",
        completed_on=timezone.localdate(),
    )
    condition_id = created["conditions"][0]["id"]

    response = send(
        client,
        "post",
        f"{BASE}/ethics-conditions/{condition_id}/close",
        {"closing_note": "Done.", "closed_on": TOMORROW},
        ethics,
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["closed_on"]


def test_a_second_draft_review_is_refused_with_the_shared_body(client):
    checklist_ensure_defaults()
    ethics = make_user(Role.ETHICS_BOARD)
    use_case = make_use_case()
    url = f"{BASE}/use-cases/{use_case.pk}/ethics-reviews"
    send(client, "post", url, {}, ethics)

    response = send(client, "post", url, {}, ethics)

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_the_openapi_document_gives_the_shared_error_body_for_every_400_of_the_reviews(client):
    spec = client.get("/api/v1/openapi.json").json()
    error_schemas = set()
    for path, item in spec["paths"].items():
        if not any(part in path for part in ("ethics", "dpia", "council-involvement")):
            continue
        for method, operation in item.items():
            if method not in ("post", "put", "patch"):
                continue
            schema = operation["responses"]["400"]["content"]["application/json"]["schema"]
            error_schemas.add(schema["$ref"])
    (ref,) = error_schemas
    properties = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    assert set(properties) == {"detail", "errors"}
