"""A real SMTP server on loopback for the tests that send e-mail (a plugin of tests/conftest.py,
so every test may ask for ``inbox``, ``smtp_down`` or ``inbox_later``)."""

from __future__ import annotations

import email
import socket
from collections.abc import Callable, Iterator

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def smtp_settings(port: int) -> dict[str, object]:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture
def inbox(settings) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = smtp_settings(controller.port)
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings) -> None:
    """A mail server address where nothing listens."""
    settings.MAILERS = smtp_settings(free_port())


@pytest.fixture
def inbox_later(settings) -> Iterator[Callable[[], Inbox]]:
    """Start the mail server later in the test (after it was down), on the port the
    settings name if they name one, else on a free port."""
    controllers = []

    def start() -> Inbox:
        handler = Inbox()
        options = settings.MAILERS["default"].get("OPTIONS", {})
        port = options.get("port") or free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        settings.MAILERS = smtp_settings(controller.port)
        return handler

    yield start
    for controller in controllers:
        controller.stop()
