"""How a refusal reaches an API client: always ``ErrorOut`` (``{"detail", "errors"}``).

Domain errors keep their status (400, 403, 409); input the schema refuses answers 400 with
messages by field, never 422; unknown objects 404; server errors stay server errors.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from wandel.core.errors import ALL, DomainError

if TYPE_CHECKING:
    from ninja import NinjaAPI

NOT_FOUND = _("Not found.")
NOT_SIGNED_IN = _("Sign in, or send a valid API token (Authorization: Bearer …).")
INVALID = _("The request is not valid; see the errors by field.")
NOT_JSON = _("The request body is not valid JSON (line %(line)d, column %(column)d).")
UNREADABLE_BODY = _("The request body cannot be read.")
NO_PERMISSION = _("You do not have permission to do this.")

# Pydantic's messages are English; these are the ones a client meets, in both languages.
SCHEMA_MESSAGES: Mapping[str, str | Promise] = {
    "missing": _("This field is required."),
    "int_parsing": _("Enter a whole number."),
    "int_type": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "float_parsing": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "decimal_type": _("Enter a number."),
    "finite_number": _("Enter a finite number."),
    "bool_parsing": _("Enter true or false."),
    "bool_type": _("Enter true or false."),
    "string_type": _("Enter a text."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_type": _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": _("Enter a date and time in ISO 8601."),
    "enum": _("Choose one of the allowed values."),
    "literal_error": _("Choose one of the allowed values."),
    "list_type": _("Send a list."),
    "dict_type": _("Send an object."),
    "model_type": _("Send an object."),
    "model_attributes_type": _("Send an object."),
    "too_short": _("Too short."),
    "too_long": _("Too long."),
    "string_too_short": _("This field cannot be empty."),
    "string_too_long": _("Too long."),
    "greater_than_equal": _("The number is too small."),
    "greater_than": _("The number is too small."),
    "less_than_equal": _("The number is too large."),
    "less_than": _("The number is too large."),
    "decimal_max_digits": _("The number has too many digits."),
    "decimal_max_places": _("The number has too many decimal places."),
    "decimal_whole_digits": _("The number has too many digits."),
    "extra_forbidden": _("This field is not known."),
    "json_invalid": _("Not valid JSON."),
    "value_error": _("Enter a valid value."),
}


def error_body(
    detail: object, errors: Mapping[str, Sequence[object]] | None = None
) -> dict[str, Any]:
    return {
        "detail": str(detail),
        "errors": {name: [str(m) for m in messages] for name, messages in (errors or {}).items()},
    }


def schema_errors(errors: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Pydantic's error list by field: ``{"title": ["This field is required."]}``."""
    result: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "title") -> "title"; ("query", "owner") -> "owner"
        location = location[2:] if location[:1] == ["body"] and len(location) > 2 else location[1:]
        name = ".".join(location) or ALL
        message = SCHEMA_MESSAGES.get(str(error.get("type", "")), str(error.get("msg", "")))
        result.setdefault(name, []).append(str(message))
    return result


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def domain(request: HttpRequest, error: Any) -> HttpResponse:
        body = error_body(error.message, error.errors)
        return respond(request, error.status, {**body, **error.details()})

    def django_invalid(request: HttpRequest, error: Any) -> HttpResponse:
        refusal = DomainError.from_validation_error(error, INVALID)
        return respond(request, 400, error_body(refusal.message, refusal.errors))

    def schema_invalid(request: HttpRequest, error: Any) -> HttpResponse:
        errors = schema_errors(error.errors)
        first = next(iter(errors.values()))[0] if len(errors) == 1 else INVALID
        return respond(request, 400, error_body(first, errors))

    def http_error(request: HttpRequest, error: Any) -> HttpResponse:
        cause = error.__cause__
        if isinstance(cause, DomainError):
            return domain(request, cause)
        if isinstance(cause, json.JSONDecodeError):
            detail = NOT_JSON % {"line": cause.lineno, "column": cause.colno}
            return respond(request, 400, error_body(detail))
        if isinstance(cause, UnicodeDecodeError | ValueError):
            return respond(request, 400, error_body(UNREADABLE_BODY))
        if isinstance(error, AuthenticationError):
            return respond(request, 401, error_body(NOT_SIGNED_IN))
        return respond(request, error.status_code, error_body(error.message))

    def not_found(request: HttpRequest, error: Any) -> HttpResponse:
        return respond(request, 404, error_body(NOT_FOUND))

    def denied(request: HttpRequest, error: Any) -> HttpResponse:
        return respond(request, 403, error_body(NO_PERMISSION))

    api.add_exception_handler(DomainError, domain)
    api.add_exception_handler(DjangoValidationError, django_invalid)
    api.add_exception_handler(SchemaError, schema_invalid)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, denied)
