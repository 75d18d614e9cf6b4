"""The one base of every error a user can act on.

A service refuses a write by raising a ``DomainError`` (or a subclass named for its domain):
a message for the user, optionally the field it concerns, or several field errors. The API
turns it into the documented error body (``core.api.errors``); a page shows it on its form
(``add_to_form``) or as a message after a button (``act_on_page``). Nothing else is needed
for a new app's errors to be shown right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib import messages as page_messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django import forms

Message = str | Promise

# The key of messages that concern the whole request rather than one field, in the API's
# ``errors`` object as in Django's forms.
ALL = NON_FIELD_ERRORS


class DomainError(Exception):
    """A refusal the user can act on.

    ``status`` is the HTTP status the API answers with: 400 for input that is wrong in itself,
    409 (``ConflictError``) for input that is fine but conflicts with the state of things.
    """

    status = 400

    def __init__(
        self,
        message: Message,
        *,
        field: str | None = None,
        errors: Mapping[str, Sequence[Message]] | None = None,
    ) -> None:
        self.message = message
        self.field = field
        self._errors = {
            name: [str(m) for m in messages] for name, messages in (errors or {}).items()
        }
        super().__init__(str(message))

    def __str__(self) -> str:
        return str(self.message)

    @property
    def errors(self) -> dict[str, list[str]]:
        """Messages by field; the message itself under its field when it names one."""
        if self._errors:
            return dict(self._errors)
        if self.field:
            return {self.field: [str(self.message)]}
        return {}

    def details(self) -> dict[str, Any]:
        """More of the API's error body than ``detail`` and ``errors``, for errors that carry
        more (what a refused move misses, every problem of a refused import)."""
        return {}

    @classmethod
    def from_validation_error(cls, error: ValidationError, message: Message = "") -> DomainError:
        """A model's ``full_clean`` refusal, field by field."""
        if hasattr(error, "error_dict"):
            errors = {name: list(messages) for name, messages in error.message_dict.items()}
        else:
            errors = {ALL: list(error.messages)}
        first = next(iter(errors.values()))[0]
        field = next(iter(errors)) if len(errors) == 1 and ALL not in errors else None
        return cls(message or first, field=field, errors=errors)


class ConflictError(DomainError):
    """The input is fine, but the state of things does not allow it (API: 409)."""

    status = 409


class NotPermitted(DomainError):
    """The user may not do this to this object (API: 403), e.g. a product owner acting on a
    use case they do not own. Role checks themselves stay with ``require_permission``."""

    status = 403


def add_to_form(form: forms.BaseForm, error: DomainError) -> None:
    """Show a domain error on a page's form: at its fields where the form has them."""
    errors = error.errors or {ALL: [str(error.message)]}
    for name, messages in errors.items():
        target: Any = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


def act_on_page(request: HttpRequest, call: Callable[[], object], done: Message) -> bool:
    """Run a page button's one service call: a refusal becomes an error message, success
    the ``done`` message; True when it went through. The page then redirects either way."""
    try:
        call()
    except DomainError as error:
        page_messages.error(request, str(error))
        return False
    page_messages.success(request, str(done))
    return True
