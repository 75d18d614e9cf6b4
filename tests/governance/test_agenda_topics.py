"""Agenda items Wandel puts on an agenda are worded in each reader's language: the item
stores a topic and the subject's title, and headings stored by older versions as finished
sentences (in either language) are turned into topics by the migration."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import translation

from tests.support.governance import make_body, make_request, record
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.governance.decisions.meetings import agenda_item_add, meeting_create
from wandel.governance.decisions.models import AgendaItem

pytestmark = pytest.mark.django_db

migration = importlib.import_module("wandel.governance.migrations.0005_agenda_item_topic_and_done")


@pytest.fixture
def meeting():
    body = make_body()
    return meeting_create(actor=None, body=body, held_on=datetime.date.today(), title="SteerCo")


def test_a_topic_item_is_headed_in_the_reader_s_language(meeting):
    use_case = make_use_case(title="Protokolle")
    item = agenda_item_add(
        meeting=meeting, actor=None, title="Protokolle", topic="production_gate", use_case=use_case
    )
    typed = agenda_item_add(meeting=meeting, actor=None, title="Gate zu „Pilot“: Notiz")

    assert item.heading == "Production gate: Protokolle"
    assert str(item) == "Production gate: Protokolle"
    assert typed.heading == "Gate zu „Pilot“: Notiz"
    with translation.override("de"):
        assert item.heading == "Gate zu „Produktivbetrieb“: Protokolle"


def test_the_migration_turns_old_headings_of_either_language_into_topics(meeting):
    use_case = make_use_case(title="Protokolle")
    budget = make_request()

    def old(title: str, **links) -> AgendaItem:
        return AgendaItem.objects.create(meeting=meeting, title=title, **links)

    pilot_de = old("Gate zu „Pilot“: Protokolle", use_case=use_case)
    approval_en = old("Approval: Protokolle", use_case=use_case)
    budget_de = old("Budgetantrag: Neue GPUs", budget_request=budget)
    typed = old("Approval: of the minutes")
    unlinked_budget = old("Budget request: lost link")
    decided = old("Anything else")
    record(
        make_user(Role.STEERING_COMMITTEE), body=meeting.body, meeting=meeting, agenda_item=decided
    )
    AgendaItem.objects.filter(pk=decided.pk).update(done=False)

    migration.topics_from_headings(apps, None)

    def stored(item: AgendaItem) -> tuple[str, str, bool]:
        item.refresh_from_db()
        return (item.topic, item.title, item.done)

    assert stored(pilot_de) == ("pilot_gate", "Protokolle", False)
    assert stored(approval_en) == ("approval", "Protokolle", False)
    assert stored(budget_de) == ("budget_request", "Neue GPUs", False)
    assert stored(typed) == ("", "Approval: of the minutes", False)
    assert stored(unlinked_budget) == ("", "Budget request: lost link", False)
    assert stored(decided) == ("", "Anything else", True)

    migration.headings_from_topics(apps, None)
    assert stored(pilot_de)[1] == "Pilot gate: Protokolle"
    assert stored(budget_de)[1] == "Budget request: Neue GPUs"
