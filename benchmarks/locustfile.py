"""The load test's clients (run by ``locust``, started from benchmarks/load.py).

Every client is a signed-in person clicking through the pages of ``WANDEL_BENCH_MIX`` (a JSON
list of ``[path, weight]``), with ``WANDEL_BENCH_WAIT`` seconds (``low,high``) between clicks;
``WANDEL_BENCH_COOKIE`` carries the session cookie.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

MIX: list[tuple[str, int]] = [tuple(pair) for pair in json.loads(os.environ["WANDEL_BENCH_MIX"])]
LOW, HIGH = (float(value) for value in os.environ.get("WANDEL_BENCH_WAIT", "0.5,1.5").split(","))
PATHS = [path for path, _weight in MIX]
WEIGHTS = [weight for _path, weight in MIX]


class Person(HttpUser):
    wait_time = between(LOW, HIGH)

    def on_start(self) -> None:
        self.client.headers["Cookie"] = os.environ.get("WANDEL_BENCH_COOKIE", "")

    @task
    def click(self) -> None:
        path = random.choices(PATHS, weights=WEIGHTS)[0]
        # One name per page, so the statistics stay per page and not per query string.
        self.client.get(path, name=path.split("?")[0])
