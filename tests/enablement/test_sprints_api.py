"""Co-creation sprints over the API: the list and one sprint's board, planning one, moving a
card and ending a sprint with what became of each use case; the same permission rules as
the pages, each write audited, and a list that costs the same queries with more sprints."""

from __future__ import annotations

import datetime

import pytest

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.enablement import make_sprint
from tests.support.governance import MINIMAL_ANSWERS, at_stage
from tests.support.personas import make_person, make_unit, make_user
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.enablement.sprints.services import (
    retro_action_add,
    sprint_note_add,
    sprint_retro_add,
    sprint_task_add,
)
from wandel.governance.ai_act.services import classification_record
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db

E = "/api/v1/enablement"
D = datetime.date


@pytest.fixture(autouse=True)
def today():
    with frozen("2026-12-07 12:00"):
        yield


@pytest.fixture
def po():
    return make_person(
        roles=(Role.PRODUCT_OWNER,), first_name="Paula", last_name="Owner", unit=make_unit()
    )


def owned(po, title: str = "Answer drafts"):
    use_case = at_stage(Stage.APPROVED, title=title)
    UseCase.objects.filter(pk=use_case.pk).update(product_owner=po)
    use_case.refresh_from_db()
    return use_case


def test_one_sprint_shows_its_board_notes_retro_and_actions(client, po):
    use_case = owned(po)
    dev = make_person(
        first_name="Ivo", last_name="Tech", roles=(Role.IT_SECURITY,), unit=make_unit()
    )
    sprint = make_sprint([use_case], team=[po, dev], starts_on=D(2026, 12, 1), actor=po.user)
    card = sprint_task_add(sprint=sprint, title="Collect 50 tickets", assignee=dev, actor=None)
    note = sprint_note_add(sprint=sprint, text="Tickets exported.", author=po, actor=None)
    entry = sprint_retro_add(
        sprint=sprint, kind="to_improve", text="Test data late", author=dev, actor=None
    )
    action = retro_action_add(
        sprint=sprint, text="Export earlier", owner=dev, due_on=D(2027, 1, 8), actor=None
    )

    answer = client.get(f"{E}/sprints/{sprint.pk}", headers=bearer(make_user()))

    assert answer.status_code == 200
    assert answer.json() == {
        "id": sprint.pk,
        "title": "Answer drafts in two weeks",
        "goal": "A prototype that drafts answers to support tickets.",
        "state": "running",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-15",
        "use_cases": [{"id": use_case.pk, "title": "Answer drafts", "stage": "approved"}],
        "team": [{"id": po.pk, "name": "Paula Owner"}, {"id": dev.pk, "name": "Ivo Tech"}],
        "outcome": None,
        "prototype_url": "",
        "lessons_learned": "",
        "tasks": {
            "todo": [
                {
                    "id": card.pk,
                    "title": "Collect 50 tickets",
                    "column": "todo",
                    "assignee": {"id": dev.pk, "name": "Ivo Tech"},
                }
            ],
            "doing": [],
            "done": [],
        },
        "notes": [
            {
                "id": note.pk,
                "written_on": "2026-12-07",
                "author": {"id": po.pk, "name": "Paula Owner"},
                "text": "Tickets exported.",
            }
        ],
        "retro": [
            {
                "id": entry.pk,
                "kind": "to_improve",
                "text": "Test data late",
                "author": {"id": dev.pk, "name": "Ivo Tech"},
            }
        ],
        "actions": [
            {
                "id": action.pk,
                "text": "Export earlier",
                "status": "open",
                "due_on": "2027-01-08",
                "overdue": False,
                "closed_on": None,
                "closing_note": "",
                "closed_by": None,
                "owner": {"id": dev.pk, "name": "Ivo Tech"},
            }
        ],
        "warnings": [],
    }


def test_the_list_shows_sprints_by_state(client, po):
    running = make_sprint([owned(po)], actor=po.user)
    planned = make_sprint([owned(po, "Minutes")], title="Minutes", running=False, actor=po.user)
    headers = bearer(make_user())

    listed = client.get(f"{E}/sprints", headers=headers).json()
    assert [s["id"] for s in listed["items"]] == [running.pk]
    assert listed["items"][0]["team_size"] == 0
    assert listed["items"][0]["done_count"] == 0
    other = client.get(f"{E}/sprints?state=planned", headers=headers).json()
    assert [s["id"] for s in other["items"]] == [planned.pk]


def test_a_product_owner_plans_a_sprint_for_their_own_use_case_only(client, po):
    mine = owned(po)
    theirs = at_stage(Stage.APPROVED, title="Somebody else's")
    headers = bearer(po.user)
    body = {
        "title": "Drafts",
        "goal": "A prototype",
        "use_cases": [mine.pk],
        "starts_on": "2027-01-04",
    }

    created = client.post(f"{E}/sprints", body, "application/json", headers=headers)
    assert created.status_code == 201, created.content
    assert (created.json()["state"], created.json()["ends_on"]) == ("planned", "2027-01-18")
    assert created.json()["warnings"] == ["few_units", "no_it"]
    assert AuditEvent.objects.latest("pk").action == "enablement.sprint_created"

    refused = client.post(
        f"{E}/sprints", {**body, "use_cases": [theirs.pk]}, "application/json", headers=headers
    )
    assert refused.status_code == 403
    employee = bearer(make_user())
    assert (
        client.post(f"{E}/sprints", body, "application/json", headers=employee).status_code == 403
    )


def test_the_team_moves_a_card_and_others_may_not(client, po):
    member = make_person()
    sprint = make_sprint([owned(po)], team=[member], actor=po.user)
    card = sprint_task_add(sprint=sprint, title="Prompt v1", actor=None)
    url = f"{E}/sprint-tasks/{card.pk}/move"

    refused = client.post(url, {"to": "doing"}, "application/json", headers=bearer(make_user()))
    assert refused.status_code == 403
    moved = client.post(url, {"to": "doing"}, "application/json", headers=bearer(member.user))
    assert moved.json() == {
        "id": card.pk,
        "title": "Prompt v1",
        "column": "doing",
        "assignee": None,
    }
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.changes["column"]) == (
        "enablement.sprint_task_moved",
        {"from": "todo", "to": "doing"},
    )
    wrong = client.post(url, {"to": "later"}, "application/json", headers=bearer(member.user))
    assert wrong.status_code == 400


def test_ending_answers_what_became_of_each_use_case(client, po):
    ready = owned(po, "Answer drafts")
    blocked = owned(po, "Scoring staff")
    classification_record(
        use_case=blocked,
        answers={**MINIMAL_ANSWERS, "prohibited_practices": ["social_scoring"]},
        rationales={q: "begründet" for q in MINIMAL_ANSWERS},
        actor=None,
    )
    member = make_person()
    sprint = make_sprint([ready, blocked], team=[member], actor=po.user)
    url = f"{E}/sprints/{sprint.pk}/end"
    body = {"outcome": "works", "to_prototype": True, "prototype_url": "https://proto.example.org"}

    assert (
        client.post(url, body, "application/json", headers=bearer(member.user)).status_code == 403
    )
    answer = client.post(url, body, "application/json", headers=bearer(po.user))

    assert answer.status_code == 200, answer.content
    ending = answer.json()
    assert (ending["sprint"]["state"], ending["sprint"]["outcome"]) == ("ended", "works")
    moved, stayed = ending["moves"]
    assert moved == {
        "use_case": {"id": ready.pk, "title": "Answer drafts", "stage": "prototype"},
        "moved": True,
        "message": "",
        "missing": [],
    }
    assert stayed["use_case"] == {"id": blocked.pk, "title": "Scoring staff", "stage": "approved"}
    assert stayed["moved"] is False
    assert stayed["message"].startswith("“Scoring staff” cannot move to “Prototype” yet.")
    assert len(stayed["missing"]) == 1
    assert AuditEvent.objects.filter(action="enablement.sprint_ended").count() == 1
    again = client.post(url, body, "application/json", headers=bearer(po.user))
    assert again.status_code == 409


def test_the_list_takes_as_many_queries_with_more_sprints(client, po):
    headers = bearer(make_user())
    make_sprint([owned(po, "First")], team=[po], actor=po.user)
    numbers = iter(range(100))

    def grow() -> None:
        for _ in range(3):
            n = next(numbers)
            make_sprint([owned(po, f"Use case {n}")], team=[po, make_person()], title=f"S{n}")

    assert_queries_do_not_grow(client, f"{E}/sprints", grow=grow, shows=api_items, headers=headers)
