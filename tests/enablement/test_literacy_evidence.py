"""AI-literacy coverage is the evidence of the AI Act obligation "AI literacy" (Art. 4): a
use case's classification shows it beside the obligation and offers it as the evidence to
confirm, while governance never imports enablement (a core hook between them)."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from tests.support.governance import MINIMAL_ANSWERS
from tests.support.personas import make_person
from tests.support.portfolio import make_use_case
from wandel.core.evidence import OBLIGATION_EVIDENCE, evidence_for
from wandel.core.roles import Role
from wandel.enablement.literacy.evidence import ai_literacy
from wandel.governance.ai_act.services import classification_record
from wandel.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_report_day(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the shipped questionnaire
    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        yield


def test_the_ai_literacy_obligation_shows_the_organisation_s_coverage(organisation):
    office = Unit.objects.create(code="GOV", name="Governance office")
    owner = make_person(unit=office, roles=(Role.PRODUCT_OWNER,)).user
    use_case = make_use_case(personal_data=True)
    classification_record(
        use_case=use_case,
        answers=MINIMAL_ANSWERS,
        rationales={question: "Because." for question in MINIMAL_ANSWERS},
        actor=owner,
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)

    page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()

    # The fixture's 3 of 7, and the owner, who joined today with the path still due: 3 of 8.
    literacy = page[page.index('id="obligation-ai_literacy"') :]
    literacy = literacy[: literacy.index("</li>")]
    expected = (
        "AI-literacy coverage of the organisation: 37 % (3 of 8 people with a required "
        "training; target 50 %)."
    )
    assert expected in literacy
    assert 'class="light red"' in literacy
    assert 'href="/enablement/literacy/"' in literacy
    assert f">\n{expected}</textarea>" in literacy  # offered as the evidence to confirm


def test_other_obligations_get_no_literacy_evidence(organisation):
    assert ai_literacy("hr_logs") is None
    assert list(evidence_for(["hr_logs", "ai_literacy"])) == ["ai_literacy"]


def test_without_a_learning_path_the_evidence_says_so():
    evidence = ai_literacy("ai_literacy")

    assert evidence is not None
    assert evidence.text == "No learning path requires a training yet."
    assert evidence.light == ""


def test_the_hook_is_how_governance_learns_of_it():
    with OBLIGATION_EVIDENCE.without(ai_literacy):
        assert evidence_for(["ai_literacy"]) == {}
