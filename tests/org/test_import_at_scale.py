"""The people import with thousands of rows: every field written, the same file again writes
nothing, a tenth changed updates exactly that tenth, a bad last row or a write the database
refuses leaves everything as it was, and the number of queries does not grow with the file."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent, User
from wandel.org.imports import ImportRejected, ImportReport, people_import
from wandel.org.models import OrgAction, Person, Unit

pytestmark = pytest.mark.django_db

HEADER = (
    "employee_id,email,first_name,last_name,unit_code,unit_name,parent_unit_code,"
    "job_title,language,active"
)
SIZE = 3000


def unit_of(number: int, prefix: str) -> tuple[str, str, str]:
    """Code, name and parent code: ten top units with five teams each."""
    team = number % 50
    top = team // 5
    if team % 5 == 0:
        return f"{prefix}{top}", f"Bereich {top}", ""
    return f"{prefix}{top}-{team}", f"Team {team} – Bereich {top}", f"{prefix}{top}"


def row(number: int, *, title: str = "", prefix: str = "U") -> str:
    code, name, parent = unit_of(number, prefix)
    language = "de" if number % 3 else "englisch"
    active = "nein" if number % 97 == 0 else "ja"
    title = title or f"Sachbearbeitung {number % 7}"
    return (
        f"{prefix}P{number:05d},{prefix}{number}@example.com,Vorname{number},Nachname-{number},"
        f"{code},{name},{parent},{title},{language},{active}"
    )


def people_file(size: int = SIZE, *, changed_every: int = 0, prefix: str = "U") -> bytes:
    rows = [
        row(
            n,
            title="Teamleitung (neu)" if changed_every and n % changed_every == 0 else "",
            prefix=prefix,
        )
        for n in range(size)
    ]
    return "\n".join([HEADER, *rows]).encode()


def load(content: bytes, name: str = "hr.csv") -> ImportReport:
    return people_import(content=content, file_name=name, actor=None)


def state() -> list[tuple[object, ...]]:
    people = Person.objects.order_by("pk").values_list(
        "pk",
        "employee_id",
        "email",
        "first_name",
        "last_name",
        "unit_id",
        "job_title",
        "language",
        "active",
        "user_id",
        "updated_at",
    )
    units = Unit.objects.order_by("pk").values_list("pk", "code", "name", "parent_id", "updated_at")
    return [*people, *units, AuditEvent.objects.count()]


def queries_of(content: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        load(content)
    return len(queries.captured_queries)


def test_thousands_of_new_people_are_created_with_every_field():
    report = load(people_file())

    assert (report.people_created, report.units_created) == (SIZE, 50)
    assert Person.objects.count() == SIZE
    person = Person.objects.select_related("unit__parent").get(employee_id="UP02913")
    assert (
        person.email,
        person.first_name,
        person.last_name,
        person.unit.code,
        person.unit.name,
        person.unit.parent.code,
        person.job_title,
        person.language,
        person.active,
        person.user,
    ) == (
        "u2913@example.com",
        "Vorname2913",
        "Nachname-2913",
        "U2-13",
        "Team 13 – Bereich 2",
        "U2",
        "Sachbearbeitung 1",
        "en",
        True,
        None,
    )
    assert not Person.objects.get(employee_id="UP02910").active  # 2910 = 30 × 97
    assert person.created_at == person.updated_at
    assert Person.objects.filter(language="de").count() == SIZE - SIZE // 3
    event = AuditEvent.objects.get(action=OrgAction.PEOPLE_IMPORTED)
    assert event.changes["people_created"] == SIZE
    assert event.changes["people_created_ids"] == [f"UP{n:05d}" for n in range(500)]
    assert audit_verify().ok


def test_the_same_thousands_again_write_nothing_with_a_few_queries():
    content = people_file()
    load(content)
    before = state()

    with CaptureQueriesContext(connection) as queries:
        report = load(content, "again.csv")

    assert (report.people_unchanged, report.changed) == (SIZE, False)
    assert state() == before
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE", "COPY"}
    ]
    assert writes == []
    assert len(queries.captured_queries) <= 10


def test_a_tenth_changed_updates_exactly_that_tenth_and_audits_them():
    load(people_file())
    unchanged_before = dict(
        Person.objects.exclude(employee_id__endswith="0").values_list("employee_id", "updated_at")
    )

    report = load(people_file(changed_every=10), "changed.csv")

    expected = [f"UP{n:05d}" for n in range(0, SIZE, 10)]
    assert (report.people_updated, report.people_unchanged, report.people_created) == (
        SIZE // 10,
        SIZE - SIZE // 10,
        0,
    )
    assert (
        sorted(
            Person.objects.filter(job_title="Teamleitung (neu)").values_list(
                "employee_id", flat=True
            )
        )
        == expected
    )
    assert (
        dict(
            Person.objects.exclude(employee_id__endswith="0").values_list(
                "employee_id", "updated_at"
            )
        )
        == unchanged_before
    )
    event = AuditEvent.objects.filter(action=OrgAction.PEOPLE_IMPORTED).latest("pk")
    assert event.changes["file"] == "changed.csv"
    assert event.changes["people_updated"] == SIZE // 10
    assert event.changes["people_updated_ids"] == expected
    assert event.changes["people_created_ids"] == []
    assert audit_verify().ok


def test_a_bad_last_row_imports_nothing_and_names_its_line_and_field():
    load(people_file(500))
    before = state()
    content = people_file(changed_every=10) + b"\nP99999,not-an-address,A,B,U1,Bereich 1,,,,"

    with pytest.raises(ImportRejected) as rejected, translation.override("en"):
        load(content, "hr-bad.csv")

    assert [str(issue) for issue in rejected.value.issues] == [
        f"hr-bad.csv, line {SIZE + 2}, field “email”: "
        "“not-an-address” is not a valid e-mail address."
    ]
    assert state() == before


def test_a_write_the_database_refuses_undoes_everything_written_before_it():
    load(people_file(500))
    before = state()
    # Two people swap addresses: the file passes the checks, but whichever of them is
    # written first still finds the other holding the address, and the database refuses.
    rows = [row(n) for n in range(SIZE)]
    rows[1] = rows[1].replace("U1@example.com", "U2@example.com")
    rows[2] = rows[2].replace("U2@example.com", "U1@example.com")
    rows[3] = rows[3].replace("Sachbearbeitung", "Leitung")
    content = "\n".join([HEADER, *rows, "N1,new@example.com,N,N,NEU,Neue Einheit,,,,"]).encode()

    with pytest.raises(ImportRejected) as rejected:
        load(content)

    assert [(i.file_name, i.line) for i in rejected.value.issues] == [("hr.csv", None)]
    assert state() == before


def test_accounts_of_thousands_are_linked_by_address():
    accounts = [User.objects.create_user(f"u{n}@example.com", None) for n in range(0, SIZE, 100)]

    report = load(people_file())

    assert report.accounts_linked == len(accounts)
    linked = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "email"))
    assert linked == {account.pk: account.email for account in accounts}


@pytest.mark.parametrize("what", ["new", "unchanged", "changed"])
def test_the_number_of_queries_does_not_grow_with_the_file(what):
    counts = []
    # Different people and units for each size, so each import starts from the same place.
    for size, prefix in ((1000, "A"), (2000, "B")):
        if what != "new":
            load(people_file(size, prefix=prefix))
        changed_every = 10 if what == "changed" else 0
        counts.append(queries_of(people_file(size, changed_every=changed_every, prefix=prefix)))
    assert counts[0] == counts[1]


def test_quotes_separators_and_backslashes_are_written_as_given_and_empty_values_as_empty():
    odd = '"O\'Brien, ""Bob""",Back\\slash\tTab,X1,Einheit; mit Semikolon,,,,'
    content = people_file(200) + f"\nODD,odd@example.com,{odd}".encode()
    load(content)
    load(content.replace(b'""Bob""', b'""Rob""'), "again.csv")

    person = Person.objects.get(employee_id="ODD")
    assert (person.first_name, person.last_name, person.unit.name) == (
        'O\'Brien, "Rob"',
        "Back\\slash\tTab",
        "Einheit; mit Semikolon",
    )
    assert (person.job_title, person.language, person.active) == ("", "", True)


def _indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'org_person' ORDER BY indexname"
        )
        return [definition for (definition,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigram index")
def test_an_import_that_doubles_the_people_builds_their_indexes_afresh(monkeypatch):
    from wandel.org.imports import writes
    from wandel.org.queries import matching_people

    monkeypatch.setattr(writes, "REBUILD_FROM", 100)
    before = _indexes()
    dropped = []
    monkeypatch.setattr(writes, "_indexes_rebuilt", _watched(writes, dropped))

    load(people_file(150))  # 150 new into none: built afresh
    load(people_file(160))  # 10 new beside 150: written one by one

    # The search's trigram index and the sorted ones; not those of the primary key and
    # the unique employee IDs and accounts, which check each row as it comes.
    assert dropped == [
        [
            "org_person_email_ci_unique",
            "org_person_employee_id_57f19874_like",
            "org_person_employee_id_ci_idx",
            "org_person_name_order_idx",
            "org_person_search_text_trgm",
            "org_person_unit_id_18ed23f3",
        ]
    ]
    assert _indexes() == before
    found = matching_people(Person.objects.all(), "nachname-149")
    assert [p.employee_id for p in found] == ["UP00149"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index rebuild")
def test_a_unique_index_built_after_the_rows_still_refuses_a_duplicate(monkeypatch):
    # The checks find a repeated address before anything is written; to see that the
    # database would refuse one as well, the rows are changed after the checks.
    from wandel.org.imports import writes

    monkeypatch.setattr(writes, "REBUILD_FROM", 100)
    original = writes._csv
    email = writes.WRITTEN.index("email")

    def repeated_address(rows):
        rows = [list(r) for r in rows]
        rows[1][email] = rows[0][email].upper()
        return original(tuple(r) for r in rows)

    monkeypatch.setattr(writes, "_csv", repeated_address)
    before = _indexes()
    with pytest.raises(ImportRejected) as rejected:
        load(people_file(150))

    assert [(i.file_name, i.line) for i in rejected.value.issues] == [("hr.csv", None)]
    assert Person.objects.count() == 0
    assert _indexes() == before


def _foreign_keys() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        return _keys_of(cursor)


def _keys_of(cursor) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'org_person'::regclass AND contype = 'f' ORDER BY conname"
    )
    return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's key check")
def test_an_import_that_doubles_the_people_checks_their_foreign_keys_once(monkeypatch):
    from wandel.org.imports import writes

    monkeypatch.setattr(writes, "REBUILD_FROM", 100)
    before = _foreign_keys()
    during = []
    original = writes._foreign_keys_checked_once

    @contextmanager
    def watched(cursor):
        with original(cursor):
            during.append(_keys_of(cursor))
            yield

    monkeypatch.setattr(writes, "_foreign_keys_checked_once", watched)

    load(people_file(150))  # 150 new into none: checked once for all
    load(people_file(160))  # 10 new beside 150: checked row by row

    assert during == [[]]
    assert before == [
        (
            "org_person_unit_id_18ed23f3_fk_org_unit_id",
            "FOREIGN KEY (unit_id) REFERENCES org_unit(id) DEFERRABLE INITIALLY DEFERRED",
        ),
        (
            "org_person_user_id_dc4ca4f0_fk_core_user_id",
            "FOREIGN KEY (user_id) REFERENCES core_user(id) DEFERRABLE INITIALLY DEFERRED",
        ),
    ]
    assert _foreign_keys() == before
    person = Person.objects.select_related("unit").get(employee_id="UP00149")
    assert (person.unit.code, person.unit.parent.code) == ("U9-49", "U9")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's key check")
def test_a_unit_key_checked_after_the_rows_still_refuses_a_unit_that_does_not_exist(
    monkeypatch,
):
    # As with the duplicate above: the rows are changed after the checks.
    from wandel.org.imports import writes

    monkeypatch.setattr(writes, "REBUILD_FROM", 100)
    original = writes._csv
    unit = writes.WRITTEN.index("unit_id")

    def unit_nowhere(rows):
        rows = [list(r) for r in rows]
        rows[7][unit] = 987654321
        return original(tuple(r) for r in rows)

    monkeypatch.setattr(writes, "_csv", unit_nowhere)
    keys, indexes = _foreign_keys(), _indexes()
    with pytest.raises(ImportRejected) as rejected:
        load(people_file(150))

    assert [(i.file_name, i.line) for i in rejected.value.issues] == [("hr.csv", None)]
    assert "org_person_unit_id_18ed23f3_fk_org_unit_id" in rejected.value.issues[0].message
    assert (Person.objects.count(), Unit.objects.count()) == (0, 0)
    assert (_foreign_keys(), _indexes()) == (keys, indexes)


def _watched(writes, dropped):
    original = writes._indexes_rebuilt

    @contextmanager
    def watched(cursor):
        before = _index_names(cursor)
        with original(cursor):
            dropped.append(sorted(before - _index_names(cursor)))
            yield

    return watched


def _index_names(cursor) -> set[str]:
    cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'org_person'")
    return {name for (name,) in cursor.fetchall()}
