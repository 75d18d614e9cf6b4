"""Works-council involvement (BetrVG §§ 87, 90): the co-determination rules, the gate's
``codetermination_state``, the works council's overview without anything personal, pages,
API and audit."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.api import bearer
from tests.support.governance import links_to
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.facts import CodeterminationState
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.governance.reviews.codetermination.queries import codetermination_state
from wandel.governance.reviews.codetermination.services import (
    AGREEMENT_NEEDED,
    AGREEMENT_REFERENCE_REQUIRED,
    INFORMED_IN_FUTURE,
    council_involvement_save,
)
from wandel.governance.reviews.errors import ReviewsError
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db

S = AgreementStatus


# Rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("monitoring_capable", "status", "reference", "error"),
    [
        (False, S.NOT_NEEDED, "", None),
        (False, S.IN_NEGOTIATION, "", None),
        (False, S.AGREED, "BV-2025-07", None),
        (False, S.AGREED, "", AGREEMENT_REFERENCE_REQUIRED),
        (True, S.NOT_NEEDED, "", AGREEMENT_NEEDED),
        (True, S.IN_NEGOTIATION, "", None),
        (True, S.AGREED, "BV-2025-07", None),
        (True, S.AGREED, "  ", AGREEMENT_REFERENCE_REQUIRED),
    ],
)
def test_the_agreement_rules(council, monitoring_capable, status, reference, error):
    use_case = make_use_case()
    save = lambda: council_involvement_save(  # noqa: E731
        use_case=use_case,
        actor=council,
        monitoring_capable=monitoring_capable,
        agreement_status=status,
        agreement_reference=reference,
    )
    if error is None:
        involvement = save()
        assert involvement.agreement_status == status
        assert involvement.codetermination_required is monitoring_capable
    else:
        with pytest.raises(ReviewsError) as refused:
            save()
        assert str(refused.value) == str(error)
        assert not CouncilInvolvement.objects.exists()


def test_the_database_refuses_not_needed_when_co_determination_is_required(council):
    from django.db import IntegrityError, transaction

    use_case = make_use_case()
    involvement = council_involvement_save(
        use_case=use_case, actor=council, monitoring_capable=True
    )
    involvement.agreement_status = S.NOT_NEEDED
    with pytest.raises(IntegrityError), transaction.atomic():
        involvement.save()


@pytest.mark.parametrize(
    ("monitoring_capable", "expected"), [(True, S.IN_NEGOTIATION), (False, S.NOT_NEEDED)]
)
def test_without_a_status_the_agreement_follows_the_assessment(
    council, monitoring_capable, expected
):
    involvement = council_involvement_save(
        use_case=make_use_case(), actor=council, monitoring_capable=monitoring_capable
    )
    assert involvement.agreement_status == expected


def test_the_information_date_cannot_lie_in_the_future(council):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ReviewsError, match=str(INFORMED_IN_FUTURE)):
        council_involvement_save(
            use_case=make_use_case(),
            actor=council,
            monitoring_capable=False,
            information_given_on=tomorrow,
        )


def test_the_assessment_date_changes_only_with_the_assessment(council, admin):
    use_case = make_use_case()
    involvement = council_involvement_save(
        use_case=use_case, actor=council, monitoring_capable=True
    )
    CouncilInvolvement.objects.filter(pk=involvement.pk).update(
        assessed_on=timezone.localdate() - timedelta(days=10)
    )
    council_involvement_save(
        use_case=use_case,
        actor=admin,
        monitoring_capable=True,
        information_given_on=timezone.localdate(),
        consultation_notes="Presented in the council meeting.",
    )
    involvement.refresh_from_db()
    assert involvement.assessed_on == timezone.localdate() - timedelta(days=10)
    assert involvement.assessed_by == council

    council_involvement_save(
        use_case=use_case, actor=admin, monitoring_capable=False, agreement_status=S.NOT_NEEDED
    )
    involvement.refresh_from_db()
    assert (involvement.assessed_on, involvement.assessed_by) == (timezone.localdate(), admin)


def test_every_council_step_is_audited_and_the_chain_verifies(council):
    use_case = make_use_case()
    council_involvement_save(use_case=use_case, actor=council, monitoring_capable=True)
    today = timezone.localdate()
    council_involvement_save(
        use_case=use_case,
        actor=council,
        monitoring_capable=True,
        information_given_on=today,
        consultation_notes="First consultation.",
    )
    council_involvement_save(  # the same again: nothing changes, no event
        use_case=use_case,
        actor=council,
        monitoring_capable=True,
        information_given_on=today,
        consultation_notes="First consultation.",
    )
    council_involvement_save(
        use_case=use_case,
        actor=council,
        monitoring_capable=True,
        information_given_on=today,
        consultation_notes="First consultation.",
        agreement_status=S.AGREED,
        agreement_reference="BV KI-Assistenz 2025",
        agreement_clauses="§ 4 no performance evaluation; § 6 logs deleted after 30 days",
    )
    events = list(AuditEvent.objects.filter(action__startswith="governance.council").order_by("id"))
    assert [e.action for e in events] == [
        ReviewAction.COUNCIL_ASSESSED,
        ReviewAction.COUNCIL_UPDATED,
        ReviewAction.COUNCIL_UPDATED,
    ]
    assert events[0].changes["codetermination_required"] is True
    assert events[1].changes["texts_changed"] == ["consultation_notes"]
    assert events[2].changes["agreement_status"] == {"from": "in_negotiation", "to": "agreed"}
    assert audit_verify().ok


# What the gate asks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (None, CodeterminationState(assessed=False, required=False, agreed=False)),
        ((False, S.NOT_NEEDED), CodeterminationState(assessed=True, required=False, agreed=False)),
        (
            (False, S.IN_NEGOTIATION),
            CodeterminationState(assessed=True, required=False, agreed=False),
        ),
        ((False, S.AGREED), CodeterminationState(assessed=True, required=False, agreed=True)),
        (
            (True, S.IN_NEGOTIATION),
            CodeterminationState(assessed=True, required=True, agreed=False),
        ),
        ((True, S.AGREED), CodeterminationState(assessed=True, required=True, agreed=True)),
    ],
)
def test_codetermination_state(council, django_assert_max_num_queries, record, expected):
    use_case = make_use_case()
    make_use_case()  # another use case's record must not count
    if record is not None:
        monitoring_capable, status = record
        council_involvement_save(
            use_case=use_case,
            actor=council,
            monitoring_capable=monitoring_capable,
            agreement_status=status,
            agreement_reference="BV-1" if status == S.AGREED else "",
        )
    with django_assert_max_num_queries(2):
        assert codetermination_state(use_case) == expected


# Pages ------------------------------------------------------------------------------------

FORM = {
    "monitoring_capable": "True",
    "information_given_on": "",
    "consultation_notes": "",
    "agreement_status": "in_negotiation",
    "agreement_reference": "",
    "agreement_clauses": "",
}


def test_the_works_council_records_its_involvement_on_the_page(client, council):
    use_case = make_use_case(title="Gesprächsanalyse im Kundenservice")
    client.force_login(council)
    url = f"/governance/reviews/use-cases/{use_case.pk}/codetermination/"

    page = client.get(url).content.decode()
    assert "not yet assessed" in page
    assert "§ 87 (1) no. 6" in page

    refused = client.post(url, {**FORM, "agreement_status": "not_needed"})
    assert refused.status_code == 400
    assert "co-determination is required" in refused.content.decode()
    assert not CouncilInvolvement.objects.exists()

    today = timezone.localdate().isoformat()
    assert client.post(url, {**FORM, "information_given_on": today}).status_code == 302
    involvement = CouncilInvolvement.objects.get()
    assert involvement.monitoring_capable
    assert involvement.information_given_on.isoformat() == today

    agreed = {**FORM, "agreement_status": "agreed", "agreement_reference": "BV 2025/3"}
    assert client.post(url, agreed).status_code == 302
    assert codetermination_state(use_case).agreed
    page = client.get(url).content.decode()
    assert "co-determination required" in page
    assert "BV 2025/3" in page


def test_a_missing_answer_to_the_monitoring_question_is_refused(client, council):
    use_case = make_use_case()
    client.force_login(council)
    response = client.post(
        f"/governance/reviews/use-cases/{use_case.pk}/codetermination/",
        {**FORM, "monitoring_capable": ""},
    )
    assert response.status_code == 400
    assert not CouncilInvolvement.objects.exists()


def test_readers_see_the_involvement_but_cannot_record_it(client, privacy, council):
    use_case = make_use_case()
    council_involvement_save(
        use_case=use_case,
        actor=council,
        monitoring_capable=True,
        consultation_notes="Council wants a pilot report.",
    )
    client.force_login(privacy)  # data protection sees co-determination items
    url = f"/governance/reviews/use-cases/{use_case.pk}/codetermination/"
    page = client.get(url).content.decode()
    assert "Council wants a pilot report." in page
    assert 'name="monitoring_capable"' not in page
    assert client.post(url, FORM).status_code == 403


@pytest.mark.parametrize("fixture", ["employee", "owner"])
def test_people_without_the_permission_see_no_co_determination_pages(client, request, fixture):
    use_case = make_use_case()
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/governance/reviews/codetermination/").status_code == 403
    url = f"/governance/reviews/use-cases/{use_case.pk}/codetermination/"
    assert client.get(url).status_code == 403


def test_the_overview_shows_every_use_case_and_filters_by_status(client, council):
    unit = make_unit(name="Kundenservice")
    open_case = make_use_case(unit=unit, title="Offen")
    agreed = make_use_case(unit=unit, title="Vereinbart")
    not_required = make_use_case(unit=unit, title="Ohne Mitbestimmung")
    make_use_case(unit=unit, title="Nicht bewertet")
    council_involvement_save(use_case=open_case, actor=council, monitoring_capable=True)
    council_involvement_save(
        use_case=agreed,
        actor=council,
        monitoring_capable=True,
        information_given_on=timezone.localdate(),
        agreement_status=S.AGREED,
        agreement_reference="BV-Agreed-1",
    )
    council_involvement_save(use_case=not_required, actor=council, monitoring_capable=False)
    client.force_login(council)

    def titles(query: str = "") -> list[str]:
        response = client.get(f"/governance/reviews/codetermination/{query}")
        assert response.status_code == 200
        return [use_case.title for use_case in response.context["page"]]

    assert titles() == ["Nicht bewertet", "Offen", "Ohne Mitbestimmung", "Vereinbart"]
    assert titles("?status=open") == ["Offen"]
    assert titles("?status=agreed") == ["Vereinbart"]
    assert titles("?status=not_assessed") == ["Nicht bewertet"]
    assert titles("?status=not_required") == ["Ohne Mitbestimmung"]
    assert len(titles("?status=nonsense")) == 4

    page = client.get("/governance/reviews/codetermination/").content.decode()
    assert "BV-Agreed-1" in page
    assert "Kundenservice" in page
    assert "not yet assessed" in page


def test_the_overview_and_its_api_show_nothing_personal(client, council, admin):
    unit = make_unit(name="Personalabteilung")
    owner = make_person(
        unit=unit, first_name="Petronella", last_name="Produktfrau", roles=(Role.PRODUCT_OWNER,)
    )
    submitter = make_person(unit=unit, first_name="Siegbert", last_name="Einreicher")
    member = make_person(unit=unit, first_name="Theodora", last_name="Teammitglied")
    assessor = make_user(Role.WORKS_COUNCIL, email="bewerter@example.com")
    assessor.display_name = "Bernhard Bewerter"
    assessor.save()
    use_case = make_use_case(unit=unit, title="Schichtplanung", actor=submitter.user)
    product_owner_set(use_case=use_case, person=owner, actor=admin)
    use_case.team.add(member)
    council_involvement_save(
        use_case=use_case,
        actor=assessor,
        monitoring_capable=True,
        information_given_on=timezone.localdate(),
    )
    names = [
        "Petronella",
        "Produktfrau",
        "Siegbert",
        "Einreicher",
        "Theodora",
        "Teammitglied",
        "Bernhard",
        "Bewerter",
        "bewerter@example.com",
        owner.email,
        submitter.email,
    ]
    client.force_login(council)
    pages = [
        client.get("/governance/reviews/codetermination/").content.decode(),
        client.get(
            f"/governance/reviews/use-cases/{use_case.pk}/codetermination/"
        ).content.decode(),
    ]
    headers = bearer(council)
    api = [
        client.get("/api/v1/governance/codetermination", headers=headers).content.decode(),
        client.get(
            f"/api/v1/governance/use-cases/{use_case.pk}/council-involvement", headers=headers
        ).content.decode(),
    ]
    assert "Schichtplanung" in pages[0]
    assert "Schichtplanung" in api[0]
    for text in pages + api:
        for name in names:
            assert name not in text, name


def populate(n: int, council) -> None:
    unit = make_unit()
    for i in range(n):
        use_case = make_use_case(unit=unit)
        if i % 3:
            council_involvement_save(
                use_case=use_case,
                actor=council,
                monitoring_capable=i % 3 == 1,
                information_given_on=timezone.localdate(),
            )


ROWS = links_to("/governance/reviews/use-cases/", "/codetermination/")


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/governance/reviews/codetermination/", ROWS),
        ("/governance/reviews/codetermination/?status=open", ROWS),
        ("/api/v1/governance/codetermination", api_items),
    ],
)
def test_the_overview_uses_the_same_number_of_queries_for_more_data(client, council, url, shows):
    client.force_login(council)
    populate(3, council)
    assert_queries_do_not_grow(
        client, url, grow=lambda: populate(20, council), shows=shows, headers=bearer(council)
    )


# API --------------------------------------------------------------------------------------


def put(client, url: str, body: object, headers: dict[str, str]):
    return client.put(url, json.dumps(body), content_type="application/json", headers=headers)


def test_the_api_records_and_reports_involvement(client, council):
    use_case = make_use_case(title="Chat-Auswertung")
    headers = bearer(council)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/council-involvement"

    assert client.get(url, headers=headers).status_code == 404

    refused = patch(
        client, url, {"monitoring_capable": True, "agreement_status": "not_needed"}, headers
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == str(AGREEMENT_NEEDED)

    saved = patch(client, url, {"monitoring_capable": True}, headers)
    assert saved.status_code == 200
    assert saved.json()["agreement_status"] == "in_negotiation"
    assert saved.json()["codetermination_required"] is True
    assert "assessed_by" not in saved.json()

    agreed = put(
        client,
        url,
        {
            "monitoring_capable": True,
            "information_given_on": timezone.localdate().isoformat(),
            "consultation_notes": "",
            "agreement_status": "agreed",
            "agreement_reference": "BV 12/2025",
            "agreement_clauses": "§ 3",
        },
        headers,
    )
    assert agreed.status_code == 200
    assert client.get(url, headers=headers).json()["agreement_reference"] == "BV 12/2025"

    listed = client.get("/api/v1/governance/codetermination?status=agreed", headers=headers).json()
    assert listed["count"] == 1
    row = listed["items"][0]
    assert row["title"] == "Chat-Auswertung"
    assert (row["assessed"], row["codetermination_required"], row["agreement_status"]) == (
        True,
        True,
        "agreed",
    )
    assert (
        client.get("/api/v1/governance/codetermination?status=bogus", headers=headers).status_code
        == 400
    )


def test_the_api_checks_council_permissions(client, privacy, owner):
    use_case = make_use_case()
    url = f"/api/v1/governance/use-cases/{use_case.pk}/council-involvement"
    reader = bearer(privacy)
    assert client.get("/api/v1/governance/codetermination", headers=reader).status_code == 200
    assert patch(client, url, {"monitoring_capable": False}, reader).status_code == 403
    other = bearer(owner)
    assert client.get("/api/v1/governance/codetermination", headers=other).status_code == 403
    assert client.get(url, headers=other).status_code == 403


def patch(client, url, body, headers):
    return client.patch(url, json.dumps(body), content_type="application/json", headers=headers)


def test_a_partial_put_is_refused_and_a_patch_keeps_the_other_fields(client, council):
    use_case = make_use_case(title="Schichtauswertung")
    headers = bearer(council)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/council-involvement"
    full = {
        "monitoring_capable": True,
        "information_given_on": timezone.localdate().isoformat(),
        "consultation_notes": "Erste Beratung am Montag.",
        "agreement_status": "agreed",
        "agreement_reference": "BV 7/2026",
        "agreement_clauses": "§ 4",
    }
    assert put(client, url, full, headers).status_code == 200

    refused = put(client, url, {"monitoring_capable": True}, headers)
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) >= {"consultation_notes", "agreement_reference"}

    changed = patch(client, url, {"consultation_notes": "Zweite Beratung."}, headers)
    assert changed.status_code == 200
    assert changed.json()["agreement_reference"] == "BV 7/2026"
    assert changed.json()["agreement_status"] == "agreed"
    assert changed.json()["consultation_notes"] == "Zweite Beratung."


def test_a_first_patch_must_say_whether_the_system_can_monitor(client, council):
    use_case = make_use_case()
    headers = bearer(council)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/council-involvement"
    refused = patch(client, url, {"consultation_notes": "x"}, headers)
    assert refused.status_code == 400
