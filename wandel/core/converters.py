"""The ``id`` path converter: a primary key, at most 18 digits.

Django's ``int`` converter accepts any number of digits, and a number beyond 64 bits makes
the database fail (an error page instead of "not found"). Every object URL uses ``<id:pk>``.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
