"""The survey templates shipped with Wandel (``data/*.toml``), each in German and
English, read and checked once: a template with a missing translation, an unknown kind of
question, a key twice or a choice question without options fails loudly on load."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wandel.feedback.surveys.models import QuestionKind, SurveyKind

__all__ = ["QuestionSpec", "SectionSpec", "TemplateSpec", "template", "templates"]

# Under ``data/``, which the package ships (pyproject.toml, package-data).
DATA = Path(__file__).resolve().parent / "data"
CHOICES = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text_en: str
    text_de: str
    required: bool
    options: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class SectionSpec:
    title_en: str
    title_de: str
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    kind: str
    title_en: str
    title_de: str
    intro_en: str
    intro_de: str
    sections: tuple[SectionSpec, ...]

    @property
    def questions(self) -> tuple[QuestionSpec, ...]:
        return tuple(q for section in self.sections for q in section.questions)


def _text(data: dict[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {name} is missing")
    return value.strip()


def _question(data: dict[str, Any], where: str) -> QuestionSpec:
    key = _text(data, "key", where)
    where = f"{where}, question {key}"
    kind = _text(data, "kind", where)
    if kind not in QuestionKind.values:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    options = tuple(data.get("options", ()))
    if (kind in CHOICES) != bool(options):
        raise ValueError(f"{where}: options are for choice questions, and they need some")
    for option in options:
        for name in ("value", "en", "de"):
            _text(option, name, f"{where}, option")
    return QuestionSpec(
        key=key,
        kind=kind,
        text_en=_text(data, "text_en", where),
        text_de=_text(data, "text_de", where),
        required=bool(data.get("required", True)),
        options=tuple(dict(option) for option in options),
    )


def _load(path: Path) -> TemplateSpec:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    where = path.name
    kind = _text(data, "kind", where)
    if kind not in SurveyKind.values:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    sections = tuple(
        SectionSpec(
            title_en=_text(section, "title_en", where),
            title_de=_text(section, "title_de", where),
            questions=tuple(_question(q, where) for q in section.get("questions", ())),
        )
        for section in data.get("sections", ())
    )
    spec = TemplateSpec(
        key=_text(data, "key", where),
        kind=kind,
        title_en=_text(data, "title_en", where),
        title_de=_text(data, "title_de", where),
        intro_en=data.get("intro_en", ""),
        intro_de=data.get("intro_de", ""),
        sections=sections,
    )
    keys = [q.key for q in spec.questions]
    if not keys or len(keys) != len(set(keys)):
        raise ValueError(f"{where}: question keys must be given, each once")
    return spec


@cache
def templates() -> dict[str, TemplateSpec]:
    """Every template by key, in the order of their file names."""
    loaded = [_load(path) for path in sorted(DATA.glob("*.toml"))]
    return {spec.key: spec for spec in loaded}


def template(key: str) -> TemplateSpec:
    return templates()[key]
