"""Dates as readers here write them: German 24.12.2026, English 24/12/2026 (en-GB, not the
American 12/24/2026), and an English date typed day first is read day first."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import date_format, number_format


@pytest.mark.parametrize(
    ("language", "short", "long", "number"),
    [
        ("de", "24.12.2026", "24. Dezember 2026", "22.000,5"),
        ("en", "24/12/2026", "24 December 2026", "22,000.5"),
    ],
)
def test_dates_and_numbers_in_each_language(language, short, long, number):
    christmas = datetime.date(2026, 12, 24)
    with translation.override(language):
        assert date_format(christmas, "SHORT_DATE_FORMAT") == short
        assert date_format(christmas, "DATE_FORMAT") == long
        assert number_format(22000.5, use_l10n=True, force_grouping=True) == number


def test_an_english_date_typed_day_first_is_read_day_first():
    field = forms.DateField()
    with translation.override("en"):
        assert field.clean("03/04/2026") == datetime.date(2026, 4, 3)
        assert field.clean("2026-04-03") == datetime.date(2026, 4, 3)
