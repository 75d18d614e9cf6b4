"""The columns of the people and units files: what the templates, the page and the docs show."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    help: Promise
    required: bool
    max_length: int = 200
    aliases: tuple[str, ...] = ()


UNIT_COLUMNS = (
    Column(
        "unit_code",
        _("Unit code"),
        _("The unit's key in the HR system, e.g. a cost centre or org unit ID."),
        required=True,
        max_length=50,
        aliases=("einheit", "einheit_code", "org_einheit", "organisationseinheit", "unit"),
    ),
    Column(
        "unit_name",
        _("Unit name"),
        _("The unit's name as people know it."),
        required=True,
        aliases=("einheit_name", "einheitsname", "bezeichnung_einheit"),
    ),
    Column(
        "parent_unit_code",
        _("Parent unit code"),
        _("Code of the unit above; empty for a top-level unit."),
        required=False,
        max_length=50,
        aliases=("ubergeordnete_einheit", "uebergeordnete_einheit", "parent_unit", "parent"),
    ),
)

PEOPLE_COLUMNS = (
    Column(
        "employee_id",
        _("Employee ID"),
        _("The person's key in the HR system (personnel number). Never reused."),
        required=True,
        max_length=50,
        aliases=("personalnummer", "personnel_number", "mitarbeiternummer", "id"),
    ),
    Column(
        "email",
        _("E-mail"),
        _("Work e-mail address; also links the person to their Wandel account."),
        required=True,
        max_length=254,
        aliases=("e_mail", "mail", "e_mail_adresse", "email_address"),
    ),
    Column(
        "first_name",
        _("First name"),
        _("Given name."),
        required=True,
        max_length=100,
        aliases=("vorname",),
    ),
    Column(
        "last_name",
        _("Last name"),
        _("Family name."),
        required=True,
        max_length=100,
        aliases=("nachname", "name"),
    ),
    *UNIT_COLUMNS,
    Column(
        "job_title",
        _("Job title"),
        _("Optional."),
        required=False,
        aliases=("funktion", "position", "stellenbezeichnung"),
    ),
    Column(
        "language",
        _("Language"),
        _("Optional: de or en, for e-mails to this person."),
        required=False,
        max_length=20,
        aliases=("sprache",),
    ),
    Column(
        "active",
        _("Active"),
        _("Optional: yes or no (ja/nein); empty means yes. Use no for people who left."),
        required=False,
        max_length=10,
        aliases=("aktiv",),
    ),
)
