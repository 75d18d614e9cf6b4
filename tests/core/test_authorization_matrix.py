"""Every URL × every role, generated from the URL configuration.

A page that is added without an entry in EXPECTED fails ``test_every_page_is_in_the_matrix``,
so nobody can add a page and forget to decide who may see it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.personas import PERSONAS, make_person, make_user
from tests.portfolio.factories import make_use_case
from wandel.core.models import User
from wandel.core.roles import Permission, permissions_for
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Unit
from wandel.portfolio.models import Criterion, Kpi, QualityRequirement, UseCase, Workshop

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # every account


class ObjectLevel(str):
    """Declared with a broad permission, decided per object inside the view. The matrix's
    objects have no owner, so only holders of the given permission may act on them."""

    declared: str

    def __new__(cls, effective: str, declared: str = Permission.VIEW_USE_CASES) -> ObjectLevel:
        value = super().__new__(cls, effective)
        value.declared = declared
        return value


MANAGE_OR_OWNER = ObjectLevel(Permission.MANAGE_USE_CASES)
# The matrix's workshop has no participants, so only facilitators may open or vote in it.
RUN_OR_PARTICIPANT = ObjectLevel(Permission.RUN_WORKSHOPS)

P = Permission
EXPECTED: dict[str, str] = {
    "core:home": SIGNED_IN,
    "core:healthz": PUBLIC,
    "core:audit_log": P.VIEW_AUDIT,
    "org:unit_list": P.VIEW_UNITS,
    "org:unit_detail": P.VIEW_UNITS,
    "org:unit_create": P.MANAGE_PEOPLE,
    "org:unit_edit": P.MANAGE_PEOPLE,
    "org:person_list": P.VIEW_PEOPLE,
    "org:person_detail": P.VIEW_PEOPLE,
    "org:person_create": P.MANAGE_PEOPLE,
    "org:person_edit": P.MANAGE_PEOPLE,
    "org:person_role_assign": P.MANAGE_ROLES,
    "org:person_account_create": P.MANAGE_ROLES,
    "org:role_end": P.MANAGE_ROLES,
    "org:import": P.MANAGE_PEOPLE,
    "org:import_template": P.MANAGE_PEOPLE,
    "org:stakeholder_list": P.VIEW_STAKEHOLDERS,
    "org:stakeholder_detail": P.VIEW_STAKEHOLDERS,
    "org:stakeholder_create": P.MANAGE_STAKEHOLDERS,
    "org:stakeholder_edit": P.MANAGE_STAKEHOLDERS,
    "org:concern_create": P.MANAGE_STAKEHOLDERS,
    "org:concern_respond": P.MANAGE_STAKEHOLDERS,
    "org:touchpoint_create": P.LOG_ENGAGEMENT,
    "portfolio:use_case_list": P.VIEW_USE_CASES,
    "portfolio:use_case_export": P.VIEW_USE_CASES,
    "portfolio:matrix": P.VIEW_USE_CASES,
    "portfolio:funnel": P.VIEW_USE_CASES,
    "portfolio:use_case_create": P.SUBMIT_IDEAS,
    "portfolio:use_case_similar": P.VIEW_USE_CASES,
    "portfolio:criteria": P.CONFIGURE_SCORING,
    "portfolio:criterion_edit": P.CONFIGURE_SCORING,
    "portfolio:use_case_detail": P.VIEW_USE_CASES,
    "portfolio:use_case_edit": MANAGE_OR_OWNER,
    "portfolio:use_case_score": P.SCORE_USE_CASES,
    "portfolio:use_case_move": MANAGE_OR_OWNER,
    "portfolio:use_case_team": MANAGE_OR_OWNER,
    "portfolio:comment_create": P.SUBMIT_IDEAS,
    "portfolio:requirement_create": MANAGE_OR_OWNER,
    "portfolio:requirement_update": MANAGE_OR_OWNER,
    "portfolio:kpi_create": MANAGE_OR_OWNER,
    "portfolio:measurement_create": MANAGE_OR_OWNER,
    "portfolio:workshop_list": P.RUN_WORKSHOPS,
    "portfolio:workshop_create": P.RUN_WORKSHOPS,
    "portfolio:workshop_edit": P.RUN_WORKSHOPS,
    "portfolio:workshop_detail": RUN_OR_PARTICIPANT,
    "portfolio:workshop_idea_create": P.RUN_WORKSHOPS,
    "portfolio:workshop_idea_add": P.RUN_WORKSHOPS,
    "portfolio:workshop_status": P.RUN_WORKSHOPS,
    "portfolio:workshop_vote": RUN_OR_PARTICIPANT,
    "portfolio:workshop_results_export": P.RUN_WORKSHOPS,
    "governance:use_case_governance": P.VIEW_GOVERNANCE,
    "governance:steering": P.VIEW_GOVERNANCE,
    "governance:body_list": P.VIEW_GOVERNANCE,
    "governance:body_create": P.CONFIGURE_GOVERNANCE,
    "governance:body_detail": P.VIEW_GOVERNANCE,
    "governance:body_edit": P.CONFIGURE_GOVERNANCE,
    "governance:membership_add": P.CONFIGURE_GOVERNANCE,
    "governance:membership_end": P.CONFIGURE_GOVERNANCE,
    "governance:meeting_list": P.VIEW_GOVERNANCE,
    "governance:meeting_create": P.DECIDE,
    "governance:meeting_detail": P.VIEW_GOVERNANCE,
    "governance:meeting_edit": P.DECIDE,
    "governance:meeting_minutes": P.DECIDE,
    "governance:agenda_item_create": P.DECIDE,
    "governance:agenda_build": P.DECIDE,
    "governance:agenda_item_delete": P.DECIDE,
    "governance:decision_list": P.VIEW_GOVERNANCE,
    "governance:decision_export": P.VIEW_GOVERNANCE,
    "governance:decision_create": P.DECIDE,
    "governance:decision_detail": P.VIEW_GOVERNANCE,
    "governance:decision_supersede": P.DECIDE,
    "governance:condition_close": ObjectLevel(P.DECIDE, P.VIEW_GOVERNANCE),
    "governance:risk_list": P.VIEW_GOVERNANCE,
    "governance:risk_export": P.VIEW_GOVERNANCE,
    "governance:risk_create": P.MANAGE_RISKS,
    "governance:risk_detail": P.VIEW_GOVERNANCE,
    "governance:risk_edit": P.MANAGE_RISKS,
    "governance:mitigation_create": P.MANAGE_RISKS,
    "governance:mitigation_update": P.MANAGE_RISKS,
    "governance:risk_request_acceptance": P.MANAGE_RISKS,
    "governance:risk_close": P.MANAGE_RISKS,
    "governance:risk_reopen": P.MANAGE_RISKS,
    "governance:budget_overview": P.VIEW_GOVERNANCE,
    "governance:budget_create": P.MANAGE_BUDGETS,
    "governance:budget_detail": P.VIEW_GOVERNANCE,
    "governance:spend_create": P.MANAGE_BUDGETS,
    "governance:reviews_overview": P.VIEW_GOVERNANCE,
    "governance:ethics_checklist": P.REVIEW_ETHICS,
    "governance:ethics_review_create": P.REVIEW_ETHICS,
    "governance:ethics_review": P.VIEW_GOVERNANCE,
    "governance:ethics_condition_close": P.REVIEW_ETHICS,
    "governance:dpia_check": P.VIEW_GOVERNANCE,
    "governance:dpia": P.VIEW_GOVERNANCE,
    "governance:codetermination": P.VIEW_CODETERMINATION,
    "governance:codetermination_overview": P.VIEW_CODETERMINATION,
    "governance:ai_act_overview": P.VIEW_GOVERNANCE,
    "governance:classification": P.VIEW_GOVERNANCE,
    "governance:obligation_confirm": P.CLASSIFY_AI_ACT,
    "governance:questionnaire": P.CONFIGURE_GOVERNANCE,
    "admin:index": P.CONFIGURE,
    "login": PUBLIC,
    "logout": SIGNED_IN,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": PUBLIC,
}

# The API is checked endpoint by endpoint against its OpenAPI document below.
SKIPPED_NAMESPACES = {"api"}
POST_ONLY = {
    "org:person_role_assign",
    "org:person_account_create",
    "org:role_end",
    "org:concern_create",
    "org:concern_respond",
    "org:touchpoint_create",
    "logout",
    "set_language",
    "portfolio:use_case_move",
    "portfolio:workshop_idea_create",
    "portfolio:workshop_idea_add",
    "portfolio:workshop_status",
    "portfolio:comment_create",
    "portfolio:requirement_create",
    "portfolio:requirement_update",
    "portfolio:kpi_create",
    "portfolio:measurement_create",
    "governance:membership_add",
    "governance:membership_end",
    "governance:agenda_item_create",
    "governance:agenda_build",
    "governance:agenda_item_delete",
    "governance:condition_close",
    "governance:mitigation_create",
    "governance:mitigation_update",
    "governance:risk_request_acceptance",
    "governance:risk_close",
    "governance:risk_reopen",
    "governance:spend_create",
    "governance:ethics_condition_close",
    "governance:obligation_confirm",
}
POST_DATA: dict[str, dict[str, str]] = {
    "portfolio:use_case_move": {"to": "rejected", "reason": "matrix"},
}


def named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in SKIPPED_NAMESPACES:
                continue
            if namespace == "admin":
                yield "admin:index"
                continue
            yield from named_patterns(pattern, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


def test_every_page_is_in_the_matrix():
    assert set(named_patterns()) == set(EXPECTED)


def test_views_declare_the_permission_the_matrix_expects():
    for name, expected in EXPECTED.items():
        if expected in (PUBLIC, SIGNED_IN) or name.startswith("admin:"):
            continue
        declared = expected.declared if isinstance(expected, ObjectLevel) else expected
        match = get_resolver().resolve(url_for(name, {}))
        assert getattr(match.func, "required_permission", None) == declared, name


GOVERNANCE_OBJECTS = {
    "use_case_governance": "use_case",
    "body_detail": "body",
    "body_edit": "body",
    "membership_add": "body",
    "membership_end": "membership",
    "meeting_detail": "meeting",
    "meeting_edit": "meeting",
    "meeting_minutes": "meeting",
    "agenda_item_create": "meeting",
    "agenda_build": "meeting",
    "agenda_item_delete": "agenda_item",
    "decision_detail": "decision",
    "decision_supersede": "decision",
    "condition_close": "decision_condition",
    "risk_detail": "risk",
    "risk_edit": "risk",
    "mitigation_create": "risk",
    "mitigation_update": "mitigation",
    "risk_request_acceptance": "risk",
    "risk_close": "risk",
    "risk_reopen": "risk",
    "budget_detail": "budget_request",
    "spend_create": "budget_request",
    "ethics_review_create": "use_case",
    "ethics_review": "ethics_review",
    "ethics_condition_close": "ethics_condition",
    "dpia_check": "use_case",
    "dpia": "use_case",
    "codetermination": "use_case",
    "classification": "use_case",
    "obligation_confirm": "classification",
}


def url_for(name: str, objects: dict[str, int]) -> str:
    kwargs: dict[str, object] = {
        "org:unit_detail": {"pk": objects.get("unit", 1)},
        "org:unit_edit": {"pk": objects.get("unit", 1)},
        "org:person_detail": {"pk": objects.get("person", 1)},
        "org:person_edit": {"pk": objects.get("person", 1)},
        "org:person_role_assign": {"pk": objects.get("person", 1)},
        "org:person_account_create": {"pk": objects.get("person", 1)},
        "org:role_end": {"pk": objects.get("assignment", 1)},
        "org:import_template": {"kind": "people", "fmt": "csv"},
        "org:stakeholder_detail": {"pk": objects.get("group", 1)},
        "org:stakeholder_edit": {"pk": objects.get("group", 1)},
        "org:concern_create": {"pk": objects.get("group", 1)},
        "org:concern_respond": {"pk": objects.get("concern", 1)},
        "org:touchpoint_create": {"pk": objects.get("group", 1)},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "portfolio:use_case_export": {"fmt": "csv"},
        "portfolio:criterion_edit": {"pk": objects.get("criterion", 1)},
        **{
            f"governance:{name}": {"pk": objects.get(key, 1)}
            for name, key in GOVERNANCE_OBJECTS.items()
        },
        "governance:decision_export": {"fmt": "csv"},
        "governance:risk_export": {"fmt": "csv"},
        "portfolio:use_case_detail": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_edit": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_score": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_move": {"pk": objects.get("use_case", 1)},
        "portfolio:use_case_team": {"pk": objects.get("use_case", 1)},
        "portfolio:comment_create": {"pk": objects.get("use_case", 1)},
        "portfolio:requirement_create": {"pk": objects.get("use_case", 1)},
        "portfolio:requirement_update": {"pk": objects.get("requirement", 1)},
        "portfolio:kpi_create": {"pk": objects.get("use_case", 1)},
        "portfolio:measurement_create": {"pk": objects.get("kpi", 1)},
        "portfolio:workshop_edit": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_detail": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_idea_create": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_idea_add": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_status": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_vote": {"pk": objects.get("workshop", 1)},
        "portfolio:workshop_results_export": {"pk": objects.get("workshop", 1), "fmt": "csv"},
    }.get(name, {})  # type: ignore[assignment]
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def world(db) -> dict[str, int]:
    unit = Unit.objects.create(code="M", name="Matrix")
    person = make_person(unit=unit, account=False)
    assignment = RoleAssignment.objects.create(
        person=person, role="trainer", assigned_on="2020-01-01"
    )
    group = StakeholderGroup.objects.create(name="Matrix group", power=3, interest=3)
    concern = Concern.objects.create(group=group, text="A concern")
    use_case = make_use_case(unit=unit)
    workshop = Workshop.objects.create(title="Matrix workshop", held_on="2026-11-01")
    workshop.ideas.add(use_case)
    requirement = QualityRequirement.objects.create(use_case=use_case, text="Matrix criterion")
    kpi = Kpi.objects.create(
        use_case=use_case,
        name="Matrix KPI",
        unit_of_measure="min",
        direction="lower",
        baseline_value=10,
        baseline_date="2025-01-01",
        target_value=5,
        target_date="2025-12-31",
    )
    return {
        **governance_world(use_case, person),
        "requirement": requirement.pk,
        "criterion": Criterion.objects.filter(active=True).first().pk,
        "kpi": kpi.pk,
        "use_case": use_case.pk,
        "workshop": workshop.pk,
        "unit": unit.pk,
        "person": person.pk,
        "assignment": assignment.pk,
        "group": group.pk,
        "concern": concern.pk,
    }


def governance_world(use_case: UseCase, person: Person) -> dict[str, int]:
    from wandel.governance.models import (
        AgendaItem,
        Body,
        BodyMembership,
        BudgetRequest,
        Classification,
        Decision,
        DecisionCondition,
        EthicsCondition,
        EthicsReview,
        Meeting,
        Mitigation,
        Risk,
    )

    body = Body.objects.create(name="Matrix SteerCo", kind="steering_committee")
    membership = BodyMembership.objects.create(
        body=body, person=person, role_in_body="member", started_on="2025-01-01"
    )
    meeting = Meeting.objects.create(body=body, held_on="2030-01-01", title="Matrix meeting")
    agenda_item = AgendaItem.objects.create(meeting=meeting, position=1, title="Item")
    decision = Decision.objects.create(
        body=body,
        decided_on="2025-01-01",
        kind="policy",
        text="Matrix policy",
        outcome="approved_with_conditions",
        recorded_by=make_user(email="matrix.recorder@example.com"),
    )
    condition = DecisionCondition.objects.create(
        decision=decision, text="Condition", owner=person, due_on="2030-01-01"
    )
    risk = Risk.objects.create(
        use_case=use_case,
        title="Matrix risk",
        description="d",
        category="security",
        likelihood=3,
        impact=3,
        owner=person,
        review_on="2030-01-01",
    )
    mitigation = Mitigation.objects.create(risk=risk, text="Mitigation")
    budget_request = BudgetRequest.objects.create(
        use_case=use_case, title="Matrix budget", amount_requested=10, requested_on="2025-01-01"
    )
    review = EthicsReview.objects.create(use_case=use_case)
    ethics_condition = EthicsCondition.objects.create(review=review, text="m")
    classification = Classification.objects.create(
        use_case=use_case,
        questionnaire_version="matrix",
        answers={},
        rationales={},
        risk_class="minimal",
        obligations=["art4_ai_literacy"],
        classified_by=person.user,
    )
    return {
        "classification": classification.pk,
        "body": body.pk,
        "membership": membership.pk,
        "meeting": meeting.pk,
        "agenda_item": agenda_item.pk,
        "decision": decision.pk,
        "decision_condition": condition.pk,
        "risk": risk.pk,
        "mitigation": mitigation.pk,
        "budget_request": budget_request.pk,
        "ethics_review": review.pk,
        "ethics_condition": ethics_condition.pk,
    }


def allowed(expected: str, user: User | None) -> bool:
    if expected == PUBLIC:
        return True
    if user is None:
        return False
    if expected == SIGNED_IN:
        return True
    roles = {a.role for a in RoleAssignment.objects.current().filter(person__user=user)}
    return expected in permissions_for(roles)


def outcome(client: Client, name: str, url: str) -> str:
    response = client.post(url, POST_DATA.get(name, {})) if name in POST_ONLY else client.get(url)
    location = response.headers.get("Location", "")
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302 and "/login/?next=" in location:
        return "denied"
    assert response.status_code < 500, (name, response.status_code)
    return "allowed"


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_each_role_gets_exactly_what_the_matrix_says(persona, world):
    user = None if persona == "anonymous" else make_user(*PERSONAS[persona])
    mismatches = []
    for name, expected in EXPECTED.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_login(user)
        want = "allowed" if allowed(expected, user) else "denied"
        got = outcome(client, name, url_for(name, world))
        if got != want:
            mismatches.append(f"{name}: expected {want}, got {got}")
    assert not mismatches, "\n".join(mismatches)


# API -----------------------------------------------------------------------------------

API_EXPECTED: dict[tuple[str, str], Permission] = {
    ("get", "/api/v1/units"): P.VIEW_UNITS,
    ("get", "/api/v1/units/{unit_id}"): P.VIEW_UNITS,
    ("get", "/api/v1/people"): P.VIEW_PEOPLE,
    ("get", "/api/v1/people/{person_id}"): P.VIEW_PEOPLE,
    ("post", "/api/v1/people/import"): P.MANAGE_PEOPLE,
    ("post", "/api/v1/units/import"): P.MANAGE_PEOPLE,
    ("get", "/api/v1/use-cases"): P.VIEW_USE_CASES,
    ("get", "/api/v1/use-cases/{use_case_id}"): P.VIEW_USE_CASES,
    ("post", "/api/v1/use-cases"): P.SUBMIT_IDEAS,
    ("patch", "/api/v1/use-cases/{use_case_id}"): MANAGE_OR_OWNER,
    ("put", "/api/v1/use-cases/{use_case_id}/scores"): P.SCORE_USE_CASES,
    ("post", "/api/v1/use-cases/{use_case_id}/moves"): MANAGE_OR_OWNER,
    ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"): MANAGE_OR_OWNER,
    ("get", "/api/v1/governance/bodies"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/meetings"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/meetings/{meeting_id}"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/decisions"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/decisions/{decision_id}"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/decisions"): P.DECIDE,
    ("post", "/api/v1/governance/conditions/{condition_id}/close"): ObjectLevel(
        P.DECIDE, P.VIEW_GOVERNANCE
    ),
    ("get", "/api/v1/governance/risks"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/risks/{risk_id}"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/risks"): P.MANAGE_RISKS,
    ("patch", "/api/v1/governance/risks/{risk_id}"): P.MANAGE_RISKS,
    ("post", "/api/v1/governance/risks/{risk_id}/mitigations"): P.MANAGE_RISKS,
    ("get", "/api/v1/governance/budgets/requests"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/budgets/requests"): P.MANAGE_BUDGETS,
    ("post", "/api/v1/governance/budgets/requests/{request_id}/spend"): P.MANAGE_BUDGETS,
    ("get", "/api/v1/governance/budgets/totals"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/ethics-checklist"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): P.REVIEW_ETHICS,
    ("post", "/api/v1/governance/ethics-reviews/{review_id}/complete"): P.REVIEW_ETHICS,
    ("post", "/api/v1/governance/ethics-conditions/{condition_id}/close"): P.REVIEW_ETHICS,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/dpia-check"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/use-cases/{use_case_id}/dpia-check"): P.RUN_DPIA,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/dpia"): P.VIEW_GOVERNANCE,
    ("put", "/api/v1/governance/use-cases/{use_case_id}/dpia"): P.RUN_DPIA,
    ("get", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): (
        P.VIEW_CODETERMINATION
    ),
    ("put", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): (
        P.MANAGE_CODETERMINATION
    ),
    ("get", "/api/v1/governance/codetermination"): P.VIEW_CODETERMINATION,
    ("get", "/api/v1/governance/ai-act/questionnaire"): P.VIEW_GOVERNANCE,
    ("get", "/api/v1/governance/ai-act/classifications"): P.VIEW_GOVERNANCE,
    ("post", "/api/v1/governance/ai-act/classifications"): P.CLASSIFY_AI_ACT,
    ("post", "/api/v1/governance/ai-act/classifications/{classification_id}/confirmations"): (
        P.CLASSIFY_AI_ACT
    ),
}

# Path parameters of the API matrix and which object of the world fills them.
API_OBJECTS = {
    "{unit_id}": "unit",
    "{person_id}": "person",
    "{use_case_id}": "use_case",
    "{kpi_id}": "kpi",
    "{meeting_id}": "meeting",
    "{decision_id}": "decision",
    "{risk_id}": "risk",
    "{request_id}": "budget_request",
    "{review_id}": "ethics_review",
    "{classification_id}": "classification",
}


def api_body(method: str, path: str, world: dict[str, int]) -> tuple[object, str | None]:
    """A valid request body, so that the permission check (not validation) decides."""
    if path.endswith("/import"):
        return {"file": SimpleUploadedFile("x.csv", b"unit_code,unit_name\n")}, None
    bodies: dict[tuple[str, str], object] = {
        ("post", "/api/v1/use-cases"): {
            "title": "Matrix idea",
            "problem": "p",
            "process": "p",
            "unit": "M",
            "expected_benefit": "b",
            "data_involved": "d",
            "personal_data": False,
            "capability": "chat",
        },
        ("patch", "/api/v1/use-cases/{use_case_id}"): {"title": "Renamed"},
        ("put", "/api/v1/use-cases/{use_case_id}/scores"): [
            {"criterion_id": world["criterion"], "value": 3, "rationale": "m"}
        ],
        ("post", "/api/v1/use-cases/{use_case_id}/moves"): {"to": "rejected", "reason": "m"},
        ("post", "/api/v1/use-cases/{use_case_id}/kpis/{kpi_id}/measurements"): {
            "measured_on": "2025-06-01",
            "value": "5",
        },
        ("post", "/api/v1/governance/decisions"): {
            "body": world["body"],
            "decided_on": "2025-01-01",
            "kind": "policy",
            "text": "m",
            "outcome": "approved",
        },
        ("post", "/api/v1/governance/conditions/{condition_id}/close"): {"closing_note": "m"},
        ("post", "/api/v1/governance/risks"): {
            "title": "m",
            "description": "d",
            "category": "security",
            "likelihood": 3,
            "impact": 3,
            "owner": world["person"],
            "review_on": "2030-01-01",
        },
        ("patch", "/api/v1/governance/risks/{risk_id}"): {"title": "x"},
        ("post", "/api/v1/governance/risks/{risk_id}/mitigations"): {"text": "m"},
        ("post", "/api/v1/governance/budgets/requests"): {
            "use_case": world["use_case"],
            "title": "m",
            "amount_requested": "10",
            "justification": "j",
        },
        ("post", "/api/v1/governance/budgets/requests/{request_id}/spend"): {
            "spent_on": "2025-01-01",
            "amount": "1",
            "description": "m",
        },
        ("post", "/api/v1/governance/use-cases/{use_case_id}/ethics-reviews"): {},
        ("post", "/api/v1/governance/ethics-reviews/{review_id}/complete"): {
            "outcome": "approved",
            "reasons": "m",
        },
        ("post", "/api/v1/governance/ethics-conditions/{condition_id}/close"): {
            "closing_note": "m"
        },
        ("post", "/api/v1/governance/use-cases/{use_case_id}/dpia-check"): {"answers": {}},
        ("put", "/api/v1/governance/use-cases/{use_case_id}/dpia"): {},
        ("put", "/api/v1/governance/use-cases/{use_case_id}/council-involvement"): {
            "monitoring_capable": False
        },
        ("post", "/api/v1/governance/ai-act/classifications"): {
            "use_case": world["use_case"],
            "answers": {},
            "rationales": {},
        },
        (
            "post",
            "/api/v1/governance/ai-act/classifications/{classification_id}/confirmations",
        ): {"obligation_id": "art4_ai_literacy", "evidence": "m"},
    }
    body = bodies.get((method, path))
    if body is None:
        return None, None
    return json.dumps(body), "application/json"


def test_every_api_endpoint_is_in_the_matrix(client):
    spec = client.get("/api/v1/openapi.json").json()
    operations = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert operations == set(API_EXPECTED)


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_each_role_gets_exactly_what_the_api_matrix_says(persona, world):
    from wandel.core.tokens import api_token_create

    headers = {}
    user = None
    if persona != "anonymous":
        user = make_user(*PERSONAS[persona])
        headers = {"Authorization": f"Bearer {api_token_create(user=user, name='m')[1]}"}
    client = Client()
    for (method, path), permission in API_EXPECTED.items():
        url = path
        for parameter, key in API_OBJECTS.items():
            if parameter in url:
                url = url.replace(parameter, str(world[key]))
        if "{condition_id}" in url:
            key = "ethics_condition" if "ethics-conditions" in url else "decision_condition"
            url = url.replace("{condition_id}", str(world[key]))
        data, content_type = api_body(method, path, world)
        extra = {"content_type": content_type} if content_type else {}
        response = getattr(client, method)(url, data, headers=headers, **extra)
        if user is None:
            assert response.status_code == 401, (method, path)
        elif allowed(permission, user):
            assert response.status_code not in (401, 403), (method, path, response.status_code)
        else:
            assert response.status_code == 403, (method, path, response.status_code)
