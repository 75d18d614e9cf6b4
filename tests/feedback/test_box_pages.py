"""The feedback box's pages as people use them: posting (anonymously too), supporting from
the list, filters, the public answer, "you said, we did", the KPI, promotion from the
page, and constant query counts on the lists."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from tests.support.personas import make_unit, make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.feedback.box.models import FeedbackItem, FeedbackSupport
from wandel.feedback.box.services import item_answer, item_post, item_support
from wandel.portfolio.use_cases.models import UseCase

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def post(actor, title: str, *, kind: str = "feedback", anonymous: bool = False, category="tools"):
    return item_post(
        kind=kind,
        category=category,
        title=title,
        text=f"About {title}.",
        anonymous=anonymous,
        actor=actor,
    )


def test_an_employee_posts_anonymously_and_the_page_does_not_name_them(employee):
    page = signed_in(employee)

    form = page.get("/feedback/box/new/").content.decode()
    response = page.post(
        "/feedback/box/new/",
        {
            "kind": "question",
            "category": "data_protection",
            "title": "Are prompts stored?",
            "text": "Does anyone read what I type?",
            "anonymous": "on",
        },
        follow=True,
    )

    assert "Post anonymously" in form
    assert "Your name is not stored with the post" in form
    item = FeedbackItem.objects.get()
    assert item.author is None
    assert "posted anonymously" in response.content.decode()
    seen_by_others = signed_in(make_user()).get(item.get_absolute_url()).content.decode()
    listed = signed_in(make_user()).get("/feedback/box/").content.decode()
    assert str(employee) not in seen_by_others
    assert str(employee) not in listed


def test_an_empty_post_is_shown_again_with_errors(employee):
    response = signed_in(employee).post("/feedback/box/new/", {"kind": "idea"})

    assert response.status_code == 400
    assert not FeedbackItem.objects.exists()


def test_the_list_filters_by_kind_status_and_topic(employee):
    post(employee, "Licences for everyone", kind="feedback", category="tools")
    post(employee, "A course on retrieval", kind="idea", category="training")
    post(employee, "Is the works agreement signed?", kind="question", category="works_agreements")
    page = signed_in(make_user())

    ideas = page.get("/feedback/box/?kind=idea").content.decode()
    training = page.get("/feedback/box/?category=training").content.decode()
    received = page.get("/feedback/box/?status=received&kind=nonsense").content.decode()
    answered = page.get("/feedback/box/?status=answered").content.decode()

    assert "A course on retrieval" in ideas
    assert "Licences for everyone" not in ideas
    assert "A course on retrieval" in training
    assert "works agreement" not in training
    assert received.count('<th scope="row">') == 3
    assert "Nothing posted yet." in answered


def test_supporting_from_the_list_counts_once(employee):
    item = post(make_user(), "Licences for everyone")
    page = signed_in(employee)

    page.post(f"/feedback/box/{item.pk}/support/", {"next": "box"})
    response = page.post(f"/feedback/box/{item.pk}/support/", {"next": "box"}, follow=True)

    assert FeedbackSupport.objects.filter(item=item).count() == 1
    assert '<span class="badge ok">supported</span>' in response.content.decode()


def test_the_answer_is_public_on_the_item_and_in_you_said_we_did(employee, admin):
    item = post(employee, "Licences for everyone", anonymous=True)
    item_answer(
        item=item, answer="Every unit gets ten seats in January.", status="planned", actor=admin
    )
    post(employee, "Not answered yet")
    reader = signed_in(make_user())

    detail = reader.get(item.get_absolute_url()).content.decode()
    answers = reader.get("/feedback/box/you-said-we-did/").content.decode()

    assert "Every unit gets ten seats in January." in detail
    assert "Answer from the programme team" in detail
    assert "Every unit gets ten seats in January." in answers
    assert "Not answered yet" not in answers
    # Only the programme team sees the buttons that answer.
    assert "/answer/" not in detail


def test_the_team_answers_on_the_answer_page_and_an_employee_may_not(employee, admin):
    item = post(make_user(), "Licences for everyone")

    refused = signed_in(employee).post(f"/feedback/box/{item.pk}/answer/", {"answer": "x"})
    signed_in(admin).post(
        f"/feedback/box/{item.pk}/answer/", {"answer": "Ten seats per unit.", "status": "answered"}
    )

    assert refused.status_code == 403
    item.refresh_from_db()
    assert item.answer == "Ten seats per unit."
    assert item.status == "answered"


def test_the_status_is_changed_from_the_item_page(admin):
    item = post(make_user(), "Licences for everyone")

    signed_in(admin).post(f"/feedback/box/{item.pk}/status/", {"status": "in_review"})

    item.refresh_from_db()
    assert item.status == "in_review"


def test_promoting_on_the_page_creates_the_use_case_and_links_both_ways(employee, admin):
    unit = make_unit("SAL", "Sales")
    item = post(employee, "Minutes assistant", kind="idea")
    page = signed_in(admin)

    form = page.get(f"/feedback/box/{item.pk}/promote/").content.decode()
    page.post(
        f"/feedback/box/{item.pk}/promote/",
        {
            "title": "Minutes assistant",
            "problem": "Minutes take an hour.",
            "process": "Meetings",
            "unit": unit.pk,
            "expected_benefit": "Ten hours a month",
            "data_involved": "Notes",
            "capability": "generation",
        },
    )

    assert 'value="Minutes assistant"' in form
    use_case = UseCase.objects.get()
    item.refresh_from_db()
    assert item.use_case == use_case
    detail = signed_in(employee).get(item.get_absolute_url()).content.decode()
    assert f'<a href="/portfolio/{use_case.pk}/">Minutes assistant</a>' in detail
    use_case_page = page.get(f"/portfolio/{use_case.pk}/").content.decode()
    assert f"/feedback/box/?use_case={use_case.pk}" in use_case_page
    behind = page.get(f"/feedback/box/?use_case={use_case.pk}").content.decode()
    assert "Minutes assistant" in behind


def test_a_question_offers_no_promotion(admin):
    item = post(make_user(), "Is it allowed?", kind="question")

    response = signed_in(admin).get(f"/feedback/box/{item.pk}/promote/", follow=True)

    assert "Only an idea can become a use case." in response.content.decode()


def test_the_kpi_shows_the_median_and_the_share_within_the_promise(admin):
    author = make_user()
    with time_machine.travel("2026-11-02 10:00 +01:00", tick=False):
        first = post(author, "One")
        second = post(author, "Two")
        post(author, "Three")  # never answered: overdue by 2026-12-07
    with time_machine.travel("2026-11-04 10:00 +01:00", tick=False):
        item_answer(item=first, answer="A.", actor=admin)  # 2 days
    with time_machine.travel("2026-11-30 10:00 +01:00", tick=False):
        item_answer(item=second, answer="B.", actor=admin)  # 28 days

    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        content = signed_in(admin).get("/feedback/box/").content.decode()

    # Median of 2 and 28 days is 15; one of three decided items within ten days: 33 %.
    assert "<strong>15</strong>" in content
    assert "<strong>33 %</strong>" in content


def test_the_lists_take_as_many_queries_with_more_items(admin):
    author = make_user()
    reader = signed_in(make_user(Role.ADMIN))
    first = post(author, "Item 0")
    item_answer(item=first, answer="Done.", status="done", actor=admin)

    def grow() -> None:
        for number in range(1, 6):
            item = post(
                author if number % 2 else make_user(), f"Item {number}", anonymous=number == 3
            )
            item_support(item=item, actor=admin)
            item_answer(item=item, answer=f"Answer {number}.", status="done", actor=admin)

    assert_queries_do_not_grow(reader, "/feedback/box/", grow=grow, shows='<th scope="row">')


def test_you_said_we_did_takes_as_many_queries_with_more_answers(admin):
    author = make_user()
    reader = signed_in(make_user())
    item_answer(item=post(author, "Item 0"), answer="Done.", status="done", actor=admin)

    def grow() -> None:
        for number in range(1, 6):
            item = post(author, f"Item {number}")
            item_support(item=item, actor=admin)
            item_answer(item=item, answer=f"Answer {number}.", status="planned", actor=admin)

    assert_queries_do_not_grow(
        reader, "/feedback/box/you-said-we-did/", grow=grow, shows='<article class="card">'
    )


def test_the_team_s_home_page_lists_what_waits_for_a_first_answer(admin, employee):
    author = make_user()
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        post(author, "Waiting since December")
        answered = post(author, "Answered already")
        item_answer(item=answered, answer="Yes.", actor=admin)

    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        team = signed_in(admin).get("/").content.decode()
        everyone = signed_in(employee).get("/").content.decode()

    assert "Feedback and ideas waiting for an answer" in team
    assert "Waiting since December" in team
    assert "Answered already" not in team
    assert "Feedback and ideas waiting for an answer" not in everyone
