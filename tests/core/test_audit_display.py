"""The audit log in words: "field: old → new", with the model's field names, choice labels,
yes/no and dates in the reader's language, worded when read (issue 11)."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.support.portfolio import make_use_case
from wandel.core.audit_display import readable_changes
from wandel.core.models import AuditEvent
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.services import use_case_update

MOVE = {"from": "idea", "to": "assessed", "reason": "Bitte bewerten"}
EDIT = {
    "personal_data": {"from": False, "to": True},
    "title": {"from": "Protokolle", "to": "Protokolle zusammenfassen"},
    "people_helped": {"from": None, "to": 1200},
}


def words(target_type: str, changes: dict, language: str = "en") -> list[tuple[str, str]]:
    with translation.override(language):
        return [(c.label, c.text) for c in readable_changes(target_type, changes)]


def test_a_move_names_the_stages():
    assert words("portfolio.UseCase", MOVE) == [
        ("From", "Idea"),
        ("To", "Assessed"),
        ("Reason", "Bitte bewerten"),
    ]
    assert words("portfolio.UseCase", MOVE, "de") == [
        ("Von", "Idee"),
        ("Nach", "Bewertet"),
        ("Begründung", "Bitte bewerten"),
    ]


def test_changed_fields_read_old_to_new():
    assert words("portfolio.UseCase", EDIT) == [
        ("Personal data involved", "no → yes"),
        ("Title", "Protokolle → Protokolle zusammenfassen"),
        ("People helped", "— → 1200"),
    ]
    assert words("portfolio.UseCase", EDIT, "de")[0] == ("Personenbezogene Daten", "nein → ja")


def test_dates_lists_and_nested_values_are_shown_as_the_reader_writes_them():
    changes = {"due_on": "2026-12-24", "applying": ["a", "b"], "counts": {"open": 2}}

    assert words("governance.DecisionCondition", changes) == [
        ("Due on", "24/12/2026"),
        ("Applying", "a, b"),
        ("Counts", "Open: 2"),
    ]
    assert words("governance.DecisionCondition", changes, "de")[0] == ("Fällig am", "24.12.2026")


def test_an_unknown_kind_of_record_still_reads():
    assert words("", {"file": "hr.csv", "closed_accounts": []}) == [
        ("File", "hr.csv"),
        ("Closed accounts", "—"),
    ]
    assert words("nowhere.Gone", {"from": "x"}) == [("From", "x")]


@pytest.mark.django_db
def test_the_audit_log_page_shows_changes_in_words(admin_client, admin):
    use_case = make_use_case(title="Protokolle")
    use_case_update(use_case=use_case, actor=admin, title="Protokolle zusammenfassen")
    use_case_move(use_case=use_case, to="rejected", actor=admin, reason="Nicht jetzt")
    assert AuditEvent.objects.filter(action="portfolio.moved").exists()

    page = admin_client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<li><strong>Title:</strong> Protokolle → Protokolle zusammenfassen</li>" in page
    assert "<li><strong>To:</strong> Rejected</li>" in page
    german = admin_client.get("/audit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<li><strong>Nach:</strong> Abgelehnt</li>" in german
