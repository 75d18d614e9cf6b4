"""Use-case workshops: planning, capturing ideas, dot voting, the ranking and its export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.support.downloads import downloaded
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import PortfolioAction, Stage, UseCase
from wandel.portfolio.workshops import services as workshop_services
from wandel.portfolio.workshops.models import Vote, Workshop, WorkshopStatus
from wandel.portfolio.workshops.queries import workshop_ranking
from wandel.portfolio.workshops.services import (
    ALREADY_AN_IDEA,
    CANNOT_CLOSE,
    CANNOT_OPEN,
    LIMIT_BELOW_CAST,
    NEGATIVE_DOTS,
    NO_IDEAS,
    NO_PARTICIPANTS,
    NOT_A_PARTICIPANT,
    NOT_AN_IDEA,
    NOT_ON_BEHALF,
    OVER_LIMIT,
    VOTERS_REMOVED,
    VOTING_NOT_OPEN,
    WORKSHOP_CLOSED,
    WorkshopError,
    votes_cast,
)

pytestmark = pytest.mark.django_db

IDEA_FIELDS = {
    "title": "Summarise shift handovers",
    "problem": "Handover notes are long and inconsistent.",
    "process": "Shift handover",
    "expected_benefit": "30 minutes per shift",
    "data_involved": "Shift logs",
    "personal_data": False,
    "capability": "generation",
}


def make_workshop(
    facilitator: User,
    *,
    participants: list[Person] = (),  # type: ignore[assignment]
    ideas: list[UseCase] = (),  # type: ignore[assignment]
    status: str = WorkshopStatus.PLANNED,
    dots: int = 3,
) -> Workshop:
    workshop = workshop_services.workshop_create(
        actor=facilitator,
        title="Ideation Production",
        held_on=datetime.date(2030, 5, 4),
        participants=participants,
        dots_per_person=dots,
        agenda="1. Pain points\n2. Ideas\n3. Dot voting",
    )
    workshop.ideas.set(ideas)
    if status != WorkshopStatus.PLANNED:
        Workshop.objects.filter(pk=workshop.pk).update(status=status)
        workshop.refresh_from_db()
    return workshop


@pytest.fixture
def alice() -> Person:
    return make_person(first_name="Alice", last_name="Anders")


@pytest.fixture
def bob() -> Person:
    return make_person(first_name="Bob", last_name="Berg")


@pytest.fixture
def ideas() -> list[UseCase]:
    unit = make_unit(name="Production")
    return [make_use_case(title=title, unit=unit) for title in ("Alpha", "Beta", "Gamma")]


@pytest.fixture
def voting(admin, alice, bob, ideas) -> Workshop:
    return make_workshop(
        admin, participants=[alice, bob], ideas=ideas, status=WorkshopStatus.VOTING
    )


def dots_of(workshop: Workshop, person: Person) -> dict[str, int]:
    return {
        vote.use_case.title: vote.dots
        for vote in Vote.objects.filter(workshop=workshop, voter=person).select_related("use_case")
    }


def cast(workshop: Workshop, person: Person, **by_title: int) -> int:
    ids = dict(workshop.ideas.values_list("title", "pk"))
    assert person.user is not None
    return votes_cast(
        workshop=workshop,
        voter=person,
        dots={ids[title]: n for title, n in by_title.items()},
        actor=person.user,
    )


# Rules ---------------------------------------------------------------------------------


def test_a_participant_places_several_dots_on_one_idea(voting, alice):
    assert cast(voting, alice, Alpha=2, Beta=1) == 3
    assert dots_of(voting, alice) == {"Alpha": 2, "Beta": 1}


def test_a_distribution_over_the_limit_is_refused_and_nothing_is_saved(voting, alice):
    cast(voting, alice, Alpha=1)
    with pytest.raises(WorkshopError) as refused:
        cast(voting, alice, Alpha=2, Beta=2)
    assert str(refused.value) == OVER_LIMIT % {"limit": 3, "used": 4}
    assert "Nothing was saved" in str(refused.value)
    assert dots_of(voting, alice) == {"Alpha": 1}


def test_someone_who_does_not_take_part_cannot_vote(voting):
    outsider = make_person(first_name="Olga", last_name="Outside")
    with pytest.raises(WorkshopError) as refused:
        cast(voting, outsider, Alpha=1)
    assert str(refused.value) == NOT_A_PARTICIPANT % {"person": outsider}
    assert not Vote.objects.exists()


@pytest.mark.parametrize("status", [WorkshopStatus.PLANNED, WorkshopStatus.CLOSED])
def test_votes_are_only_taken_while_voting_is_open(admin, alice, ideas, status):
    workshop = make_workshop(admin, participants=[alice], ideas=ideas, status=status)
    with pytest.raises(WorkshopError) as refused:
        cast(workshop, alice, Alpha=1)
    assert str(refused.value) == VOTING_NOT_OPEN
    assert not Vote.objects.exists()


def test_voting_again_replaces_the_previous_votes(voting, alice, bob):
    cast(voting, bob, Gamma=3)
    cast(voting, alice, Alpha=2, Beta=1)
    cast(voting, alice, Gamma=1)
    assert dots_of(voting, alice) == {"Gamma": 1}
    assert dots_of(voting, bob) == {"Gamma": 3}


def test_zero_dots_remove_a_vote(voting, alice):
    cast(voting, alice, Alpha=2, Beta=1)
    cast(voting, alice, Alpha=0, Beta=1)
    assert dots_of(voting, alice) == {"Beta": 1}


def test_dots_only_go_to_ideas_of_the_workshop(voting, alice):
    elsewhere = make_use_case(title="Not in this workshop")
    assert alice.user is not None
    with pytest.raises(WorkshopError) as refused:
        votes_cast(workshop=voting, voter=alice, dots={elsewhere.pk: 1}, actor=alice.user)
    assert str(refused.value) == NOT_AN_IDEA


@pytest.mark.parametrize("bad", [-1, True, 1.5])
def test_dots_are_whole_numbers_from_zero(voting, alice, bad):
    with pytest.raises(WorkshopError) as refused:
        cast(voting, alice, Alpha=bad)
    assert str(refused.value) == NEGATIVE_DOTS


def test_a_facilitator_records_dots_only_for_participants_without_account(admin, alice, ideas):
    offline = make_person(first_name="Otto", last_name="Offline", account=False)
    workshop = make_workshop(
        admin, participants=[alice, offline], ideas=ideas, status=WorkshopStatus.VOTING
    )
    votes_cast(workshop=workshop, voter=offline, dots={ideas[0].pk: 3}, actor=admin)
    assert dots_of(workshop, offline) == {"Alpha": 3}

    with pytest.raises(WorkshopError) as refused:
        votes_cast(workshop=workshop, voter=alice, dots={ideas[0].pk: 1}, actor=admin)
    assert str(refused.value) == NOT_ON_BEHALF


def test_a_participant_cannot_vote_for_someone_else(voting, alice, bob):
    assert alice.user is not None
    with pytest.raises(WorkshopError):
        votes_cast(workshop=voting, voter=bob, dots={}, actor=alice.user)


def test_capturing_an_idea_creates_an_audited_use_case_in_the_idea_stage(admin, ideas):
    workshop = make_workshop(admin)
    unit = make_unit(name="Logistics")

    idea = workshop_services.workshop_idea_capture(
        workshop=workshop, actor=admin, unit=unit, **IDEA_FIELDS
    )

    assert idea.stage == Stage.IDEA
    assert idea.submitted_by == admin
    assert list(workshop.ideas.all()) == [idea]
    event = AuditEvent.objects.get(action=PortfolioAction.SUBMITTED, target_id=str(idea.pk))
    assert event.actor == admin


def test_a_captured_idea_that_fails_validation_leaves_nothing_behind(admin):
    workshop = make_workshop(admin)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the model's own ValidationError
        workshop_services.workshop_idea_capture(
            workshop=workshop, actor=admin, unit=make_unit(), **{**IDEA_FIELDS, "title": ""}
        )
    assert not UseCase.objects.exists()
    assert not workshop.ideas.exists()


def test_an_existing_use_case_is_added_once(admin, ideas):
    workshop = make_workshop(admin)
    workshop_services.workshop_idea_add(workshop=workshop, use_case=ideas[0], actor=admin)
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_idea_add(workshop=workshop, use_case=ideas[0], actor=admin)
    assert str(refused.value) == ALREADY_AN_IDEA % {"title": "Alpha"}


def test_a_closed_workshop_takes_no_more_ideas(admin, ideas):
    workshop = make_workshop(admin, status=WorkshopStatus.CLOSED)
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_idea_add(workshop=workshop, use_case=ideas[0], actor=admin)
    assert str(refused.value) == WORKSHOP_CLOSED
    with pytest.raises(WorkshopError):
        workshop_services.workshop_idea_capture(
            workshop=workshop, actor=admin, unit=make_unit(), **IDEA_FIELDS
        )


def test_voting_opens_only_with_ideas_and_participants(admin, alice, ideas):
    empty = make_workshop(admin, participants=[alice])
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_open_voting(workshop=empty, actor=admin)
    assert str(refused.value) == NO_IDEAS
    nobody = make_workshop(admin, ideas=ideas)
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_open_voting(workshop=nobody, actor=admin)
    assert str(refused.value) == NO_PARTICIPANTS


def test_the_status_only_moves_forward(admin, alice, ideas):
    workshop = make_workshop(admin, participants=[alice], ideas=ideas)
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_close(workshop=workshop, actor=admin)
    assert str(refused.value) == CANNOT_CLOSE

    workshop_services.workshop_open_voting(workshop=workshop, actor=admin)
    assert Workshop.objects.get().status == WorkshopStatus.VOTING
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_open_voting(workshop=workshop, actor=admin)
    assert str(refused.value) == CANNOT_OPEN

    workshop_services.workshop_close(workshop=workshop, actor=admin)
    assert Workshop.objects.get().status == WorkshopStatus.CLOSED


def test_a_stale_copy_cannot_reopen_a_closed_vote(voting, admin):
    stale = Workshop.objects.get(pk=voting.pk)
    workshop_services.workshop_close(workshop=voting, actor=admin)
    with pytest.raises(WorkshopError):
        workshop_services.workshop_close(workshop=stale, actor=admin)
    assert stale.status == WorkshopStatus.VOTING  # the copy, not the row
    assert Workshop.objects.get().status == WorkshopStatus.CLOSED


def test_people_who_voted_stay_participants(voting, admin, alice, bob):
    cast(voting, alice, Alpha=1)
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_update(workshop=voting, actor=admin, participants=[bob])
    assert str(refused.value) == VOTERS_REMOVED % {"people": "Alice Anders"}
    workshop_services.workshop_update(workshop=voting, actor=admin, participants=[alice])
    assert list(voting.participants.all()) == [alice]


def test_dots_per_person_cannot_drop_below_a_ballot_already_cast(voting, admin, alice):
    cast(voting, alice, Alpha=2, Beta=1)
    with pytest.raises(WorkshopError) as refused:
        workshop_services.workshop_update(workshop=voting, actor=admin, dots_per_person=2)
    assert str(refused.value) == LIMIT_BELOW_CAST % {"used": 3}
    workshop_services.workshop_update(workshop=voting, actor=admin, dots_per_person=5)
    assert Workshop.objects.get().dots_per_person == 5


def test_the_ranking_puts_most_dots_first_and_breaks_ties_by_title(admin, ideas):
    people = [make_person() for _ in range(3)]
    zeta = make_use_case(title="zeta")
    workshop = make_workshop(
        admin, participants=people, ideas=[*ideas, zeta], status=WorkshopStatus.VOTING
    )
    cast(workshop, people[0], Gamma=2, Beta=1)
    cast(workshop, people[1], Gamma=1, zeta=2)
    cast(workshop, people[2], Beta=2)

    ranking = workshop_ranking(workshop)

    assert [(r.rank, r.use_case.title, r.dots, r.voters) for r in ranking] == [
        (1, "Beta", 3, 2),
        (1, "Gamma", 3, 2),
        (3, "zeta", 2, 1),
        (4, "Alpha", 0, 0),
    ]


def test_the_ranking_counts_only_the_dots_of_this_workshop(admin, alice, ideas):
    first = make_workshop(admin, participants=[alice], ideas=ideas, status="voting")
    second = make_workshop(admin, participants=[alice], ideas=ideas, status="voting")
    cast(first, alice, Alpha=3)
    cast(second, alice, Beta=1)
    assert [(r.use_case.title, r.dots) for r in workshop_ranking(second)] == [
        ("Beta", 1),
        ("Alpha", 0),
        ("Gamma", 0),
    ]


# Pages ---------------------------------------------------------------------------------


def test_a_facilitator_plans_a_workshop_through_the_page(admin_client, admin, alice, bob):
    unit = make_unit(name="Production")
    response = admin_client.post(
        reverse("portfolio:workshop_create"),
        {
            "title": "Ideation Production",
            "held_on": "2030-05-04",
            "units": [unit.pk],
            "participants": [alice.pk, bob.pk],
            "agenda": "Pain points, ideas, dots",
            "dots_per_person": "5",
        },
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == workshop.get_absolute_url()
    assert workshop.facilitator == admin
    assert workshop.dots_per_person == 5
    assert set(workshop.participants.all()) == {alice, bob}
    assert list(workshop.units.all()) == [unit]


def test_the_plan_form_shows_its_errors(admin_client):
    response = admin_client.post(
        reverse("portfolio:workshop_create"), {"title": "", "dots_per_person": "50"}
    )
    assert response.status_code == 400
    assert not Workshop.objects.exists()


def test_editing_a_workshop_keeps_the_voters(admin_client, voting, alice, bob):
    cast(voting, alice, Alpha=1)
    url = reverse("portfolio:workshop_edit", args=[voting.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "title": "Renamed",
        "held_on": "2030-05-05",
        "participants": [bob.pk],
        "agenda": "",
        "dots_per_person": "3",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert "Alice Anders already voted" in response.content.decode()
    assert Workshop.objects.get().title == "Ideation Production"

    response = admin_client.post(url, {**data, "participants": [alice.pk, bob.pk]})
    assert response.status_code == 302
    assert Workshop.objects.get().title == "Renamed"


def test_the_list_shows_upcoming_and_past_workshops_with_counts(admin_client, admin, alice):
    today = timezone.localdate()
    upcoming = make_workshop(admin, participants=[alice], ideas=[make_use_case()])
    past = make_workshop(admin)
    Workshop.objects.filter(pk=upcoming.pk).update(held_on=today)
    Workshop.objects.filter(pk=past.pk).update(
        title="Retro ideation", held_on=today - datetime.timedelta(days=1)
    )
    response = admin_client.get(reverse("portfolio:workshop_list"))
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [upcoming]
    assert list(response.context["page"]) == [Workshop.objects.get(pk=past.pk)]
    listed = response.context["upcoming"][0]
    assert (listed.idea_count, listed.participant_count) == (1, 1)
    assert "Retro ideation" in response.content.decode()


def test_the_detail_page_shows_agenda_participants_and_ranked_ideas(
    admin_client, voting, alice, bob
):
    cast(voting, alice, Gamma=3)
    cast(voting, bob, Beta=1)
    response = admin_client.get(voting.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dot voting" in page  # the agenda
    assert "Alice Anders" in page
    assert "2 of 2 participants have voted." in page
    assert page.index("Gamma") < page.index("Beta") < page.index("Alpha")


def test_capturing_an_idea_on_the_page_links_it_to_the_workshop(admin_client, admin):
    workshop = make_workshop(admin)
    unit = make_unit()
    response = admin_client.post(
        reverse("portfolio:workshop_idea_create", args=[workshop.pk]),
        {**IDEA_FIELDS, "unit": unit.pk},
    )
    assert response.status_code == 302
    idea = workshop.ideas.get()
    assert (idea.title, idea.stage, idea.unit) == (IDEA_FIELDS["title"], Stage.IDEA, unit)


def test_an_incomplete_idea_is_shown_again_with_its_errors(admin_client, admin):
    workshop = make_workshop(admin)
    response = admin_client.post(
        reverse("portfolio:workshop_idea_create", args=[workshop.pk]), {"title": "Half"}
    )
    assert response.status_code == 400
    assert response.context["idea_form"].errors["problem"]
    assert not UseCase.objects.exists()


def test_an_existing_use_case_is_added_on_the_page(admin_client, admin, ideas):
    workshop = make_workshop(admin)
    url = reverse("portfolio:workshop_idea_add", args=[workshop.pk])
    response = admin_client.post(url, {"use_case": ideas[1].pk}, follow=True)
    assert list(workshop.ideas.all()) == [ideas[1]]
    assert "“Beta” added to the workshop." in response.content.decode()


def test_without_javascript_a_use_case_is_searched_then_added(admin_client, admin, ideas):
    workshop = make_workshop(admin)
    url = reverse("portfolio:workshop_idea_add", args=[workshop.pk])
    response = admin_client.post(url, {"use_case": "", "use_case__q": "bet"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose one of the matches below, or search again." in page
    assert f'<input type="radio" name="use_case" value="{ideas[1].pk}">' in page
    assert not workshop.ideas.exists()
    admin_client.post(url, {"use_case": ideas[1].pk, "use_case__q": ""})
    assert list(workshop.ideas.all()) == [ideas[1]]


def test_the_status_buttons_open_and_close_voting(admin_client, admin, alice, ideas):
    workshop = make_workshop(admin, participants=[alice], ideas=ideas)
    url = reverse("portfolio:workshop_status", args=[workshop.pk])
    response = admin_client.post(url, {"to": "voting"}, follow=True)
    assert "Voting is open." in response.content.decode()
    assert Workshop.objects.get().status == WorkshopStatus.VOTING
    admin_client.post(url, {"to": "closed"})
    assert Workshop.objects.get().status == WorkshopStatus.CLOSED
    response = admin_client.post(url, {"to": "voting"}, follow=True)
    assert str(CANNOT_OPEN) in response.content.decode()
    assert Workshop.objects.get().status == WorkshopStatus.CLOSED


def test_a_participant_places_dots_on_the_vote_page(client, voting, alice, ideas):
    client.force_login(alice.user)
    url = reverse("portfolio:workshop_vote", args=[voting.pk])
    assert client.get(url).status_code == 200
    alpha, beta, _gamma = ideas

    response = client.post(url, {f"idea_{alpha.pk}": "3", f"idea_{beta.pk}": "2"})
    assert response.status_code == 400
    assert "Each participant has 3 dots, but this distribution uses 5." in (
        response.content.decode()
    )
    assert not Vote.objects.exists()

    response = client.post(url, {f"idea_{alpha.pk}": "2", f"idea_{beta.pk}": "1"})
    assert response.status_code == 302
    assert response["Location"] == voting.get_absolute_url()
    assert dots_of(voting, alice) == {"Alpha": 2, "Beta": 1}

    page = client.get(url).content.decode()
    assert f'name="idea_{alpha.pk}" value="2"' in page
    assert "3 of 3 dots placed" in page


def test_a_negative_number_of_dots_is_a_field_error(client, voting, alice, ideas):
    client.force_login(alice.user)
    url = reverse("portfolio:workshop_vote", args=[voting.pk])
    response = client.post(url, {f"idea_{ideas[0].pk}": "-1"})
    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_the_vote_page_refuses_votes_once_voting_is_closed(client, admin, alice, ideas):
    workshop = make_workshop(admin, participants=[alice], ideas=ideas, status="closed")
    client.force_login(alice.user)
    url = reverse("portfolio:workshop_vote", args=[workshop.pk])
    response = client.post(url, {f"idea_{ideas[0].pk}": "1"})
    assert response.status_code == 400
    assert str(VOTING_NOT_OPEN) in response.content.decode()
    assert not Vote.objects.exists()


def test_the_tally_updates_through_htmx(client, voting, alice, ideas):
    client.force_login(alice.user)
    url = reverse("portfolio:workshop_vote", args=[voting.pk])
    response = client.get(
        url,
        {"preview": "1", f"idea_{ideas[0].pk}": "2", f"idea_{ideas[1].pk}": "x"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().strip().startswith("<strong")
    assert "2 of 3 dots placed" in response.content.decode()
    assert not Vote.objects.exists()


def test_the_facilitator_records_dots_for_a_participant_without_account(
    admin_client, admin, alice, ideas
):
    offline = make_person(first_name="Otto", last_name="Offline", account=False)
    workshop = make_workshop(
        admin, participants=[alice, offline], ideas=ideas, status=WorkshopStatus.VOTING
    )
    url = reverse("portfolio:workshop_vote", args=[workshop.pk])
    page = admin_client.get(url).content.decode()
    assert "Otto Offline" in page
    assert "Alice Anders" not in page  # she places her own dots
    assert admin_client.get(url, {"voter": alice.pk}).status_code == 404

    response = admin_client.post(url, {"voter": offline.pk, f"idea_{ideas[2].pk}": "3"})
    assert response.status_code == 302
    assert dots_of(workshop, offline) == {"Gamma": 3}


def test_the_results_export_as_csv(admin_client, voting, alice, bob):
    cast(voting, alice, Beta=2, Alpha=1)
    cast(voting, bob, Beta=1)
    url = reverse("portfolio:workshop_results_export", args=[voting.pk, "csv"])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    assert rows == [
        ["Rank", "Title", "Unit", "Stage", "Dots", "Voters"],
        ["1", "Beta", "Production", "Idea", "3", "2"],
        ["2", "Alpha", "Production", "Idea", "1", "1"],
        ["3", "Gamma", "Production", "Idea", "0", "0"],
    ]


def test_the_csv_export_speaks_german_to_german_users(admin_client, voting, alice):
    cast(voting, alice, Beta=2)
    url = reverse("portfolio:workshop_results_export", args=[voting.pk, "csv"])
    response = admin_client.get(url, headers={"Accept-Language": "de"})
    header = downloaded(response).decode("utf-8-sig").splitlines()[0]
    assert header.count(";") == 5


def test_the_results_export_as_xlsx(admin_client, voting, alice):
    cast(voting, alice, Gamma=3)
    url = reverse("portfolio:workshop_results_export", args=[voting.pk, "xlsx"])
    response = admin_client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Rank", "Title", "Unit", "Stage", "Dots", "Voters"]
    assert rows[1] == [1, "Gamma", "Production", "Idea", 3, 1]
    assert len(rows) == 4


def test_the_export_keeps_titles_that_look_like_formulas_as_text(admin_client, admin, alice):
    idea = make_use_case(title='=HYPERLINK("http://evil.example")')
    workshop = make_workshop(admin, participants=[alice], ideas=[idea])
    for fmt in ("csv", "xlsx"):
        url = reverse("portfolio:workshop_results_export", args=[workshop.pk, fmt])
        content = downloaded(admin_client.get(url))
        if fmt == "csv":
            title = next(csv.reader(io.StringIO(content.decode("utf-8-sig").splitlines()[1])))[1]
        else:
            title = load_workbook(io.BytesIO(content)).active["B2"].value
        assert title == '\'=HYPERLINK("http://evil.example")', fmt


def test_other_export_formats_do_not_exist(admin_client, voting):
    url = reverse("portfolio:workshop_results_export", args=[voting.pk, "pdf"])
    assert admin_client.get(url).status_code == 404


# Permissions ---------------------------------------------------------------------------


def test_an_employee_who_does_not_take_part_is_refused(client, voting, employee, ideas):
    client.force_login(employee)
    vote = reverse("portfolio:workshop_vote", args=[voting.pk])
    assert client.get(voting.get_absolute_url()).status_code == 403
    assert client.get(vote).status_code == 403
    assert client.post(vote, {f"idea_{ideas[0].pk}": "1"}).status_code == 403
    assert not Vote.objects.exists()


def test_a_participant_sees_the_workshop_and_votes_but_does_not_run_it(
    client, voting, alice, ideas
):
    client.force_login(alice.user)
    page = client.get(voting.get_absolute_url())
    assert page.status_code == 200
    assert "Place your dots" in page.content.decode()
    assert "Open voting" not in page.content.decode()
    assert page.context["idea_form"] is None
    for name, method in [
        ("workshop_list", "get"),
        ("workshop_create", "get"),
        ("workshop_edit", "get"),
        ("workshop_status", "post"),
        ("workshop_idea_create", "post"),
        ("workshop_idea_add", "post"),
    ]:
        args = [] if name in ("workshop_list", "workshop_create") else [voting.pk]
        response = getattr(client, method)(reverse(f"portfolio:{name}", args=args))
        assert response.status_code == 403, name
    export = reverse("portfolio:workshop_results_export", args=[voting.pk, "csv"])
    assert client.get(export).status_code == 403


def test_a_participant_cannot_vote_in_someone_elses_name(client, voting, alice, bob, ideas):
    client.force_login(alice.user)
    url = reverse("portfolio:workshop_vote", args=[voting.pk])
    assert client.get(url, {"voter": bob.pk}).status_code == 403
    response = client.post(url, {"voter": bob.pk, f"idea_{ideas[0].pk}": "1"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize("role", [Role.TRAINER, Role.PRODUCT_OWNER])
def test_trainers_and_product_owners_run_workshops(client, role, alice, ideas):
    facilitator = make_user(role)
    client.force_login(facilitator)
    assert client.get(reverse("portfolio:workshop_list")).status_code == 200
    response = client.post(
        reverse("portfolio:workshop_create"),
        {"title": "Team ideas", "held_on": "2030-01-01", "dots_per_person": "3"},
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert workshop.facilitator == facilitator
    assert client.get(workshop.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", [Role.STEERING_COMMITTEE, Role.WORKS_COUNCIL])
def test_other_roles_do_not_run_workshops(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("portfolio:workshop_list")).status_code == 403
    assert client.get(reverse("portfolio:workshop_create")).status_code == 403


def test_signing_in_is_required(client, voting):
    response = client.get(voting.get_absolute_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Queries -------------------------------------------------------------------------------


def populate(workshop: Workshop, *, ideas: int, people: int) -> None:
    unit = make_unit()
    workshop.units.add(unit)
    new_people = [make_person(unit=unit, account=p % 2 == 0) for p in range(people)]
    workshop.participants.add(*new_people)
    new_ideas = [make_use_case(unit=make_unit()) for _ in range(ideas)]
    workshop.ideas.add(*new_ideas)
    Vote.objects.bulk_create(
        Vote(workshop=workshop, voter=person, use_case=idea, dots=1)
        for person in new_people
        for idea in new_ideas[:3]
    )


def rows_and_items(response) -> int:
    """Table rows, list items and choices: the ideas, participants and stand-ins shown."""
    page = response.content.decode()
    return page.count("<tr") + page.count("<li") + page.count("<option")


def sheet_rows(response) -> int:
    return load_workbook(io.BytesIO(downloaded(response))).active.max_row


@pytest.mark.parametrize(
    ("name", "fmt", "shows"),
    [
        ("workshop_detail", None, rows_and_items),
        ("workshop_results_export", "csv", "\n"),
        ("workshop_results_export", "xlsx", sheet_rows),
        ("workshop_list", None, "<tr"),
        ("workshop_vote", None, rows_and_items),
    ],
)
def test_workshop_pages_use_the_same_number_of_queries_for_more_data(
    admin_client, admin, name, fmt, shows
):
    workshop = make_workshop(admin, status=WorkshopStatus.VOTING)
    admin_person = Person.objects.get(user=admin)
    workshop.participants.add(admin_person)
    args: list[object] = [] if name == "workshop_list" else [workshop.pk]
    if fmt:
        args.append(fmt)

    def add_past_workshops(count: int) -> None:
        for _ in range(count):
            past = make_workshop(admin, participants=[admin_person], ideas=[make_use_case()])
            Workshop.objects.filter(pk=past.pk).update(held_on=datetime.date(2020, 1, 1))

    def grow() -> None:
        populate(workshop, ideas=15, people=12)
        add_past_workshops(4)

    populate(workshop, ideas=2, people=2)
    add_past_workshops(1)
    assert_queries_do_not_grow(
        admin_client, reverse(f"portfolio:{name}", args=args), grow=grow, shows=shows
    )


def test_the_participants_view_of_the_detail_page_does_not_grow_either(client, voting, alice):
    client.force_login(alice.user)
    populate(voting, ideas=1, people=1)
    assert_queries_do_not_grow(
        client,
        voting.get_absolute_url(),
        grow=lambda: populate(voting, ideas=10, people=10),
        shows=rows_and_items,
    )
