"""The ``wandel`` command as an operator runs it: real processes, real server, real files."""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WANDEL = str(Path(sys.executable).with_name("wandel"))


def wandel_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WANDEL_", "DJANGO_"))}
    env.update({"WANDEL_DATA_DIR": str(data_dir), "WANDEL_DEFAULT_LANGUAGE": "en", **extra})
    return env


def run(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [WANDEL, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [WANDEL, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stdout.read() if process.stdout else "") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_wandel_serve_answers_health_and_serves_static_files(tmp_path):
    env = wandel_env(tmp_path)
    run("migrate", "--verbosity", "0", env=env)
    with served(env) as base:
        status, body, _ = fetch(f"{base}/healthz")
        assert status == 200
        assert json.loads(body)["status"] == "ok"

        status, page, _ = fetch(f"{base}/accounts/login/")
        assert status == 200
        stylesheet = re.search(rb'href="(/static/wandel/wandel\.[0-9a-f]+\.css)"', page)
        assert stylesheet, "the stylesheet is served under a hashed name by whitenoise"
        status, css, content_type = fetch(base + stylesheet.group(1).decode())
        assert status == 200
        assert content_type.startswith("text/css")
        assert b"--brand" in css


def test_health_answers_503_naming_the_database_when_it_is_down(tmp_path):
    env = wandel_env(tmp_path, WANDEL_DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing")
    with served(env) as base:
        status, body, _ = fetch(f"{base}/healthz")
    assert status == 503
    data = json.loads(body)
    assert data["status"] == "error"
    assert data["database"].startswith("error")
    assert data["version"]


def test_hyphenated_commands_work_and_a_bad_file_fails_with_line_numbers(tmp_path):
    env = wandel_env(tmp_path)
    run("migrate", "--verbosity", "0", env=env)
    broken = tmp_path / "people.csv"
    broken.write_text(
        "employee_id,email,first_name,last_name,unit_code,unit_name\n"
        "1,anna@example.com,Anna,Alt,GF,Geschäftsführung\n"
        "2,bert@,Bert,Berg,GF,Geschäftsführung\n"
    )

    result = run("import-people", str(broken), env=env, check=False)

    assert result.returncode != 0
    assert "people.csv, line 3, field “email”" in result.stderr
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(broken.read_text().replace("bert@,", "bert@example.com,"))
    assert "2 people created" in run("import-people", str(fixed), env=env).stdout
    assert "0 people created" in run("import_people", str(fixed), env=env).stdout


def test_the_secret_key_is_generated_once_and_kept(tmp_path):
    env = wandel_env(tmp_path)
    run("check", env=env)
    key = (tmp_path / "secret_key").read_text()
    run("check", env=env)
    assert (tmp_path / "secret_key").read_text() == key
    assert len(key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = wandel_env(
        tmp_path,
        WANDEL_SECRET_KEY=secrets.token_urlsafe(64),
        WANDEL_HTTPS="true",
        WANDEL_ALLOWED_HOSTS="wandel.example.com",
        WANDEL_SMTP_HOST="mail.example.com",
    )
    result = run("check", "--deploy", "--fail-level", "WARNING", env=env, check=False)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WANDEL_DEBUG", "maybe", "WANDEL_DEBUG must be true or false"),
        ("WANDEL_SMTP_PORT", "twenty-five", "WANDEL_SMTP_PORT must be a whole number"),
        ("WANDEL_DATABASE_URL", "mysql://x@y/z", "names an engine Wandel does not support"),
        ("WANDEL_SECRET_KEY", "short", "at least 50 characters"),
        ("WANDEL_DEFAULT_LANGUAGE", "fr", "WANDEL_DEFAULT_LANGUAGE must be one of de, en"),
    ],
)
def test_a_bad_setting_fails_loudly_naming_the_variable(tmp_path, variable, value, message):
    extra = {variable: value}
    if variable == "WANDEL_SMTP_PORT":
        extra["WANDEL_SMTP_HOST"] = "mail.example.com"
    result = run("check", env=wandel_env(tmp_path, **extra), check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_serve_collects_static_files_again_only_when_they_changed(tmp_path, settings):
    from wandel.core.management.commands.serve import collect_static

    source = tmp_path / "source"
    source.mkdir()
    stylesheet = source / "site.css"
    stylesheet.write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    manifest = tmp_path / "collected" / "staticfiles.json"

    def collected() -> dict[str, str]:
        return json.loads(manifest.read_text())["paths"]

    # The hashed names carry the first 12 hex digits of the MD5 of each content.
    assert collect_static() is True
    assert collected() == {"site.css": "site.945f4436f47f.css"}
    assert collect_static() is False

    stylesheet.write_text("body { color: navy; }")
    assert collect_static() is True
    assert collected() == {"site.css": "site.1e1324eec82a.css"}
    assert collect_static() is False

    manifest.unlink()
    assert collect_static() is True


def test_serve_freezes_what_is_loaded_before_the_workers_start(monkeypatch):
    # Gunicorn forks its workers in run(): what the master holds by then is frozen, so
    # the workers' full collections skip it. (The server itself is not started here.)
    import gc

    from gunicorn.app.base import BaseApplication

    from wandel.core.management.commands.serve import serve

    frozen_at_run = []
    monkeypatch.setattr(
        BaseApplication, "run", lambda self: frozen_at_run.append(gc.get_freeze_count())
    )
    try:
        serve(host="127.0.0.1", port=0, workers=1)
    finally:
        gc.unfreeze()
    assert len(frozen_at_run) == 1
    assert frozen_at_run[0] > 10_000
