"""``wandel worker``: runs Wandel's background tasks (notification e-mail, daily summaries).

The tasks are stored in the database (django-tasks-db); a worker claims each with a row lock
(PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED``; SQLite: an exclusive transaction), so any
number of workers may run beside each other, on one machine or several, and each task runs
once. ``--batch`` runs what is due and exits (for cron-like use and tests).
"""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker


class Command(db_worker.Command):
    help = (
        "Run Wandel's background tasks (notification e-mail) until stopped; --batch runs "
        "what is due and exits. Several workers may run at once."
    )
