"""The CI count check fails a run that was narrowed (tests/support/run_counts.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.run_counts import problems

ROOT = Path(__file__).resolve().parents[2]
EXISTING = [
    "tests/core/test_a.py::test_one",
    "tests/core/test_a.py::test_two",
    "tests/browser/test_b.py::test_page[chromium]",
]


def counts(**overrides: object) -> dict:
    base = {
        "args": [],
        "env": {"PYTEST_ARGS": "", "PYTEST_ADDOPTS": ""},
        "selected": 3,
        "deselected": 0,
        "ran": 3,
        "outcomes": {"passed": 3},
        "browser_selected": 1,
        "browser_ran": 1,
    }
    return base | overrides


def test_a_whole_run_has_no_problems() -> None:
    assert problems(counts(), EXISTING) == []


def test_a_run_narrowed_from_the_environment_fails() -> None:
    found = problems(
        counts(env={"PYTEST_ARGS": "-k 'not browser'", "PYTEST_ADDOPTS": ""}), EXISTING
    )
    assert found == ["PYTEST_ARGS is set (\"-k 'not browser'\"); CI runs the whole suite"]


def test_a_run_with_deselected_or_skipped_browser_tests_fails() -> None:
    found = problems(
        counts(args=["-k", "not browser"], selected=2, deselected=1, ran=2, browser_ran=0),
        EXISTING,
    )
    assert found == [
        "pytest was given arguments ['-k', 'not browser']; CI runs the whole suite",
        "1 tests were deselected",
        "only 2 of 3 tests were selected",
        "only 0 of 1 browser tests ran",
    ]


def test_skipped_browser_tests_do_not_count_as_run() -> None:
    assert problems(counts(browser_ran=0), EXISTING) == ["only 0 of 1 browser tests ran"]


def test_the_plugin_records_deselected_tests(tmp_path: Path) -> None:
    target = tmp_path / "counts.json"
    env = {**os.environ, "WANDEL_RUN_COUNTS": str(target)}
    env.pop("PYTEST_ADDOPTS", None)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/core/test_run_counts.py",
            "-k",
            "whole_run",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    recorded = json.loads(target.read_text())
    assert recorded["selected"] == 1
    assert recorded["deselected"] == 4
    assert recorded["ran"] == 1
    assert recorded["outcomes"] == {"passed": 1}
