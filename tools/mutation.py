"""Mutation testing of the rules modules with mutmut 3 (``make mutation``; issue 8).

Each rules module runs on its own, with only the tests that hold its rules, so a module
takes minutes rather than the whole suite's hour. mutmut reads its settings from
``pyproject.toml`` in the directory it runs in, so every module gets a scratch copy of the
project under ``var/mutation/<module>/`` with its own ``[tool.mutmut]`` section; results
stay there (``cd var/mutation/<module> && ../../../.venv/bin/mutmut browse``).

Usage: ``python tools/mutation.py [--planted-only] [MODULE ...]`` (all modules when none
is named; ``--planted-only`` skips mutmut and runs only the hand-written table mutations);
``MUTATION_JOBS`` sets the parallel workers (default 2). Exits 1 when a mutant survives
that is not listed in ``EQUIVALENT`` below, or when a mutant has no test at all.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"
WORK = ROOT / "var" / "mutation"
PYTEST = (str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-p", "no:randomly")


@dataclass(frozen=True)
class Module:
    sources: tuple[str, ...]
    tests: tuple[str, ...]


MODULES: dict[str, Module] = {
    "lifecycle": Module(
        ("wandel/portfolio/use_cases/lifecycle.py",),
        (
            "tests/portfolio/test_lifecycle.py",
            "tests/portfolio/test_lifecycle_rules.py",
            "tests/portfolio/test_on_hold.py",
        ),
    ),
    "scoring": Module(
        ("wandel/portfolio/use_cases/scoring.py",), ("tests/portfolio/test_scoring.py",)
    ),
    "gates": Module(
        ("wandel/governance/gates/rules.py", "wandel/governance/facts.py"),
        ("tests/governance/test_gate_rules.py", "tests/governance/test_gates.py"),
    ),
    "dpia": Module(
        ("wandel/governance/reviews/dpia/criteria.py",),
        ("tests/governance/test_dpia.py", "tests/governance/test_dpia_criteria_file.py"),
    ),
    "ai_act": Module(("wandel/governance/ai_act/engine.py",), ("tests/governance/test_ai_act.py",)),
    "audit": Module(
        ("wandel/core/audit.py",),
        (
            "tests/core/test_audit.py",
            "tests/core/test_audit_hash.py",
            "tests/core/test_audit_record.py",
        ),
    ),
    "roles": Module(
        ("wandel/core/roles.py",), ("tests/core/test_role_table.py", "tests/org/test_roles.py")
    ),
    "imports": Module(
        (
            "wandel/org/imports/checks.py",
            "wandel/org/imports/apply.py",
            "wandel/org/imports/writes.py",
        ),
        (
            "tests/org/test_people_import.py",
            "tests/org/test_import_value_checks.py",
            "tests/org/test_import_rules.py",
            "tests/org/test_import_at_scale.py",
        ),
    ),
    "ownership": Module(
        ("wandel/portfolio/use_cases/permissions.py",),
        ("tests/portfolio/test_owner_change.py", "tests/portfolio/test_use_case_permissions.py"),
    ),
    "exports": Module(("wandel/core/exports.py",), ("tests/core/test_exports.py",)),
    "similarity": Module(
        ("wandel/portfolio/use_cases/similarity.py",), ("tests/portfolio/test_similarity.py",)
    ),
    "tracking": Module(
        ("wandel/core/tracking.py",),
        (
            "tests/core/test_tracking.py",
            "tests/governance/test_mitigations.py",
            "tests/governance/test_decisions.py",
        ),
    ),
    "filters": Module(("wandel/core/filters.py",), ("tests/core/test_filters.py",)),
    "literacy": Module(
        ("wandel/enablement/literacy/rules.py",),
        ("tests/enablement/test_literacy_rules.py", "tests/enablement/test_literacy_report.py"),
    ),
    "sprint_team": Module(
        ("wandel/enablement/sprints/rules.py",), ("tests/enablement/test_sprint_team_rules.py",)
    ),
    "assessment": Module(
        ("wandel/enablement/assessment/rules.py",),
        ("tests/enablement/test_assessment_rules.py",),
    ),
    "anonymity": Module(("wandel/core/anonymity.py",), ("tests/core/test_anonymity.py",)),
}

# Surviving mutants that cannot change behaviour, each with the reason (see docs/testing.md).
EQUIVALENT: dict[str, str] = {
    "wandel.core.filters.x_decimal__mutmut_19": (
        'format "F" differs from "f" only for NaN and infinity, which a filter never holds'
    ),
    "wandel.core.filters.x_flag__mutmut_9": (
        "a false flag is written only where it is read again (from_values), and any word "
        "outside TRUE reads as false, as the empty string does"
    ),
    "wandel.core.exports.x_csv_bytes__mutmut_7": (
        'get_language() is never empty inside a request or override, so the "" fallback '
        "is never used"
    ),
    "wandel.core.exports.x_csv_bytes__mutmut_22": '"UTF-8" and "utf-8" name the same codec',
    "wandel.core.exports.x_table_download__mutmut_26": "HTTP header names ignore case",
    "wandel.core.exports.x_table_download__mutmut_27": "HTTP header names ignore case",
    "wandel.core.roles.x_permissions_for__mutmut_6": (
        "every role has an entry in the table, so the default of .get() is never used"
    ),
    "wandel.core.roles.x_permissions_for__mutmut_8": (
        "every role has an entry in the table, so the default of .get() is never used"
    ),
    "wandel.core.audit.x_event_hash__mutmut_7": "ensure_ascii=None is falsy like False",
    "wandel.core.audit.x__events_in_order__mutmut_1": (
        "the chunk size only changes memory use; None lets the driver choose"
    ),
    "wandel.core.audit.x__events_in_order__mutmut_5": "the chunk size only changes memory use",
    **{
        f"wandel.core.audit.x__lock_chain__mutmut_{n}": (
            "PostgreSQL only: killed there by test_writing_an_event_holds_the_chain_lock_until"
            "_the_transaction_ends; mutmut runs on SQLite"
        )
        for n in (2, 3, 4, 5, 6, 7, 8, 10)
    },
    "wandel.core.audit.x__lock_chain__mutmut_9": "SQL keywords ignore case",
    "wandel.governance.reviews.dpia.criteria.x__german__mutmut_3": (
        'the fallback for "no language active" only has to not start with "de"; "" and '
        '"XXXX" both give English'
    ),
    "wandel.org.imports.apply.x_apply_units__mutmut_18": (
        "check_units refuses a new unit without a name, so a unit without a name in the "
        "file is always a known one"
    ),
    **{
        f"wandel.enablement.assessment.rules.x_topic_averages__mutmut_{n}": (
            "the default is read only for a topic nobody rated: its 0 people withhold the "
            "average whatever the sum or number of ratings"
        )
        for n in (6, 7)
    },
    "wandel.portfolio.use_cases.similarity.x_similarity__mutmut_4": (
        "with one title empty the intersection is empty, so both branches give 0.0"
    ),
}


@dataclass(frozen=True)
class Planted:
    """A hand-written mutation of a rule mutmut cannot make (mutmut 3 only mutates code
    inside functions, not module-level tables and constants such as the transition table,
    the role table or the formula-start characters). The first 11 are issue 8's list."""

    module: str
    what: str
    path: str
    old: str
    new: str


PLANTED = (
    Planted(
        "literacy",
        "a completion refreshes only in its last 29 days",
        "wandel/enablement/literacy/rules.py",
        "EXPIRING_DAYS = 30",
        "EXPIRING_DAYS = 29",
    ),
    Planted(
        "literacy",
        "amber reaches 11 points below the target",
        "wandel/enablement/literacy/rules.py",
        "AMBER_POINTS = 10",
        "AMBER_POINTS = 11",
    ),
    Planted(
        "lifecycle",
        "PILOT removed from BLOCKED_BY_VETO",
        "wandel/portfolio/use_cases/lifecycle.py",
        "S.PROTOTYPE, S.PILOT, S.PRODUCTION})",
        "S.PROTOTYPE, S.PRODUCTION})",
    ),
    Planted(
        "lifecycle",
        "rejected -> approved allowed",
        "wandel/portfolio/use_cases/lifecycle.py",
        "S.REJECTED: frozenset({S.IDEA}),",
        "S.REJECTED: frozenset({S.IDEA, S.APPROVED}),",
    ),
    Planted(
        "imports",
        "the importer's yes/no check removed",
        "wandel/org/imports/checks.py",
        "if active and active not in YES_OR_NO:",
        "if False:",
    ),
    Planted(
        "imports",
        "the importer's too-long-value check removed",
        "wandel/org/imports/checks.py",
        "elif len(value) > limit:",
        "elif False:",
    ),
    Planted(
        "audit",
        "target type and id swapped in the hash",
        "wandel/core/audit.py",
        "        event.target_type,\n        event.target_id,",
        "        event.target_id,\n        event.target_type,",
    ),
    Planted(
        "audit",
        "target label left out of the hash",
        "wandel/core/audit.py",
        "        event.target_label,\n        event.changes,",
        "        event.changes,",
    ),
    Planted(
        "ownership",
        "a product owner may change a use case's owner",
        "wandel/portfolio/use_cases/services.py",
        "if actor is not None and not actor.has_perm(Permission.MANAGE_USE_CASES):",
        "if False:",
    ),
    Planted(
        "roles",
        "the works council gains VIEW_AUDIT",
        "wandel/core/roles.py",
        "            Permission.MANAGE_CODETERMINATION,\n        }",
        "            Permission.MANAGE_CODETERMINATION,\n"
        "            Permission.VIEW_AUDIT,\n        }",
    ),
    Planted(
        "roles",
        "the works council gains VIEW_PEOPLE",
        "wandel/core/roles.py",
        "            Permission.MANAGE_CODETERMINATION,\n        }",
        "            Permission.MANAGE_CODETERMINATION,\n"
        "            Permission.VIEW_PEOPLE,\n        }",
    ),
    Planted(
        "exports",
        "- removed from the formula-start characters",
        "wandel/core/exports.py",
        '("=", "+", "-", "@", "\\t", "\\r")',
        '("=", "+", "@", "\\t", "\\r")',
    ),
    Planted(
        "similarity",
        "the similar-ideas threshold raised to 0.29",
        "wandel/portfolio/use_cases/similarity.py",
        "THRESHOLD = 0.28",
        "THRESHOLD = 0.29",
    ),
    # Further table mutations of the same kind.
    Planted(
        "similarity",
        "the similar-ideas threshold lowered to 0.275",
        "wandel/portfolio/use_cases/similarity.py",
        "THRESHOLD = 0.28",
        "THRESHOLD = 0.275",
    ),
    Planted(
        "lifecycle",
        "APPROVED removed from BLOCKED_BY_VETO",
        "wandel/portfolio/use_cases/lifecycle.py",
        "BLOCKED_BY_VETO = frozenset({S.APPROVED, ",
        "BLOCKED_BY_VETO = frozenset({",
    ),
    Planted(
        "lifecycle",
        "production may go back to pilot",
        "wandel/portfolio/use_cases/lifecycle.py",
        "S.PRODUCTION: frozenset({S.RETIRED, S.ON_HOLD}),",
        "S.PRODUCTION: frozenset({S.RETIRED, S.ON_HOLD, S.PILOT}),",
    ),
    Planted(
        "roles",
        "every employee sees people",
        "wandel/core/roles.py",
        "{Permission.VIEW_UNITS, Permission.VIEW_USE_CASES, Permission.SUBMIT_IDEAS}",
        "{Permission.VIEW_UNITS, Permission.VIEW_USE_CASES, Permission.SUBMIT_IDEAS,"
        " Permission.VIEW_PEOPLE}",
    ),
    Planted(
        "roles",
        "the product owner gains MANAGE_USE_CASES",
        "wandel/core/roles.py",
        "            Permission.OWN_USE_CASES,\n",
        "            Permission.OWN_USE_CASES,\n            Permission.MANAGE_USE_CASES,\n",
    ),
    Planted(
        "exports",
        "carriage return removed from the formula-start characters",
        "wandel/core/exports.py",
        ', "\\t", "\\r")',
        ', "\\t")',
    ),
    Planted(
        "imports",
        "ja no longer means yes",
        "wandel/org/imports/checks.py",
        'YES = frozenset({"yes", "y", "ja", ',
        'YES = frozenset({"yes", "y", ',
    ),
    Planted(
        "imports",
        "first names may be 101 characters",
        "wandel/org/imports/columns.py",
        'max_length=100,\n        aliases=("vorname",),',
        'max_length=101,\n        aliases=("vorname",),',
    ),
    Planted(
        "audit",
        "another genesis hash",
        "wandel/core/audit.py",
        'GENESIS_HASH = "0" * 64',
        'GENESIS_HASH = "1" * 64',
    ),
)

_RESULT = re.compile(r"^\s*(\S+): (.+)$")


def run_planted(name: str, module: Module, work: Path) -> list[tuple[str, bool]]:
    """Apply each planted mutation of the module in turn to the scratch copy and run the
    module's tests; returns (what, killed) for each."""
    outcomes = []
    for planted in (p for p in PLANTED if p.module == name):
        path = work / planted.path
        original = path.read_text()
        if original.count(planted.old) != 1:
            raise SystemExit(f"planted mutation no longer applies: {planted.what}")
        path.write_text(original.replace(planted.old, planted.new))
        try:
            result = subprocess.run(
                [*PYTEST, "-x", "-q", *module.tests],
                cwd=work,
                check=False,
                capture_output=True,
            )
        finally:
            path.write_text(original)
        outcomes.append((planted.what, result.returncode != 0))
    return outcomes


def scratch_copy(name: str, module: Module) -> Path:
    """A fresh copy of the code and tests with the module's own ``[tool.mutmut]``."""
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "wandel", work / "wandel", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    settings = {
        "source_paths": ["wandel"],
        "only_mutate": list(module.sources),
        "pytest_add_cli_args": ["-p", "no:randomly", "-p", "no:cacheprovider", "-q"],
        "pytest_add_cli_args_test_selection": list(module.tests),
    }
    config = "\n[tool.mutmut]\n" + "".join(
        f"{key} = {json.dumps(value)}\n" for key, value in settings.items()
    )
    (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text() + config)
    return work


def run_module(name: str, module: Module, jobs: int, *, mutmut: bool) -> dict[str, object]:
    """Run the planted mutations and mutmut on one module; returns counts and survivors."""
    work = scratch_copy(name, module)
    planted = run_planted(name, module, work)
    report: dict[str, object] = {
        "module": name,
        "planted": planted,
        "killed": 0,
        "total": 0,
        "seconds": 0,
        "equivalent": [],
        "survived": [],
        "no_tests": [],
    }
    if not mutmut:
        return report
    started = time.monotonic()
    subprocess.run(
        [str(MUTMUT), "run", "--max-children", str(jobs)],
        cwd=work,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    seconds = round(time.monotonic() - started)
    subprocess.run([str(MUTMUT), "export-cicd-stats"], cwd=work, check=True, capture_output=True)
    stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text())
    listed = subprocess.run(
        [str(MUTMUT), "results"], cwd=work, check=True, capture_output=True, text=True
    ).stdout
    not_killed = dict(m.groups() for line in listed.splitlines() if (m := _RESULT.match(line)))
    # A mutant that makes the tests hang (an endless loop) is caught, not missed.
    hung = sorted(k for k, v in not_killed.items() if v == "timeout")
    survivors = sorted(k for k, v in not_killed.items() if v not in ("no tests", "timeout"))
    untested = sorted(k for k, v in not_killed.items() if v == "no tests")
    report.update(
        seconds=seconds,
        killed=stats["killed"] + len(hung),
        total=stats["total"],
        equivalent=[s for s in survivors if s in EQUIVALENT],
        survived=[s for s in survivors if s not in EQUIVALENT],
        no_tests=untested,
    )
    return report


def main(args: list[str]) -> int:
    mutmut = "--planted-only" not in args
    names = [a for a in args if a != "--planted-only"]
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}")
        return 2
    jobs = int(os.environ.get("MUTATION_JOBS", "2"))
    failed = False
    for name in names or list(MODULES):
        report = run_module(name, MODULES[name], jobs, mutmut=mutmut)
        planted = report["planted"]
        assert isinstance(planted, list)
        print(f"{name}: planted {sum(k for _, k in planted)}/{len(planted)} killed")
        for what, killed in planted:
            print(f"  {'killed  ' if killed else 'SURVIVED'} planted: {what}")
            failed = failed or not killed
        if not mutmut:
            continue
        print(
            f"{name}: {report['killed']}/{report['total']} killed, "
            f"{len(report['equivalent'])} equivalent, {len(report['survived'])} survived, "
            f"{len(report['no_tests'])} without tests ({report['seconds']} s)"
        )
        for mutant in report["survived"]:
            print(f"  SURVIVED {mutant}")
        for mutant in report["no_tests"]:
            print(f"  NO TESTS {mutant}")
        failed = failed or bool(report["survived"] or report["no_tests"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
