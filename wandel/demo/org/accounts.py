"""The demo accounts (one per role) and the other role holders of the demo organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from wandel.core.roles import Role

# Public on purpose: printed by `wandel demo` and in the docs; demo accounts only.
PASSWORD = "wandel-demo"  # noqa: S105

ADMIN = "admin@example.com"
STEERCO = "steerco@example.com"
OWNER = "owner@example.com"
ETHICS = "ethics@example.com"
COUNCIL = "council@example.com"
PRIVACY = "privacy@example.com"
IT = "it@example.com"
TRAINER = "trainer@example.com"
EMPLOYEE = "employee@example.com"


@dataclass(frozen=True)
class Login:
    """A demo account: a person with a known e-mail address, password and role."""

    email: str
    first_name: str
    last_name: str
    unit: str
    job_title: str
    role: Role | None
    note: str
    assigned_days_ago: int


LOGINS = (
    Login(
        email=ADMIN,
        first_name="Katrin",
        last_name="Vogt",
        unit="PE",
        job_title="Change-Managerin KI-Programm",
        role=Role.ADMIN,
        note="Programmleitung KI-Einführung",
        assigned_days_ago=430,
    ),
    Login(
        email=STEERCO,
        first_name="Susanne",
        last_name="Albrecht",
        unit="GF",
        job_title="Kaufmännische Geschäftsführerin",
        role=Role.STEERING_COMMITTEE,
        note="Vorsitz Lenkungskreis KI",
        assigned_days_ago=420,
    ),
    Login(
        email=OWNER,
        first_name="Tobias",
        last_name="Brandt",
        unit="KS",
        job_title="Product Owner KI-Assistent Kundenservice",
        role=Role.PRODUCT_OWNER,
        note="Anwendungsfall KI-Assistent im Kundenservice",
        assigned_days_ago=240,
    ),
    Login(
        email=ETHICS,
        first_name="Leyla",
        last_name="Demir",
        unit="RC",
        job_title="Compliance-Managerin",
        role=Role.ETHICS_BOARD,
        note="Vorsitz Ethikbeirat",
        assigned_days_ago=380,
    ),
    Login(
        email=COUNCIL,
        first_name="Frank",
        last_name="Reuter",
        unit="PR",
        job_title="Betriebsratsvorsitzender (freigestellt)",
        role=Role.WORKS_COUNCIL,
        note="Vorsitzender des Betriebsrats",
        assigned_days_ago=700,
    ),
    Login(
        email=PRIVACY,
        first_name="Anja",
        last_name="Schuster",
        unit="RC",
        job_title="Datenschutzbeauftragte",
        role=Role.DATA_PROTECTION,
        note="Betriebliche Datenschutzbeauftragte",
        assigned_days_ago=900,
    ),
    Login(
        email=IT,
        first_name="Stefan",
        last_name="Krüger",
        unit="IT",
        job_title="Informationssicherheitsbeauftragter",
        role=Role.IT_SECURITY,
        note="Informationssicherheit und Betrieb der KI-Plattform",
        assigned_days_ago=400,
    ),
    Login(
        email=TRAINER,
        first_name="Julia",
        last_name="Neumann",
        unit="PE",
        job_title="Referentin Personalentwicklung",
        role=Role.TRAINER,
        note="Qualifizierung KI-Kompetenz",
        assigned_days_ago=300,
    ),
    Login(
        email=EMPLOYEE,
        first_name="Marco",
        last_name="Schneider",
        unit="VT",
        job_title="Sachbearbeiter Vertriebsinnendienst",
        role=None,
        note="",
        assigned_days_ago=0,
    ),
)


def is_login(email: str) -> None:
    """A check for content files: ``email`` is a demo login's."""
    if email not in {login.email for login in LOGINS}:
        raise ValueError(f"{email!r} is not the e-mail address of a demo login")


# In a content file: the e-mail address of a demo login.
LoginEmail = Annotated[str, is_login]


@dataclass(frozen=True)
class ExtraRole:
    """A role for a generated person, who is picked when the organisation is planned.

    ``who`` is ``head:<unit>`` for the head of a unit, ``staff:<unit>`` for someone on its
    staff, or ``leaver:<unit>`` for someone on its staff who has since left the company.
    """

    who: str
    role: Role
    assigned_days_ago: int
    note: str
    ended_days_ago: int | None = None
    job_title: str = ""


EXTRA_ROLES = (
    ExtraRole("head:GF", Role.STEERING_COMMITTEE, 420, "Mitglied Lenkungskreis KI"),
    ExtraRole("head:FC", Role.STEERING_COMMITTEE, 420, "Mitglied Lenkungskreis KI, Budget"),
    ExtraRole("head:IT", Role.STEERING_COMMITTEE, 420, "Mitglied Lenkungskreis KI, Plattform"),
    ExtraRole("head:PR", Role.STEERING_COMMITTEE, 300, "Mitglied Lenkungskreis KI"),
    ExtraRole(
        "staff:VT",
        Role.PRODUCT_OWNER,
        200,
        "Anwendungsfall Angebotsassistent",
        job_title="Product Owner KI-Angebotsassistent",
    ),
    ExtraRole(
        "staff:EW",
        Role.PRODUCT_OWNER,
        150,
        "Anwendungsfall Wissensassistent Entwicklung",
        job_title="Product Owner Wissensassistent Entwicklung",
    ),
    ExtraRole(
        "staff:MK",
        Role.PRODUCT_OWNER,
        380,
        "Pilot Textassistent Marketing; nach Pilotende beendet",
        ended_days_ago=90,
    ),
    ExtraRole("head:PE", Role.ETHICS_BOARD, 380, "Mitglied Ethikbeirat"),
    ExtraRole("staff:EW", Role.ETHICS_BOARD, 380, "Mitglied Ethikbeirat"),
    ExtraRole(
        "leaver:QM",
        Role.ETHICS_BOARD,
        380,
        "Mitglied Ethikbeirat bis zum Austritt aus dem Unternehmen",
        ended_days_ago=45,
    ),
    ExtraRole("staff:EL", Role.WORKS_COUNCIL, 700, "Mitglied des Betriebsrats"),
    ExtraRole("staff:KS", Role.WORKS_COUNCIL, 700, "Mitglied des Betriebsrats"),
    ExtraRole("staff:IT", Role.TRAINER, 120, "Interne Schulungen zur KI-Plattform"),
    ExtraRole("staff:IT", Role.IT_SECURITY, 250, "Betrieb der KI-Plattform"),
)
