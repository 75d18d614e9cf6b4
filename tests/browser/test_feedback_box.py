"""An employee posts an idea anonymously; the programme admin answers it and makes it a use
case; the employee reads the public answer and follows the link to the use case."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in, sign_out
from tests.support.personas import make_person, make_unit
from wandel.core.roles import Role
from wandel.feedback.box.models import FeedbackItem
from wandel.portfolio.use_cases.models import UseCase

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_anonymous_idea_is_answered_and_becomes_a_use_case(page: Page, live_server):
    sales = make_unit("SAL", "Sales")
    make_person(unit=sales, email="anna@example.com", first_name="Anna", last_name="Berg")
    make_person(
        unit=sales,
        email="paula@example.com",
        first_name="Paula",
        last_name="Programme",
        roles=(Role.ADMIN,),
    )

    sign_in(page, live_server, "anna@example.com")
    page.get_by_role("link", name="Feedback", exact=True).click()
    page.get_by_role("link", name="Post feedback, a question or an idea").click()
    page.get_by_label("What is it?").select_option(label="Idea")
    page.get_by_label("Topic").select_option(label="Use cases")
    page.get_by_label("Title").fill("Minutes from meeting notes")
    page.get_by_label("Your message").fill("Let the assistant draft minutes from our notes.")
    page.get_by_label("Post anonymously").check()
    page.get_by_role("button", name="Send the post", exact=True).click()
    expect(page.locator(".message.success")).to_have_text("Thank you: your post is in the box.")
    expect(page.get_by_text("posted anonymously")).to_be_visible()
    assert FeedbackItem.objects.get().author is None
    sign_out(page)

    sign_in(page, live_server, "paula@example.com")
    page.goto(f"{live_server.url}/feedback/box/")
    page.get_by_role("link", name="Minutes from meeting notes").click()
    page.get_by_role("link", name="Write an answer", exact=True).click()
    page.get_by_label("Public answer").fill("Good idea: Sales tries it in January.")
    page.get_by_label("Status").select_option(label="Planned")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".message.success")).to_have_text("The answer is published.")
    page.get_by_role("link", name="Make it a use case").click()
    expect(page.get_by_label("Title")).to_have_value("Minutes from meeting notes")
    page.get_by_label("Affected process").fill("Meetings")
    page.get_by_label("Unit").select_option(label="Sales")
    page.get_by_label("Expected benefit").fill("An hour saved per meeting")
    page.get_by_role("textbox", name="Data involved").fill("Meeting notes")
    page.get_by_label("LLM capability").select_option(label="Text generation")
    page.get_by_role("button", name="Create the use case").click()
    expect(page.locator(".message.success")).to_have_text(
        "The idea is now the use case “Minutes from meeting notes”."
    )
    sign_out(page)

    use_case = UseCase.objects.get()
    sign_in(page, live_server, "anna@example.com")
    page.goto(f"{live_server.url}/feedback/box/you-said-we-did/")
    expect(page.locator("#answers")).to_contain_text("Good idea: Sales tries it in January.")
    page.get_by_role("link", name="Minutes from meeting notes").first.click()
    expect(page.locator("#status")).to_have_text("Planned")
    expect(page.locator("#answer")).to_contain_text("Good idea: Sales tries it in January.")
    page.locator("#use-case").get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/portfolio/{use_case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minutes from meeting notes")
