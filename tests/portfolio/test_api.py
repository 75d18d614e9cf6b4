"""The use-case API: list, detail, submit, edit, score, move and measure, with the pages' rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit
from tests.support.portfolio import make_use_case, score_all
from tests.support.queries import api_items, api_rows, assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.portfolio.measures.models import Direction, Kpi, QualityRequirement
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Capability, Criterion, PortfolioAction, Stage, UseCase
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db

URL = "/api/v1/use-cases"


def idea(**fields) -> dict[str, object]:
    return {
        "title": "Antwortentwürfe für Kundenservice-Anfragen",
        "problem": "Answers to customers take two days.",
        "process": "Customer support",
        "unit": "KS",
        "expected_benefit": "Answers within hours",
        "hours_saved_per_month": "120.5",
        "people_helped": 40,
        "data_involved": "Support tickets",
        "personal_data": True,
        "capability": "generation",
        **fields,
    }


def owned_by(user, **fields) -> UseCase:
    use_case = make_use_case(**fields)
    product_owner_set(use_case=use_case, person=user.person, actor=None)
    return use_case


def walk(use_case: UseCase, *stages: str) -> UseCase:
    for stage in stages:
        use_case_move(use_case=use_case, to=stage, actor=None, reason=f"to {stage}")
        use_case.refresh_from_db()
    return use_case


def kpi_of(use_case: UseCase) -> Kpi:
    return Kpi.objects.create(
        use_case=use_case,
        name="First response time",
        unit_of_measure="hours",
        direction=Direction.LOWER,
        baseline_value=Decimal(26),
        baseline_date=date(2025, 1, 1),
        target_value=Decimal(8),
        target_date=date(2026, 1, 1),
    )


def all_scores(value: int = 4) -> list[dict[str, object]]:
    return [
        {
            "criterion_id": c.pk,
            "value": 1 if c.group == "risk" else value,
            "rationale": f"Because of {c.name_en}",
        }
        for c in Criterion.objects.filter(active=True)
    ]


# Reading -------------------------------------------------------------------------------


def test_without_a_token_the_use_cases_answer_401(client):
    assert client.get(URL).status_code == 401
    assert client.post(URL, idea(), content_type="application/json").status_code == 401


def test_every_employee_sees_the_list_and_the_detail(client, employee):
    use_case = make_use_case(title="Vertragsklauseln extrahieren")
    headers = bearer(employee)

    listed = client.get(URL, headers=headers).json()
    detail = client.get(f"{URL}/{use_case.pk}", headers=headers).json()

    assert listed["count"] == 1
    assert listed["items"][0]["title"] == "Vertragsklauseln extrahieren"
    assert listed["items"][0]["unit_code"] == use_case.unit.code
    assert listed["items"][0]["product_owner"] is None
    assert detail["problem"] == use_case.problem
    assert detail["next_stages"] == ["assessed", "rejected", "on_hold"]
    assert client.get(f"{URL}/999999", headers=headers).status_code == 404


def test_the_list_is_paginated_newest_first(client, employee):
    for number in range(55):
        make_use_case(title=f"Idea {number}")
    headers = bearer(employee)
    first = client.get(URL, headers=headers).json()
    second = client.get(f"{URL}?page=2", headers=headers).json()
    assert first["count"] == 55
    assert len(first["items"]) == 50
    assert [item["title"] for item in second["items"]] == [
        "Idea 4",
        "Idea 3",
        "Idea 2",
        "Idea 1",
        "Idea 0",
    ]


def test_the_list_filters_by_stage_unit_capability_owner_and_score(client, steerco, owner):
    support = make_unit(code="KS")
    contracts = score_all(make_use_case(title="Contracts", capability=Capability.EXTRACTION), 5)
    walk(contracts, Stage.ASSESSED)
    weak = score_all(make_use_case(title="Weak", unit=support), 2)
    owned_by(owner, title="Owned", unit=support)
    headers = bearer(steerco)

    def titles(query: str) -> set[str]:
        return {
            item["title"] for item in client.get(f"{URL}?{query}", headers=headers).json()["items"]
        }

    assert titles("stage=assessed") == {"Contracts"}
    assert titles("unit=KS") == {"Weak", "Owned"}
    assert titles("capability=extraction") == {"Contracts"}
    assert titles(f"owner={owner.person.pk}") == {"Owned"}
    assert titles("min_score=60") == {"Contracts"}
    assert titles("min_score=0") == {"Contracts", "Weak"}
    assert weak.total_score < 60 <= contracts.total_score
    assert client.get(f"{URL}?stage=nonsense", headers=headers).status_code == 400


def test_the_list_answers_in_the_same_number_of_queries_for_few_and_many(client, employee):
    owner_person = make_person(roles=(Role.PRODUCT_OWNER,))
    score_all(make_use_case())

    def grow() -> None:
        for _ in range(30):
            use_case = score_all(make_use_case(unit=make_unit()))
            product_owner_set(use_case=use_case, person=owner_person, actor=None)

    assert_queries_do_not_grow(client, URL, grow=grow, shows=api_items, headers=bearer(employee))


def test_the_detail_has_scores_moves_kpis_measurements_and_requirements(client, employee):
    use_case = walk(score_all(make_use_case()), Stage.ASSESSED)
    kpi = kpi_of(use_case)
    kpi.measurements.create(measured_on=date(2025, 3, 1), value=Decimal("20.5"))
    QualityRequirement.objects.create(use_case=use_case, text="No invented prices")

    data = client.get(f"{URL}/{use_case.pk}", headers=bearer(employee)).json()

    assert len(data["scores"]) == Criterion.objects.filter(active=True).count()
    first = data["scores"][0]
    assert first["name"] == "Time saved"
    assert first["group"] == "value"
    assert first["rationale"] == "Rationale for Time saved"
    assert data["moves"][0]["from_stage"] == "idea"
    assert data["moves"][0]["to_stage"] == "assessed"
    assert data["kpis"][0]["measurements"][0]["value"] == "20.50"
    assert data["kpis"][0]["direction"] == "lower"
    assert data["requirements"][0]["status"] == "not_tested"
    assert data["total_score"] == str(use_case.total_score)


def test_the_detail_answers_in_the_same_number_of_queries_however_much_it_holds(client, employee):
    def fill(use_case: UseCase, many: int) -> UseCase:
        use_case.team.set([make_person() for _ in range(many)])
        for number in range(many):
            kpi = kpi_of(use_case)
            for day in range(many):
                kpi.measurements.create(measured_on=date(2025, 1, 1 + day), value=number + day)
            QualityRequirement.objects.create(use_case=use_case, text=f"Requirement {number}")
        return use_case

    small = fill(walk(score_all(make_use_case()), Stage.ASSESSED), 1)

    def grow() -> str:
        stages = (Stage.ASSESSED, Stage.APPROVED, Stage.PROTOTYPE)
        big = fill(walk(score_all(make_use_case()), *stages), 5)
        return f"{URL}/{big.pk}"

    assert_queries_do_not_grow(
        client, f"{URL}/{small.pk}", grow=grow, shows=api_rows, headers=bearer(employee)
    )


# Submitting ----------------------------------------------------------------------------


def test_an_employee_submits_an_idea_which_starts_in_the_idea_stage(client, employee):
    make_unit(code="KS")
    response = client.post(URL, idea(), content_type="application/json", headers=bearer(employee))

    assert response.status_code == 201
    data = response.json()
    use_case = UseCase.objects.get(pk=data["id"])
    assert use_case.stage == Stage.IDEA
    assert use_case.submitted_by == employee
    assert use_case.hours_saved_per_month == Decimal("120.5")
    assert data["unit_code"] == "KS"
    assert data["submitted_by"] == str(employee)
    assert AuditEvent.objects.filter(
        action=PortfolioAction.SUBMITTED, target_id=str(use_case.pk)
    ).exists()


def test_an_unknown_unit_code_is_refused_naming_the_field(client, employee):
    response = client.post(
        URL, idea(unit="NOPE"), content_type="application/json", headers=bearer(employee)
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"unit": ["There is no unit with the code “NOPE”."]}
    assert not UseCase.objects.exists()


def test_invalid_fields_are_refused_with_an_error_for_each(client, employee):
    make_unit(code="KS")
    response = client.post(
        URL,
        idea(title="", hours_saved_per_month="-3", people_helped=-1),
        content_type="application/json",
        headers=bearer(employee),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"title", "hours_saved_per_month", "people_helped"}
    assert errors["title"] == ["This field cannot be blank."]
    assert not UseCase.objects.exists()


def test_a_capability_outside_the_list_or_a_missing_field_is_refused_with_400(client, employee):
    make_unit(code="KS")
    headers = bearer(employee)
    wrong = client.post(
        URL, idea(capability="telepathy"), content_type="application/json", headers=headers
    )
    body = idea()
    del body["problem"]
    missing = client.post(URL, body, content_type="application/json", headers=headers)

    assert wrong.status_code == 400
    assert wrong.json() == {
        "detail": "Choose one of the allowed values.",
        "errors": {"capability": ["Choose one of the allowed values."]},
    }
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"problem": ["This field is required."]}


# Editing -------------------------------------------------------------------------------


def patch(client, use_case: UseCase, user, **body):
    return client.patch(
        f"{URL}/{use_case.pk}", body, content_type="application/json", headers=bearer(user)
    )


def test_an_employee_changes_their_own_idea_only_until_it_is_assessed(client, employee):
    theirs = make_use_case(actor=employee)
    other = make_use_case()
    assert patch(client, other, employee, title="Mine now").status_code == 403
    assert not UseCase.objects.filter(title="Mine now").exists()

    assert patch(client, theirs, employee, title="Still my idea").status_code == 200
    UseCase.objects.filter(pk=theirs.pk).update(stage=Stage.ASSESSED)
    assert patch(client, theirs, employee, title="Assessed now").status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Still my idea"


def test_a_product_owner_changes_their_own_use_case_but_not_others(client, owner):
    own = owned_by(owner)
    other_owner = make_person(roles=(Role.PRODUCT_OWNER,))
    others = make_use_case()
    product_owner_set(use_case=others, person=other_owner, actor=None)

    response = patch(client, own, owner, title="Sharper title", people_helped=12)

    assert response.status_code == 200
    assert response.json()["title"] == "Sharper title"
    own.refresh_from_db()
    assert (own.title, own.people_helped) == ("Sharper title", 12)
    assert patch(client, others, owner, title="Taken over").status_code == 403
    assert patch(client, make_use_case(), owner, title="Unowned").status_code == 403


def test_only_the_steering_committee_hands_a_use_case_to_another_owner(client, owner, steerco):
    own = owned_by(owner)
    successor = make_person(roles=(Role.PRODUCT_OWNER,))

    refused = patch(client, own, owner, product_owner=successor.pk)
    done = patch(client, own, steerco, product_owner=successor.pk)

    assert refused.status_code == 403
    assert done.status_code == 200
    assert done.json()["product_owner"] == {"id": successor.pk, "name": successor.full_name}
    assert AuditEvent.objects.filter(action=PortfolioAction.OWNER_CHANGED).count() == 2


@pytest.mark.parametrize("persona", ["steerco", "admin"])
def test_the_steering_committee_and_admins_change_any_use_case(client, request, persona, owner):
    user = request.getfixturevalue(persona)
    use_case = owned_by(owner, unit=make_unit(code="A"))
    make_unit(code="B")
    response = patch(
        client, use_case, user, unit="B", capability="retrieval", hours_saved_per_month=None
    )
    assert response.status_code == 200
    use_case.refresh_from_db()
    assert (use_case.unit.code, use_case.capability) == ("B", Capability.RETRIEVAL)
    assert use_case.hours_saved_per_month is None


def test_a_change_that_breaks_a_rule_changes_nothing(client, steerco):
    use_case = make_use_case(title="Before")
    not_an_owner = make_person()

    blank = patch(client, use_case, steerco, title="")
    bad_unit = patch(client, use_case, steerco, title="After", unit="NOPE")
    no_unit = patch(client, use_case, steerco, title="After", unit=None)
    bad_owner = patch(client, use_case, steerco, title="After", product_owner=not_an_owner.pk)
    no_person = patch(client, use_case, steerco, title="After", product_owner=999999)

    assert blank.status_code == 400
    assert blank.json()["errors"] == {"title": ["This field cannot be blank."]}
    assert bad_unit.status_code == 400
    assert list(bad_unit.json()["errors"]) == ["unit"]
    assert no_unit.json()["errors"] == {"unit": ["Enter a text."]}
    assert bad_owner.status_code == 400
    assert "does not hold the product-owner role" in bad_owner.json()["detail"]
    assert no_person.status_code == 400
    assert list(no_person.json()["errors"]) == ["product_owner"]
    use_case.refresh_from_db()
    assert use_case.title == "Before"


@pytest.mark.parametrize("field", ["title", "personal_data", "capability", "data_involved"])
def test_null_for_a_field_that_cannot_be_empty_is_refused_naming_it(client, steerco, field):
    use_case = make_use_case(title="Before")

    response = patch(client, use_case, steerco, **{field: None})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    use_case.refresh_from_db()
    assert use_case.title == "Before"
    assert use_case.personal_data is False


def test_a_change_is_audited_with_the_fields_before_and_after(client, owner):
    use_case = owned_by(owner)
    use_case.title = "Before"
    UseCase.objects.filter(pk=use_case.pk).update(title="Before")

    response = patch(client, use_case, owner, title="After", people_helped=12)

    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="portfolio.changed").get()
    assert event.actor == owner
    assert event.changes == {
        "title": {"from": "Before", "to": "After"},
        "people_helped": {"from": None, "to": 12},
    }


# Scoring -------------------------------------------------------------------------------


def put_scores(client, use_case: UseCase, user, scores):
    return client.put(
        f"{URL}/{use_case.pk}/scores", scores, content_type="application/json", headers=bearer(user)
    )


def test_the_steering_committee_scores_and_the_totals_follow(client, steerco):
    use_case = make_use_case()
    response = put_scores(client, use_case, steerco, all_scores(5))

    assert response.status_code == 200
    data = response.json()
    assert data["total_score"] == "100.0"
    assert data["vetoed"] is False
    assert len(data["scores"]) == Criterion.objects.filter(active=True).count()
    assert AuditEvent.objects.filter(action=PortfolioAction.SCORED).count() == 1


def test_a_veto_score_marks_the_use_case_vetoed(client, admin):
    use_case = make_use_case()
    veto = Criterion.objects.get(name_en="Unacceptable risk (veto)")
    scores = [{**s, "value": 5} if s["criterion_id"] == veto.pk else s for s in all_scores(5)]
    assert put_scores(client, use_case, admin, scores).json()["vetoed"] is True


def test_only_those_who_score_may_score(client, employee, owner):
    use_case = owned_by(owner)
    assert put_scores(client, use_case, employee, all_scores()).status_code == 403
    assert put_scores(client, use_case, owner, all_scores()).status_code == 403
    assert not use_case.scores.exists()


def test_scores_the_rules_refuse_answer_400_with_the_reason(client, steerco):
    use_case = make_use_case()
    criterion = Criterion.objects.filter(active=True).first()

    def refused(scores) -> str:
        response = put_scores(client, use_case, steerco, scores)
        assert response.status_code == 400
        return response.json()["detail"]

    one = {"criterion_id": criterion.pk, "value": 3, "rationale": "ok"}
    assert refused([{**one, "value": 7}]) == "Scores run from 1 to 5."
    assert refused([{**one, "criterion_id": 999999}]) == "There is no active criterion 999999."
    assert refused([{**one, "rationale": " "}]).startswith("Give a short rationale")
    assert refused([one, one]) == f"Criterion {criterion.pk} is scored more than once."
    assert refused([]) == "Give at least one score."
    assert not use_case.scores.exists()


# Moving --------------------------------------------------------------------------------


def move(client, use_case: UseCase, user, to: str, reason: str = "Reviewed in the SteerCo"):
    return client.post(
        f"{URL}/{use_case.pk}/moves",
        {"to": to, "reason": reason},
        content_type="application/json",
        headers=bearer(user),
    )


@pytest.mark.parametrize("persona", ["steerco", "admin"])
def test_the_steering_committee_and_admins_move_any_use_case_on(client, request, persona):
    user = request.getfixturevalue(persona)
    use_case = score_all(make_use_case())

    response = move(client, use_case, user, "assessed")

    assert response.status_code == 201
    data = response.json()
    assert (data["from_stage"], data["to_stage"]) == ("idea", "assessed")
    assert data["reason"] == "Reviewed in the SteerCo"
    assert data["actor"] == str(user)
    use_case.refresh_from_db()
    assert use_case.stage == Stage.ASSESSED
    assert AuditEvent.objects.filter(action=PortfolioAction.MOVED, actor=user).count() == 1
    detail = client.get(f"{URL}/{use_case.pk}", headers=bearer(user)).json()
    assert detail["moves"][0]["id"] == data["id"]


def test_an_illegal_move_is_refused_with_the_lifecycles_message(client, steerco):
    use_case = score_all(make_use_case())
    response = move(client, use_case, steerco, "production")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A use case cannot move from “Idea” to “Production”. "
        "Allowed next: Assessed, Rejected, On hold.",
        "errors": {},
        "missing": [],
    }


def test_a_refused_move_lists_what_is_missing_with_links(client, admin):
    use_case = make_use_case()
    response = move(client, use_case, admin, "assessed")
    assert response.status_code == 409
    data = response.json()
    assert "cannot move to “Assessed” yet" in data["detail"]
    assert data["missing"] == [
        {
            "requirement": "Score every criterion (12 still missing).",
            "url": f"/portfolio/{use_case.pk}/score/",
        }
    ]


def test_a_move_needs_a_reason_and_a_real_stage(client, steerco):
    use_case = score_all(make_use_case())
    blank = move(client, use_case, steerco, "assessed", reason="   ")
    nonsense = move(client, use_case, steerco, "heaven")
    assert blank.status_code == 400
    assert blank.json()["errors"] == {"reason": ["This field cannot be empty."]}
    assert nonsense.status_code == 400
    assert not use_case.moves.exists()


def test_an_employee_moves_nothing(client, employee):
    use_case = score_all(make_use_case(actor=employee))
    assert move(client, use_case, employee, "assessed").status_code == 403
    assert move(client, use_case, employee, "on_hold").status_code == 403


@pytest.mark.usefixtures("without_governance_gate")  # the lifecycle alone
def test_a_product_owner_advances_their_own_use_case_but_does_not_approve_it(client, owner):
    own = walk(score_all(owned_by(owner)), Stage.ASSESSED)
    assert move(client, own, owner, "approved").status_code == 403
    walk(own, Stage.APPROVED)

    assert move(client, own, owner, "prototype").status_code == 201
    assert move(client, own, owner, "pilot").status_code == 201
    other = walk(score_all(make_use_case()), Stage.ASSESSED, Stage.APPROVED)
    assert move(client, other, owner, "prototype").status_code == 403


# Measuring -----------------------------------------------------------------------------


def measure(client, use_case: UseCase, kpi: Kpi, user, **body):
    return client.post(
        f"{URL}/{use_case.pk}/kpis/{kpi.pk}/measurements",
        {"measured_on": "2025-03-01", "value": "18.5", **body},
        content_type="application/json",
        headers=bearer(user),
    )


def test_a_product_owner_records_measurements_for_their_own_kpis(client, owner):
    use_case = owned_by(owner)
    kpi = kpi_of(use_case)

    first = measure(client, use_case, kpi, owner, note="March")
    again = measure(client, use_case, kpi, owner, value="17.0")

    assert first.status_code == 201
    assert first.json()["note"] == "March"
    assert again.status_code == 200
    assert again.json()["value"] == "17.00"
    (measurement,) = kpi.measurements.all()
    assert measurement.value == Decimal(17)
    assert measurement.recorded_by == owner


def test_measurements_follow_who_may_edit_the_use_case(client, owner, steerco, employee):
    others = make_use_case()
    kpi = kpi_of(others)
    assert measure(client, others, kpi, owner).status_code == 403
    assert measure(client, others, kpi, employee).status_code == 403
    assert measure(client, others, kpi, steerco).status_code == 201


def test_a_kpi_of_another_use_case_is_not_found(client, steerco):
    use_case = make_use_case()
    foreign = kpi_of(make_use_case())
    assert measure(client, use_case, foreign, steerco).status_code == 404
    assert not foreign.measurements.exists()


def test_a_measurement_the_rules_refuse_answers_400_with_the_reason(client, steerco):
    use_case = make_use_case()
    kpi = kpi_of(use_case)
    later = (timezone.localdate() + timedelta(days=2)).isoformat()

    future = measure(client, use_case, kpi, steerco, measured_on=later)
    too_early = measure(client, use_case, kpi, steerco, measured_on="2024-12-31")
    too_big = measure(client, use_case, kpi, steerco, value="1e15")
    not_a_date = measure(client, use_case, kpi, steerco, measured_on="soon")

    assert future.status_code == 400
    assert future.json()["detail"] == "A measurement cannot be dated in the future."
    assert too_early.status_code == 400
    assert too_early.json()["detail"].startswith("A measurement cannot be dated before")
    assert too_big.status_code == 400
    assert too_big.json()["detail"].startswith("Value:")
    assert not_a_date.status_code == 400
    assert not kpi.measurements.exists()


def test_the_openapi_document_lists_the_use_case_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        ("get", "/api/v1/use-cases"),
        ("post", "/api/v1/use-cases"),
        ("get", "/api/v1/use-cases/{use_case_id}"),
        ("patch", "/api/v1/use-cases/{use_case_id}"),
        ("put", "/api/v1/use-cases/{use_case_id}/scores"),
        ("post", "/api/v1/use-cases/{use_case_id}/moves"),
        ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"),
    } <= {(method, path) for path, item in spec["paths"].items() for method in item}
    assert spec["paths"]["/api/v1/use-cases"]["get"]["tags"] == ["portfolio"]
