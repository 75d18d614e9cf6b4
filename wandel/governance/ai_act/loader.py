"""Which questionnaire file is in use, and reading it once per change.

A file ``<data directory>/ai_act/questionnaire.json`` wins over the one shipped with Wandel,
so an admin can follow the law without a new release. A file is validated completely before
it is used; a parsed file (or its problems) is cached until the file's modification time or
size changes, so replacing it takes effect at once in every process.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wandel.governance.ai_act.questionnaire import (
    SHIPPED,
    Problem,
    Questionnaire,
    QuestionnaireError,
)
from wandel.governance.ai_act.validation import parse_questionnaire

INVALID_JSON = _("not valid JSON (line %(line)d, column %(column)d): %(error)s")
UNREADABLE = _("cannot be read: %(error)s")


def override_path() -> Path:
    """Where an admin puts a replacement; it wins over the shipped file when it exists."""
    return Path(settings.DATA_DIR) / "ai_act" / "questionnaire.json"


def active_path() -> Path:
    override = override_path()
    return override if override.exists() else SHIPPED


_cache: dict[Path, tuple[tuple[int, int], Questionnaire | QuestionnaireError]] = {}
_cache_lock = threading.Lock()


def load_questionnaire() -> Questionnaire:
    """The questionnaire in use, or QuestionnaireError naming every problem in its file."""
    path = active_path()
    try:
        stat = path.stat()
    except OSError as error:
        raise QuestionnaireError(
            path, [Problem(path.name, UNREADABLE, {"error": error.strerror or error})]
        ) from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        result: Questionnaire | QuestionnaireError
        try:
            result = read_questionnaire(path)
        except QuestionnaireError as error:
            result = error
        cached = (stamp, result)
        with _cache_lock:
            _cache[path] = cached
    if isinstance(cached[1], QuestionnaireError):
        # A fresh exception each time: re-raising the cached one would grow its traceback.
        raise QuestionnaireError(cached[1].path, cached[1].problems)
    return cached[1]


def read_questionnaire(path: Path) -> Questionnaire:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise QuestionnaireError(
            path, [Problem(path.name, UNREADABLE, {"error": reason})]
        ) from None
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        params = {"line": error.lineno, "column": error.colno, "error": error.msg}
        raise QuestionnaireError(path, [Problem(path.name, INVALID_JSON, params)]) from None
    return parse_questionnaire(data, path=path)
