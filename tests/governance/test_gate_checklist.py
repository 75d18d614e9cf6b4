"""The gate checklist on a use case's page: what the next gated move needs, who gives each
item, a link only where the reader may give it and a button that asks the others; the ask
lands on the body's home page; a refused move never links to a page the mover may not use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import pytest
from django.test import Client

from tests.support.governance import at_stage, classified_prototype, prototype_with_personal_data
from tests.support.home import todo_lists
from tests.support.personas import make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.governance.gate_requests.models import GateRequest
from wandel.portfolio.use_cases.models import Stage
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db

_SECTION = re.compile(r'<section class="card gate" id="gate">(.*?)</section>', re.S)
_ITEM = re.compile(r'<li class="(done|open)" data-need="([a-z_]+)">(.*?)</li>', re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Row:
    state: str
    links: list[str]
    button: str
    text: str


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def checklist(response) -> tuple[str, dict[str, Row]]:
    """The checklist's heading and its items by need, as shown."""
    found = _SECTION.search(response.content.decode())
    assert found is not None, "no gate checklist on the page"
    section = found.group(1)
    heading = " ".join(
        unescape(_TAGS.sub("", re.search(r"<h2>(.*?)</h2>", section).group(1))).split()
    )
    rows = {}
    for state, need, body in _ITEM.findall(section):
        button = re.search(r"<button[^>]*>(.*?)</button>", body, re.S)
        rows[need] = Row(
            state,
            re.findall(r'<a href="([^"]+)"', body),
            unescape(button.group(1)).strip() if button else "",
            " ".join(unescape(_TAGS.sub(" ", body)).split()),
        )
    return heading, rows


@pytest.fixture
def prototype(steerco):
    return prototype_with_personal_data(steerco)


def test_the_owner_sees_what_the_pilot_needs_and_is_offered_to_ask(prototype, owner):
    heading, rows = checklist(signed_in(owner).get(f"/portfolio/{prototype.pk}/"))

    assert heading == "Before the move to “Pilot”"
    assert list(rows) == [
        "classification",
        "steering_decision",
        "ethics_review",
        "dpia_check",
        "dpia",
    ]
    assert [need for need, row in rows.items() if row.state == "done"] == [
        "classification",
        "steering_decision",
        "dpia_check",
    ]
    ethics = rows["ethics_review"]
    assert ethics.state == "open"
    assert ethics.links == []
    assert ethics.button == "Ask the ethics board for a review"
    assert "Given by the ethics board." in ethics.text
    assert rows["dpia"].button == "Ask the data-protection officer to complete the DPIA"
    assert rows["dpia"].links == []


def test_the_ethics_board_gets_the_link_where_it_reviews_and_no_button(prototype):
    ethics = make_user(Role.ETHICS_BOARD)

    _, rows = checklist(signed_in(ethics).get(f"/portfolio/{prototype.pk}/"))

    assert rows["ethics_review"].links == [f"/governance/reviews/use-cases/{prototype.pk}/ethics/"]
    assert rows["ethics_review"].button == ""
    assert rows["dpia"].button == "Ask the data-protection officer to complete the DPIA"


def test_employees_see_no_checklist_and_closed_stages_have_none(prototype, employee, owner):
    assert (
        'id="gate"' not in signed_in(employee).get(f"/portfolio/{prototype.pk}/").content.decode()
    )
    idea = at_stage(Stage.IDEA)
    assert 'id="gate"' not in signed_in(owner).get(f"/portfolio/{idea.pk}/").content.decode()


def test_a_pilot_shows_the_production_gate(owner):
    pilot = at_stage(Stage.PILOT, title="Schon im Pilot")

    heading, rows = checklist(signed_in(owner).get(f"/portfolio/{pilot.pk}/"))

    assert heading == "Before the move to “Production”"
    assert rows["classification"].state == "open"
    # The product owner classifies use cases: a link, not a button.
    assert rows["classification"].links == [f"/governance/ai-act/{pilot.pk}/"]
    assert rows["steering_decision"].button == "Put it on the steering committee's agenda"


def test_asking_returns_to_the_page_with_the_request_in_view(prototype, owner):
    make_user(Role.ETHICS_BOARD)
    client = signed_in(owner)

    response = client.post(
        f"/governance/use-cases/{prototype.pk}/gates/ask/",
        {"need": "ethics_review", "stage": "pilot"},
        follow=True,
    )

    assert response.redirect_chain == [(f"/portfolio/{prototype.pk}/#gate", 302)]
    assert "Asked the ethics board. They are notified and see it on their home page." in (
        response.content.decode()
    )
    _, rows = checklist(response)
    assert rows["ethics_review"].button == ""
    assert f"Asked for by {owner} on " in rows["ethics_review"].text
    assert GateRequest.objects.get().requested_by == owner


def test_asking_for_what_is_there_says_so_and_records_nothing(prototype, owner):
    response = signed_in(owner).post(
        f"/governance/use-cases/{prototype.pk}/gates/ask/",
        {"need": "dpia_check", "stage": "pilot"},
        follow=True,
    )

    assert "This is no longer missing for the move to “Pilot”." in response.content.decode()
    assert not GateRequest.objects.exists()


def test_employees_may_not_ask(prototype, employee):
    response = signed_in(employee).post(
        f"/governance/use-cases/{prototype.pk}/gates/ask/",
        {"need": "ethics_review", "stage": "pilot"},
    )

    assert response.status_code == 403
    assert not GateRequest.objects.exists()


def test_what_was_asked_stands_first_on_the_body_home_page(prototype, owner):
    ethics = make_user(Role.ETHICS_BOARD)
    privacy = make_user(Role.DATA_PROTECTION)
    signed_in(owner).post(
        f"/governance/use-cases/{prototype.pk}/gates/ask/",
        {"need": "ethics_review", "stage": "pilot"},
    )

    lists = todo_lists(signed_in(ethics).get("/"))
    assert next(iter(lists)) == "Asked of you"
    asked = lists["Asked of you"]
    assert asked.total == 1
    item = asked.items[0]
    assert item.text == "Antwortentwürfe mit Kundendaten: An ethics review with a positive outcome"
    assert item.url == f"/governance/reviews/use-cases/{prototype.pk}/ethics/"
    assert item.detail.startswith(f"Prototype · {prototype.unit.name} · asked by {owner} on ")
    assert "Asked of you" not in todo_lists(signed_in(privacy).get("/"))


def test_the_home_list_of_requests_costs_the_same_however_many(steerco, owner):
    ethics = make_user(Role.ETHICS_BOARD)
    client = signed_in(ethics)

    def ask(count: int) -> None:
        for _ in range(count):
            use_case = at_stage(Stage.PROTOTYPE)
            GateRequest.objects.create(
                use_case=use_case, need="ethics_review", stage="pilot", requested_by=owner
            )

    ask(1)
    assert_queries_do_not_grow(client, "/", grow=lambda: ask(3), shows="<li")


def test_a_refused_move_links_only_to_pages_the_mover_may_use(prototype, owner):
    product_owner_set(use_case=prototype, person=owner.person, actor=None)

    response = signed_in(owner).post(
        f"/portfolio/{prototype.pk}/move/", {"to": "pilot", "reason": "Pilot starten"}
    )

    assert response.status_code == 409
    refusal = re.search(
        r'<div class="issues" role="alert">(.*?)</div>', response.content.decode(), re.S
    )
    assert refusal is not None
    assert "An ethics review with a positive outcome" in refusal.group(1)
    assert "A completed and signed-off DPIA" in refusal.group(1)
    assert "<a " not in refusal.group(1)


def readiness(client: Client, **params) -> list[str]:
    page = client.get("/governance/gates/readiness/", params).content.decode()
    return [
        " ".join(re.sub(r"<[^>]+>", " ", unescape(item)).split())
        for item in re.findall(r"<li class=\"(?:done|open)\">(.*?)</li>", page, re.S)
    ]


def test_the_decision_form_shows_what_the_gate_needs_besides_the_decision(steerco, employee):
    use_case = classified_prototype(steerco, title="Protokolle zusammenfassen")
    client = signed_in(steerco)
    gate = {"kind": "gate_approval", "use_case": use_case.pk, "gate_stage": "pilot"}

    assert readiness(client, **gate) == [
        "done An EU AI Act classification",
        "this decision A steering-committee gate decision for this stage",
    ]
    assert readiness(client, **{**gate, "kind": "policy"}) == []
    assert readiness(client, **{**gate, "gate_stage": ""}) == []
    assert readiness(client, kind="gate_approval", use_case="999999", gate_stage="pilot") == []
    assert signed_in(employee).get("/governance/gates/readiness/", gate).status_code == 403


def test_a_product_owner_sees_their_use_cases_before_a_gate_with_what_is_missing(steerco, owner):
    prototype = prototype_with_personal_data(steerco)
    pilot = at_stage(Stage.PILOT, title="Schon im Pilot")
    idea = at_stage(Stage.IDEA, title="Nur eine Idee")
    for use_case in (prototype, pilot, idea):
        product_owner_set(use_case=use_case, person=owner.person, actor=None)

    ahead = todo_lists(signed_in(owner).get("/"))["Your use cases before a gate"]

    assert ahead.total == 2
    assert {(item.text, item.detail, item.url) for item in ahead.items} == {
        (
            "Antwortentwürfe mit Kundendaten",
            "Pilot gate: 2 items missing",
            f"/portfolio/{prototype.pk}/#gate",
        ),
        ("Schon im Pilot", "Production gate: 2 items missing", f"/portfolio/{pilot.pk}/#gate"),
    }


def test_the_gates_ahead_cost_the_same_however_many_use_cases(owner):
    client = signed_in(owner)

    def own(count: int) -> None:
        for _ in range(count):
            use_case = at_stage(Stage.PROTOTYPE)
            product_owner_set(use_case=use_case, person=owner.person, actor=None)

    def ahead(response) -> int:
        return todo_lists(response)["Your use cases before a gate"].total

    own(5)
    assert_queries_do_not_grow(client, "/", grow=lambda: own(3), shows=ahead)
