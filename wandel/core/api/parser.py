"""The API's request parser: JSON and query strings, refusing what no database can store.

Text with a NUL character or a lone surrogate, whole numbers beyond 64 bits, and NaN or
Infinity are refused here, naming the field, before any schema or query sees them.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from wandel.core.inputs import (
    NUMBER_TOO_LARGE,
    UnstorableNumber,
    UnstorableText,
    beyond_64_bits,
    beyond_any_numeric,
    unstorable_fields,
    unstorable_numbers,
)


class CheckedParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        for field in unstorable_fields(data):
            raise UnstorableText(field)
        numbers = dict(unstorable_numbers(data))
        if numbers:
            raise UnstorableNumber(numbers)
        return data  # type: ignore[no-any-return]

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        for field in unstorable_fields(
            {k: v for k, v in parsed.items() if isinstance(v, str | list)}
        ):
            raise UnstorableText(field.split(".")[0])
        # The parser does not know which parameters are numbers, so a whole number beyond
        # 64 bits, or a number with an exponent beyond ±1000, is refused in any of them: it
        # can be no id, page, count or score, and no text filter of Wandel looks for one.
        problems: dict[str, str] = {}
        for name, value in parsed.items():
            for text in value if isinstance(value, list) else [value]:
                if not isinstance(text, str):
                    continue
                problem = str(NUMBER_TOO_LARGE) if beyond_64_bits(text) else None
                problem = problem or beyond_any_numeric(text)
                if problem:
                    problems.setdefault(name, problem)
        if problems:
            raise UnstorableNumber(problems)
        return parsed
