"""The demo's content files are checked on load: a wrong file is refused with its name, the
entry and the field, before anything is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from wandel.demo.content import ContentError, load
from wandel.portfolio.models import Stage


@dataclass(frozen=True)
class Example:
    name: str
    # Left out of a file to say "none": TOML has no null.
    figure: int | None
    pair: tuple[int, str]
    by_position: Mapping[int, str] = field(default_factory=dict)
    stages: tuple[Stage, ...] = ()
    share: float = 1.0


def refusal(path: Path, kind: type) -> str:
    with pytest.raises(ContentError) as refused:
        load(path, kind)
    return str(refused.value)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_is_read_into_its_dataclass_with_its_types(tmp_path):
    path = write(
        tmp_path,
        'name = "Beispiel"\npair = [1, "eins"]\nstages = ["pilot"]\nshare = 1\n'
        '[by_position]\n2 = "zwei"\n',
    )

    assert load(path, Example) == Example(
        "Beispiel", None, (1, "eins"), {2: "zwei"}, (Stage.PILOT,), 1.0
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\npair = [1]', "pair: must be a list of 2 values, not 1"),
        ('name = "x"\npair = [true, "a"]', "pair[0]: must be a whole number, not True"),
        ('name = "x"\npair = [1, "a"]\nfigure = 2.5', "figure: must be a whole number, not 2.5"),
        ('name = "x"\npair = [1, "a"]\nshare = "all"', "share: must be a number, not 'all'"),
        ('name = "x"\npair = [1, "a"]\n[by_position]\nzwei = "2"', "by_position.zwei: must be"),
    ],
)
def test_a_value_that_does_not_fit_its_type_is_refused(tmp_path, text, message):
    assert refusal(write(tmp_path, text), Example).startswith(f"example.toml: {message}")
