"""The benchmark harness: ``make bench`` (large data) and ``make bench-quick`` (small data).

One run builds the demo organisation in two sizes on PostgreSQL, counts each page's queries
in both, serves the large one with ``wandel serve``, times every page and API list against
``/healthz`` on the same server, puts 50 clients on it at once, times the people import
against COPY, writes a report (Markdown and JSON) and drops its databases. See README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.data import DEFAULT_URL, Database, databases
from benchmarks.load import Load, run_load
from benchmarks.machine import describe
from benchmarks.report import Report, write_report
from benchmarks.timing import Session, measure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The demo's programme admin and password (wandel/demo/org/accounts.py, which cannot be
# imported without configuring Django, which this process does not).
ADMIN = "admin@example.com"
PASSWORD = "wandel-demo"  # noqa: S105


@dataclass(frozen=True)
class Plan:
    name: str
    small: tuple[int, int]  # units, people
    large: tuple[int, int]
    samples: int
    clients: int
    load_seconds: int
    import_people: int
    # Responses of the wave whose ADKAR heat map is timed (benchmarks/survey_heat.py).
    heat_responses: int
    out: Path


PLANS = {
    "large": Plan(
        "large",
        (12, 250),
        (400, 20_000),
        20,
        50,
        60,
        20_000,
        500_000,
        ROOT / "benchmarks/results",
    ),
    "quick": Plan("quick", (12, 250), (40, 2_000), 3, 50, 10, 2_000, 20_000, ROOT / "var/bench"),
}
# What the 50 clients click, by route: what a working day in Wandel looks like.
LOAD_MIX = (
    ("core:home", 4),
    ("portfolio:use_case_list", 4),
    ("portfolio:use_case_detail", 4),
    ("governance:use_case_governance", 2),
    ("org:person_list", 2),
    ("portfolio:matrix", 1),
    ("portfolio:funnel", 1),
    ("governance:steering", 1),
    ("governance:risk_list", 1),
    ("governance:decision_list", 1),
    ("governance:ai_act_overview", 1),
    ("portfolio:workshop_detail", 1),
)
# A think time between clicks, in seconds: busy people, not a script in a loop.
LOAD_WAIT = "0.5,1.5"
# Pages measured with a query besides their plain form.
SEARCHES = {"org:person_list": "?q=mei", "portfolio:use_case_list": "?q=assist"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plan", choices=sorted(PLANS))
    parser.add_argument("--out", type=Path, help="Folder for the report.")
    arguments = parser.parse_args()
    plan = PLANS[arguments.plan]
    out = arguments.out or plan.out
    base = Database(os.environ.get("WANDEL_BENCH_DATABASE_URL") or DEFAULT_URL)
    started = datetime.datetime.now(datetime.UTC)
    names = ("", "small", "import", "heat")
    with tempfile.TemporaryDirectory() as folder, databases(base, names) as db:
        data_dir = Path(folder)
        say(f"Databases {', '.join(d.name for d in db.values())}; data in {data_dir}")
        large_env = environment(db[""], data_dir)
        small_env = environment(db["small"], data_dir)
        say("Collecting static files …")
        run_module("wandel.cli", "collectstatic", "--no-input", "--verbosity", "0", env=large_env)
        loading = {
            "small": load(plan.small, small_env),
            "large": load(plan.large, large_env),
        }
        say("Counting queries on every page, small data …")
        small_pages = crawl(small_env, data_dir / "small.json")
        say("Counting queries on every page, large data …")
        large_pages = crawl(large_env, data_dir / "large.json", data_dir / "small.json")
        if os.environ.get("WANDEL_BENCH_KEEP"):
            for name in ("small.json", "large.json"):
                (Path(os.environ["WANDEL_BENCH_KEEP"]) / name).write_text(
                    (data_dir / name).read_text()
                )
        say("Computing the AI-literacy report afresh, and reading its rows …")
        literacy = literacy_speed(large_env, data_dir)
        with server(large_env, data_dir) as url:
            say(f"Timing every page against /healthz on {url} …")
            timings = time_pages(url, large_pages["pages"], large_env, plan.samples)
            say(f"{plan.clients} clients for {plan.load_seconds} s on a mix of pages …")
            load_mix, load_floor = load_test(url, large_pages["pages"], plan)
        say(f"Importing {plan.import_people} people, and COPY of the same rows …")
        imports = import_speed(db["import"], data_dir, plan.import_people)
        say(f"The ADKAR heat map of a wave of {plan.heat_responses:,} responses, and its SQL …")
        survey_heat = survey_heat_speed(db["heat"], data_dir, plan.heat_responses)
        report = Report(
            plan=plan.name,
            started=started.isoformat(timespec="seconds"),
            machine=describe(postgres_version(db[""])),
            sizes={"small": plan.small, "large": plan.large},
            loading=loading,
            pages=timings,
            queries_small={p["route"]: p["queries"] for p in small_pages["pages"]},
            failed=[
                f"{p['route']} ({p['url']}, {size} data) answered {p['status']}"
                for size, pages in (("small", small_pages), ("large", large_pages))
                for p in pages["pages"]
                if p["status"] >= 500
            ],
            unreached=large_pages["unreached"],
            load=asdict(load_mix),
            load_floor=asdict(load_floor),
            imports=imports,
            literacy=literacy,
            survey_heat=survey_heat,
        )
    problems = write_report(report, out)
    for problem in problems:
        say(f"PROBLEM: {problem}")
    say(f"Report written to {out}/{plan.name}.md and {plan.name}.json")
    return 1 if problems else 0


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def environment(database: Database, data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("WANDEL_") or key == "WANDEL_BENCH_DATABASE_URL"
    }
    env.update(
        WANDEL_DATABASE_URL=database.url,
        WANDEL_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def run_module(module: str, *args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"{module} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def load(size: tuple[int, int], env: dict[str, str]) -> dict[str, float]:
    units, people = size
    say(f"Loading the demo organisation with {people} people in {units} units …")
    seconds = float(run_module("benchmarks.data", str(units), str(people), env=env).split()[-1])
    return {"units": units, "people": people, "seconds": seconds}


def crawl(env: dict[str, str], out: Path, same_as: Path | None = None) -> dict[str, Any]:
    run_module("benchmarks.pages", str(out), *([str(same_as)] if same_as else []), env=env)
    return json.loads(out.read_text())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class server:
    """``wandel serve`` with two workers, as the deployment guide runs it."""

    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.env = env
        self.log = data_dir / "serve.log"
        self.port = free_port()

    def __enter__(self) -> str:
        url = f"http://127.0.0.1:{self.port}"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    str(BIN / "wandel"),
                    "serve",
                    "--port",
                    str(self.port),
                    "--workers",
                    "2",
                    "--no-collectstatic",
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        for _ in range(240):
            try:
                if Session(url).get("/healthz")[0] == 200:
                    return url
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        self.__exit__()
        raise SystemExit(f"wandel serve did not start:\n{self.log.read_text()}")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def sessions(url: str, env: dict[str, str]) -> tuple[dict[str, Session], Session]:
    """A signed-in session per demo login (made on first use), and the API token's."""
    token = run_module(
        "wandel.cli", "create_token", ADMIN, "--name", "benchmark-http", env=env
    ).strip()
    return {}, Session(url, token=token)


def time_pages(
    url: str, pages: list[dict[str, object]], env: dict[str, str], samples: int
) -> list[dict[str, object]]:
    signed_in, api = sessions(url, env)
    floor = Session(url)
    timed = []
    for page in pages:
        if page["status"] != 200:
            continue
        login = str(page["login"])
        if page["kind"] == "api":
            session = api
        else:
            if login not in signed_in:
                signed_in[login] = Session(url)
                signed_in[login].sign_in(login, PASSWORD)
            session = signed_in[login]
        paths = [str(page["url"])]
        if page["route"] in SEARCHES:
            paths.append(paths[0] + SEARCHES[str(page["route"])])
        for path in paths:
            measured = measure(session, floor, path, samples=samples)
            timed.append(
                {
                    "route": page["route"],
                    "kind": page["kind"],
                    "url": path,
                    "login": login,
                    "status": measured.status,
                    "bytes": measured.bytes,
                    "content_type": page["content_type"],
                    "queries": page["queries"] if path == page["url"] else None,
                    "p50_ms": measured.page.p50_ms,
                    "p95_ms": measured.page.p95_ms,
                    "floor_p50_ms": measured.floor.p50_ms,
                    "samples": samples,
                }
            )
    return timed


def load_test(url: str, pages: list[dict[str, object]], plan: Plan) -> tuple[Load, Load]:
    by_route = {str(p["route"]): str(p["url"]) for p in pages if p["status"] == 200}
    mix = [(by_route[route], weight) for route, weight in LOAD_MIX if route in by_route]
    if not mix:
        raise SystemExit("None of the load test's pages answered 200; see the page report.")
    session = Session(url)
    session.sign_in(ADMIN, PASSWORD)
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    arguments = {
        "cookie": cookie,
        "clients": plan.clients,
        "seconds": plan.load_seconds,
        "wait": LOAD_WAIT,
    }
    pages_load = run_load(url, mix, **arguments)  # type: ignore[arg-type]
    floor_load = run_load(url, [("/healthz", 1)], **arguments)  # type: ignore[arg-type]
    return pages_load, floor_load


def import_speed(database: Database, data_dir: Path, people: int) -> dict[str, object]:
    env = environment(database, data_dir)
    run_module("wandel.cli", "migrate", "--no-input", env=env)
    out = data_dir / "import.json"
    run_module("benchmarks.imports", str(people), str(out), env=env)
    return json.loads(out.read_text())


def literacy_speed(env: dict[str, str], data_dir: Path) -> dict[str, object]:
    out = data_dir / "literacy.json"
    run_module("benchmarks.literacy", str(out), env=env)
    return json.loads(out.read_text())


def survey_heat_speed(database: Database, data_dir: Path, responses: int) -> dict[str, object]:
    env = environment(database, data_dir)
    run_module("wandel.cli", "migrate", "--no-input", env=env)
    out = data_dir / "survey_heat.json"
    run_module("benchmarks.survey_heat", str(responses), str(out), env=env)
    return json.loads(out.read_text())


def postgres_version(database: Database) -> str:
    import psycopg

    with psycopg.connect(database.url) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


if __name__ == "__main__":
    sys.exit(main())
