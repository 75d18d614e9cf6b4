"""The EU AI Act classification: the questionnaire file (data, replaceable, validated, in
both languages), the pure engine as tables, the services with their audit events, the
gates' query, the pages and the API."""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.governance import links_to
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import api_items, assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.ai_act.engine import (
    NOT_COMBINABLE,
    ONE_ANSWER_ONLY,
    UNANSWERED,
    _State,
    evaluate,
    holds,
)
from wandel.governance.ai_act.loader import load_questionnaire
from wandel.governance.ai_act.models import AiActAction, Classification, ObligationConfirmation
from wandel.governance.ai_act.queries import classification_state
from wandel.governance.ai_act.questionnaire import SHIPPED, QuestionnaireError
from wandel.governance.ai_act.services import AiActError, classification_record, obligation_confirm
from wandel.governance.ai_act.validation import parse_questionnaire
from wandel.governance.facts import ClassificationState, RiskClass

pytestmark = pytest.mark.django_db

R = RiskClass

# An AI system the organisation only deploys, that is nothing but a tool: minimal risk.
BASE: dict[str, object] = {
    "ai_system": "yes",
    "role": "deployer",
    "gpai_model": "no",
    "prohibited_practices": ["none"],
    "biometric_use": "no",
    "annex_iii_area": ["none"],
    "annex_i_product": "no",
    "employee_effect": ["none"],
    "per_user_evaluation": "no",
    "interaction": "no",
    "generated_content": ["none"],
}
HIGH_RISK_DEPLOYER = [
    "hr_instructions",
    "hr_oversight",
    "hr_input_data",
    "hr_monitoring",
    "hr_logs",
]


def answers(**changes: object) -> dict[str, object]:
    given = {**BASE, **changes}
    return {question: answer for question, answer in given.items() if answer is not None}


def reasons(given: dict[str, object]) -> dict[str, str]:
    return {question: f"Because of {question}." for question in given}


@pytest.fixture(scope="module")
def shipped():
    return load_shipped()


def load_shipped():
    return parse_questionnaire(json.loads(SHIPPED.read_text(encoding="utf-8")), path=SHIPPED)


def raw_file() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write_override(settings, tmp_path: Path, content: dict | str) -> Path:
    settings.DATA_DIR = tmp_path
    target = tmp_path / "ai_act" / "questionnaire.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    target.write_text(text, encoding="utf-8")
    return target


# The engine, as tables ---------------------------------------------------------------------

CASES = [
    pytest.param(
        {"ai_system": "no", "role": None, "gpai_model": None, "prohibited_practices": None},
        R.MINIMAL,
        False,
        [],
        id="not an AI system: the Act does not apply",
    ),
    pytest.param({}, R.MINIMAL, False, ["ai_literacy"], id="an internal tool: minimal risk"),
    pytest.param(
        {"interaction": "yes", "generated_content": ["text"], "public_text": "no"},
        R.TRANSPARENCY,
        False,
        ["ai_literacy", "t_interaction"],
        id="a chatbot: transparency",
    ),
    pytest.param(
        {"interaction": "yes", "employee_effect": ["work_changes"]},
        R.TRANSPARENCY,
        True,
        ["ai_literacy", "t_interaction"],
        id="a chatbot that changes how people work affects employees",
    ),
    pytest.param(
        {"employee_effect": ["monitoring", "working_conditions"]},
        R.MINIMAL,
        True,
        ["ai_literacy"],
        id="usage logs per person affect employees even at minimal risk",
    ),
    pytest.param(
        {
            "prohibited_practices": ["emotion_workplace"],
            "emotion_basis": "biometric",
            "emotion_exception": "no",
        },
        R.PROHIBITED,
        True,
        ["ai_literacy", "stop_prohibited"],
        id="emotion recognition at the workplace is prohibited",
    ),
    pytest.param(
        {
            "prohibited_practices": ["emotion_workplace"],
            "emotion_basis": "biometric",
            "emotion_exception": "safety",
            "profiling": "no",
            "art_6_3_exception": ["none"],
            "decisions_on_people": "no",
            "public_body": "no",
        },
        R.HIGH,
        True,
        [
            "ai_literacy",
            *HIGH_RISK_DEPLOYER,
            "hr_inform_workers",
            "hr_dpia",
            "t_emotion_biometric",
        ],
        id="emotion recognition for safety is high-risk, with Art. 50(3)",
    ),
    pytest.param(
        {"prohibited_practices": ["social_scoring"]},
        R.PROHIBITED,
        False,
        ["ai_literacy", "stop_prohibited"],
        id="social scoring is prohibited",
    ),
    pytest.param(
        {"prohibited_practices": ["biometric_categorisation", "manipulation"]},
        R.PROHIBITED,
        False,
        ["ai_literacy", "stop_prohibited"],
        id="biometric categorisation by trade-union membership is prohibited",
    ),
    pytest.param(
        {
            "annex_iii_area": ["employment"],
            "employment_purpose": ["recruitment"],
            "profiling": "yes",
            "decisions_on_people": "yes",
            "public_body": "no",
        },
        R.HIGH,
        True,
        [
            "ai_literacy",
            *HIGH_RISK_DEPLOYER,
            "hr_inform_workers",
            "hr_inform_people",
            "hr_dpia",
        ],
        id="screening applications with profiling is high-risk and the council is informed",
    ),
    pytest.param(
        {
            "annex_iii_area": ["employment"],
            "employment_purpose": ["performance_monitoring", "task_allocation"],
            "profiling": "yes",
            "employee_effect": ["monitoring"],
            "decisions_on_people": "yes",
            "public_body": "no",
            "interaction": "yes",
        },
        R.HIGH,
        True,
        [
            "ai_literacy",
            *HIGH_RISK_DEPLOYER,
            "hr_inform_workers",
            "hr_inform_people",
            "hr_dpia",
            "t_interaction",
        ],
        id="monitoring workers' performance is high-risk; transparency still listed",
    ),
    pytest.param(
        {"annex_iii_area": ["employment"], "employment_purpose": ["none"]},
        R.MINIMAL,
        False,
        ["ai_literacy"],
        id="drafting job advertisements is not high-risk",
    ),
    pytest.param(
        {
            "annex_iii_area": ["education"],
            "profiling": "no",
            "art_6_3_exception": ["narrow_procedural"],
        },
        R.MINIMAL,
        False,
        ["ai_literacy", "non_high_risk_record"],
        id="an Annex III area with a narrow procedural task (Art. 6(3))",
    ),
    pytest.param(
        {
            "annex_iii_area": ["credit_insurance"],
            "profiling": "yes",
            "decisions_on_people": "yes",
            "public_body": "no",
        },
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER, "hr_inform_people", "hr_dpia", "hr_fria"],
        id="credit scoring needs a fundamental-rights impact assessment",
    ),
    pytest.param(
        {
            "annex_iii_area": ["public_benefits"],
            "profiling": "no",
            "art_6_3_exception": ["none"],
            "decisions_on_people": "no",
            "public_body": "public_authority",
            "personal_data": "no",
        },
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER, "hr_fria", "hr_register_use"],
        id="a public authority registers its use and assesses fundamental rights",
    ),
    pytest.param(
        {"annex_i_product": "yes", "personal_data": "no"},
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER],
        id="a safety component of a machine (Annex I) is high-risk",
    ),
    pytest.param(
        {"annex_i_product": "yes", "role": "provider", "personal_data": "no"},
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER, "provider_high_risk"],
        id="building it oneself adds the provider obligations",
    ),
    pytest.param(
        {"generated_content": ["media"], "deep_fake": "yes"},
        R.TRANSPARENCY,
        False,
        ["ai_literacy", "t_deep_fake"],
        id="deep fakes are disclosed",
    ),
    pytest.param(
        {"generated_content": ["text"], "public_text": "unreviewed"},
        R.TRANSPARENCY,
        False,
        ["ai_literacy", "t_public_text"],
        id="unreviewed text for the public is labelled",
    ),
    pytest.param(
        {"generated_content": ["text"], "public_text": "editorial"},
        R.MINIMAL,
        False,
        ["ai_literacy"],
        id="reviewed text under editorial responsibility is not",
    ),
    pytest.param(
        {"role": "provider", "generated_content": ["text"], "public_text": "no"},
        R.TRANSPARENCY,
        False,
        ["ai_literacy", "t_provider_marking"],
        id="an own text generator marks its output (Art. 50(2))",
    ),
    pytest.param(
        {
            "biometric_use": "yes",
            "profiling": "no",
            "art_6_3_exception": ["none"],
            "decisions_on_people": "no",
            "public_body": "no",
        },
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER, "hr_dpia", "t_emotion_biometric"],
        id="emotion recognition of customers is high-risk",
    ),
    pytest.param(
        {
            "prohibited_practices": ["emotion_workplace"],
            "emotion_basis": "text_only",
            "employee_effect": ["monitoring"],
        },
        R.MINIMAL,
        True,
        ["ai_literacy"],
        id="sentiment read from text alone is not prohibited emotion recognition",
    ),
    pytest.param(
        {"employee_effect": ["none"], "per_user_evaluation": "yes"},
        R.MINIMAL,
        True,
        ["ai_literacy"],
        id="an optional tool whose logs allow evaluation per user affects employees",
    ),
    pytest.param(
        {"gpai_model": "fine_tune", "gpai_systemic_risk": "no"},
        R.MINIMAL,
        False,
        ["ai_literacy", "gpai_documentation", "gpai_copyright", "gpai_training_summary"],
        id="fine-tuning a general-purpose model brings the provider obligations (Art. 53)",
    ),
    pytest.param(
        {"gpai_model": "place_on_market", "gpai_systemic_risk": "yes"},
        R.MINIMAL,
        False,
        [
            "ai_literacy",
            "gpai_documentation",
            "gpai_copyright",
            "gpai_training_summary",
            "gpai_systemic",
        ],
        id="a general-purpose model with systemic risk adds Art. 55",
    ),
    pytest.param(
        {
            "annex_iii_area": ["critical_infrastructure"],
            "profiling": "no",
            "art_6_3_exception": ["none"],
            "decisions_on_people": "no",
            "public_body": "public_service",
            "personal_data": "no",
        },
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER],
        id="a public water utility needs no fundamental-rights assessment (Annex III point 2)",
    ),
    pytest.param(
        {
            "annex_iii_area": ["critical_infrastructure", "public_benefits"],
            "profiling": "no",
            "art_6_3_exception": ["none"],
            "decisions_on_people": "no",
            "public_body": "public_service",
            "personal_data": "no",
        },
        R.HIGH,
        False,
        ["ai_literacy", *HIGH_RISK_DEPLOYER, "hr_fria"],
        id="point 2 together with another Annex III area still needs it",
    ),
]


@pytest.mark.parametrize(("changes", "risk_class", "employee_impact", "obligations"), CASES)
def test_answers_lead_to_the_risk_class_and_the_obligations(
    shipped, changes, risk_class, employee_impact, obligations
):
    given = answers(**changes)
    outcome = evaluate(shipped, given)

    assert outcome.problems == {}
    assert outcome.risk_class == risk_class
    assert outcome.employee_impact is employee_impact
    assert outcome.obligation_ids == obligations


def test_a_prohibited_practice_ends_the_questionnaire(shipped):
    outcome = evaluate(shipped, answers(prohibited_practices=["exploitation"]))
    assert [q.id for q in outcome.asked] == [
        "ai_system",
        "role",
        "gpai_model",
        "prohibited_practices",
    ]
    assert set(outcome.answers) == {"ai_system", "role", "gpai_model", "prohibited_practices"}


def test_the_employment_purpose_is_asked_only_for_the_employment_area(shipped):
    asked = [q.id for q in evaluate(shipped, answers()).asked]
    assert "employment_purpose" not in asked
    assert "profiling" not in asked
    employment = evaluate(shipped, answers(annex_iii_area=["employment"])).asked
    assert "employment_purpose" in [q.id for q in employment]


def test_answers_to_questions_that_are_not_asked_are_ignored(shipped):
    outcome = evaluate(
        shipped,
        answers(employment_purpose=["performance_monitoring"], emotion_exception="no"),
    )
    assert outcome.risk_class == R.MINIMAL
    assert "employment_purpose" not in outcome.answers
    assert "emotion_exception" not in outcome.answers


def test_profiling_overrides_the_art_6_3_exception(shipped):
    outcome = evaluate(
        shipped,
        answers(
            annex_iii_area=["education"],
            profiling="yes",
            art_6_3_exception=["preparatory"],
            decisions_on_people="no",
            public_body="no",
        ),
    )
    assert "art_6_3_exception" not in [q.id for q in outcome.asked]
    assert outcome.risk_class == R.HIGH


def test_unanswered_required_questions_are_reported(shipped):
    outcome = evaluate(shipped, {"ai_system": "yes", "annex_iii_area": ["employment"]})
    assert not outcome.complete
    assert outcome.problems["role"] == UNANSWERED
    assert outcome.problems["employment_purpose"] == UNANSWERED
    assert "ai_system" not in outcome.problems


def test_invalid_answers_are_reported(shipped):
    outcome = evaluate(
        shipped,
        answers(
            role=["deployer", "provider"],
            interaction="maybe",
            annex_iii_area=["none", "education"],
        ),
    )
    assert outcome.problems["role"] == ONE_ANSWER_ONLY
    assert "maybe" in str(outcome.problems["interaction"])
    assert str(outcome.problems["annex_iii_area"]) == str(
        NOT_COMBINABLE % {"answer": "None of these"}
    )


@pytest.mark.parametrize("empty", ["", [], None])
def test_an_empty_answer_is_no_answer(shipped, empty):
    outcome = evaluate(shipped, {**answers(), "role": empty})
    assert outcome.problems == {"role": "Answer this question."}
    assert "role" not in outcome.answers


@pytest.mark.parametrize(("raw", "shown"), [(5, "5"), (True, "True"), ({"yes": 1}, "{'yes': 1}")])
def test_an_answer_that_is_neither_text_nor_a_list_of_texts_is_named(shipped, raw, shown):
    outcome = evaluate(shipped, answers(interaction=raw))
    assert str(outcome.problems["interaction"]) == (
        f"“{shown}” is not one of the answers to this question."
    )


def test_a_list_with_something_other_than_text_is_refused(shipped):
    outcome = evaluate(shipped, answers(employee_effect=["monitoring", 3]))
    assert str(outcome.problems["employee_effect"]) == (
        "“['monitoring', 3]” is not one of the answers to this question."
    )


def test_several_answers_are_kept_in_the_file_order_not_as_given(shipped):
    # The file lists remote_biometric_identification first, education third: neither the
    # order given nor the alphabetical one.
    given = ["education", "remote_biometric_identification", "education"]
    outcome = evaluate(shipped, answers(annex_iii_area=given))
    assert outcome.answers["annex_iii_area"] == ("remote_biometric_identification", "education")


def test_a_condition_of_an_unknown_kind_is_named_in_the_error(shipped):
    with pytest.raises(ValueError, match=r"^not a condition: \{'colour': 'red'\}$"):
        holds({"colour": "red"}, _State(shipped))


def test_obligations_carry_the_dates_they_apply_from(shipped):
    employment = evaluate(
        shipped,
        answers(
            annex_iii_area=["employment"],
            employment_purpose=["work_decisions"],
            profiling="yes",
            decisions_on_people="yes",
            public_body="no",
            interaction="yes",
        ),
    )
    dates = {due.id: due.applies_from for due in employment.obligations}
    assert dates["ai_literacy"] == date(2025, 2, 2)
    assert dates["hr_logs"] == date(2026, 8, 2)
    assert dates["hr_inform_workers"] == date(2026, 8, 2)
    assert dates["t_interaction"] == date(2026, 8, 2)
    machine = evaluate(shipped, answers(annex_i_product="yes", personal_data="no"))
    assert {due.id: due.applies_from for due in machine.obligations}["hr_logs"] == date(2027, 8, 2)
    prohibited = evaluate(shipped, answers(prohibited_practices=["face_scraping"]))
    assert {due.id: due.applies_from for due in prohibited.obligations}["stop_prohibited"] == (
        date(2025, 2, 2)
    )


def test_the_file_marks_which_answers_affect_employees(shipped):
    marked = {
        (q.id, o.id) for q in shipped.questions for o in q.options if "employee_impact" in o.facts
    }
    assert {
        ("prohibited_practices", "emotion_workplace"),
        ("employment_purpose", "recruitment"),
        ("employment_purpose", "work_decisions"),
        ("employment_purpose", "task_allocation"),
        ("employment_purpose", "performance_monitoring"),
        ("employee_effect", "monitoring"),
        ("per_user_evaluation", "yes"),
        ("emotion_basis", "text_only"),
    } <= marked
    none = next(o for o in shipped.question("employee_effect").options if o.id == "none")
    assert "optional" not in str(none.label)


def test_workplace_emotion_recognition_asks_for_biometric_data(shipped):
    option = next(
        o for o in shipped.question("prohibited_practices").options if o.id == "emotion_workplace"
    )
    assert "biometric" in option.label.en
    assert "3(39)" in option.help.en
    text_only = evaluate(
        shipped, answers(prohibited_practices=["emotion_workplace"], emotion_basis="text_only")
    )
    assert "emotion_exception" not in [q.id for q in text_only.asked]
    assert text_only.risk_class != R.PROHIBITED


# The questionnaire file --------------------------------------------------------------------


def texts(node, path="") -> list[tuple[str, object]]:
    """Every bilingual text object in the raw file, with its JSON path."""
    found = []
    if isinstance(node, dict):
        if set(node) == {"en", "de"}:
            return [(path, node)]
        for key, value in node.items():
            found += texts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += texts(value, f"{path}[{index}]")
    return found


def test_every_text_of_the_shipped_file_is_in_both_languages():
    data = raw_file()
    found = texts(data)
    # Titles, questions, answers, obligations: every text a person reads.
    assert len(found) > 150
    for path, text in found:
        assert isinstance(text["en"], str)
        assert text["en"].strip(), path
        assert isinstance(text["de"], str)
        assert text["de"].strip(), path
    for question in data["questions"]:
        assert "text" in question
        assert all("label" in option for option in question["options"])
    for obligation in data["obligations"]:
        assert obligation["title"]["de"] != obligation["title"]["en"], obligation["id"]
        assert obligation["text"]["de"] != obligation["text"]["en"], obligation["id"]


def test_the_shipped_file_is_valid_and_the_loader_uses_it(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    questionnaire = load_questionnaire()
    assert questionnaire.path == SHIPPED
    assert not questionnaire.replaced
    assert questionnaire.version
    assert {s.id for s in questionnaire.sections} >= {"scope", "prohibited", "high_risk"}


def test_texts_follow_the_language(shipped):
    from django.utils import translation

    question = shipped.question("ai_system")
    with translation.override("de"):
        assert str(question.text).startswith("Ist der Anwendungsfall ein KI-System")
    assert str(question.text).startswith("Is the use case an AI system")


def test_a_file_in_the_data_directory_replaces_the_shipped_one(settings, tmp_path):
    data = raw_file()
    data["version"] = "2027.1"
    for obligation in data["obligations"]:
        if obligation["id"] == "hr_logs":
            obligation["applies_from"] = [
                {"when": {"condition": "annex_iii_high"}, "date": "2027-12-02"},
                {"date": "2028-08-02"},
            ]
    # The new reading: a chatbot counts as high-risk, for the sake of the test.
    data["risk_classes"]["high"] = {
        "any": [{"condition": "high_risk"}, {"fact": "art50_interaction"}]
    }
    write_override(settings, tmp_path, data)

    questionnaire = load_questionnaire()
    assert questionnaire.version == "2027.1"
    assert questionnaire.replaced
    chatbot = evaluate(questionnaire, answers(interaction="yes"))
    assert chatbot.risk_class == R.HIGH
    employment = evaluate(
        questionnaire,
        answers(
            annex_iii_area=["employment"],
            employment_purpose=["performance_monitoring"],
            profiling="yes",
            decisions_on_people="no",
            public_body="no",
        ),
    )
    assert {d.id: d.applies_from for d in employment.obligations}["hr_logs"] == date(2027, 12, 2)
    shipped = evaluate(load_shipped(), answers(interaction="yes"))
    assert shipped.risk_class == R.TRANSPARENCY


@frozen("2026-12-01 12:00")  # after 2 August 2026, when the logs obligation applies
def test_a_changed_date_shows_on_the_page_of_an_existing_classification(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=owner
    )
    client.force_login(owner)
    before = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()
    assert f"Applies since {date_format(date(2026, 8, 2), 'DATE_FORMAT')}." in before

    data = raw_file()
    for obligation in data["obligations"]:
        if obligation["id"] == "hr_logs":
            obligation["applies_from"] = "2099-01-01"
    write_override(settings, tmp_path, data)

    page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()
    logs = page[page.index('id="obligation-hr_logs"') :]
    expected = f"Applies from {date_format(date(2099, 1, 1), 'DATE_FORMAT')}."
    assert expected in logs[: logs.index("</li>")]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 2 August 2026 begins at 22:00 UTC on 1 August in Berlin (summer time, UTC+2).
        ("2026-08-01 23:59:59", "Applies from"),
        ("2026-08-02 00:00:00", "Applies since"),
    ],
)
def test_an_obligation_applies_from_midnight_in_berlin_not_in_utc(
    client, data_dir, moment, expected
):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=owner
    )
    client.force_login(owner)
    with frozen(moment):
        page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()
    logs = page[page.index('id="obligation-hr_logs"') :]
    day = date_format(date(2026, 8, 2), "DATE_FORMAT")
    assert f"{expected} {day}." in logs[: logs.index("</li>")]


def test_a_file_whose_result_differs_asks_for_a_new_classification(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    given = answers(interaction="yes")
    classification_record(use_case=use_case, answers=given, rationales=reasons(given), actor=owner)
    data = raw_file()
    data["version"] = "2027.1"
    data["risk_classes"]["high"] = {"fact": "art50_interaction"}
    write_override(settings, tmp_path, data)
    client.force_login(owner)

    page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()

    assert "The questionnaire in use (version 2027.1) leads to a different result" in page
    assert Classification.objects.get().risk_class == R.TRANSPARENCY


def break_file(data: dict) -> dict:
    del data["questions"][3]["text"]["de"]
    return data


def test_a_broken_file_names_the_file_and_the_json_path(settings, tmp_path):
    write_override(settings, tmp_path, break_file(raw_file()))
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire()
    assert "questionnaire.json: questions[3].text.de is missing" in raised.value.lines
    assert str(tmp_path / "ai_act" / "questionnaire.json") in str(raised.value)


def test_invalid_json_names_line_and_column(settings, tmp_path):
    write_override(settings, tmp_path, '{\n  "format": 1,\n  "version": \n}')
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire()
    assert raised.value.lines == [
        "questionnaire.json: not valid JSON (line 4, column 1): Expecting value"
    ]


def mutate(change) -> list[str]:
    data = raw_file()
    change(data)
    with pytest.raises(QuestionnaireError) as raised:
        parse_questionnaire(data, path=Path("questionnaire.json"))
    return raised.value.lines


def question_index(data: dict, question_id: str) -> int:
    return next(i for i, q in enumerate(data["questions"]) if q["id"] == question_id)


def test_the_validator_reports_every_kind_of_problem():
    def ask_later(data):
        data["questions"][0]["ask_if"] = {"answer": "interaction", "in": ["yes"]}

    assert mutate(ask_later) == [
        "questionnaire.json: questions[0].ask_if.answer: "
        "question “interaction” is not asked before this one"
    ]

    def unknown_fact(data):
        data["risk_classes"]["high"] = {"fact": "anex_iii"}

    assert mutate(unknown_fact) == [
        "questionnaire.json: risk_classes.high.fact: no answer sets the fact “anex_iii”"
    ]

    def fact_set_later(data):
        data["questions"][1]["ask_if"] = {"fact": "profiling"}

    assert mutate(fact_set_later) == [
        "questionnaire.json: questions[1].ask_if.fact: "
        "no answer before this question sets the fact “profiling”"
    ]

    def unknown_option(data):
        index = question_index(data, "employment_purpose")
        data["questions"][index]["ask_if"] = {"answer": "annex_iii_area", "in": ["jobs"]}

    assert mutate(unknown_option) == [
        f"questionnaire.json: questions[{question_index(raw_file(), 'employment_purpose')}]"
        ".ask_if.in[0]: question “annex_iii_area” has no answer “jobs”"
    ]

    def typo_and_duplicate_and_date(data):
        data["questions"][0]["txet"] = "oops"
        data["questions"][1]["id"] = "ai_system"
        data["obligations"][0]["applies_from"] = "2.2.2025"
        data["obligations"][1]["when"] = {"fact": "prohibited", "any": []}

    assert mutate(typo_and_duplicate_and_date) == [
        "questionnaire.json: questions[0].txet is not a known field",
        "questionnaire.json: questions[1].id: “ai_system” is used twice",
        "questionnaire.json: obligations[0].applies_from must be a date written as YYYY-MM-DD",
        "questionnaire.json: obligations[1].when is not a condition: write true, false, or an "
        "object with one of fact, answer (with in), all, any, not, condition, class",
    ]

    def class_in_question(data):
        data["questions"][1]["ask_if"] = {"class": ["high"]}

    assert mutate(class_in_question) == [
        "questionnaire.json: questions[1].ask_if.class: "
        "“class” can only be used in the conditions of obligations"
    ]

    def conditional_last_date(data):
        data["obligations"][0]["applies_from"] = [{"date": "2025-02-02", "when": True}]

    assert mutate(conditional_last_date) == [
        "questionnaire.json: obligations[0].applies_from[0]: "
        "the last date must apply without a condition"
    ]

    def missing_class(data):
        del data["risk_classes"]["transparency"]

    assert mutate(missing_class) == ["questionnaire.json: risk_classes.transparency is missing"]

    def empty_label(data):
        data["questions"][0]["options"][0]["label"]["en"] = " "

    assert mutate(empty_label) == ["questionnaire.json: questions[0].options[0].label.en is empty"]


def test_the_validator_refuses_a_circular_or_unknown_named_condition():
    def circular(data):
        data["conditions"] = {"a": {"condition": "b"}, "b": {"condition": "a"}}

    assert mutate(circular)[0] == (
        "questionnaire.json: conditions.a.condition: there is no condition “b” defined before it"
    )


def test_the_loader_caches_until_the_file_changes(settings, tmp_path):
    target = write_override(settings, tmp_path, raw_file())
    first = load_questionnaire()
    assert load_questionnaire() is first

    data = raw_file()
    data["version"] = "changed"
    target.write_text(json.dumps(data), encoding="utf-8")
    later = first.path.stat().st_mtime_ns + 1_000_000_000
    os.utime(target, ns=(later, later))

    assert load_questionnaire().version == "changed"


# Services, audit and the gates' query -------------------------------------------------------

HIGH_ANSWERS = answers(
    annex_iii_area=["employment"],
    employment_purpose=["performance_monitoring"],
    profiling="yes",
    employee_effect=["monitoring"],
    decisions_on_people="yes",
    public_body="no",
)
HIGH_OBLIGATIONS = [
    "ai_literacy",
    *HIGH_RISK_DEPLOYER,
    "hr_inform_workers",
    "hr_inform_people",
    "hr_dpia",
]


@pytest.fixture
def data_dir(settings, tmp_path):
    """The shipped questionnaire, whatever another test left in the data directory."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_a_classification_stores_answers_rationales_and_result_and_is_audited(data_dir):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)

    classification = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=owner
    )

    assert classification.risk_class == R.HIGH
    assert classification.employee_impact is True
    assert classification.obligations == HIGH_OBLIGATIONS
    assert classification.answers["employment_purpose"] == ["performance_monitoring"]
    assert classification.answers["profiling"] == "yes"
    assert classification.rationales["profiling"] == "Because of profiling."
    assert classification.questionnaire_version == load_questionnaire().version
    event = AuditEvent.objects.get(action=AiActAction.CLASSIFIED)
    assert event.target_id == str(use_case.pk)
    assert event.actor == owner
    assert event.changes["risk_class"] == "high"
    assert event.changes["obligations"] == HIGH_OBLIGATIONS


def test_a_classification_without_a_rationale_is_refused_and_nothing_saved(data_dir):
    use_case = make_use_case(personal_data=True)
    rationales = reasons(HIGH_ANSWERS)
    rationales["profiling"] = "  "
    del rationales["role"]

    with pytest.raises(AiActError) as refused:
        classification_record(
            use_case=use_case, answers=HIGH_ANSWERS, rationales=rationales, actor=None
        )

    assert set(refused.value.errors) == {"profiling", "role"}
    assert not Classification.objects.exists()
    assert not AuditEvent.objects.filter(action=AiActAction.CLASSIFIED).exists()


def test_unknown_questions_and_open_questions_are_refused(data_dir):
    use_case = make_use_case(personal_data=True)
    given = {**answers(annex_iii_area=["employment"]), "colour": "blue"}
    with pytest.raises(AiActError) as refused:
        classification_record(
            use_case=use_case, answers=given, rationales=reasons(given), actor=None
        )
    assert refused.value.errors["colour"] == ["There is no question “colour” in the questionnaire."]
    assert refused.value.errors["employment_purpose"] == ["Answer this question."]


def test_history_is_kept_and_the_newest_classification_is_current(data_dir):
    use_case = make_use_case(personal_data=True)
    assert classification_state(use_case) == ClassificationState()
    first = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=None
    )
    minimal = answers()
    classification_record(
        use_case=use_case, answers=minimal, rationales=reasons(minimal), actor=None
    )

    state = classification_state(use_case)
    assert state == ClassificationState(
        classified=True,
        risk_class=R.MINIMAL,
        employee_impact=False,
        unconfirmed_obligations=("ai_literacy",),
    )
    assert use_case.ai_act_classifications.count() == 2
    first.refresh_from_db()
    assert first.risk_class == R.HIGH


def test_the_gates_query_lists_unconfirmed_obligations_in_two_queries(
    data_dir, django_assert_max_num_queries
):
    use_case = make_use_case(personal_data=True)
    classification = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=None
    )
    for obligation in HIGH_OBLIGATIONS[:-1]:
        obligation_confirm(
            classification=classification, obligation_id=obligation, evidence="Done.", actor=None
        )

    with django_assert_max_num_queries(2):
        state = classification_state(use_case)

    assert state.classified
    assert state.risk_class == R.HIGH
    assert state.employee_impact
    assert state.unconfirmed_obligations == ("hr_dpia",)


def test_confirming_an_obligation_is_audited_and_checked(data_dir):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    classification = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=owner
    )
    confirmation = obligation_confirm(
        classification=classification,
        obligation_id="hr_logs",
        evidence="Gateway keeps logs for 12 months (config ref. OPS-42).",
        confirmed_on=timezone.localdate() - timedelta(days=1),
        actor=owner,
    )
    assert confirmation.confirmed_by == owner
    event = AuditEvent.objects.get(action=AiActAction.OBLIGATION_CONFIRMED)
    assert event.changes["obligation"] == "hr_logs"
    assert event.target_id == str(use_case.pk)

    refusals = {
        "hr_logs": "This obligation is already confirmed.",
        "t_deep_fake": "“t_deep_fake” is not an obligation of this classification.",
    }
    for obligation, message in refusals.items():
        with pytest.raises(AiActError, match=message):
            obligation_confirm(
                classification=classification, obligation_id=obligation, evidence="x", actor=owner
            )
    with pytest.raises(AiActError, match="Describe the evidence"):
        obligation_confirm(
            classification=classification, obligation_id="hr_dpia", evidence=" ", actor=owner
        )
    with pytest.raises(AiActError, match="cannot lie in the future"):
        obligation_confirm(
            classification=classification,
            obligation_id="hr_dpia",
            evidence="DPIA signed.",
            confirmed_on=timezone.localdate() + timedelta(days=1),
            actor=owner,
        )
    assert AuditEvent.objects.filter(action=AiActAction.OBLIGATION_CONFIRMED).count() == 1


def test_only_the_current_classification_takes_confirmations_and_they_carry_over(data_dir):
    use_case = make_use_case(personal_data=True)
    old = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=None
    )
    obligation_confirm(
        classification=old, obligation_id="ai_literacy", evidence="Training 2026-03.", actor=None
    )
    obligation_confirm(classification=old, obligation_id="hr_logs", evidence="Logs.", actor=None)
    fewer = {**HIGH_ANSWERS, "employee_effect": ["none"], "decisions_on_people": "no"}
    new = classification_record(
        use_case=use_case, answers=fewer, rationales=reasons(fewer), actor=None
    )

    assert sorted(new.confirmations.values_list("obligation_id", flat=True)) == [
        "ai_literacy",
        "hr_logs",
    ]
    assert new.confirmations.get(obligation_id="ai_literacy").evidence == "Training 2026-03."
    event = AuditEvent.objects.filter(action=AiActAction.CLASSIFIED).order_by("pk").last()
    assert event.changes["confirmations_carried_over"] == ["ai_literacy", "hr_logs"]
    with pytest.raises(AiActError, match="replaced by a newer one"):
        obligation_confirm(classification=old, obligation_id="hr_dpia", evidence="x", actor=None)


# Pages ----------------------------------------------------------------------------------------


def form_data(given: dict[str, object], **extra: str) -> dict[str, object]:
    data: dict[str, object] = {}
    for question, answer in given.items():
        data[f"answer_{question}"] = answer
        data[f"rationale_{question}"] = f"Because of {question}."
    return {**data, **extra}


def test_the_overview_shows_every_use_case_with_its_class(client, data_dir):
    steerco = make_user(Role.STEERING_COMMITTEE)
    high = make_use_case(title="Leistungsauswertung", personal_data=True)
    classification_record(
        use_case=high, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=None
    )
    make_use_case(title="Noch offen", personal_data=True)
    client.force_login(steerco)

    page = client.get("/governance/ai-act/").content.decode()

    assert page.index("Leistungsauswertung") < page.index("Noch offen")
    assert "High-risk (Annex III)" in page
    assert "9 of 9" in page
    assert "not classified" in page
    only_high = client.get("/governance/ai-act/?class=high").content.decode()
    assert "Noch offen" not in only_high
    unclassified = client.get(
        "/governance/ai-act/?class=unclassified", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Noch offen" in unclassified
    assert "Leistungsauswertung" not in unclassified
    assert "<html" not in unclassified


def test_people_without_governance_rights_see_nothing(client, data_dir):
    use_case = make_use_case(personal_data=True)
    client.force_login(make_user())
    assert client.get("/governance/ai-act/").status_code == 403
    assert client.get(f"/governance/ai-act/{use_case.pk}/").status_code == 403
    assert client.get("/governance/ai-act/questionnaire/").status_code == 403


def test_the_works_council_reads_a_classification_and_cannot_classify(client, data_dir):
    use_case = make_use_case(personal_data=True)
    client.force_login(make_user(Role.WORKS_COUNCIL))

    assert client.get("/governance/ai-act/").status_code == 200
    assert client.get(f"/governance/ai-act/{use_case.pk}/").status_code == 200
    assert client.post(f"/governance/ai-act/{use_case.pk}/", {}).status_code == 403
    assert client.get("/governance/ai-act/questionnaire/").status_code == 403


def test_readers_see_the_classification_but_cannot_classify(client, data_dir):
    use_case = make_use_case(personal_data=True)
    classification = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=None
    )
    client.force_login(make_user(Role.STEERING_COMMITTEE))

    page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()

    assert "High-risk (Annex III)" in page
    assert "Keep the logs for at least six months" in page
    assert "Because of profiling." in page
    assert "Save classification" not in page
    assert "Confirm obligation" not in page
    assert (
        client.post(f"/governance/ai-act/{use_case.pk}/", form_data(HIGH_ANSWERS)).status_code
        == 403
    )
    confirm = f"/governance/ai-act/classifications/{classification.pk}/confirm/"
    assert client.post(confirm, {"obligation": "hr_logs", "evidence": "x"}).status_code == 403


def test_a_product_owner_classifies_on_the_page(client, data_dir):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    use_case.product_owner = make_person()
    use_case.product_owner.user = owner
    client.force_login(owner)

    form = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()
    assert "Save classification" in form
    assert "This use case has not been classified yet." in form

    response = client.post(f"/governance/ai-act/{use_case.pk}/", form_data(HIGH_ANSWERS))

    assert response.status_code == 302
    assert response["Location"] == f"/governance/ai-act/{use_case.pk}/#result"
    classification = Classification.objects.get()
    assert (classification.risk_class, classification.classified_by) == (R.HIGH, owner)
    assert AuditEvent.objects.filter(action=AiActAction.CLASSIFIED).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "9 obligations still need to be confirmed with evidence." in page
    assert "Inform workers&#x27; representatives and affected workers before use" in page
    assert "Classify again" in page


def test_the_long_form_without_javascript_ignores_questions_that_do_not_apply(client, data_dir):
    client.force_login(make_user(Role.DATA_PROTECTION))
    use_case = make_use_case(personal_data=True)
    given = answers(interaction="yes")
    # Answers to questions the other answers make irrelevant, as a long form sends them.
    data = form_data(given, answer_emotion_exception="no", answer_employment_purpose="recruitment")

    response = client.post(f"/governance/ai-act/{use_case.pk}/", data)

    assert response.status_code == 302
    classification = Classification.objects.get()
    assert classification.risk_class == R.TRANSPARENCY
    assert "emotion_exception" not in classification.answers
    assert "employment_purpose" not in classification.rationales


def test_an_incomplete_form_is_shown_again_with_its_errors(client, data_dir):
    client.force_login(make_user(Role.PRODUCT_OWNER))
    use_case = make_use_case(personal_data=True)
    data = form_data(answers(annex_iii_area=["employment"]))
    data["rationale_role"] = ""

    response = client.post(f"/governance/ai-act/{use_case.pk}/", data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The classification is not complete" in page
    assert "Answer this question." in page
    assert "Give a short rationale for this answer." in page
    assert not Classification.objects.exists()


def test_htmx_reveals_the_next_questions_and_the_result_so_far(client, data_dir):
    client.force_login(make_user(Role.PRODUCT_OWNER))
    use_case = make_use_case(personal_data=True)
    url = f"/governance/ai-act/{use_case.pk}/"

    def hidden(html: str) -> set[str]:
        """The ids the answer hides (wandel.js applies them; no inline style under the CSP)."""
        return set(re.search(r'data-hide-ids="([^"]*)"', html).group(1).split())

    start = client.post(url, {"preview": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in start
    assert "question-role" in hidden(start)  # hidden until the first answer is given
    assert "question-ai_system" not in hidden(start)
    assert "Result so far:" in start

    data = form_data(answers(annex_iii_area=["employment"]), preview="1")
    step = hidden(client.post(url, data, HTTP_HX_REQUEST="true").content.decode())
    assert "question-employment_purpose" not in step
    assert "question-emotion_exception" in step
    assert "question-profiling" in step
    assert not Classification.objects.exists()


@frozen("2026-12-01 12:00")  # the confirmation date must not lie in the future
def test_an_obligation_is_confirmed_on_the_page(client, data_dir):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    classification = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=owner
    )
    client.force_login(owner)
    url = f"/governance/ai-act/classifications/{classification.pk}/confirm/"

    refused = client.post(
        url, {"obligation": "hr_logs", "confirmed_on": "2026-09-01", "evidence": ""}
    )
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()

    response = client.post(
        url,
        {"obligation": "hr_logs", "confirmed_on": "2026-09-01", "evidence": "Retention 12 months."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/governance/ai-act/{use_case.pk}/#obligation-hr_logs"
    confirmation = ObligationConfirmation.objects.get()
    assert (confirmation.obligation_id, confirmation.confirmed_on) == ("hr_logs", date(2026, 9, 1))
    assert AuditEvent.objects.filter(action=AiActAction.OBLIGATION_CONFIRMED).count() == 1
    page = client.get(f"/governance/ai-act/{use_case.pk}/").content.decode()
    assert "Retention 12 months." in page
    assert "8 obligations still need to be confirmed with evidence." in page

    again = client.post(url, {"obligation": "hr_logs", "evidence": "twice", "confirmed_on": ""})
    assert again.status_code == 400


def test_a_broken_questionnaire_gives_a_message_instead_of_a_crash(client, settings, tmp_path):
    use_case = make_use_case(personal_data=True)
    write_override(settings, tmp_path, break_file(raw_file()))
    client.force_login(make_user(Role.PRODUCT_OWNER))

    page = client.get(f"/governance/ai-act/{use_case.pk}/")
    assert page.status_code == 200
    assert "The EU AI Act questionnaire cannot be loaded." in page.content.decode()
    assert "Save classification" not in page.content.decode()
    refused = client.post(f"/governance/ai-act/{use_case.pk}/", form_data(HIGH_ANSWERS))
    assert refused.status_code == 503
    assert not Classification.objects.exists()

    client.force_login(make_user(Role.ADMIN))
    admin_page = client.get("/governance/ai-act/questionnaire/").content.decode()
    assert "questionnaire.json: questions[3].text.de is missing" in admin_page
    assert "not valid" in admin_page


def test_the_questionnaire_page_is_for_admins(client, data_dir):
    client.force_login(make_user(Role.ADMIN))
    page = client.get("/governance/ai-act/questionnaire/").content.decode()
    assert load_questionnaire().version in page
    assert "shipped with Wandel" in page
    assert "hr_inform_workers" in page
    client.force_login(make_user(Role.PRODUCT_OWNER))
    assert client.get("/governance/ai-act/questionnaire/").status_code == 403


def test_the_pages_are_in_german(client, data_dir):
    use_case = make_use_case(personal_data=True)
    classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=None
    )
    client.force_login(make_user(Role.PRODUCT_OWNER))
    page = client.get(
        f"/governance/ai-act/{use_case.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Protokolle mindestens sechs Monate aufbewahren" in page
    assert "Ist der Anwendungsfall ein KI-System im Sinne der KI-Verordnung?" in page


def populate(n: int) -> None:
    """`n` classified use cases (every other one high-risk, each with one obligation
    confirmed) and every third one more that is not classified yet."""
    unit = make_unit()
    for i in range(n):
        use_case = make_use_case(unit=unit, personal_data=True)
        given = HIGH_ANSWERS if i % 2 else answers(interaction="yes")
        classification = classification_record(
            use_case=use_case, answers=given, rationales=reasons(given), actor=None
        )
        obligation_confirm(
            classification=classification, obligation_id="ai_literacy", evidence="x", actor=None
        )
        if i % 3 == 0:
            make_use_case(unit=unit, personal_data=True)


@pytest.mark.parametrize(
    "url",
    [
        "/governance/ai-act/",
        "/governance/ai-act/?class=high&q=Use",
        "/governance/ai-act/?class=unclassified",
    ],
)
def test_the_overview_uses_the_same_number_of_queries_for_more_use_cases(
    admin_client, data_dir, url
):
    populate(3)
    make_use_case(personal_data=True)
    assert_queries_do_not_grow(
        admin_client, url, grow=lambda: populate(20), shows=links_to("/governance/ai-act/")
    )


def test_the_classification_page_uses_the_same_number_of_queries_for_a_longer_history(
    admin_client, admin, data_dir
):
    use_case = make_use_case(personal_data=True)
    classification = classification_record(
        use_case=use_case, answers=HIGH_ANSWERS, rationales=reasons(HIGH_ANSWERS), actor=admin
    )
    obligation_confirm(
        classification=classification, obligation_id="hr_logs", evidence="x", actor=admin
    )

    def grow() -> None:
        for _ in range(5):
            classification = classification_record(
                use_case=use_case,
                answers=HIGH_ANSWERS,
                rationales=reasons(HIGH_ANSWERS),
                actor=admin,
            )
        for obligation in HIGH_OBLIGATIONS[:4]:
            if obligation != "hr_logs":
                obligation_confirm(
                    classification=classification,
                    obligation_id=obligation,
                    evidence="y",
                    actor=admin,
                )

    def earlier_classifications_and_evidence(response) -> int:
        page = response.content.decode()
        return page.count("<tr><td>") + page.count('<p class="evidence">')

    small, large = assert_queries_do_not_grow(
        admin_client,
        f"/governance/ai-act/{use_case.pk}/",
        grow=grow,
        shows=earlier_classifications_and_evidence,
    )
    # five earlier classifications, four new confirmations (the first one carries over)
    assert large.shown - small.shown == 5 + 4


# API --------------------------------------------------------------------------------------------


API = "/api/v1/governance/ai-act"


def test_the_api_gives_the_questionnaire_in_the_language_asked_for(client, data_dir):
    reader = bearer(make_user(Role.ETHICS_BOARD))
    english = client.get(f"{API}/questionnaire", headers=reader).json()
    assert english["version"] == load_questionnaire().version
    question = next(q for q in english["questions"] if q["id"] == "employment_purpose")
    assert question["ask_if"] == {"answer": "annex_iii_area", "in": ["employment"]}
    assert "employee_impact" in question["options"][0]["facts"]
    logs = next(o for o in english["obligations"] if o["id"] == "hr_logs")
    assert logs["applies_from"][0]["date"] == "2026-08-02"
    german = client.get(f"{API}/questionnaire", headers={**reader, "Accept-Language": "de"}).json()
    assert german["title"] == "Einstufung nach der KI-Verordnung für Betreiber"
    assert client.get(f"{API}/questionnaire", headers=bearer(make_user())).status_code == 403


def test_the_api_classifies_and_confirms(client, data_dir):
    owner = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    headers = bearer(owner)

    created = client.post(
        f"{API}/classifications",
        {"use_case": use_case.pk, "answers": HIGH_ANSWERS, "rationales": reasons(HIGH_ANSWERS)},
        content_type="application/json",
        headers=headers,
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["risk_class"], body["employee_impact"], body["current"]) == ("high", True, True)
    assert [o["id"] for o in body["obligations"]] == HIGH_OBLIGATIONS
    assert body["obligations"][0]["applies_from"] == "2025-02-02"
    assert body["obligations"][0]["in_force"] is True

    confirmed = client.post(
        f"{API}/classifications/{body['id']}/confirmations",
        {"obligation_id": "hr_oversight", "evidence": "Team lead trained and named."},
        content_type="application/json",
        headers=headers,
    )
    assert confirmed.status_code == 201
    assert confirmed.json()["confirmed_on"] == timezone.localdate().isoformat()
    twice = client.post(
        f"{API}/classifications/{body['id']}/confirmations",
        {"obligation_id": "hr_oversight", "evidence": "again"},
        content_type="application/json",
        headers=headers,
    )
    assert twice.status_code == 400
    assert twice.json() == {"detail": "This obligation is already confirmed.", "errors": {}}
    assert AuditEvent.objects.filter(action=AiActAction.OBLIGATION_CONFIRMED).count() == 1
    assert AuditEvent.objects.filter(action=AiActAction.CLASSIFIED).count() == 1


def test_the_api_refuses_an_incomplete_classification_with_errors_by_question(client, data_dir):
    given = answers(annex_iii_area=["employment"])
    response = client.post(
        f"{API}/classifications",
        {"use_case": make_use_case(personal_data=True).pk, "answers": given, "rationales": {}},
        content_type="application/json",
        headers=bearer(make_user(Role.DATA_PROTECTION)),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["employment_purpose"] == ["Answer this question."]
    assert errors["ai_system"] == ["Give a short rationale for this answer."]


def test_only_classifiers_classify_over_the_api(client, data_dir):
    response = client.post(
        f"{API}/classifications",
        {
            "use_case": make_use_case(personal_data=True).pk,
            "answers": BASE,
            "rationales": reasons(BASE),
        },
        content_type="application/json",
        headers=bearer(make_user(Role.STEERING_COMMITTEE)),
    )
    assert response.status_code == 403


def test_the_api_answers_503_while_the_file_is_broken(client, settings, tmp_path):
    write_override(settings, tmp_path, break_file(raw_file()))
    headers = bearer(make_user(Role.PRODUCT_OWNER))
    response = client.get(f"{API}/questionnaire", headers=headers)
    assert response.status_code == 503
    assert "cannot be used" in response.json()["detail"]
    assert any("questions[3].text.de is missing" in p for p in response.json()["problems"])
    created = client.post(
        f"{API}/classifications",
        {
            "use_case": make_use_case(personal_data=True).pk,
            "answers": BASE,
            "rationales": reasons(BASE),
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 503


def test_the_api_lists_the_history_of_a_use_case(client, data_dir):
    use_case = make_use_case(personal_data=True)
    other = make_use_case(personal_data=True)
    for given in (HIGH_ANSWERS, answers()):
        classification_record(
            use_case=use_case, answers=given, rationales=reasons(given), actor=None
        )
    classification_record(use_case=other, answers=BASE, rationales=reasons(BASE), actor=None)
    headers = bearer(make_user(Role.IT_SECURITY))

    history = client.get(f"{API}/classifications?use_case={use_case.pk}", headers=headers).json()
    assert [(c["risk_class"], c["current"]) for c in history["items"]] == [
        ("minimal", True),
        ("high", False),
    ]
    current = client.get(f"{API}/classifications?current=true", headers=headers).json()
    assert current["count"] == 2


def test_the_api_list_uses_the_same_number_of_queries_for_more_classifications(client, data_dir):
    populate(2)
    assert_queries_do_not_grow(
        client,
        f"{API}/classifications",
        grow=lambda: populate(10),
        shows=api_items,
        headers=bearer(make_user(Role.ADMIN)),
    )


# One source of truth for personal data -------------------------------------------------------


def test_an_answer_that_means_personal_data_must_agree_with_the_use_case(data_dir):
    actor = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=False)
    given = answers(employee_effect=["monitoring"])
    with pytest.raises(AiActError) as refused:
        classification_record(
            use_case=use_case, answers=given, rationales=reasons(given), actor=actor
        )
    assert list(refused.value.errors) == ["employee_effect"]
    assert "personal data" in refused.value.errors["employee_effect"][0]
    assert not Classification.objects.exists()
    assert not AuditEvent.objects.filter(action=AiActAction.CLASSIFIED).exists()


def test_no_personal_data_cannot_be_answered_for_a_use_case_with_personal_data(data_dir):
    actor = make_user(Role.PRODUCT_OWNER)
    use_case = make_use_case(personal_data=True)
    given = answers(annex_i_product="yes", personal_data="no")
    with pytest.raises(AiActError) as refused:
        classification_record(
            use_case=use_case, answers=given, rationales=reasons(given), actor=actor
        )
    assert list(refused.value.errors) == ["personal_data"]


def test_the_api_refuses_a_contradiction_with_400_naming_the_question(client, data_dir):
    user = make_user(Role.PRODUCT_OWNER)
    given = answers(per_user_evaluation="yes")
    response = client.post(
        "/api/v1/governance/ai-act/classifications",
        {
            "use_case": make_use_case(personal_data=False).pk,
            "answers": given,
            "rationales": reasons(given),
        },
        content_type="application/json",
        headers=bearer(user),
    )
    assert response.status_code == 400
    assert "per_user_evaluation" in response.json()["errors"]


def test_stored_answers_are_evaluated_once_per_questionnaire_in_use(shipped, monkeypatch):
    from wandel.governance.ai_act import queries

    evaluated = []

    def counted(questionnaire, given):
        evaluated.append(questionnaire)
        return evaluate(questionnaire, given)

    monkeypatch.setattr(queries, "evaluate", counted)
    first = queries.reassess(shipped, HIGH_ANSWERS)
    again = queries.reassess(shipped, dict(reversed(list(HIGH_ANSWERS.items()))))
    other = queries.reassess(shipped, answers())
    assert first is again
    assert first == evaluate(shipped, HIGH_ANSWERS)
    assert other == evaluate(shipped, answers())
    assert len(evaluated) == 2
    # A changed file is a new questionnaire object: its outcomes are its own.
    changed = load_shipped()
    assert queries.reassess(changed, HIGH_ANSWERS) == first
    assert evaluated == [shipped, shipped, changed]
