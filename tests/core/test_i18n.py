"""German and English everywhere: complete, compiled catalogues, and pages that follow the user."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import wandel

PACKAGE = Path(wandel.__file__).parent
CATALOGUE = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")


def test_every_german_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_the_source():
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(CATALOGUE))
        if not e.obsolete
    }
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(COMPILED))
    }
    compiled.pop((None, ""), None)
    assert compiled == source, "run `make messages` to recompile the catalogue"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_translatable_string_in_the_code_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "wandel"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            "de",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": str(PACKAGE.parent),
            "PATH": "/usr/bin:/bin",
        },
    )
    extracted = {e.msgid for e in polib.pofile(str(copy / "locale/de/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    assert sorted(extracted - committed) == [], "run `make messages` and translate the new strings"


@pytest.mark.django_db
def test_pages_follow_the_browser_language(client, employee):
    client.force_login(employee)
    assert "Welcome" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Willkommen" in client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()


@pytest.mark.django_db
def test_the_language_switch_overrides_the_browser(client):
    client.post("/i18n/setlang/", {"language": "de", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in page
    assert "Anmelden" in page


@pytest.mark.django_db
def test_import_errors_are_german_for_german_users(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "employee_id,email,first_name,last_name,unit_code,unit_name\n1,kaputt,A,B,U,Unit\n"
    response = admin_client.post(
        "/org/import/",
        {"kind": "people", "file": SimpleUploadedFile("leute.csv", text.encode())},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    content = response.content.decode()
    assert "leute.csv, Zeile 2, Feld" in content
    assert "keine gültige E-Mail-Adresse" in content


def test_djangos_empty_choice_is_german_on_german_pages(admin_client):
    # Django 6.1's own catalogue has no German for it (wandel/core/django_texts.py).
    page = admin_client.get("/governance/risks/new/", headers={"accept-language": "de"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "– Bitte auswählen –" in text
    assert "- Select an option -" not in text
