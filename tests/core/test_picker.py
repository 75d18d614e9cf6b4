"""Pickers: the search endpoint, and a form's search without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.picker import PICK_LIMIT
from wandel.core.roles import Role
from wandel.governance.risks.forms import RiskForm
from wandel.governance.risks.models import Risk
from wandel.portfolio.workshops.forms import WorkshopForm


def options(response) -> list[str]:
    return re.findall(
        r'<li role="option" data-value="\d+"[^>]*>([^<]*)</li>', response.content.decode()
    )


@pytest.fixture
def people(db):
    return [
        make_person(first_name="Ines", last_name="Sicherheit", email="ines@example.com"),
        make_person(first_name="Inge", last_name="Meyer", email="inge@example.com"),
        make_person(first_name="Olga", last_name="Owner", email="olga@example.com"),
    ]


def test_it_finds_people_by_part_of_a_name(client, people):
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.get("/pick/people/", {"q": "in"})
    assert response.status_code == 200
    assert options(response) == [
        "Inge Meyer (inge@example.com)",
        "Ines Sicherheit (ines@example.com)",
    ]


def test_every_word_must_match(client, people):
    client.force_login(make_user(Role.IT_SECURITY))
    assert options(client.get("/pick/people/", {"q": "ines sicher"})) == [
        "Ines Sicherheit (ines@example.com)"
    ]
    assert options(client.get("/pick/people/", {"q": "ines meyer"})) == []


def test_it_offers_nobody_who_left(client, people):
    people[0].active = False
    people[0].save()
    client.force_login(make_user(Role.IT_SECURITY))
    assert options(client.get("/pick/people/", {"q": "ines"})) == []


def test_an_empty_search_offers_nothing(client, people):
    client.force_login(make_user(Role.IT_SECURITY))
    assert options(client.get("/pick/people/", {"q": "  "})) == []


def test_it_shows_no_names_to_whoever_may_not_choose_people(client, people):
    client.force_login(make_user(Role.WORKS_COUNCIL))
    response = client.get("/pick/people/", {"q": "ines"})
    assert response.status_code == 200
    assert options(response) == []
    assert "Sicherheit" not in response.content.decode()


def test_it_shows_no_use_cases_to_whoever_may_not_see_them(client, db):
    make_use_case(title="Angebotsassistent")
    client.force_login(make_user(Role.EMPLOYEE))
    assert options(client.get("/pick/use-cases/", {"q": "angebot"})) == ["Angebotsassistent"]
    client.logout()
    assert client.get("/pick/use-cases/", {"q": "angebot"}).status_code == 302


def test_it_finds_use_cases_by_title_words(client, db):
    make_use_case(title="Angebotsassistent Vertrieb")
    make_use_case(title="Vertragsprüfung")
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    assert options(client.get("/pick/use-cases/", {"q": "vertr"})) == [
        "Angebotsassistent Vertrieb",
        "Vertragsprüfung",
    ]
    assert options(client.get("/pick/use-cases/", {"q": "vertrieb angebot"})) == [
        "Angebotsassistent Vertrieb"
    ]


def test_it_offers_only_product_owners_as_product_owner(client, people):
    make_person(first_name="Ines", last_name="Produkt", roles=(Role.PRODUCT_OWNER,))
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    found = options(client.get("/pick/product-owners/", {"q": "ines"}))
    assert len(found) == 1
    assert found[0].startswith("Ines Produkt (")


def test_it_answers_at_most_twenty(client, db):
    for number in range(25):
        make_person(first_name="Anna", last_name=f"Muster{number:02d}", account=False)
    client.force_login(make_user(Role.IT_SECURITY))
    found = options(client.get("/pick/people/", {"q": "anna"}))
    assert PICK_LIMIT == 20
    assert len(found) == 20
    assert found[0].startswith("Anna Muster00 (")
    assert found[-1].startswith("Anna Muster19 (")


def test_an_unknown_source_is_not_found(client, db):
    client.force_login(make_user(Role.ADMIN))
    assert client.get("/pick/nothing/", {"q": "a"}).status_code == 404


RISK = {
    "title": "Model weights leave the data centre",
    "description": "Weights copied to laptops.",
    "category": "security",
    "likelihood": "2",
    "impact": "5",
    "residual_likelihood": "",
    "residual_impact": "",
    "review_on": "2099-01-01",
    "use_case": "",
}


def test_without_javascript_a_search_shows_the_matches_to_choose_from(client, people):
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.post("/governance/risks/new/", {**RISK, "owner": "", "owner__q": "ines"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose one of the matches below, or search again." in page
    assert f'<input type="radio" name="owner" value="{people[0].pk}">' in page
    assert "Ines Sicherheit (ines@example.com)" in page
    assert "Inge Meyer" not in page
    # What was typed elsewhere stays, the search box is empty for the next search.
    assert 'value="Model weights leave the data centre"' in page
    assert 'name="owner__q" value=""' in page
    assert not Risk.objects.exists()

    response = client.post(
        "/governance/risks/new/", {**RISK, "owner": people[0].pk, "owner__q": ""}
    )
    assert response.status_code == 302
    assert Risk.objects.get().owner == people[0]


def test_without_javascript_a_search_that_finds_nothing_says_so(client, people):
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.post("/governance/risks/new/", {**RISK, "owner": "", "owner__q": "zz"})
    assert response.status_code == 400
    assert "Nothing matches “zz”; try another search." in response.content.decode()


def test_a_search_keeps_what_was_chosen_in_a_multiple_picker(client, people):
    form = WorkshopForm(
        data={
            "title": "Ideen",
            "held_on": "2099-01-01",
            "dots_per_person": "3",
            "agenda": "",
            "participants": [str(people[2].pk)],
            "participants__q": "ines",
        }
    )
    assert not form.is_valid()
    html = str(form["participants"])
    assert f'<input type="checkbox" name="participants" value="{people[2].pk}" checked>' in html
    assert f'<input type="checkbox" name="participants" value="{people[0].pk}">' in html


def test_a_person_outside_the_choices_is_refused(client, people):
    people[1].active = False
    people[1].save()
    client.force_login(make_user(Role.IT_SECURITY))
    response = client.post("/governance/risks/new/", {**RISK, "owner": people[1].pk})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    response = client.post("/governance/risks/new/", {**RISK, "owner": "not-a-number"})
    assert response.status_code == 400
    assert not Risk.objects.exists()


def test_the_form_names_only_the_chosen_person(client, people):
    html = str(RiskForm(initial={"owner": people[2].pk})["owner"])
    assert "Olga Owner (olga@example.com)" in html
    assert "Ines" not in html
    assert "<option" not in html
