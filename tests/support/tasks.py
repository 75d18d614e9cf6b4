"""Running the background tasks that are due, inside the test's own database transaction.

The worker's loop (``wandel worker``) closes and reopens database connections, which a test
inside a transaction cannot allow; this runs each due task through the same worker code
(django-tasks-db's ``Worker.run_task``) without the loop. Tests of the real processes are in
tests/core/test_workers.py.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

_worker = Worker(
    queue_names=["default"],
    interval=0,
    batch=True,
    backend_name="default",
    startup_delay=False,
    max_tasks=None,
    worker_id="test-worker",
    excluded_queue_names=[],
)


def run_due_tasks() -> int:
    """Run every task that is due now (by the test's clock); returns how many ran."""
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(_worker.worker_id)
        _worker.run_task(result)
        ran += 1
    return ran


def waiting_tasks() -> int:
    """Tasks enqueued and not yet run, due or not."""
    return DBTaskResult.objects.filter(status="READY").count()
