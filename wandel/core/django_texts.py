"""Texts of Django's own that its German catalogue does not translate yet.

Django 6.1 introduced the empty choice of select fields, "- Select an option -"
(``django.db.models.fields.BLANK_CHOICE_LABEL``), without a German translation. Marked here,
the text enters Wandel's catalogue, which Django reads before its own (``LOCALE_PATHS``), so
the forms say it in German too; ``tests/core/test_i18n.py`` holds it there.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

TEXTS = (gettext_noop("- Select an option -"),)
