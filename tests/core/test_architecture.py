"""The layering rules of docs/architecture.md, checked on the code itself.

The layer contracts live in pyproject.toml (import-linter); the error base is checked here by
importing every module and looking at the exceptions it defines.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import wandel
from wandel.core.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]

# Guards against programming errors: raised only when code breaks an invariant, never shown
# to a user as the answer to their input, so they are not domain errors.
PROGRAMMING_ERRORS = {
    "wandel.core.actions.OutsideTransaction",
    "wandel.core.audit.AuditOutsideTransaction",
    "wandel.core.models.AuditLogIsAppendOnly",
    "wandel.core.models.SecurityEventsAreAppendOnly",
    "wandel.governance.decisions.models.DecisionIsImmutable",
    # Turned into the command's error by the demo loader.
    "wandel.demo.generator.DemoIncomplete",
    # A demo content file that cannot be used: the demo command's error, for its developers.
    "wandel.demo.content.ContentError",
    "wandel.demo.content._Invalid",
}


def defined_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(wandel.__path__, "wandel."):
        if ".migrations" in info.name or info.name == "wandel.wsgi":
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_domain_error_derives_from_the_one_error_base():
    exceptions = defined_exceptions()

    outside = [
        name
        for name, cls in exceptions.items()
        if not issubclass(cls, DomainError) and name not in PROGRAMMING_ERRORS
    ]

    assert outside == []
    # The walk really found the domain errors of every app.
    assert {
        "wandel.org.services.OrgError",
        "wandel.portfolio.use_cases.services.PortfolioError",
        "wandel.governance.risks.services.RiskError",
        "wandel.core.tokens.TokenError",
    } <= exceptions.keys()


def test_the_programming_errors_listed_still_exist():
    assert defined_exceptions().keys() >= PROGRAMMING_ERRORS


def test_no_app_imports_the_project_root_and_the_layers_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"

    # Wide enough that no contract's line is wrapped, whatever the terminal (CI's is narrow).
    wide = {**os.environ, "COLUMNS": "200"}
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=wide,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    for contract in (
        "Layers: core <- org <- portfolio <- governance | enablement | feedback <- demo",
        "No app imports the project root (wandel.api, wandel.urls, wandel.settings)",
        "No import cycles between modules or packages that sit side by side",
    ):
        assert f"{contract} KEPT" in result.stdout


# A module past this many lines is split (docs/architecture.md). A module found larger (when
# the rule came, all were split since) would be listed here with its size: it may shrink
# but not grow, and leaves the list when it is split.
MOST_LINES = 600
NOT_YET_SPLIT: dict[str, int] = {}


def module_sizes() -> dict[str, int]:
    return {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((ROOT / "wandel").rglob("*.py"))
        if "migrations" not in path.parts
    }


def test_no_module_grows_past_six_hundred_lines():
    sizes = module_sizes()

    too_large = [
        f"{name}: {lines} lines (at most {NOT_YET_SPLIT.get(name, MOST_LINES)})"
        for name, lines in sizes.items()
        if lines > NOT_YET_SPLIT.get(name, MOST_LINES)
    ]

    assert too_large == []
    assert len(sizes) > 150


def test_a_module_leaves_the_not_yet_split_list_once_it_is_small_enough():
    sizes = module_sizes()

    stale = [name for name in NOT_YET_SPLIT if name not in sizes or sizes[name] <= MOST_LINES]

    assert stale == []


# The places that answer people (pages, the API, commands) and the demo loader call user
# actions; the action owns the transaction, so none of them opens one or saves a form.
CALLERS = ("views", "api", "management", "demo", "forms")


def caller_modules() -> list[Path]:
    found = []
    for path in sorted((ROOT / "wandel").rglob("*.py")):
        parts = path.relative_to(ROOT / "wandel").with_suffix("").parts
        if "migrations" in parts:
            continue
        if any(
            part == c or part.startswith(f"{c}_") or part.endswith(f"_{c}")
            for part in parts
            for c in CALLERS
        ):
            found.append(path)
    return found


def test_pages_api_commands_and_demo_leave_transactions_to_the_actions():
    modules = caller_modules()
    offending = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in modules
        for needle in ("transaction.atomic", "form.save(", ".save(commit")
        if needle in path.read_text(encoding="utf-8")
    ]
    assert len(modules) > 40
    assert offending == []


def test_no_test_module_imports_from_another_test_module():
    """Shared helpers live in tests/support/ (docs/testing.md), so that a test module can be
    changed, renamed or deleted without breaking another one."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("tests.") and name.split(".")[-1].startswith("test_"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not offenders, "\n".join(offenders)
