"""The DPIA threshold check (WP248 + DSK must-list) as a table, the DPIA record, the gate's
``dpia_state``, pages, API and audit."""

from __future__ import annotations

import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import capfirst

from tests.personas import make_user
from tests.portfolio.factories import make_use_case
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.core.tokens import api_token_create
from wandel.governance.dpia_criteria import (
    ALL_CRITERIA,
    DSK_AI,
    KEYS,
    WP248_CRITERIA,
    dpia_required,
    wp248_count,
)
from wandel.governance.facts import DpiaState
from wandel.governance.models.reviews import Dpia, DpiaCheck, DpiaStatus, ReviewAction
from wandel.governance.reviews import (
    DPIA_INCOMPLETE,
    DPIA_SIGNED_OFF,
    ReviewsError,
    dpia_check_record,
    dpia_complete,
    dpia_reopen,
    dpia_save,
    dpia_state,
)

pytestmark = pytest.mark.django_db

SECTIONS = {
    "description": "Drafts answers to support tickets from the ticket history.",
    "necessity": "Art. 6 (1) f GDPR; only ticket text, names removed after 30 days.",
    "risks": "Customer data in prompts; wrong answers sent unchecked.",
    "measures": "Local model, no logging of prompts, agent approves every answer.",
    "dpo_opinion": "Acceptable with the measures described.",
}


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


def test_there_are_nine_wp248_criteria_and_the_dsk_item_with_both_languages():
    assert len(WP248_CRITERIA) == 9
    assert DSK_AI not in WP248_CRITERIA
    assert len(set(KEYS)) == len(ALL_CRITERIA) == 10
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


def test_dpia_state_follows_the_record(privacy):
    use_case = make_use_case(personal_data=True)
    dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)

    dpia = dpia_save(use_case=use_case, actor=privacy, description="Drafting answers")
    assert dpia_state(use_case).completed is False

    dpia_save(use_case=use_case, actor=privacy, **SECTIONS)
    dpia_complete(dpia=Dpia.objects.get(pk=dpia.pk), actor=privacy)
    assert dpia_state(use_case) == DpiaState(checked=True, required=True, completed=True)

    dpia_reopen(dpia=Dpia.objects.get(pk=dpia.pk), actor=privacy)
    assert dpia_state(use_case).completed is False


def test_other_use_cases_do_not_count(privacy):
    checked = make_use_case(personal_data=True)
    other = make_use_case(personal_data=True)
    dpia_check_record(use_case=checked, answers={DSK_AI.key: True}, actor=privacy)
    assert dpia_state(other) == DpiaState()


@pytest.mark.parametrize("empty", ["description", "necessity", "risks", "measures", "dpo_opinion"])
def test_signing_off_needs_every_section_and_the_dpo_opinion(privacy, empty):
    use_case = make_use_case(personal_data=True)
    dpia = dpia_save(use_case=use_case, actor=privacy, **{**SECTIONS, empty: "   "})
    with pytest.raises(ReviewsError) as refused:
        dpia_complete(dpia=dpia, actor=privacy)
    assert str(refused.value).startswith(str(DPIA_INCOMPLETE).split("%")[0])
    assert str(capfirst(Dpia._meta.get_field(empty).verbose_name)) in str(refused.value)
    dpia.refresh_from_db()
    assert dpia.status == DpiaStatus.DRAFT
    assert dpia.signed_off_on is None


def test_a_signed_off_dpia_cannot_be_changed_until_reopened(privacy):
    use_case = make_use_case(personal_data=True)
    dpia = dpia_save(use_case=use_case, actor=privacy, **SECTIONS)
    dpia_complete(dpia=dpia, actor=privacy)
    dpia.refresh_from_db()
    assert (dpia.status, dpia.signed_off_by) == (DpiaStatus.COMPLETED, privacy)
    assert dpia.signed_off_on is not None

    with pytest.raises(ReviewsError, match=str(DPIA_SIGNED_OFF)):
        dpia_save(use_case=use_case, actor=privacy, risks="Changed")
    with pytest.raises(ReviewsError):
        dpia_complete(dpia=dpia, actor=privacy)

    dpia_reopen(dpia=dpia, actor=privacy)
    dpia_save(use_case=use_case, actor=privacy, risks="Changed")
    dpia.refresh_from_db()
    assert (dpia.status, dpia.risks, dpia.signed_off_on) == (DpiaStatus.DRAFT, "Changed", None)


def test_every_dpia_step_is_audited_and_the_chain_verifies(privacy):
    use_case = make_use_case(personal_data=True)
    dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)
    dpia = dpia_save(use_case=use_case, actor=privacy, **SECTIONS)
    dpia_save(use_case=use_case, actor=privacy, **SECTIONS)  # nothing changed, no event
    dpia_complete(dpia=dpia, actor=privacy)
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


@pytest.mark.parametrize("fixture", ["employee", "council"])
def test_people_without_governance_access_cannot_open_dpia_pages(client, request, fixture):
    use_case = make_use_case(personal_data=True)
    client.force_login(request.getfixturevalue(fixture))
    for page in ("dpia-check", "dpia"):
        url = f"/governance/reviews/use-cases/{use_case.pk}/{page}/"
        assert client.get(url).status_code == 403


def test_the_dpo_fills_and_signs_off_the_dpia_on_the_page(client, privacy):
    use_case = make_use_case(personal_data=True)
    client.force_login(privacy)
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia/"

    incomplete = client.post(url, {**SECTIONS, "dpo_opinion": "", "action": "complete"})
    assert incomplete.status_code == 400
    assert "Opinion of the data protection officer" in incomplete.content.decode()
    assert not Dpia.objects.exists()  # the failed sign-off saved nothing

    assert client.post(url, {**SECTIONS, "action": "save"}).status_code == 302
    assert Dpia.objects.get().status == DpiaStatus.DRAFT
    assert client.post(url, {**SECTIONS, "action": "complete"}).status_code == 302
    dpia = Dpia.objects.get()
    assert (dpia.status, dpia.signed_off_by) == (DpiaStatus.COMPLETED, privacy)

    page = client.get(url).content.decode()
    assert "Signed off" in page
    assert "Reopen for changes" in page
    assert 'name="risks"' not in page

    assert client.post(url, {"action": "reopen"}).status_code == 302
    assert Dpia.objects.get().status == DpiaStatus.DRAFT


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
    url = f"/governance/reviews/use-cases/{use_case.pk}/dpia-check/"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for count in range(8):
        dpia_check_record(use_case=use_case, answers=answers_with(count, False), actor=privacy)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


# API ------------------------------------------------------------------------------------


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='test')[1]}"}


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


def test_the_api_writes_signs_off_and_reopens_the_dpia(client, privacy):
    use_case = make_use_case(personal_data=True)
    headers = bearer(privacy)
    url = f"/api/v1/governance/use-cases/{use_case.pk}/dpia"

    assert client.get(url, headers=headers).status_code == 404

    def put(**body):
        return client.put(url, json.dumps(body), content_type="application/json", headers=headers)

    draft = put(description="What is processed")
    assert draft.status_code == 200
    assert draft.json()["status"] == "draft"
    assert "dpo_opinion" in draft.json()["missing_sections"]

    refused = put(description="What is processed", status="completed")
    assert refused.status_code == 400
    assert Dpia.objects.get().status == DpiaStatus.DRAFT

    signed = put(**SECTIONS, status="completed")
    assert signed.status_code == 200
    assert signed.json()["status"] == "completed"
    assert signed.json()["signed_off_by"] == str(privacy)
    assert put(**SECTIONS, status="completed").status_code == 200  # the same again: no change
    assert put(**{**SECTIONS, "risks": "New"}, status="completed").status_code == 400

    reopened = put(**{**SECTIONS, "risks": "New"})
    assert reopened.json()["status"] == "draft"
    assert reopened.json()["risks"] == "New"
    assert client.get(url, headers=headers).json()["risks"] == "New"


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
            f"{base}/dpia", json.dumps({}), content_type="application/json", headers=reader
        ).status_code
        == 403
    )
    assert client.get(f"{base}/dpia-check", headers=bearer(council)).status_code == 403
    assert client.get(f"{base}/dpia-check").status_code == 401


def test_only_data_protection_and_admins_run_dpias():
    from wandel.core.roles import ROLE_PERMISSIONS, Permission

    assert {role for role, perms in ROLE_PERMISSIONS.items() if Permission.RUN_DPIA in perms} == {
        Role.ADMIN,
        Role.DATA_PROTECTION,
    }
    assert make_user(Role.DATA_PROTECTION).has_perm(Permission.RUN_DPIA)
