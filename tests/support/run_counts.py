"""CI counts what ran: a small pytest plugin and the check `.ci/run` makes with its counts.

A suite that can be shortened from outside (`PYTEST_ARGS='-k not browser'`, `PYTEST_ADDOPTS`,
`-m`, `--deselect`, `--ignore`, a missing Chromium) stays green while testing less. So when
`WANDEL_RUN_COUNTS` names a file, the plugin (loaded by tests/conftest.py) writes there what
was collected, deselected and run; `python -m tests.support.run_counts FILE` then collects
the suite again with a clean environment and fails when the run selected fewer tests than
exist, when anything was deselected, or when fewer browser tests ran than exist.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ENV_VAR = "WANDEL_RUN_COUNTS"
BROWSER_PREFIX = "tests/browser/"
# The environment variables through which a run can be narrowed without touching .ci/run.
NARROWING_ENV = ("PYTEST_ARGS", "PYTEST_ADDOPTS")


class RunCounts:
    """Collects the counts during one pytest session and writes them at its end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.deselected: list[str] = []
        self.selected: list[str] = []
        self.ran: set[str] = set()
        self.outcomes: Counter[str] = Counter()

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        # trylast: after -k/-m and every conftest have removed what they remove.
        self.selected = [item.nodeid for item in items]

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected.extend(item.nodeid for item in items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.ran.add(report.nodeid)
        if report.when == "call" or (report.when == "setup" and not report.passed):
            outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
            self.outcomes[outcome] += 1

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.selected = [item.nodeid for item in session.items]
        browser_selected = [n for n in self.selected if n.startswith(BROWSER_PREFIX)]
        data = {
            "args": list(session.config.invocation_params.args),
            "env": {name: os.environ.get(name, "") for name in NARROWING_ENV},
            "selected": len(self.selected),
            "deselected": len(self.deselected),
            "ran": len(self.ran),
            "outcomes": dict(self.outcomes),
            "browser_selected": len(browser_selected),
            "browser_ran": len([n for n in self.ran if n.startswith(BROWSER_PREFIX)]),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=2) + "\n")


def pytest_configure(config: pytest.Config) -> None:
    target = os.environ.get(ENV_VAR)
    if target and not hasattr(config, "workerinput"):
        config.pluginmanager.register(RunCounts(Path(target)), "wandel-run-counts")


def collect_existing(root: Path) -> list[str]:
    """Every test of the suite, collected with no narrowing options in the environment."""
    env = {k: v for k, v in os.environ.items() if k not in NARROWING_ENV and k != ENV_VAR}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"collecting the suite failed:\n{result.stdout}\n{result.stderr}")
    return [line for line in result.stdout.splitlines() if "::" in line]


def problems(counts: dict[str, Any], existing: list[str]) -> list[str]:
    """What is wrong with a run that should have run the whole suite (empty when nothing)."""
    found: list[str] = []
    for name, value in counts["env"].items():
        if value.strip():
            found.append(f"{name} is set ({value!r}); CI runs the whole suite")
    if counts["args"]:
        found.append(f"pytest was given arguments {counts['args']!r}; CI runs the whole suite")
    if counts["deselected"]:
        found.append(f"{counts['deselected']} tests were deselected")
    if counts["selected"] < len(existing):
        found.append(f"only {counts['selected']} of {len(existing)} tests were selected")
    browser_existing = len([n for n in existing if n.startswith(BROWSER_PREFIX)])
    if counts["browser_ran"] < browser_existing:
        found.append(f"only {counts['browser_ran']} of {browser_existing} browser tests ran")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.support.run_counts COUNTS_FILE", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.exists():
        print(f"CI counts: {path} was not written; the run-count plugin did not run.")
        return 1
    counts = json.loads(path.read_text())
    existing = collect_existing(Path(__file__).resolve().parents[2])
    browser_existing = len([n for n in existing if n.startswith(BROWSER_PREFIX)])
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(counts["outcomes"].items()))
    print(
        f"CI counts: {len(existing)} tests exist, {counts['selected']} selected, "
        f"{counts['deselected']} deselected, {counts['ran']} ran ({outcomes}); "
        f"browser: {browser_existing} exist, {counts['browser_ran']} ran"
    )
    found = problems(counts, existing)
    for problem in found:
        print(f"CI counts: FAIL: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
