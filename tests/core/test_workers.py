"""Two ``wandel worker`` processes on one PostgreSQL database never send an e-mail twice.

Every delivery's task is enqueued twice (as a retry racing a first attempt would), the mail
server takes a tenth of a second per message so that both workers are busy at the same
time, and the loopback mail server counts what arrives. Uses a database of its own
(``tests.support.processes``: skipped without PostgreSQL, except in CI).
"""

from __future__ import annotations

import asyncio
import email
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from tests.support.mail import free_port
from tests.support.processes import ROOT, database, wandel  # noqa: F401  (a fixture)
from wandel.demo.management.commands.demo import background_worker

PEOPLE = 40
CREATE = """
from wandel.core.actions import user_action
from wandel.core.models import EmailDelivery, User
from wandel.core.notifications.services import notify
from wandel.core.notifications.tasks import email_send
from wandel.portfolio.use_cases.notifications import OWNER_ASSIGNED

@user_action
def create():
    people = [User.objects.create_user(f"{prefix}{{n}}@example.com") for n in range({count})]
    notify(recipients=people, event=OWNER_ASSIGNED, params={{"use_case": "Triage"}}, url="/")
    for delivery in EmailDelivery.objects.filter(recipient__in=people):
        email_send.enqueue(delivery.pk)

create()
"""


def environment(database_url: str, port: int, data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("WANDEL_")}
    return env | {
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.core.two_processes_settings",
        "WANDEL_DATABASE_URL": database_url,
        "WANDEL_DATA_DIR": str(data_dir),
        "WANDEL_SECRET_KEY": "two-workers-" + "x" * 50,
        "WANDEL_SMTP_HOST": "127.0.0.1",
        "WANDEL_SMTP_PORT": str(port),
        "WANDEL_SMTP_SECURITY": "none",
        "WANDEL_LOG_LEVEL": "WARNING",
    }


class SlowInbox:
    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(0.1)
        self.recipients.append(email.message_from_bytes(envelope.content)["To"])
        return "250 OK"


@pytest.fixture
def slow_inbox() -> Iterator[tuple[SlowInbox, int]]:
    handler = SlowInbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "wandel.cli", "worker", "--batch", "--no-startup-delay"]
    with log.open("wb") as output:
        return subprocess.Popen(
            [*command, "--no-reload"], env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )


def test_two_workers_send_each_email_once(database: str, slow_inbox, tmp_path: Path) -> None:  # noqa: F811
    inbox, port = slow_inbox
    env = environment(database, port, tmp_path)
    wandel("migrate", "--no-input", "--verbosity", "0", env=env)
    script = CREATE.format(prefix="p", count=PEOPLE)
    wandel("shell", "--verbosity", "0", "--command", script, env=env)

    workers = [worker(env, tmp_path / f"worker-{n}.log") for n in (1, 2)]
    for process in workers:
        process.wait(timeout=300)

    logs = "\n".join(path.read_text() for path in sorted(tmp_path.glob("worker-*.log")))
    assert [process.returncode for process in workers] == [0, 0], logs
    assert sorted(inbox.recipients) == sorted(f"p{n}@example.com" for n in range(PEOPLE))
    with psycopg.connect(database) as connection:
        statuses = connection.execute(
            "SELECT status, count(*) FROM core_emaildelivery AS d JOIN core_user AS u"
            " ON u.id = d.recipient_id WHERE u.email LIKE 'p%' GROUP BY status"
        ).fetchall()
        tasks = connection.execute(
            "SELECT count(*), count(DISTINCT worker_ids) FROM django_tasks_database_dbtaskresult"
            " WHERE status = 'SUCCESSFUL'"
        ).fetchone()
    assert statuses == [("sent", PEOPLE)]
    # Both workers took tasks, so the two really ran at the same time.
    assert tasks == (2 * PEOPLE, 2)


def test_the_demo_runs_a_worker_beside_the_server(
    database: str,  # noqa: F811
    slow_inbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox, port = slow_inbox
    env = environment(database, port, tmp_path)
    wandel("migrate", "--no-input", "--verbosity", "0", env=env)
    for key in [key for key in os.environ if key.startswith("WANDEL_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    with background_worker() as process:
        script = CREATE.format(prefix="demo", count=1)
        wandel("shell", "--verbosity", "0", "--command", script, env=env)
        deadline = time.monotonic() + 60
        while not inbox.recipients and time.monotonic() < deadline:
            time.sleep(0.2)

    assert inbox.recipients == ["demo0@example.com"]
    assert process.returncode is not None
