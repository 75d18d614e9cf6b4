"""The sprint pages: who may plan, run and work on a sprint, the warnings about the team, the
end page's report of a refused move, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.support.enablement import make_sprint
from tests.support.governance import at_stage
from tests.support.personas import make_person, make_unit
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.enablement.sprints.models import Sprint, SprintTask, TaskColumn
from wandel.enablement.sprints.services import (
    retro_action_add,
    sprint_note_add,
    sprint_retro_add,
    sprint_task_add,
)
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def owned_by(person, title: str = "Antwortentwürfe", stage: str = Stage.APPROVED) -> UseCase:
    use_case = at_stage(stage, title=title)
    UseCase.objects.filter(pk=use_case.pk).update(product_owner=person)
    use_case.refresh_from_db()
    return use_case


@pytest.fixture
def po():
    return make_person(roles=(Role.PRODUCT_OWNER,), email="po@example.com", last_name="Owner")


def test_a_product_owner_plans_a_sprint_for_their_own_use_case_only(po):
    mine = owned_by(po, "Mine")
    theirs = owned_by(make_person(roles=(Role.PRODUCT_OWNER,)), "Theirs")
    client = signed_in(po.user)
    fields = {"title": "Sprint", "goal": "A prototype", "starts_on": "2030-03-04"}

    refused = client.post("/enablement/sprints/new/", {**fields, "use_cases": [theirs.pk]})
    assert refused.status_code == 200
    assert not Sprint.objects.exists()

    response = client.post("/enablement/sprints/new/", {**fields, "use_cases": [mine.pk]})
    sprint = Sprint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/enablement/sprints/{sprint.pk}/"
    assert sprint.ends_on == datetime.date(2030, 3, 18)


def test_a_product_owner_without_a_use_case_may_not_plan(client):
    lonely = make_person(roles=(Role.PRODUCT_OWNER,))

    assert signed_in(lonely.user).get("/enablement/sprints/new/").status_code == 403


def test_the_sprint_page_and_the_form_warn_when_the_team_is_not_interdisciplinary(po):
    colleague = make_person(unit=po.unit, account=False)
    sprint = make_sprint([owned_by(po)], team=[po, colleague], actor=po.user)
    client = signed_in(po.user)

    board = client.get(sprint.get_absolute_url()).content.decode()
    form = client.get(f"/enablement/sprints/{sprint.pk}/edit/").content.decode()

    for page in (board, form):
        assert 'id="team-warnings"' in page
        assert "The team comes from fewer than two units." in page
        assert "Nobody from IT (the IT &amp; security role) takes part." in page

    ops = make_person(unit=make_unit(name="Platform"), roles=(Role.IT_SECURITY,), account=False)
    sprint.team.add(ops)
    assert 'id="team-warnings"' not in client.get(sprint.get_absolute_url()).content.decode()


def test_the_plan_form_sent_back_warns_about_the_team_it_shows(po):
    owned_by(po)
    colleague = make_person(unit=po.unit, account=False)

    # No use case chosen: the form comes back, with what the chosen team lacks.
    page = signed_in(po.user).post(
        "/enablement/sprints/new/",
        {"title": "S", "goal": "G", "starts_on": "2030-03-04", "team": [po.pk, colleague.pk]},
    )

    assert page.status_code == 200
    assert "The team comes from fewer than two units." in page.content.decode()
    assert not Sprint.objects.exists()


def test_team_members_work_on_the_board_but_only_the_owner_ends_the_sprint(po):
    member = make_person(email="member@example.com")
    outsider = make_person(email="outsider@example.com")
    sprint = make_sprint([owned_by(po)], team=[po, member], actor=po.user)
    task = sprint_task_add(sprint=sprint, title="Collect tickets", actor=None)
    move = f"/enablement/sprint-tasks/{task.pk}/move/"

    assert signed_in(outsider.user).post(move, {"to": "doing"}).status_code == 403
    assert signed_in(member.user).post(move, {"to": "doing"}).status_code == 302
    task.refresh_from_db()
    assert task.column == TaskColumn.DOING

    end = f"/enablement/sprints/{sprint.pk}/end/"
    assert signed_in(member.user).get(end).status_code == 403
    assert signed_in(outsider.user).get(sprint.get_absolute_url()).status_code == 200


def test_the_end_page_says_what_the_gate_misses_and_the_use_case_stays(po):
    use_case = owned_by(po)
    UseCase.objects.filter(pk=use_case.pk).update(vetoed=True)
    sprint = make_sprint([use_case], actor=po.user)

    response = signed_in(po.user).post(
        f"/enablement/sprints/{sprint.pk}/end/",
        {"outcome": "partly", "to_prototype": "on"},
        follow=True,
    )

    page = response.content.decode()
    assert "Sprint ended." in page
    assert "“Antwortentwürfe” cannot move to “Prototype” yet. Missing:" in page
    assert "A risk criterion vetoes this use case" in page
    use_case.refresh_from_db()
    assert use_case.stage == Stage.APPROVED


def test_the_use_case_page_links_to_its_sprints(po):
    use_case = owned_by(po)

    page = signed_in(po.user).get(use_case.get_absolute_url()).content.decode()

    assert f'href="/enablement/sprints/?use_case={use_case.pk}"' in page


def test_the_board_takes_as_many_queries_with_more_on_it(po):
    sales, platform = make_unit(name="Sales"), make_unit(name="Platform")
    sprint = make_sprint([owned_by(po)], team=[po], actor=po.user)
    due = timezone.localdate() + datetime.timedelta(days=7)

    def add(n: int) -> None:
        for i in range(n):
            person = make_person(unit=platform if i % 2 else sales, account=False)
            sprint.team.add(person)
            task = sprint_task_add(sprint=sprint, title=f"Task {i}", assignee=person, actor=None)
            SprintTask.objects.filter(pk=task.pk).update(column=list(TaskColumn)[i % 3])
            sprint_note_add(sprint=sprint, text=f"Note {i}", author=person, actor=None)
            sprint_retro_add(
                sprint=sprint, kind="went_well", text=f"W{i}", author=person, actor=None
            )
            retro_action_add(sprint=sprint, text=f"A{i}", owner=person, due_on=due, actor=None)

    add(1)
    assert_queries_do_not_grow(
        signed_in(po.user),
        sprint.get_absolute_url(),
        grow=lambda: add(4),
        shows='class="card" id="task-',
    )


def test_the_list_takes_as_many_queries_with_more_sprints(po):
    def add(n: int) -> None:
        for i in range(n):
            team = [make_person(account=False), make_person(account=False)]
            sprint = make_sprint([owned_by(po, f"UC {i}"), owned_by(po, f"UC {i}b")], team=team)
            sprint_task_add(sprint=sprint, title="T", actor=None)

    add(1)
    assert_queries_do_not_grow(
        signed_in(po.user), "/enablement/sprints/", grow=lambda: add(4), shows='<th scope="row">'
    )
