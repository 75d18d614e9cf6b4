"""The DPIA threshold check (WP248 + DSK must-list) as a table, the DPIA record, the gate's
``dpia_state``, pages, API and audit."""

from __future__ import annotations

import datetime
import itertools
import json

import pytest
from django.urls import reverse
from django.utils.text import capfirst

from tests.support.api import bearer
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.audit import audit_verify
from wandel.core.errors import DomainError
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.governance.facts import DpiaState
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.dpia.criteria import (
    ALL_CRITERIA,
    DSK_AI,
    KEYS,
    WP248_CRITERIA,
    DpiaCriteriaError,
    dpia_required,
    parse_criteria,
    wp248_count,
)
from wandel.governance.reviews.dpia.criteria import (
    SHIPPED as CRITERIA_FILE,
)
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck, DpiaStatus
from wandel.governance.reviews.dpia.queries import dpia_state
from wandel.governance.reviews.dpia.services import (
    DPIA_INCOMPLETE,
    DPIA_SIGNED_OFF,
    dpia_check_record,
    dpia_complete,
    dpia_reopen,
    dpia_save,
)
from wandel.governance.reviews.errors import ReviewsError

pytestmark = pytest.mark.django_db

SECTIONS = {
    "description": "Drafts answers to support tickets from the ticket history.",
    "necessity": "Art. 6 (1) f GDPR; only ticket text, names removed after 30 days.",
    "risks": "Customer data in prompts; wrong answers sent unchecked.",
    "measures": "Local model, no logging of prompts, agent approves every answer.",
    "data_subject_views": "The works council was heard; it asked for the prompt logs to go.",
    "dpo_opinion": "Acceptable with the measures described.",
}
REVIEW_ON = "2027-06-30"


@pytest.fixture
def controller(db):
    """The business owner who carries out and approves the DPIA."""
    return make_user(Role.PRODUCT_OWNER)


def put_body() -> dict[str, object]:
    """A whole DPIA for PUT: every field, none left to a default."""
    return {
        **SECTIONS,
        "controller": None,
        "residual_risk_high": False,
        "prior_consultation": "",
        "review_on": None,
        "status": "draft",
    }


def approval(user) -> dict[str, object]:
    return {"controller": user.person, "review_on": datetime.date(2027, 6, 30)}


def answers_with(count: int, dsk: bool) -> dict[str, bool]:
    """The first ``count`` WP248 criteria apply, and the DSK item if ``dsk``."""
    answers = {c.key: i < count for i, c in enumerate(WP248_CRITERIA)}
    answers[DSK_AI.key] = dsk
    return answers


# The threshold rule as a table ----------------------------------------------------------

THRESHOLD_TABLE = [
    # WP248 criteria that apply, DSK AI item, DPIA required
    (0, False, False),
    (1, False, False),
    (2, False, True),
    (3, False, True),
    (4, False, True),
    (5, False, True),
    (6, False, True),
    (7, False, True),
    (8, False, True),
    (9, False, True),
    (0, True, True),
    (1, True, True),
    (2, True, True),
    (3, True, True),
    (4, True, True),
    (5, True, True),
    (6, True, True),
    (7, True, True),
    (8, True, True),
    (9, True, True),
]


@pytest.mark.parametrize(("count", "dsk", "expected"), THRESHOLD_TABLE)
def test_the_threshold_rule_table(count, dsk, expected):
    answers = answers_with(count, dsk)
    assert wp248_count(answers) == count
    assert dpia_required(answers) is expected


def test_the_table_covers_every_count_with_and_without_the_dsk_item():
    assert {(c, d) for c, d, _ in THRESHOLD_TABLE} == set(
        itertools.product(range(10), (False, True))
    )


@pytest.mark.parametrize("criterion", WP248_CRITERIA, ids=lambda c: c.key)
def test_any_single_wp248_criterion_alone_needs_no_dpia(criterion):
    assert not dpia_required({criterion.key: True})


@pytest.mark.parametrize(
    ("first", "second"),
    list(itertools.combinations(WP248_CRITERIA, 2)),
    ids=lambda c: c.key,
)
def test_any_two_wp248_criteria_need_a_dpia(first, second):
    assert dpia_required({first.key: True, second.key: True})


def test_unanswered_criteria_do_not_apply():
    assert not dpia_required({})
    assert dpia_required({DSK_AI.key: True})


def test_there_are_nine_wp248_criteria_and_three_dsk_items_with_both_languages():
    assert len(WP248_CRITERIA) == 9
    assert DSK_AI not in WP248_CRITERIA
    assert len(set(KEYS)) == len(ALL_CRITERIA) == 12
    assert [(c.key, c.item) for c in ALL_CRITERIA if c.must_list] == [
        ("dsk_employee_behaviour", 8),
        ("dsk_ai", 11),
        ("dsk_audio_video_personality", 13),
    ]
    for criterion in ALL_CRITERIA:
        for text in (criterion.title_en, criterion.title_de, criterion.help_en, criterion.help_de):
            assert text.strip()
        assert criterion.title_en != criterion.title_de


def test_the_criterion_texts_follow_the_language():
    from django.utils import translation

    with translation.override("de"):
        assert DSK_AI.title == DSK_AI.title_de
        assert "künstlicher Intelligenz" in DSK_AI.title
    assert DSK_AI.title == DSK_AI.title_en


@pytest.mark.parametrize("key", ["dsk_employee_behaviour", "dsk_audio_video_personality"])
def test_dsk_items_8_and_13_alone_need_a_dpia(key):
    assert dpia_required({key: True})


# The criteria file ------------------------------------------------------------------------


def criteria_file() -> dict:
    return json.loads(CRITERIA_FILE.read_text(encoding="utf-8"))


def test_the_criteria_file_is_versioned():
    data = criteria_file()
    assert data["format"] == 1
    assert data["version"] == "2026.1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["criteria"][3]["title"].pop("de"), "criteria[3].title"),
        (lambda d: d["criteria"][10].pop("item"), "criteria[10].item"),
        (lambda d: d["criteria"][0].update(list="eu"), "criteria[0].list"),
        (lambda d: d.update(colour="blue"), "colour is not a known field"),
        (lambda d: d["criteria"][1].update(id="evaluation_scoring"), "criteria[1].id"),
        (lambda d: d.update(wp248_threshold=0), "wp248_threshold"),
    ],
)
def test_a_broken_criteria_file_names_the_file_and_the_field(change, message):
    data = criteria_file()
    change(data)
    with pytest.raises(DpiaCriteriaError) as refused:
        parse_criteria(data, path=CRITERIA_FILE)
    assert str(refused.value.message).startswith("criteria.json: ")
    assert message in str(refused.value.message)


# Documented decisions (WP248: "in most cases") ---------------------------------------------


def test_no_dpia_despite_two_criteria_needs_a_reason(privacy):
    use_case = make_use_case(personal_data=True)
    two = {"innovative_technology": True, "vulnerable_subjects": True}
    with pytest.raises(DomainError) as refused:
        dpia_check_record(use_case=use_case, answers=two, actor=privacy, decision="not_required")
    assert refused.value.field == "rationale"
    assert not DpiaCheck.objects.exists()
    check = dpia_check_record(
        use_case=use_case,
        answers=two,
        actor=privacy,
        decision="not_required",
        rationale="Only a spell checker on texts employees write themselves; nothing is kept.",
    )
    assert check.required is False
    assert check.decision == "not_required"
    event = AuditEvent.objects.get(action=ReviewAction.DPIA_CHECKED)
    assert event.changes["required_by_criteria"] is True
    assert event.changes["required"] is False
    assert event.changes["rationale"].startswith("Only a spell checker")


def test_one_criterion_can_be_enough_with_a_reason(privacy):
    use_case = make_use_case(personal_data=True)
    check = dpia_check_record(
        use_case=use_case,
        answers={"sensitive_data": True},
        actor=privacy,
        decision="required",
        rationale="Health data of employees in sick notes.",
    )
    assert check.required is True
    assert check.rationale == "Health data of employees in sick notes."


def test_a_dsk_item_cannot_be_decided_away(privacy):
    use_case = make_use_case(personal_data=True)
    with pytest.raises(DomainError) as refused:
        dpia_check_record(
            use_case=use_case,
            answers={"dsk_employee_behaviour": True},
            actor=privacy,
            decision="not_required",
            rationale="We trust our managers.",
        )
    assert refused.value.field == "decision"


def test_a_dsk_item_13_case_triggers_the_dpia_gate(privacy):
    """Video interviews rated for personality: the check requires a DPIA, so the gate
    waits for it."""
    use_case = make_use_case(personal_data=True)
    dpia_check_record(
        use_case=use_case, answers={"dsk_audio_video_personality": True}, actor=privacy
    )
    assert dpia_state(use_case).required


def test_the_page_records_a_decision_with_its_rationale(client, privacy):
    use_case = make_use_case(personal_data=True)
    client.force_login(privacy)
    url = reverse("governance:dpia_check", args=[use_case.pk])
    refused = client.post(
        url,
        {"innovative_technology": "on", "vulnerable_subjects": "on", "decision": "not_required"},
    )
    assert refused.status_code == 400
    assert "Give the reason" in refused.content.decode()
    done = client.post(
        url,
        {
            "innovative_technology": "on",
            "vulnerable_subjects": "on",
            "decision": "not_required",
            "rationale": "Nur Rechtschreibprüfung, nichts wird gespeichert.",
        },
    )
    assert done.status_code == 302
    assert DpiaCheck.objects.get().required is False


# The check and the record ---------------------------------------------------------------


def test_a_check_stores_every_criterion_and_the_result(privacy):
    use_case = make_use_case(personal_data=True)
    check = dpia_check_record(
        use_case=use_case,
        answers={"vulnerable_subjects": True, "innovative_technology": True},
        actor=privacy,
    )
    assert check.required
    assert set(check.answers) == set(KEYS)
    assert check.applying == ["vulnerable_subjects", "innovative_technology"]
    assert check.checked_by == privacy
    event = AuditEvent.objects.get(action=ReviewAction.DPIA_CHECKED)
    assert event.changes["required"] is True
    assert event.changes["wp248_count"] == 2
    assert event.actor == privacy


def test_an_unknown_criterion_is_refused_and_nothing_stored(privacy):
    use_case = make_use_case()
    with pytest.raises(ReviewsError, match="not a criterion"):
        dpia_check_record(use_case=use_case, answers={"gut_feeling": True}, actor=privacy)
    assert not DpiaCheck.objects.exists()


def test_the_history_is_kept_and_the_latest_check_counts(privacy, django_assert_max_num_queries):
    use_case = make_use_case(personal_data=True)
    with django_assert_max_num_queries(2):
        assert dpia_state(use_case) == DpiaState(checked=False, required=False, completed=False)

    dpia_check_record(use_case=use_case, answers=answers_with(3, False), actor=privacy)
    assert dpia_state(use_case) == DpiaState(checked=True, required=True, completed=False)

    dpia_check_record(use_case=use_case, answers=answers_with(1, False), actor=privacy)
    with django_assert_max_num_queries(2):
        state = dpia_state(use_case)
    assert state == DpiaState(checked=True, required=False, completed=False)
    assert use_case.dpia_checks.count() == 2


def test_dpia_state_follows_the_record(privacy, controller):
    use_case = make_use_case(personal_data=True)
    dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)

    dpia = dpia_save(use_case=use_case, actor=privacy, description="Drafting answers")
    assert dpia_state(use_case).completed is False

    dpia_save(use_case=use_case, actor=privacy, **SECTIONS, **approval(controller))
    dpia_complete(dpia=Dpia.objects.get(pk=dpia.pk), actor=controller)
    assert dpia_state(use_case) == DpiaState(checked=True, required=True, completed=True)

    dpia_reopen(dpia=Dpia.objects.get(pk=dpia.pk), actor=privacy)
    assert dpia_state(use_case).completed is False


def test_other_use_cases_do_not_count(privacy):
    checked = make_use_case(personal_data=True)
    other = make_use_case(personal_data=True)
    dpia_check_record(use_case=checked, answers={DSK_AI.key: True}, actor=privacy)
    assert dpia_state(other) == DpiaState()


@pytest.mark.parametrize(
    "empty",
    ["description", "necessity", "risks", "measures", "data_subject_views", "dpo_opinion"],
)
def test_signing_off_needs_every_section_and_the_dpo_opinion(privacy, controller, empty):
    use_case = make_use_case(personal_data=True)
    dpia = dpia_save(
        use_case=use_case, actor=privacy, **{**SECTIONS, empty: "   "}, **approval(controller)
    )
    with pytest.raises(ReviewsError) as refused:
        dpia_complete(dpia=dpia, actor=controller)
    assert str(refused.value).startswith(str(DPIA_INCOMPLETE).split("%")[0])
    assert str(capfirst(Dpia._meta.get_field(empty).verbose_name)) in str(refused.value)
    dpia.refresh_from_db()
    assert dpia.status == DpiaStatus.DRAFT
    assert dpia.signed_off_on is None


def test_a_signed_off_dpia_cannot_be_changed_until_reopened(privacy, controller):
    use_case = make_use_case(personal_data=True)
    dpia = dpia_save(use_case=use_case, actor=privacy, **SECTIONS, **approval(controller))
    dpia_complete(dpia=dpia, actor=controller)
    dpia.refresh_from_db()
    assert (dpia.status, dpia.signed_off_by) == (DpiaStatus.COMPLETED, controller)
    assert dpia.signed_off_on is not None

    with pytest.raises(ReviewsError, match=str(DPIA_SIGNED_OFF)):
        dpia_save(use_case=use_case, actor=privacy, risks="Changed")
    with pytest.raises(ReviewsError):
        dpia_complete(dpia=dpia, actor=controller)

    dpia_reopen(dpia=dpia, actor=privacy)
    dpia_save(use_case=use_case, actor=privacy, risks="Changed")
    dpia.refresh_from_db()
    assert (dpia.status, dpia.risks, dpia.signed_off_on) == (DpiaStatus.DRAFT, "Changed", None)


def test_every_dpia_step_is_audited_and_the_chain_verifies(privacy, controller):
    use_case = make_use_case(personal_data=True)
    dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)
    dpia = dpia_save(use_case=use_case, actor=privacy, **SECTIONS, **approval(controller))
    # nothing changed, no event
    dpia_save(use_case=use_case, actor=privacy, **SECTIONS, **approval(controller))
    dpia_complete(dpia=dpia, actor=controller)
    dpia_reopen(dpia=dpia, actor=privacy)

    actions = list(
        AuditEvent.objects.filter(action__startswith="governance.dpia")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        ReviewAction.DPIA_CHECKED,
        ReviewAction.DPIA_SAVED,
        ReviewAction.DPIA_COMPLETED,
        ReviewAction.DPIA_REOPENED,
    ]
    assert audit_verify().ok


# Pages ----------------------------------------------------------------------------------


def test_the_dpo_runs_the_check_on_the_page(client, privacy):
    use_case = make_use_case(personal_data=True)
    client.force_login(privacy)
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia-check/"

    page = client.get(url).content.decode()
    assert "Evaluation or scoring, including profiling and predicting" in page
    assert "must-list" in page

    response = client.post(url, {"vulnerable_subjects": "on", "large_scale": "on"})
    assert response.status_code == 302
    check = use_case.dpia_checks.get()
    assert check.required
    page = client.get(url).content.decode()
    assert "A DPIA is required." in page
    assert "Start the DPIA" in page


def test_ticking_boxes_previews_the_result_with_htmx(client, privacy):
    use_case = make_use_case(personal_data=True)
    client.force_login(privacy)
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia-check/"

    one = client.get(url, {"preview": "1", "large_scale": "on"}, headers={"HX-Request": "true"})
    assert one.status_code == 200
    assert "No DPIA is required." in one.content.decode()
    assert "<html" not in one.content.decode()

    dsk = client.get(url, {"preview": "1", "dsk_ai": "on"}, headers={"HX-Request": "true"})
    assert "A DPIA is required." in dsk.content.decode()
    assert not DpiaCheck.objects.exists()


def test_governance_readers_see_the_check_but_cannot_run_it(client, steerco, privacy):
    use_case = make_use_case(personal_data=True)
    dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)
    client.force_login(steerco)
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia-check/"

    page = client.get(url).content.decode()
    assert "A DPIA is required." in page
    assert "Record the check" not in page
    assert client.post(url, {"dsk_ai": ""}).status_code == 403
    assert use_case.dpia_checks.count() == 1


def test_people_without_governance_access_cannot_open_dpia_pages(client, employee):
    use_case = make_use_case(personal_data=True)
    client.force_login(employee)
    for page in ("dpia-check", "dpia"):
        url = f"/governance/reviews/use-cases/{use_case.pk}/{page}/"
        assert client.get(url).status_code == 403


def test_the_works_council_reads_dpia_pages_and_changes_nothing(client, council):
    use_case = make_use_case(personal_data=True)
    client.force_login(council)
    for page in ("dpia-check", "dpia"):
        url = f"/governance/reviews/use-cases/{use_case.pk}/{page}/"
        assert client.get(url).status_code == 200
        assert client.post(url, {}).status_code == 403
    assert not use_case.dpia_checks.exists()


def test_the_dpo_advises_and_the_controller_approves_on_the_page(client, privacy, controller):
    use_case = make_use_case(personal_data=True)
    client.force_login(privacy)
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia/"
    form = {**SECTIONS, "controller": controller.person.pk, "review_on": REVIEW_ON}

    incomplete = client.post(url, {**form, "dpo_opinion": "", "action": "complete"})
    assert incomplete.status_code == 400
    assert "Opinion of the data protection officer" in incomplete.content.decode()
    assert not Dpia.objects.exists()  # the failed sign-off saved nothing

    assert client.post(url, {**form, "action": "save"}).status_code == 302
    assert Dpia.objects.get().status == DpiaStatus.DRAFT
    refused = client.post(url, {**form, "action": "complete"})
    assert refused.status_code == 400
    assert "Only the controller" in refused.content.decode()

    client.force_login(controller)
    assert client.post(url, {**form, "action": "complete"}).status_code == 302
    dpia = Dpia.objects.get()
    assert (dpia.status, dpia.signed_off_by, dpia.controller) == (
        DpiaStatus.COMPLETED,
        controller,
        controller.person,
    )
    approved = AuditEvent.objects.get(action=ReviewAction.DPIA_COMPLETED)
    assert approved.changes["approved_by_controller"] == controller.person.email

    client.force_login(privacy)
    page = client.get(url).content.decode()
    assert "Signed off" in page
    assert "Reopen for changes" in page
    assert 'name="risks"' not in page

    assert client.post(url, {"action": "reopen"}).status_code == 302
    assert Dpia.objects.get().status == DpiaStatus.DRAFT


def test_a_high_residual_risk_needs_the_prior_consultation(privacy, controller):
    use_case = make_use_case(personal_data=True)
    dpia = dpia_save(
        use_case=use_case,
        actor=privacy,
        **SECTIONS,
        **approval(controller),
        residual_risk_high=True,
    )
    with pytest.raises(ReviewsError, match="Prior consultation"):
        dpia_complete(dpia=dpia, actor=controller)
    dpia_save(
        use_case=use_case,
        actor=privacy,
        prior_consultation="Authority consulted on 2 March; advice followed.",
    )
    dpia_complete(dpia=Dpia.objects.get(pk=dpia.pk), actor=controller)
    assert Dpia.objects.get().status == DpiaStatus.COMPLETED


def test_a_controller_and_a_review_date_are_needed(privacy, controller):
    use_case = make_use_case(personal_data=True)
    dpia = dpia_save(use_case=use_case, actor=privacy, **SECTIONS)
    with pytest.raises(ReviewsError) as refused:
        dpia_complete(dpia=dpia, actor=controller)
    assert "Controller (business owner)" in str(refused.value)
    assert "Review by" in str(refused.value)


def test_governance_readers_read_the_dpia_but_cannot_write_it(client, steerco, privacy):
    use_case = make_use_case(personal_data=True)
    dpia_save(use_case=use_case, actor=privacy, **SECTIONS)
    client.force_login(steerco)
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia/"

    page = client.get(url).content.decode()
    assert SECTIONS["measures"] in page
    assert "Save and sign off" not in page
    assert client.post(url, {**SECTIONS, "action": "complete"}).status_code == 403
    assert Dpia.objects.get().status == DpiaStatus.DRAFT


def test_a_missing_use_case_is_not_found(client, privacy):
    client.force_login(privacy)
    assert client.get("/governance/reviews/use-cases/999999/dpia-check/").status_code == 404
    assert client.get("/governance/reviews/use-cases/999999/dpia/").status_code == 404


def test_the_pages_of_one_use_case_do_not_grow_with_its_history(client, privacy):
    use_case = make_use_case(personal_data=True)
    dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)
    client.force_login(privacy)

    def grow() -> None:
        for count in range(8):
            dpia_check_record(use_case=use_case, answers=answers_with(count, False), actor=privacy)

    small, large = assert_queries_do_not_grow(
        client,
        f"/governance/reviews/use-cases/{use_case.pk}/dpia-check/",
        grow=grow,
        shows="<tr><td>",  # one row for each earlier check
    )
    assert (small.shown, large.shown) == (0, 8)


# API ------------------------------------------------------------------------------------


def test_the_api_runs_the_check_and_reports_it(client, privacy):
    use_case = make_use_case(personal_data=True)
    headers = bearer(privacy)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/dpia-check"

    empty = client.get(url, headers=headers).json()
    assert empty["latest"] is None
    assert [c["key"] for c in empty["criteria"]] == list(KEYS)
    assert empty["criteria"][-1]["kind"] == "dsk"

    created = client.post(
        url,
        json.dumps({"answers": {"systematic_monitoring": True, "vulnerable_subjects": True}}),
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    assert created.json()["required"] is True
    assert created.json()["wp248_count"] == 2

    refused = client.post(
        url,
        json.dumps({"answers": {"horoscope": True}}),
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    assert "horoscope" in refused.json()["detail"]

    state = client.get(url, headers=headers).json()
    assert state["latest"]["id"] == created.json()["id"]
    assert len(state["history"]) == 1


def test_the_api_writes_signs_off_and_reopens_the_dpia(client, privacy, controller):
    use_case = make_use_case(personal_data=True)
    headers = bearer(controller)
    FULL = {
        **SECTIONS,
        "controller": controller.person.pk,
        "residual_risk_high": False,
        "prior_consultation": "",
        "review_on": REVIEW_ON,
    }
    url = f"/api/v1/governance/use-cases/{use_case.pk}/dpia"

    assert client.get(url, headers=headers).status_code == 404

    def put(**body):
        return client.put(url, json.dumps(body), content_type="application/json", headers=headers)

    def patch(**body):
        return client.patch(url, json.dumps(body), content_type="application/json", headers=headers)

    dpo = bearer(privacy)
    draft = client.patch(
        url,
        json.dumps({"description": "What is processed", "controller": controller.person.pk}),
        content_type="application/json",
        headers=dpo,
    )
    assert draft.status_code == 200
    assert draft.json()["status"] == "draft"
    assert "dpo_opinion" in draft.json()["missing_sections"]

    refused = patch(status="completed")
    assert refused.status_code == 400
    assert Dpia.objects.get().status == DpiaStatus.DRAFT

    signed = put(**FULL, status="completed")
    assert signed.status_code == 200
    assert signed.json()["status"] == "completed"
    assert signed.json()["signed_off_by"] == str(controller)
    assert signed.json()["controller"]["id"] == controller.person.pk
    assert put(**FULL, status="completed").status_code == 200  # the same again: no change
    assert put(**{**FULL, "risks": "New"}, status="completed").status_code == 400

    reopened = put(**{**FULL, "risks": "New"}, status="draft")
    assert reopened.json()["status"] == "draft"
    assert reopened.json()["risks"] == "New"
    assert client.get(url, headers=headers).json()["risks"] == "New"


def test_a_put_with_some_sections_is_refused_naming_the_missing_ones(client, privacy):
    """Once ``PUT /dpia {"risks": …}`` emptied every other section."""
    use_case = make_use_case(personal_data=True)
    headers = bearer(privacy)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/dpia"
    client.put(
        url,
        json.dumps(put_body()),
        content_type="application/json",
        headers=headers,
    )
    refused = client.put(
        url, json.dumps({"risks": "Only risks"}), content_type="application/json", headers=headers
    )
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) >= {
        "description",
        "necessity",
        "measures",
        "dpo_opinion",
        "status",
    }
    assert Dpia.objects.get().description == SECTIONS["description"]


def test_a_patch_changes_one_section_and_keeps_the_others(client, privacy):
    use_case = make_use_case(personal_data=True)
    headers = bearer(privacy)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/dpia"
    client.put(
        url,
        json.dumps(put_body()),
        content_type="application/json",
        headers=headers,
    )
    changed = client.patch(
        url, json.dumps({"risks": "Only risks"}), content_type="application/json", headers=headers
    )
    assert changed.status_code == 200
    stored = Dpia.objects.get()
    assert stored.risks == "Only risks"
    assert stored.description == "Drafts answers to support tickets from the ticket history."
    assert stored.dpo_opinion == "Acceptable with the measures described."
    event = AuditEvent.objects.filter(action=ReviewAction.DPIA_SAVED).latest("id")
    assert event.changes["risks"] == {
        "from": "Customer data in prompts; wrong answers sent unchecked.",
        "to": "Only risks",
    }
    assert "description" not in event.changes


def test_the_api_checks_permissions(client, steerco, council):
    use_case = make_use_case(personal_data=True)
    base = f"/api/v1/governance/use-cases/{use_case.pk}"
    reader = bearer(steerco)
    assert client.get(f"{base}/dpia-check", headers=reader).status_code == 200
    assert (
        client.post(
            f"{base}/dpia-check",
            json.dumps({"answers": {}}),
            content_type="application/json",
            headers=reader,
        ).status_code
        == 403
    )
    assert (
        client.put(
            f"{base}/dpia",
            json.dumps(put_body()),
            content_type="application/json",
            headers=reader,
        ).status_code
        == 403
    )
    assert client.get(f"{base}/dpia-check", headers=bearer(council)).status_code == 200
    assert client.get(f"{base}/dpia-check", headers=bearer(make_user())).status_code == 403
    assert client.get(f"{base}/dpia-check").status_code == 401


def test_only_data_protection_and_admins_run_dpias():
    from wandel.core.roles import ROLE_PERMISSIONS, Permission

    assert {role for role, perms in ROLE_PERMISSIONS.items() if Permission.RUN_DPIA in perms} == {
        Role.ADMIN,
        Role.DATA_PROTECTION,
    }
    assert make_user(Role.DATA_PROTECTION).has_perm(Permission.RUN_DPIA)
