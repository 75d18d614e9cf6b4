"""The demo's content files are checked on load: a wrong file is refused with its name, the
entry and the field, before anything is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from wandel.demo.base import SIZES, DemoRun
from wandel.demo.content import ContentError, load
from wandel.demo.generator import loaders
from wandel.demo.portfolio.plan import check_use_cases
from wandel.demo.portfolio.specs import USE_CASES_FILE, UseCases
from wandel.portfolio.use_cases.models import Stage

FIRST = "use_cases[0] (“Antwortentwürfe für Kundenservice-Anfragen”)"


def broken_use_cases(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped use cases with the first ``old`` replaced by ``new``."""
    text = USE_CASES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / USE_CASES_FILE.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def refusal(path: Path, kind: type = UseCases) -> str:
    with pytest.raises(ContentError) as refused:
        load(path, kind)
    return str(refused.value)


def test_every_shipped_content_file_loads_and_fits_together():
    run = DemoRun(SIZES["large"], "large", lambda text: None)
    for loader in loaders():
        if loader.check is not None:
            loader.check(run)
    assert {"org", "portfolio", "governance"} <= {loader.name for loader in loaders()}


def test_a_choice_that_does_not_exist_is_named_with_file_entry_and_field(tmp_path):
    path = broken_use_cases(tmp_path, 'stage = "production"', 'stage = "produktion"')

    message = refusal(path)

    assert message.startswith(f"use_cases.toml: {FIRST}.stage: 'produktion' is not one of ")
    assert "production" in message


def test_a_missing_field_is_named(tmp_path):
    path = broken_use_cases(tmp_path, 'unit = "KS"\n', "")

    assert refusal(path) == f"use_cases.toml: {FIRST}.unit: is missing"


def test_an_unknown_field_is_named_with_the_known_ones(tmp_path):
    path = broken_use_cases(tmp_path, "submitted_days_ago = 410", "submitted_days = 410")

    message = refusal(path)

    assert message.startswith(f"use_cases.toml: {FIRST}.submitted_days: is not a field here")
    assert "submitted_days_ago" in message


def test_a_value_of_the_wrong_kind_is_named(tmp_path):
    path = broken_use_cases(tmp_path, "hours = 160", 'hours = "viele"')

    assert refusal(path) == (f"use_cases.toml: {FIRST}.hours: must be a whole number, not 'viele'")


def test_an_entry_nested_in_an_entry_is_named_by_its_name(tmp_path):
    path = broken_use_cases(tmp_path, 'direction = "higher"', 'direction = "up"')

    message = refusal(path)

    assert message.startswith(
        f"use_cases.toml: {FIRST}.kpis[1] (“Anteil übernommener Entwürfe”).direction: 'up'"
    )


def test_a_person_who_is_no_demo_login_is_refused(tmp_path):
    path = broken_use_cases(
        tmp_path, 'submitter = "owner@example.com"', 'submitter = "nobody@example.com"'
    )

    assert refusal(path) == (
        f"use_cases.toml: {FIRST}.submitter: "
        "'nobody@example.com' is not the e-mail address of a demo login"
    )


def test_a_file_that_is_not_toml_is_refused_with_its_line(tmp_path):
    path = broken_use_cases(tmp_path, 'unit = "KS"', 'unit = "KS')

    message = refusal(path)

    assert message.startswith("use_cases.toml: is not valid TOML: ")
    assert "line 15" in message


def test_a_missing_file_is_refused(tmp_path):
    assert refusal(tmp_path / "use_cases.toml").startswith("use_cases.toml: cannot be read: ")


def test_a_route_the_lifecycle_does_not_allow_is_refused_before_loading(tmp_path):
    path = broken_use_cases(
        tmp_path, 'stage = "production"', 'stage = "production"\nroute = ["pilot", "production"]'
    )

    with pytest.raises(ContentError) as refused:
        check_use_cases(load(path, UseCases).use_cases)

    assert str(refused.value) == (f"use_cases.toml: {FIRST}.route: cannot move from idea to pilot")


@dataclass(frozen=True)
class Example:
    name: str
    # Left out of a file to say "none": TOML has no null.
    figure: int | None
    pair: tuple[int, str]
    by_position: Mapping[int, str] = field(default_factory=dict)
    stages: tuple[Stage, ...] = ()
    share: float = 1.0


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
