"""Import speed: the people import against PostgreSQL's own COPY of the same rows.

Run inside Django against an empty, migrated PostgreSQL database
(``python -m benchmarks.imports PEOPLE OUT.json``). The file is the demo organisation's
people file of the given size. Times are taken inside the process around the import alone,
so start-up is not counted (nor Django's compiling of its e-mail patterns on first use);
COPY loads the same CSV into a plain table of text columns, the fastest anything can write
these rows into PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import sys
import time
from pathlib import Path


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _changed(content: bytes, share: float) -> bytes:
    """The same file with the job title of every n-th person changed."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    column = header.index("job_title") if "job_title" in header else len(header) - 1
    step = max(1, round(1 / share))
    for number, row in enumerate(body):
        if number % step == 0:
            row[column] = f"{row[column]} (changed)"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    return out.getvalue().encode()


def main(people: int, out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wandel.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wandel.demo.base import DemoSize
    from wandel.demo.org.plan import organisation_plan
    from wandel.org.imports import people_import

    units = max(12, people // 50)
    content = organisation_plan(DemoSize(units=units, people=people), seed="bench").people_csv()
    rows = content.decode("utf-8-sig").count("\n") - 1
    _warm_up(content)
    before = _peak_mib()
    runs = {}
    for name, data in (
        ("new", content),
        ("unchanged", content),
        ("changed_10_percent", _changed(content, 0.10)),
    ):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            people_import(content=data, file_name=f"bench-{name}.csv", actor=None)
            seconds = time.perf_counter() - start
        runs[name] = {
            "seconds": seconds,
            "rows_per_second": rows / seconds,
            "queries": len(queries.captured_queries),
        }
    peak = _peak_mib()
    copy_seconds = _copy(connection, content)
    out.write_text(
        json.dumps(
            {
                "rows": rows,
                "bytes": len(content),
                "runs": runs,
                "copy": {"seconds": copy_seconds, "rows_per_second": rows / copy_seconds},
                "peak_rss_mib": peak,
                "rss_before_mib": before,
            },
            indent=1,
        )
    )


def _warm_up(content: bytes) -> None:
    """Check the file's first rows once, writing nothing, as a server that has imported
    before has: Django compiles its e-mail patterns on first use, 40 ms that belong to the
    process's start-up, not to the import (the pages get one warm-up request likewise)."""
    from wandel.org.imports.checks import Issues, parse_people, read_file
    from wandel.org.imports.columns import PEOPLE_COLUMNS

    head = b"\n".join(content.split(b"\n", 11)[:11])
    table = read_file(head, "warm-up.csv", PEOPLE_COLUMNS)
    parse_people(table, Issues("warm-up.csv"))


def _copy(connection: object, content: bytes) -> float:
    """Seconds PostgreSQL's COPY takes to load the same CSV into a plain table."""
    header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    columns = ", ".join(f'"c{number}" text' for number in range(len(header)))
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(f"CREATE TEMPORARY TABLE bench_copy ({columns})")
        raw = cursor.cursor
        start = time.perf_counter()
        with raw.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(content.decode("utf-8-sig").encode())
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return seconds


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
