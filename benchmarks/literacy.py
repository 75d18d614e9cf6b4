"""The AI-literacy report computed afresh, against reading the rows it needs.

Run inside Django against the loaded large database (``python -m benchmarks.literacy
OUT.json``). The coverage page and the AI Act evidence answer from the cache until something
the report reads changes; this measures what the first view after such a change costs: the
whole report for the organisation, with every person's status, computed ``RUNS`` times. The
floor is the same process reading the same rows (active people with unit and start, their
current roles, the completions of required courses) as plain tuples, which no way of
computing the report can avoid.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 5


def _timed(work: Callable[[], object]) -> list[float]:
    work()  # warm: the first run fills per-process caches (content types, translations)
    seconds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds


def main(out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wandel.settings")
    django.setup()
    from wandel.enablement.literacy.queries import Catalogue, literacy_report
    from wandel.enablement.trainings.models import Completion
    from wandel.org.models import Person, RoleAssignment

    def floor() -> None:
        required = list(Catalogue().courses)
        list(
            Person.objects.filter(active=True).values_list(
                "pk", "first_name", "last_name", "employee_id", "unit__name", "created_at"
            )
        )
        list(RoleAssignment.objects.current().values_list("person_id", "role", "assigned_on"))
        list(
            Completion.objects.filter(course_id__in=required).values_list(
                "person_id", "course_id", "completed_on"
            )
        )

    report = literacy_report(with_people=True)
    computed = _timed(lambda: literacy_report(with_people=True))
    read = _timed(floor)
    out.write_text(
        json.dumps(
            {
                "people": report.total.coverage.required,
                "covered": report.total.coverage.covered,
                "runs": RUNS,
                "report_ms": [s * 1000 for s in computed],
                "floor_ms": [s * 1000 for s in read],
                "ratio": statistics.median(computed) / statistics.median(read),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
