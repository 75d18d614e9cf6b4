"""Co-creation sprints through their services: planning (two weeks by default), the board,
the retro with actions followed up as tracked items, and ending — which moves the use case to
the prototype stage only when the lifecycle's gates allow it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.support.enablement import make_sprint
from tests.support.governance import MINIMAL_ANSWERS, at_stage
from tests.support.home import todo_lists
from tests.support.personas import make_person, make_unit
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.core.tracking import TrackedStatus
from wandel.enablement.sprints.models import SprintAction, SprintState, TaskColumn
from wandel.enablement.sprints.services import (
    ENDS_BEFORE_START,
    NO_USE_CASE,
    NOT_RUNNING,
    SPRINT_ENDED,
    SprintError,
    SprintInput,
    retro_action_add,
    retro_action_close,
    sprint_create,
    sprint_end,
    sprint_note_add,
    sprint_retro_add,
    sprint_task_add,
    sprint_task_move,
)
from wandel.governance.ai_act.services import classification_record
from wandel.portfolio.use_cases.models import PortfolioAction, Stage, UseCase

pytestmark = pytest.mark.django_db


def actions(sprint) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="enablement.Sprint", target_id=str(sprint.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def po():
    """A product owner with an account, owning an approved use case."""
    return make_person(roles=(Role.PRODUCT_OWNER,), email="po@example.com", last_name="Owner")


def approved(po, title: str = "Antwortentwürfe"):
    use_case = at_stage(Stage.APPROVED, title=title)
    UseCase.objects.filter(pk=use_case.pk).update(product_owner=po)
    use_case.refresh_from_db()
    return use_case


def test_a_sprint_lasts_two_weeks_unless_told_otherwise(po):
    use_case = approved(po)

    sprint = sprint_create(
        data=SprintInput(
            title="Sprint 1",
            goal="A prototype",
            use_cases=[use_case],
            team=[po],
            starts_on=datetime.date(2026, 3, 2),
        ),
        actor=po.user,
    )

    assert sprint.ends_on == datetime.date(2026, 3, 16)
    assert sprint.state == SprintState.PLANNED
    assert actions(sprint) == [SprintAction.CREATED]


def test_it_refuses_a_sprint_without_a_use_case_or_ending_before_it_starts(po):
    data = {"title": "S", "goal": "G", "team": [], "starts_on": datetime.date(2026, 3, 2)}

    with pytest.raises(SprintError) as no_use_case:
        sprint_create(data=SprintInput(use_cases=[], **data), actor=po.user)
    with pytest.raises(SprintError) as backwards:
        sprint_create(
            data=SprintInput(use_cases=[approved(po)], ends_on=datetime.date(2026, 3, 2), **data),
            actor=po.user,
        )

    assert no_use_case.value.message == NO_USE_CASE
    assert backwards.value.message == ENDS_BEFORE_START


def test_the_board_moves_tasks_and_keeps_notes_and_the_retro_each_audited(po):
    sprint = make_sprint([approved(po)], team=[po], actor=po.user)

    task = sprint_task_add(sprint=sprint, title="Collect 50 tickets", assignee=po, actor=po.user)
    sprint_task_move(task=task, to=TaskColumn.DOING, actor=po.user)
    sprint_task_move(task=task, to=TaskColumn.DONE, actor=po.user)
    sprint_note_add(sprint=sprint, text="Tickets exported.", author=po, actor=po.user)
    sprint_retro_add(sprint=sprint, kind="went_well", text="IT joined early", author=po, actor=None)
    sprint_retro_add(sprint=sprint, kind="to_improve", text="Test data late", author=po, actor=None)

    task.refresh_from_db()
    assert task.column == TaskColumn.DONE
    assert actions(sprint) == [
        SprintAction.CREATED,
        SprintAction.STARTED,
        SprintAction.TASK_ADDED,
        SprintAction.TASK_MOVED,
        SprintAction.TASK_MOVED,
        SprintAction.NOTE_ADDED,
        SprintAction.RETRO_ADDED,
        SprintAction.RETRO_ADDED,
    ]
    moved = AuditEvent.objects.filter(action=SprintAction.TASK_MOVED).order_by("pk").last()
    assert moved.changes == {
        "task": "Collect 50 tickets",
        "column": {"from": "doing", "to": "done"},
    }


def test_a_retro_action_is_a_tracked_item_on_its_owners_home_page(po, client):
    sprint = make_sprint([approved(po)], team=[po], actor=po.user)
    due = timezone.localdate() + datetime.timedelta(days=10)

    action = retro_action_add(
        sprint=sprint, text="Book test data a week ahead", owner=po, due_on=due, actor=po.user
    )

    client.force_login(po.user)
    listed = todo_lists(client.get("/"))["Sprint retro actions you own"]
    assert listed.total == 1
    assert listed.items[0].text == "Book test data a week ahead"
    assert listed.items[0].url == f"/enablement/sprints/{sprint.pk}/#retro"

    retro_action_close(action=action, closing_note="Booked for sprint 2.", actor=po.user)
    action.refresh_from_db()
    assert action.status == TrackedStatus.DONE
    assert "Sprint retro actions you own" not in todo_lists(client.get("/"))
    assert actions(sprint)[-2:] == [SprintAction.ACTION_ADDED, SprintAction.ACTION_CLOSED]


def test_a_retro_action_is_not_due_in_the_past(po):
    sprint = make_sprint([approved(po)], actor=po.user)

    with pytest.raises(SprintError) as refused:
        retro_action_add(
            sprint=sprint,
            text="Too late",
            owner=po,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
            actor=po.user,
        )

    assert refused.value.field == "due_on"


def test_ending_moves_the_use_case_to_prototype_when_the_gates_allow(po):
    use_case = approved(po)
    sprint = make_sprint([use_case], team=[po], actor=po.user)

    ending = sprint_end(
        sprint=sprint,
        outcome="works",
        prototype_url="https://proto.intern/answers",
        lessons_learned="Start with real tickets.",
        to_prototype=True,
        actor=po.user,
    )

    use_case.refresh_from_db()
    assert use_case.stage == Stage.PROTOTYPE
    assert [(m.use_case.pk, m.moved) for m in ending.moves] == [(use_case.pk, True)]
    sprint.refresh_from_db()
    assert (sprint.state, sprint.outcome) == (SprintState.ENDED, "works")
    assert sprint.prototype_url == "https://proto.intern/answers"
    move = AuditEvent.objects.get(action=PortfolioAction.MOVED, target_id=str(use_case.pk))
    assert move.changes["to"] == "prototype"
    assert (
        move.changes["reason"] == "Sprint “Answer drafts in two weeks” ended: The prototype works."
    )


def test_when_the_gate_refuses_the_sprint_ends_and_the_use_case_stays(po):
    use_case = approved(po)
    classification_record(
        use_case=use_case,
        answers={**MINIMAL_ANSWERS, "prohibited_practices": ["social_scoring"]},
        rationales={q: "begründet" for q in MINIMAL_ANSWERS},
        actor=None,
    )
    sprint = make_sprint([use_case], team=[po], actor=po.user)

    ending = sprint_end(sprint=sprint, outcome="partly", to_prototype=True, actor=po.user)

    use_case.refresh_from_db()
    assert use_case.stage == Stage.APPROVED
    (move,) = ending.moves
    assert not move.moved
    assert move.message.startswith("“Antwortentwürfe” cannot move to “Prototype” yet. Missing:")
    assert len(move.missing) == 1
    sprint.refresh_from_db()
    assert (sprint.state, sprint.outcome) == (SprintState.ENDED, "partly")
    assert AuditEvent.objects.filter(
        action=PortfolioAction.MOVE_REFUSED, target_id=str(use_case.pk)
    ).exists()


def test_ending_without_the_move_leaves_the_use_case_alone(po):
    use_case = approved(po)
    sprint = make_sprint([use_case], actor=po.user)

    ending = sprint_end(sprint=sprint, outcome="not", actor=po.user)

    use_case.refresh_from_db()
    assert use_case.stage == Stage.APPROVED
    assert ending.moves == []


def test_a_use_case_of_another_owner_is_not_moved_by_this_one(po):
    mine = approved(po, "Mine")
    other = approved(make_person(roles=(Role.PRODUCT_OWNER,)), "Theirs")
    sprint = make_sprint([mine, other], actor=po.user)

    ending = sprint_end(sprint=sprint, outcome="works", to_prototype=True, actor=po.user)

    assert [(m.use_case.title, m.moved) for m in ending.moves] == [
        ("Mine", True),
        ("Theirs", False),
    ]
    assert ending.moves[1].message == "You may not move this use case to that stage."
    other.refresh_from_db()
    assert other.stage == Stage.APPROVED


def test_only_a_running_sprint_ends_and_an_ended_one_takes_nothing_new(po):
    planned = make_sprint([approved(po)], running=False, actor=po.user)
    with pytest.raises(SprintError) as not_running:
        sprint_end(sprint=planned, outcome="works", actor=po.user)
    assert not_running.value.message == NOT_RUNNING

    sprint = make_sprint([approved(po, "Zwei")], actor=po.user)
    sprint_end(sprint=sprint, outcome="works", actor=po.user)
    with pytest.raises(SprintError) as ended:
        sprint_task_add(sprint=sprint, title="Late", actor=po.user)
    assert ended.value.message == SPRINT_ENDED
    with pytest.raises(SprintError):
        sprint_end(sprint=sprint, outcome="works", actor=po.user)


def test_team_check_counts_units_and_the_it_role():
    from wandel.enablement.sprints.queries import team_check
    from wandel.enablement.sprints.rules import TeamWarning

    sales, it_unit = make_unit(name="Sales"), make_unit(name="Platform")
    anna = make_person(unit=sales, account=False)
    ben = make_person(unit=sales, account=False)
    ops = make_person(unit=it_unit, account=False, roles=(Role.IT_SECURITY,))
    # Someone of the platform unit without the role does not count as IT.
    dev = make_person(unit=it_unit, account=False)

    assert team_check([anna, ben]) == [TeamWarning.FEW_UNITS, TeamWarning.NO_IT]
    assert team_check([anna, dev]) == [TeamWarning.NO_IT]
    assert team_check([anna, ops]) == []
