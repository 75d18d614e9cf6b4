"""Amounts of money are written as the reader writes them, with the euro sign (issue 11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from wandel.core.templatetags.wandel import money


@pytest.mark.parametrize(
    ("language", "cents", "whole"),
    [("de", "22.000,00\u00a0€", "1.235\u00a0€"), ("en", "€22,000.00", "€1,235")],
)
def test_money_is_written_as_the_reader_writes_it(language, cents, whole):
    with translation.override(language):
        assert money(Decimal("22000")) == cents
        assert money(Decimal("1234.6"), 0) == whole
        assert money(None) == ""
