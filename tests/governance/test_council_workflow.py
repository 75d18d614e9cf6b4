"""The works council's own workflow (issue 11): its list starts with what is live and not
assessed, leaves out rejected and retired use cases unless asked, and its assessment form
shows what the use case does and chooses nothing for the council."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.support.api import bearer
from tests.support.governance import at_stage
from wandel.governance.ai_act.models import Classification, ClassificationStatus
from wandel.governance.facts import RiskClass
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.portfolio.use_cases.models import Stage

pytestmark = pytest.mark.django_db

ROW_TITLE = re.compile(
    r'<td><a href="/governance/reviews/use-cases/\d+/codetermination/">([^<]*)</a>'
)


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def portfolio():
    titles = {}
    for title, stage in [
        ("A idea", Stage.IDEA),
        ("B pilot", Stage.PILOT),
        ("C production", Stage.PRODUCTION),
        ("D rejected", Stage.REJECTED),
        ("E retired", Stage.RETIRED),
        ("F assessed production", Stage.PRODUCTION),
    ]:
        titles[title] = at_stage(stage, title=title)
    CouncilInvolvement.objects.create(
        use_case=titles["F assessed production"], monitoring_capable=False
    )
    return titles


def test_the_list_starts_with_what_is_live_and_not_assessed(council, portfolio):
    page = signed_in(council).get("/governance/reviews/codetermination/").content.decode()

    assert ROW_TITLE.findall(page) == [
        "C production",
        "B pilot",
        "A idea",
        "F assessed production",
    ]
    assert "All (4)" in page
    assert "Not yet assessed (3)" in page


def test_rejected_and_retired_use_cases_are_shown_when_asked_for(council, portfolio):
    page = signed_in(council).get("/governance/reviews/codetermination/?closed=1")
    text = page.content.decode()

    assert "D rejected" in ROW_TITLE.findall(text)
    assert "E retired" in ROW_TITLE.findall(text)
    assert "All (6)" in text
    assert "Not yet assessed (5)" in text


def test_the_api_lists_the_same_as_the_page(council, portfolio):
    client = Client()
    headers = bearer(council)

    default = client.get("/api/v1/governance/codetermination", headers=headers).json()
    closed = client.get("/api/v1/governance/codetermination?closed=true", headers=headers).json()

    assert [row["title"] for row in default["items"]] == [
        "C production",
        "B pilot",
        "A idea",
        "F assessed production",
    ]
    assert default["count"] == 4
    assert closed["count"] == 6


def test_a_first_assessment_chooses_nothing_for_the_council(council):
    use_case = at_stage(Stage.PILOT, title="Shift planning assistant")

    page = signed_in(council).get(f"/governance/reviews/use-cases/{use_case.pk}/codetermination/")
    text = page.content.decode()

    assert "checked" not in re.sub(r"<nav.*?</nav>", "", text, flags=re.S)
    assert '<option value="" selected>As the answer above implies' in text


def test_saving_no_without_an_agreement_status_needs_no_agreement(council):
    use_case = at_stage(Stage.PILOT)

    response = signed_in(council).post(
        f"/governance/reviews/use-cases/{use_case.pk}/codetermination/",
        {"monitoring_capable": "False", "agreement_status": ""},
    )

    assert response.status_code == 302
    assert CouncilInvolvement.objects.get(use_case=use_case).agreement_status == (
        AgreementStatus.NOT_NEEDED
    )


def test_saving_yes_without_an_agreement_status_starts_negotiating(council):
    use_case = at_stage(Stage.PILOT)

    signed_in(council).post(
        f"/governance/reviews/use-cases/{use_case.pk}/codetermination/",
        {"monitoring_capable": "True", "agreement_status": ""},
    )

    assert CouncilInvolvement.objects.get(use_case=use_case).agreement_status == (
        AgreementStatus.IN_NEGOTIATION
    )


def test_the_assessment_page_shows_what_the_use_case_does(council):
    use_case = at_stage(
        Stage.PILOT,
        problem="Shift plans take a day to write.",
        data_involved="Shift wishes and absences",
        personal_data=True,
    )
    Classification.objects.create(
        use_case=use_case,
        questionnaire_version="test",
        risk_class=RiskClass.HIGH,
        employee_impact=True,
        status=ClassificationStatus.CONFIRMED,
    )

    text = (
        signed_in(council)
        .get(f"/governance/reviews/use-cases/{use_case.pk}/codetermination/")
        .content.decode()
    )

    assert "Shift plans take a day to write." in text
    assert "Shift wishes and absences" in text
    assert "High-risk (Annex III) · affects employees" in text
