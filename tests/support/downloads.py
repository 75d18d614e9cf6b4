"""Reading a download in tests: exports stream, so their answers have no ``content``."""

from __future__ import annotations

from django.http import HttpResponseBase


def downloaded(response: HttpResponseBase) -> bytes:
    """The whole answer, streamed or not. A streamed one is read once and kept, so it can be
    read again (say, after the query count that had to read it inside its window)."""
    if not response.streaming:
        return response.content  # type: ignore[attr-defined]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    response.streaming_content = [data]  # type: ignore[attr-defined]
    return data
