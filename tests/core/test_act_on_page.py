"""A page button's service call: a refusal is shown as an error message and nothing else,
success as the page's message."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from wandel.core.errors import DomainError, act_on_page


def request():
    made = RequestFactory().post("/")
    made.session = SessionStore()
    made._messages = FallbackStorage(made)
    return made


def shown(made) -> list[tuple[str, str]]:
    return [(message.level_tag, message.message) for message in get_messages(made)]


def test_a_call_that_goes_through_shows_the_page_s_message():
    made, calls = request(), []

    assert act_on_page(made, lambda: calls.append(1), "Saved.") is True
    assert calls == [1]
    assert shown(made) == [("success", "Saved.")]


def test_a_refusal_shows_the_service_s_words_and_no_success():
    made = request()

    def refuse() -> None:
        raise DomainError("This session is full.")

    assert act_on_page(made, refuse, "Saved.") is False
    assert shown(made) == [("error", "This session is full.")]
