"""The DPIA criteria file an operator may replace, checked field by field, and the documented
deviations of ``dpia_decision``: every refusal with its exact words and the field it names.

An operator who edits their own criteria file reads these messages on the error page and in
the log; a message that names the wrong field sends them to the wrong line. The expected
texts are written out here, not taken from the module.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from wandel.governance.reviews.dpia.criteria import (
    SHIPPED,
    DpiaCriteriaError,
    DpiaDecisionError,
    dpia_decision,
    load_criteria,
    parse_criteria,
)

MINE = Path("/etc/wandel/mine.json")
SHIPPED_DATA: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))


def shipped() -> dict[str, Any]:
    return copy.deepcopy(SHIPPED_DATA)


def refusal(data: Any) -> DpiaCriteriaError:
    with pytest.raises(DpiaCriteriaError) as refused:
        parse_criteria(data, path=MINE)
    return refused.value


def put(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return change


def drop(*path: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return change


MUST_HAVE_BOTH = "must have exactly the texts “en” and “de”"
NOT_AN_ID = "must be lower-case letters, digits and _"

# (what is wrong, the change, the exact message after "mine.json: ", the field named)
BROKEN = [
    (
        "an extra top-level field",
        put("colour", value="blue"),
        "colour is not a known field",
        "colour",
    ),
    (
        "two extra fields: the first in alphabetical order",
        lambda d: d.update(zebra=1, apple=2),
        "apple is not a known field",
        "apple",
    ),
    ("no date", drop("date"), "date is missing", "date"),
    (
        "no version and no date: the first in alphabetical order",
        lambda d: (d.pop("version"), d.pop("date")),
        "date is missing",
        "date",
    ),
    ("no criteria", drop("criteria"), "criteria is missing", "criteria"),
    ("format 2", put("format", value=2), "format must be 1", "format"),
    ("format as text", put("format", value="1"), "format must be 1", "format"),
    ("empty version", put("version", value=""), "version must be a non-empty text", "version"),
    ("blank version", put("version", value="  "), "version must be a non-empty text", "version"),
    (
        "version as number",
        put("version", value=2026),
        "version must be a non-empty text",
        "version",
    ),
    ("blank date", put("date", value=" "), "date must be a non-empty text", "date"),
    ("date as number", put("date", value=20261205), "date must be a non-empty text", "date"),
    ("source as plain text", put("source", value="WP248"), f"source {MUST_HAVE_BOTH}", "source"),
    ("source without German", drop("source", "de"), f"source {MUST_HAVE_BOTH}", "source"),
    (
        "source with a third language",
        put("source", "fr", value="Lignes directrices"),
        f"source {MUST_HAVE_BOTH}",
        "source",
    ),
    ("blank German source", put("source", "de", value="  "), "source.de is missing", "source.de"),
    ("English source as number", put("source", "en", value=7), "source.en is missing", "source.en"),
    (
        "threshold 0",
        put("wp248_threshold", value=0),
        "wp248_threshold must be a whole number of at least 1",
        "wp248_threshold",
    ),
    (
        "threshold -1",
        put("wp248_threshold", value=-1),
        "wp248_threshold must be a whole number of at least 1",
        "wp248_threshold",
    ),
    (
        "threshold true",
        put("wp248_threshold", value=True),
        "wp248_threshold must be a whole number of at least 1",
        "wp248_threshold",
    ),
    (
        "threshold as text",
        put("wp248_threshold", value="2"),
        "wp248_threshold must be a whole number of at least 1",
        "wp248_threshold",
    ),
    (
        "threshold 1.5",
        put("wp248_threshold", value=1.5),
        "wp248_threshold must be a whole number of at least 1",
        "wp248_threshold",
    ),
    ("empty criteria", put("criteria", value=[]), "criteria must be a non-empty list", "criteria"),
    (
        "criteria as object",
        put("criteria", value={"a": 1}),
        "criteria must be a non-empty list",
        "criteria",
    ),
    (
        "a criterion as text",
        put("criteria", 0, value="x"),
        "criteria[0] must be an object",
        "criteria[0]",
    ),
    (
        "an extra field in a criterion",
        put("criteria", 2, "colour", value="red"),
        "criteria[2].colour is not a known field",
        "criteria[2].colour",
    ),
    (
        "two extra fields in a criterion",
        lambda d: d["criteria"][2].update(zebra=1, apple=2),
        "criteria[2].apple is not a known field",
        "criteria[2].apple",
    ),
    ("no id", drop("criteria", 1, "id"), "criteria[1].id is missing", "criteria[1].id"),
    ("no list", drop("criteria", 1, "list"), "criteria[1].list is missing", "criteria[1].list"),
    ("no title", drop("criteria", 1, "title"), "criteria[1].title is missing", "criteria[1].title"),
    ("no help", drop("criteria", 1, "help"), "criteria[1].help is missing", "criteria[1].help"),
    (
        "no id and no help: id first",
        lambda d: (d["criteria"][1].pop("help"), d["criteria"][1].pop("id")),
        "criteria[1].id is missing",
        "criteria[1].id",
    ),
    (
        "an id with capitals",
        put("criteria", 0, "id", value="Scoring"),
        f"criteria[0].id {NOT_AN_ID}",
        "criteria[0].id",
    ),
    (
        "an id with a hyphen",
        put("criteria", 0, "id", value="a-b"),
        f"criteria[0].id {NOT_AN_ID}",
        "criteria[0].id",
    ),
    (
        "an id as number",
        put("criteria", 0, "id", value=5),
        f"criteria[0].id {NOT_AN_ID}",
        "criteria[0].id",
    ),
    (
        "an id used twice",
        put("criteria", 4, "id", value="automated_decision"),
        "criteria[4].id “automated_decision” is used twice",
        "criteria[4].id",
    ),
    (
        "an unknown list",
        put("criteria", 0, "list", value="eu"),
        "criteria[0].list must be “wp248” or “dsk”",
        "criteria[0].list",
    ),
    (
        "a DSK item without its number",
        drop("criteria", 10, "item"),
        "criteria[10].item must be the number on the DSK list",
        "criteria[10].item",
    ),
    (
        "a DSK item numbered as text",
        put("criteria", 10, "item", value="11"),
        "criteria[10].item must be the number on the DSK list",
        "criteria[10].item",
    ),
    (
        "a DSK item numbered true",
        put("criteria", 10, "item", value=True),
        "criteria[10].item must be the number on the DSK list",
        "criteria[10].item",
    ),
    (
        "a title without German",
        drop("criteria", 3, "title", "de"),
        f"criteria[3].title {MUST_HAVE_BOTH}",
        "criteria[3].title",
    ),
    (
        "a title as text",
        put("criteria", 3, "title", value="Scoring"),
        f"criteria[3].title {MUST_HAVE_BOTH}",
        "criteria[3].title",
    ),
    (
        "a blank English help",
        put("criteria", 3, "help", "en", value=""),
        "criteria[3].help.en is missing",
        "criteria[3].help.en",
    ),
    (
        "a German help as list",
        put("criteria", 3, "help", "de", value=["Hilfe"]),
        "criteria[3].help.de is missing",
        "criteria[3].help.de",
    ),
]


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_each_fault_is_named_with_the_file_and_the_field(change, message, field):
    data = shipped()
    change(data)
    refused = refusal(data)
    assert refused.message == f"mine.json: {message}"
    assert refused.field == field
    assert refused.status == 503


@pytest.mark.parametrize("data", [[], "criteria", None, 3])
def test_a_file_that_is_not_an_object_is_refused(data):
    refused = refusal(data)
    assert refused.message == "mine.json: (top level) must be an object"
    assert refused.field == "(top level)"


def test_a_valid_file_gives_every_field_of_every_criterion():
    criteria = parse_criteria(shipped(), path=MINE)
    assert (criteria.version, criteria.date, criteria.threshold) == ("2026.1", "2026-12-05", 2)
    assert [(c.key, c.list, c.item) for c in criteria.criteria] == [
        ("evaluation_scoring", "wp248", None),
        ("automated_decision", "wp248", None),
        ("systematic_monitoring", "wp248", None),
        ("sensitive_data", "wp248", None),
        ("large_scale", "wp248", None),
        ("matching_datasets", "wp248", None),
        ("vulnerable_subjects", "wp248", None),
        ("innovative_technology", "wp248", None),
        ("prevents_rights", "wp248", None),
        ("dsk_employee_behaviour", "dsk", 8),
        ("dsk_ai", "dsk", 11),
        ("dsk_audio_video_personality", "dsk", 13),
    ]
    first = criteria.criteria[0]
    assert first.title_en == "Evaluation or scoring, including profiling and predicting"
    assert first.title_de == "Bewerten oder Einstufen, einschließlich Profiling und Prognosen"
    assert first.help_en.startswith("The system assesses or predicts aspects of people")
    assert first.help_de.startswith("Das System bewertet oder prognostiziert Aspekte")


def test_edge_values_that_are_allowed():
    data = shipped()
    data["wp248_threshold"] = 1
    data["criteria"] = [data["criteria"][0], data["criteria"][10]]
    data["criteria"][0]["id"] = "scoring_2"
    data["criteria"][1]["item"] = 0
    criteria = parse_criteria(data, path=MINE)
    assert criteria.threshold == 1
    assert [(c.key, c.list, c.item) for c in criteria.criteria] == [
        ("scoring_2", "wp248", None),
        ("dsk_ai", "dsk", 0),
    ]


def test_an_operator_file_is_loaded_and_its_faults_name_it(tmp_path):
    good = tmp_path / "good.json"
    data = shipped()
    data["version"] = "2027.1-acme"
    good.write_text(json.dumps(data), encoding="utf-8")
    assert load_criteria(good).version == "2027.1-acme"

    broken = tmp_path / "broken.json"
    data["format"] = 2
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DpiaCriteriaError) as refused:
        load_criteria(broken)
    assert refused.value.message == "broken.json: format must be 1"


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    not_json = tmp_path / "not-json.json"
    not_json.write_text("{criteria: ", encoding="utf-8")
    with pytest.raises(DpiaCriteriaError) as refused:
        load_criteria(not_json)
    assert refused.value.message.startswith("not-json.json: cannot be read (")
    assert refused.value.status == 503
    with pytest.raises(DpiaCriteriaError) as refused:
        load_criteria(tmp_path / "gone.json")
    assert refused.value.message.startswith("gone.json: cannot be read (")


# dpia_decision: the deviations WP248 allows ----------------------------------------------

TWO = {"innovative_technology": True, "vulnerable_subjects": True}
ONE = {"sensitive_data": True}
DSK = {"dsk_ai": True}
REASON = "Documented by the DPO on 3 March."


@pytest.mark.parametrize(
    ("answers", "decision", "reason", "expected"),
    [
        ({}, "rule", "", False),
        (ONE, "rule", "", False),
        (TWO, "rule", "", True),
        (DSK, "rule", "", True),
        (TWO, "not_required", REASON, False),
        (ONE, "required", REASON, True),
        ({}, "required", REASON, True),
    ],
)
def test_what_a_decision_concludes(answers, decision, reason, expected):
    assert dpia_decision(answers, decision, reason) is expected


@pytest.mark.parametrize(
    ("answers", "decision", "reason", "message", "field"),
    [
        (TWO, "maybe", REASON, "“maybe” is not a known decision.", "decision"),
        (
            TWO,
            "not_required",
            "",
            "Give the reason for departing from what the criteria say.",
            "rationale",
        ),
        (
            TWO,
            "not_required",
            "  \n",
            "Give the reason for departing from what the criteria say.",
            "rationale",
        ),
        (
            ONE,
            "required",
            " ",
            "Give the reason for departing from what the criteria say.",
            "rationale",
        ),
        (
            {**TWO, **DSK},
            "not_required",
            REASON,
            "A DSK must-list item applies, so a DPIA is required; it cannot be decided otherwise.",
            "decision",
        ),
        (
            DSK,
            "not_required",
            REASON,
            "A DSK must-list item applies, so a DPIA is required; it cannot be decided otherwise.",
            "decision",
        ),
        (
            ONE,
            "not_required",
            REASON,
            "“No DPIA” can only be decided when the criteria would require one.",
            "decision",
        ),
        (
            {},
            "not_required",
            REASON,
            "“No DPIA” can only be decided when the criteria would require one.",
            "decision",
        ),
        (TWO, "required", REASON, "The criteria already require a DPIA.", "decision"),
        (DSK, "required", REASON, "The criteria already require a DPIA.", "decision"),
    ],
)
def test_what_a_decision_refuses(answers, decision, reason, message, field):
    with translation.override("en"), pytest.raises(DpiaDecisionError) as refused:
        dpia_decision(answers, decision, reason)
    assert str(refused.value.message) == message
    assert refused.value.field == field


def test_a_rule_decision_needs_no_reason_a_departure_does():
    assert dpia_decision(TWO, "rule") is True
    assert dpia_decision(ONE, "rule") is False
    for answers, decision in ((TWO, "not_required"), (ONE, "required")):
        with pytest.raises(DpiaDecisionError) as refused:
            dpia_decision(answers, decision)
        assert refused.value.field == "rationale"


def test_the_criterion_texts_fall_back_to_english_without_a_language():
    criterion = parse_criteria(shipped(), path=MINE).criteria[0]
    with translation.override(None):
        assert criterion.title == "Evaluation or scoring, including profiling and predicting"
        assert criterion.help == criterion.help_en
    with translation.override("de-at"):
        assert criterion.title == "Bewerten oder Einstufen, einschließlich Profiling und Prognosen"
        assert criterion.help == criterion.help_de
    assert not criterion.must_list
    assert parse_criteria(shipped(), path=MINE).criteria[10].must_list
