"""Refuses text no database can store before any view sees it.

A NUL character (PostgreSQL refuses it in text) or a lone surrogate in a query string or a
form field answers 400 naming the field: the 400 page for
pages, ``ErrorOut`` for the API. Forms would catch a NUL in their own fields, but searches
(``?q=``) and list filters read the query string directly, so the check sits here, once, for
every view. JSON bodies are checked by the API's parser (``core.api.parser``); Django itself
drops unprintable characters from the names of uploaded files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from wandel.core.api.errors import error_body
from wandel.core.inputs import UnstorableText, storable

# The namespace the API's URLs are mounted under (``core.api.site``).
API_NAMESPACE = "api"


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        field = next(unstorable_inputs(request), None)
        if field is None:
            return None
        error = UnstorableText(field.replace("\x00", "\ufffd"))
        match = request.resolver_match
        if match is not None and API_NAMESPACE in match.namespaces:
            return JsonResponse(error_body(error.message, error.errors), status=400)
        return render(request, "400.html", {"message": error.message}, status=400)


def unstorable_inputs(request: HttpRequest) -> Iterator[str]:
    """The name of every query parameter or form field whose name or value cannot be stored."""
    for data in (request.GET, request.POST):
        for name, values in data.lists():
            if not storable(name) or not all(storable(value) for value in values):
                yield name
