"""Typed readers for the WANDEL_* environment variables.

Every reader fails loudly with ImproperlyConfigured on a value it cannot use, naming the
variable, so a typo in a deployment shows at start-up instead of as odd behaviour later.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default).lower()
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name} must be one of {allowed}, not {value!r}.")
    return value


def data_dir() -> Path:
    path = Path(env_str("WANDEL_DATA_DIR", "var")).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(f"WANDEL_DATA_DIR {path} cannot be created: {error}") from None
    return path


def secret_key(directory: Path) -> str:
    """The configured key, or one generated once and kept in the data directory."""
    configured = env_str("WANDEL_SECRET_KEY")
    if configured:
        if len(configured) < 50:
            raise ImproperlyConfigured("WANDEL_SECRET_KEY must be at least 50 characters long.")
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        key = secrets.token_urlsafe(64)
        # O_EXCL: two processes starting at once must not each write a different key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(key)
    return key_file.read_text().strip()


# PostgreSQL tries every order of up to eight joined tables (join_collapse_limit), and the
# time it takes grows with the number of orders: the decision register's row, which joins
# the body, meeting, use case, budget request, risk, recorder and the decisions it replaces
# and is replaced by, took 21 ms to plan and 2 ms to run. Wandel's queries start from the
# table a page is about and join what it points to, the order in which they are written;
# keeping that order beyond three tables plans the register in 1 ms.
PLANNER = "-c join_collapse_limit=3"


def database(url: str) -> dict[str, Any]:
    """A DATABASES entry for a database URL, tuned for how Wandel uses each engine."""
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise ImproperlyConfigured(f"The database URL {url!r} is not usable: {error}") from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
        # instead of failing half-way; this also keeps the audit hash chain strictly linear.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} {PLANNER}".strip()
    else:
        raise ImproperlyConfigured(
            f"The database URL {url!r} names an engine Wandel does not support; "
            "use sqlite:///path or postgres://user:password@host:port/name."
        )
    return config
