"""The Containerfile and compose.yaml agree with what Wandel reads and runs.

There is no container engine in CI, so these tests read the files: the services and their
order, the variables (each must be one Wandel reads), and every ``wandel`` command line
(each must be accepted by that command's own argument parser).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
WANDEL_SERVICES = ("migrate", "app", "worker", "upkeep")
SEPARATORS = frozenset({"&&", "||", ";", "|", "&", "(", ")", "do", "then", "else"})
SHELL_WORDS = frozenset({"while", "until", "if", "true", "!"})
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def read_variables() -> set[str]:
    """Every WANDEL_* variable the package reads."""
    names: set[str] = set()
    for source in (ROOT / "wandel").rglob("*.py"):
        names |= set(re.findall(r"\"(WANDEL_[A-Z0-9_]+)\"", source.read_text()))
    return names


def wandel_commands(shell: str) -> list[list[str]]:
    """The ``wandel …`` command lines in a piece of shell, each as its list of arguments."""
    lexer = shlex.shlex(shell, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    found: list[list[str]] = []
    simple: list[str] = []
    for token in [*lexer, ";"]:
        if token not in SEPARATORS:
            simple.append(token)
            continue
        words = [w for w in simple if not ASSIGNMENT.match(w) and w not in SHELL_WORDS]
        if words and Path(words[0]).name == "wandel":
            found.append(words[1:])
        simple = []
    return found


def command_lines(command: str | list[str]) -> list[list[str]]:
    """``wandel`` command lines in a compose or CMD command, exec form or through ``sh -c``."""
    if isinstance(command, str):
        return wandel_commands(command)
    if command[:2] == ["sh", "-c"]:
        return wandel_commands(command[2])
    return wandel_commands(shlex.join(command))


def assert_wandel_accepts(arguments: list[str]) -> None:
    name = arguments[0].replace("-", "_")
    commands = get_commands()
    assert name in commands, f"wandel has no command {arguments[0]!r}"
    parser = load_command_class(commands[name], name).create_parser("wandel", name)
    parser.parse_args(arguments[1:])


def containerfile() -> list[tuple[str, str]]:
    """The Containerfile's instructions as (keyword, rest), continuation lines joined."""
    text = (ROOT / "Containerfile").read_text().replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def final_stage() -> list[tuple[str, str]]:
    instructions = containerfile()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def image_environment() -> dict[str, str]:
    environment: dict[str, str] = {}
    for keyword, rest in final_stage():
        if keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                environment[key] = value
    return environment


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def test_compose_runs_postgres_a_migration_the_app_the_worker_and_upkeep(compose) -> None:
    assert set(services(compose)) == {"db", *WANDEL_SERVICES}
    db = services(compose)["db"]
    assert db["image"] == "postgres:17"
    assert "healthcheck" in db
    assert "db:/var/lib/postgresql/data" in db["volumes"]
    assert set(compose["volumes"]) == {"db", "media"}


def test_the_migration_waits_for_a_healthy_database_and_runs_once(compose) -> None:
    migrate = services(compose)["migrate"]
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert migrate["restart"] == "no"
    run = [arguments[0] for arguments in command_lines(migrate["command"])]
    assert run == ["migrate"]


@pytest.mark.parametrize("name", ["app", "worker", "upkeep"])
def test_app_worker_and_upkeep_start_after_a_successful_migration(compose, name: str) -> None:
    assert services(compose)[name]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_the_worker_runs_the_background_tasks(compose) -> None:
    worker = services(compose)["worker"]
    assert command_lines(worker["command"]) == [["worker", "--no-reload"]]


def test_the_daily_upkeep_reminds_purges_and_verifies(compose) -> None:
    upkeep = services(compose)["upkeep"]
    assert command_lines(upkeep["command"]) == [
        ["remind"],
        ["security-events", "purge"],
        ["audit", "verify"],
    ]


def test_the_app_serves_on_the_port_the_image_exposes(compose) -> None:
    app = services(compose)["app"]
    assert command_lines(app["command"]) == [["serve", "--no-collectstatic"]]
    port = image_environment()["WANDEL_PORT"]
    assert ("EXPOSE", port) in final_stage()
    assert app["ports"] == [f"127.0.0.1:{port}:{port}"]


@pytest.mark.parametrize("name", WANDEL_SERVICES)
def test_every_wandel_command_in_compose_is_accepted_by_the_cli(compose, name: str) -> None:
    lines = command_lines(services(compose)[name]["command"])
    assert lines
    for arguments in lines:
        assert_wandel_accepts(arguments)


def test_every_wandel_service_has_the_same_configuration_and_uploads(compose) -> None:
    first, *others = (services(compose)[name] for name in WANDEL_SERVICES)
    for service in others:
        assert service["environment"] == first["environment"]
        assert service["volumes"] == first["volumes"]
    data_dir = image_environment()["WANDEL_DATA_DIR"]
    assert first["volumes"] == [f"media:{data_dir}/media"]


def test_compose_sets_only_variables_wandel_reads(compose) -> None:
    known = read_variables()
    for name in WANDEL_SERVICES:
        assert set(services(compose)[name]["environment"]) <= known


def test_compose_refuses_to_start_without_the_secrets(compose) -> None:
    """Without a shared WANDEL_SECRET_KEY each container would generate its own key."""
    environment = services(compose)["migrate"]["environment"]
    assert environment["WANDEL_SECRET_KEY"].startswith("${WANDEL_SECRET_KEY:?")
    assert "${POSTGRES_PASSWORD:?" in environment["WANDEL_DATABASE_URL"]
    assert environment["WANDEL_ALLOWED_HOSTS"].startswith("${WANDEL_ALLOWED_HOSTS:?")


def test_the_database_url_names_the_compose_database(compose) -> None:
    db = services(compose)["db"]["environment"]
    url = services(compose)["app"]["environment"]["WANDEL_DATABASE_URL"]
    assert url.startswith(f"postgres://{db['POSTGRES_USER']}:")
    assert url.endswith(f"@db:5432/{db['POSTGRES_DB']}")


def test_the_image_installs_from_the_lock_file() -> None:
    runs = [rest for keyword, rest in containerfile() if keyword == "RUN"]
    assert any("uv sync --locked" in run for run in runs)
    copied = " ".join(rest for keyword, rest in containerfile() if keyword == "COPY")
    assert "uv.lock" in copied
    assert "pyproject.toml" in copied


def test_the_image_runs_wandel_serve_as_an_unprivileged_user() -> None:
    stage = final_stage()
    assert stage[0][1].startswith("python:3.12-slim")
    users = [rest for keyword, rest in stage if keyword == "USER"]
    assert users == ["wandel"]
    cmd = [rest for keyword, rest in stage if keyword == "CMD"]
    assert command_lines(json.loads(cmd[-1])) == [["serve", "--no-collectstatic"]]


def test_every_wandel_command_in_the_image_is_accepted_by_the_cli() -> None:
    lines = [
        arguments
        for keyword, rest in final_stage()
        if keyword in {"RUN", "CMD"}
        for arguments in command_lines(json.loads(rest) if rest.startswith("[") else rest)
    ]
    assert [arguments[0] for arguments in lines] == ["collectstatic", "serve"]
    for arguments in lines:
        assert_wandel_accepts(arguments)


def test_the_image_sets_only_variables_wandel_reads() -> None:
    wandel_names = {name for name in image_environment() if name.startswith("WANDEL_")}
    assert wandel_names <= read_variables()


def test_the_build_context_leaves_out_local_files() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*"
    allowed = {p.removeprefix("!").rstrip("/") for p in patterns if p.startswith("!")}
    assert allowed == {"pyproject.toml", "uv.lock", "README.md", "LICENSE", "wandel"}


def test_the_local_configuration_file_is_not_committed() -> None:
    assert ".env" in (ROOT / ".gitignore").read_text().split()


@pytest.mark.django_db
def test_migrate_makes_the_cache_table_every_process_shares() -> None:
    from django.core.cache import cache
    from django.db import connection

    assert "wandel_cache" in connection.introspection.table_names()
    cache.set("shared", "across processes", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wandel_cache")
        assert cursor.fetchone() == (1,)
    assert cache.get("shared") == "across processes"
