"""Ethics reviews: the board's checklist, review completion rules, conditions to closure,
the gate's ``ethics_passed``, pages, the reviews overview, API and audit."""

from __future__ import annotations

import datetime
import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.audit import audit_verify
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.core.tracking import ALREADY_CLOSED, NOTE_REQUIRED, AlreadyClosed, ClosingRefused
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.dpia.criteria import DSK_AI
from wandel.governance.reviews.dpia.services import dpia_check_record
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.ethics.checklist import (
    DEFAULT_CHECKLIST,
    NO_CHECKLIST,
    checklist_ensure_defaults,
    checklist_item_save,
)
from wandel.governance.reviews.ethics.models import (
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsCondition,
    EthicsOutcome,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.governance.reviews.ethics.queries import ethics_passed
from wandel.governance.reviews.ethics.services import (
    CONDITION_NOT_YET_IN_FORCE,
    CONDITION_OF_COMPLETED_REVIEW,
    CONDITIONS_REQUIRED,
    CONDITIONS_WITHOUT_CONDITIONAL_APPROVAL,
    DRAFT_EXISTS,
    OUTCOME_REQUIRED,
    REASONS_REQUIRED,
    REVIEW_COMPLETED,
    AnswerInput,
    ethics_condition_add,
    ethics_condition_close,
    ethics_condition_remove,
    ethics_review_complete,
    ethics_review_save,
    ethics_review_start,
)

pytestmark = pytest.mark.django_db

A = EthicsAssessment
O = EthicsOutcome  # noqa: E741


@pytest.fixture(autouse=True)
def checklist(db) -> list[EthicsChecklistItem]:
    checklist_ensure_defaults()
    return list(EthicsChecklistItem.objects.filter(active=True))


@pytest.fixture
def ethics(db) -> User:
    return make_user(Role.ETHICS_BOARD, email="ethics@example.com")


def all_answered(items, assessment: str = A.NO_CONCERN) -> dict[int, AnswerInput]:
    return {item.pk: AnswerInput(assessment, "checked") for item in items}


def completed_review(use_case, actor, outcome=O.APPROVED, items=None) -> EthicsReview:
    review = ethics_review_start(use_case=use_case, actor=actor)
    ethics_review_save(
        review=review,
        answers=all_answered(items or EthicsChecklistItem.objects.filter(active=True)),
        actor=actor,
    )
    if outcome == O.APPROVED_WITH_CONDITIONS:
        ethics_condition_add(review=review, text="Train the agents first.", actor=actor)
    return ethics_review_complete(review=review, outcome=outcome, reasons="Because.", actor=actor)


# The checklist ----------------------------------------------------------------------------


def test_the_default_checklist_covers_the_issue_in_both_languages(checklist):
    assert len(checklist) == len(DEFAULT_CHECKLIST) == 6
    english = " ".join(item.text_en for item in checklist).lower()
    for topic in (
        "fairness",
        "bias in data and outputs",
        "transparency to affected people",
        "impact on jobs and working conditions",
        "human oversight",
        "contestability",
    ):
        assert topic in english
    for item in checklist:
        assert item.text_de
        assert item.help_en
        assert item.help_de
        assert item.text_de != item.text_en
    assert [item.position for item in checklist] == sorted(item.position for item in checklist)


def test_the_defaults_are_created_only_once(checklist):
    checklist_ensure_defaults()
    assert EthicsChecklistItem.objects.count() == 6
    seeded = AuditEvent.objects.get(action="governance.checklist_seeded")
    assert len(seeded.changes["seeded"]) == 6
    EthicsChecklistItem.objects.update(active=False)
    checklist_ensure_defaults()
    assert EthicsChecklistItem.objects.count() == 6


def test_the_checklist_speaks_the_users_language(checklist):
    item = checklist[0]
    with translation.override("de"):
        assert item.text == item.text_de
        assert item.help == item.help_de
    assert item.text == item.text_en


def test_the_board_edits_the_checklist_and_it_is_audited(checklist, ethics):
    item = checklist[0]
    checklist_item_save(item=item, actor=ethics, text_en="Fairness to all groups?")
    added = checklist_item_save(
        item=None, actor=ethics, text_en="Environment?", text_de="Umwelt?", position=99
    )
    assert EthicsChecklistItem.objects.get(pk=item.pk).text_en == "Fairness to all groups?"
    assert added.active
    events = AuditEvent.objects.filter(action=ReviewAction.CHECKLIST_CHANGED).order_by("id")
    assert events.count() == 2
    assert events[0].changes["text_en"]["to"] == "Fairness to all groups?"
    assert events[1].changes["created"] is True
    with pytest.raises(ReviewsError):
        checklist_item_save(item=None, actor=ethics, text_en="Only English", text_de="")


def test_the_checklist_page_saves_changes_and_adds_items(client, checklist, ethics):
    client.force_login(ethics)
    page = client.get("/governance/reviews/checklist/")
    assert page.status_code == 200
    formset = page.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(len(checklist) + 1),
        "form-INITIAL_FORMS": str(len(checklist)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "active":
                if value:
                    data[f"form-{i}-{name}"] = "on"
            elif value is not None:
                data[f"form-{i}-{name}"] = str(value)
    data["form-1-active"] = ""
    data.pop("form-1-active")
    last = len(checklist)
    data.update(
        {
            f"form-{last}-text_en": "Environmental cost?",
            f"form-{last}-text_de": "Umweltkosten?",
            f"form-{last}-position": "70",
            f"form-{last}-active": "on",
        }
    )
    response = client.post("/governance/reviews/checklist/", data)
    assert response.status_code == 302
    assert not EthicsChecklistItem.objects.get(pk=checklist[1].pk).active
    assert EthicsChecklistItem.objects.filter(text_de="Umweltkosten?", active=True).exists()
    assert AuditEvent.objects.filter(action=ReviewAction.CHECKLIST_CHANGED).count() == 2


@pytest.mark.parametrize("fixture", ["steerco", "privacy", "employee"])
def test_only_the_ethics_board_and_admins_edit_the_checklist(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/governance/reviews/checklist/").status_code == 403


# Review rules -----------------------------------------------------------------------------


def test_only_one_review_of_a_use_case_is_in_progress(ethics):
    use_case = make_use_case(personal_data=True)
    ethics_review_start(use_case=use_case, actor=ethics)
    with pytest.raises(ReviewsError, match=str(DRAFT_EXISTS)):
        ethics_review_start(use_case=use_case, actor=ethics)
    assert use_case.ethics_reviews.count() == 1


def test_a_review_cannot_start_without_a_checklist(ethics):
    EthicsChecklistItem.objects.update(active=False)
    with pytest.raises(ReviewsError, match=str(NO_CHECKLIST)):
        ethics_review_start(use_case=make_use_case(), actor=ethics)


def test_completing_needs_an_answer_for_every_active_item(checklist, ethics):
    use_case = make_use_case(personal_data=True)
    review = ethics_review_start(use_case=use_case, actor=ethics)
    ethics_review_save(review=review, answers=all_answered(checklist[:-1]), actor=ethics)
    with pytest.raises(ReviewsError) as refused:
        ethics_review_complete(review=review, outcome=O.APPROVED, reasons="Fine.", actor=ethics)
    assert checklist[-1].text_en in str(refused.value)
    assert EthicsReview.objects.get(pk=review.pk).status == EthicsReviewStatus.DRAFT

    # Retiring the unanswered item lets the review complete.
    checklist_item_save(item=checklist[-1], actor=ethics, active=False)
    ethics_review_complete(review=review, outcome=O.APPROVED, reasons="Fine.", actor=ethics)
    review.refresh_from_db()
    assert (review.status, review.outcome, review.completed_by) == (
        EthicsReviewStatus.COMPLETED,
        O.APPROVED,
        ethics,
    )
    assert review.completed_on == timezone.localdate()


def test_a_concern_needs_a_note(checklist, ethics):
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)
    answers = all_answered(checklist)
    answers[checklist[2].pk] = AnswerInput(A.CONCERN, "  ")
    ethics_review_save(review=review, answers=answers, actor=ethics)
    with pytest.raises(ReviewsError, match="Describe the concern"):
        ethics_review_complete(review=review, outcome=O.REJECTED, reasons="No.", actor=ethics)
    answers[checklist[2].pk] = AnswerInput(A.CONCERN, "Agents cannot see the sources.")
    ethics_review_save(review=review, answers=answers, actor=ethics)
    ethics_review_complete(review=review, outcome=O.REJECTED, reasons="No.", actor=ethics)


@pytest.mark.parametrize(
    ("outcome", "reasons", "conditions", "error"),
    [
        ("", "Fine.", 0, OUTCOME_REQUIRED),
        (O.APPROVED, "  ", 0, REASONS_REQUIRED),
        (O.APPROVED_WITH_CONDITIONS, "Fine.", 0, CONDITIONS_REQUIRED),
        (O.APPROVED, "Fine.", 1, CONDITIONS_WITHOUT_CONDITIONAL_APPROVAL),
        (O.REJECTED, "No.", 1, CONDITIONS_WITHOUT_CONDITIONAL_APPROVAL),
        (O.APPROVED, "Fine.", 0, None),
        (O.APPROVED_WITH_CONDITIONS, "Fine.", 1, None),
        (O.APPROVED_WITH_CONDITIONS, "Fine.", 3, None),
        (O.REJECTED, "No.", 0, None),
    ],
)
def test_completion_rules(checklist, ethics, outcome, reasons, conditions, error):
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)
    ethics_review_save(review=review, answers=all_answered(checklist), actor=ethics)
    for number in range(conditions):
        ethics_condition_add(review=review, text=f"Condition {number}", actor=ethics)
    if error is None:
        ethics_review_complete(review=review, outcome=outcome, reasons=reasons, actor=ethics)
        assert EthicsReview.objects.get(pk=review.pk).outcome == outcome
    else:
        with pytest.raises(ReviewsError) as refused:
            ethics_review_complete(review=review, outcome=outcome, reasons=reasons, actor=ethics)
        assert str(refused.value) == str(error)
        assert EthicsReview.objects.get(pk=review.pk).status == EthicsReviewStatus.DRAFT


def test_a_completed_review_cannot_be_changed(checklist, ethics):
    review = completed_review(make_use_case(), ethics)
    with pytest.raises(ReviewsError, match=str(REVIEW_COMPLETED)):
        ethics_review_save(review=review, answers=all_answered(checklist, A.CONCERN), actor=ethics)
    with pytest.raises(ReviewsError, match=str(REVIEW_COMPLETED)):
        ethics_condition_add(review=review, text="Late", actor=ethics)
    with pytest.raises(ReviewsError, match=str(REVIEW_COMPLETED)):
        ethics_review_complete(review=review, outcome=O.REJECTED, reasons="x", actor=ethics)
    # A copy loaded before completion is refused too (the row is checked under a lock).
    stale = EthicsReview.objects.get(pk=review.pk)
    stale.status = EthicsReviewStatus.DRAFT
    with pytest.raises(ReviewsError, match=str(REVIEW_COMPLETED)):
        ethics_review_save(review=stale, answers={}, reasons="changed", actor=ethics)


def test_answers_to_unknown_or_retired_items_are_refused(checklist, ethics):
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)
    checklist_item_save(item=checklist[0], actor=ethics, active=False)
    with pytest.raises(ReviewsError, match="no active checklist item"):
        ethics_review_save(
            review=review, answers={checklist[0].pk: AnswerInput(A.NO_CONCERN)}, actor=ethics
        )
    with pytest.raises(ReviewsError, match="not an assessment"):
        ethics_review_save(
            review=review, answers={checklist[1].pk: AnswerInput("maybe")}, actor=ethics
        )


# Conditions -------------------------------------------------------------------------------


def test_conditions_are_tracked_to_closure(checklist, ethics):
    owner = make_person(first_name="Olga", last_name="Owner")
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)
    ethics_review_save(review=review, answers=all_answered(checklist), actor=ethics)
    due = timezone.localdate() + timedelta(days=30)
    condition = ethics_condition_add(
        review=review, text="Label AI answers.", owner=owner, due_on=due, actor=ethics
    )
    with pytest.raises(ReviewsError, match=str(CONDITION_NOT_YET_IN_FORCE)):
        ethics_condition_close(condition=condition, closing_note="Done", actor=ethics)
    ethics_review_complete(
        review=review, outcome=O.APPROVED_WITH_CONDITIONS, reasons="OK with label.", actor=ethics
    )
    condition.refresh_from_db()
    assert condition.is_open
    assert not condition.is_overdue
    with pytest.raises(ReviewsError, match=str(CONDITION_OF_COMPLETED_REVIEW)):
        ethics_condition_remove(condition=condition, actor=ethics)
    with pytest.raises(ClosingRefused, match=str(NOTE_REQUIRED)):
        ethics_condition_close(condition=condition, closing_note=" ", actor=ethics)
    with pytest.raises(ClosingRefused, match="future"):
        ethics_condition_close(
            condition=condition, closing_note="Done", closed_on=due, actor=ethics
        )

    ethics_condition_close(condition=condition, closing_note="Label shipped.", actor=ethics)
    condition.refresh_from_db()
    assert (condition.status, condition.closed_on, condition.closed_by) == (
        "done",
        timezone.localdate(),
        ethics,
    )
    assert not condition.is_open
    with pytest.raises(AlreadyClosed, match=str(ALREADY_CLOSED)):
        ethics_condition_close(condition=condition, closing_note="Again", actor=ethics)


def test_a_condition_past_its_due_date_is_overdue(ethics):
    review = completed_review(make_use_case(), ethics, outcome=O.APPROVED_WITH_CONDITIONS)
    condition = review.conditions.get()
    condition.due_on = timezone.localdate() - timedelta(days=1)
    assert condition.is_overdue
    condition.status = "done"
    assert not condition.is_overdue


def test_conditions_of_a_draft_can_be_removed(ethics):
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)
    condition = ethics_condition_add(review=review, text="Maybe", actor=ethics)
    ethics_condition_remove(condition=condition, actor=ethics)
    assert not EthicsCondition.objects.exists()
    assert AuditEvent.objects.filter(action=ReviewAction.CONDITION_REMOVED).count() == 1


# What the gate asks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcomes", "draft_after", "passed"),
    [
        ([], False, False),
        ([], True, False),
        ([O.APPROVED], False, True),
        ([O.APPROVED_WITH_CONDITIONS], False, True),
        ([O.REJECTED], False, False),
        ([O.APPROVED, O.REJECTED], False, False),
        ([O.REJECTED, O.APPROVED], False, True),
        ([O.REJECTED, O.APPROVED_WITH_CONDITIONS], False, True),
        # A new review in progress does not take away the last completed one.
        ([O.APPROVED], True, True),
        ([O.REJECTED], True, False),
    ],
)
def test_ethics_passed_follows_the_latest_completed_review(
    ethics, django_assert_max_num_queries, outcomes, draft_after, passed
):
    use_case = make_use_case(personal_data=True)
    for outcome in outcomes:
        completed_review(use_case, ethics, outcome=outcome)
    if draft_after:
        ethics_review_start(use_case=use_case, actor=ethics)
    with django_assert_max_num_queries(2):
        assert ethics_passed(use_case) is passed


def test_reviews_of_other_use_cases_do_not_count(ethics):
    completed_review(make_use_case(), ethics)
    assert ethics_passed(make_use_case()) is False


# Audit ------------------------------------------------------------------------------------


def test_every_review_step_is_audited_and_the_chain_verifies(checklist, ethics):
    use_case = make_use_case(personal_data=True)
    review = ethics_review_start(use_case=use_case, actor=ethics)
    ethics_review_save(review=review, answers=all_answered(checklist), actor=ethics)
    ethics_review_save(review=review, answers=all_answered(checklist), actor=ethics)  # no change
    condition = ethics_condition_add(review=review, text="Monitor bias", actor=ethics)
    ethics_review_complete(
        review=review, outcome=O.APPROVED_WITH_CONDITIONS, reasons="Good.", actor=ethics
    )
    ethics_condition_close(condition=condition, closing_note="Monitoring live.", actor=ethics)

    actions = list(
        AuditEvent.objects.filter(action__startswith="governance.ethics_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        ReviewAction.ETHICS_STARTED,
        ReviewAction.ETHICS_SAVED,
        ReviewAction.CONDITION_ADDED,
        ReviewAction.ETHICS_COMPLETED,
        ReviewAction.CONDITION_CLOSED,
    ]
    completed = AuditEvent.objects.get(action=ReviewAction.ETHICS_COMPLETED)
    assert completed.changes["outcome"] == O.APPROVED_WITH_CONDITIONS
    assert completed.changes["conditions"] == 1
    assert completed.actor == ethics
    assert audit_verify().ok


# Pages ------------------------------------------------------------------------------------


def review_post(checklist, **extra) -> dict[str, str]:
    data = {f"assessment_{item.pk}": A.NO_CONCERN for item in checklist}
    data.update({f"note_{item.pk}": "" for item in checklist})
    data.update({"reasons": "", "outcome": "", "action": "save"})
    data.update(extra)
    return data


def test_the_ethics_board_reviews_a_use_case_on_the_pages(client, checklist, ethics):
    use_case = make_use_case(personal_data=True, title="Bewerbungen vorsortieren")
    owner = make_person(first_name="Olga", last_name="Owner")
    client.force_login(ethics)

    start = client.get(f"/governance/reviews/use-cases/{use_case.pk}/ethics/")
    assert start.status_code == 200
    assert "Start an ethics review" in start.content.decode()
    response = client.post(f"/governance/reviews/use-cases/{use_case.pk}/ethics/")
    review = use_case.ethics_reviews.get()
    assert response["Location"] == f"/governance/reviews/ethics/{review.pk}/"
    # Starting twice leads to the review in progress.
    again = client.post(f"/governance/reviews/use-cases/{use_case.pk}/ethics/")
    assert again["Location"] == f"/governance/reviews/ethics/{review.pk}/"

    url = f"/governance/reviews/ethics/{review.pk}/"
    page = client.get(url).content.decode()
    for item in checklist:
        assert escape(item.text_en) in page

    concern = {
        f"assessment_{checklist[3].pk}": A.CONCERN,
        f"note_{checklist[3].pk}": "Recruiters lose routine tasks.",
    }
    # Adding a condition saves the answers given with it.
    response = client.post(
        url,
        review_post(
            checklist,
            **concern,
            condition_text="Offer recruiters training.",
            condition_owner=str(owner.pk),
            condition_due_on="2030-01-31",
        ),
    )
    assert response.status_code == 302
    assert review.answers.count() == len(checklist)
    condition = review.conditions.get()
    assert (condition.owner, str(condition.due_on)) == (owner, "2030-01-31")

    refused = client.post(
        url,
        review_post(checklist, **concern, outcome=O.APPROVED, reasons="Fine.", action="complete"),
    )
    assert refused.status_code == 400
    assert "Only an approval with conditions has conditions" in refused.content.decode()

    response = client.post(
        url,
        review_post(
            checklist,
            **concern,
            outcome=O.APPROVED_WITH_CONDITIONS,
            reasons="Acceptable once recruiters are trained.",
            action="complete",
        ),
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.outcome == O.APPROVED_WITH_CONDITIONS
    assert ethics_passed(use_case)

    page = client.get(url).content.decode()
    assert "Approved with conditions" in page
    assert "Recruiters lose routine tasks." in page
    assert "Close the condition" in page
    assert client.post(url, review_post(checklist)).status_code == 302  # refused with a message
    assert EthicsReview.objects.get(pk=review.pk).status == EthicsReviewStatus.COMPLETED

    closed = client.post(
        f"/governance/reviews/conditions/{condition.pk}/close/",
        {"closing_note": "Training held on 3 March."},
    )
    assert closed.status_code == 302
    condition.refresh_from_db()
    assert condition.closed_on == timezone.localdate()


def test_removing_a_condition_on_the_page(client, checklist, ethics):
    review = ethics_review_start(use_case=make_use_case(), actor=ethics)
    condition = ethics_condition_add(review=review, text="Maybe not", actor=ethics)
    client.force_login(ethics)
    response = client.post(
        f"/governance/reviews/ethics/{review.pk}/",
        review_post(checklist, remove_condition=str(condition.pk)),
    )
    assert response.status_code == 302
    assert not review.conditions.exists()
    assert review.answers.count() == len(checklist)


def test_governance_readers_see_a_review_but_cannot_change_it(client, checklist, steerco, ethics):
    review = completed_review(make_use_case(), ethics, outcome=O.APPROVED_WITH_CONDITIONS)
    draft = ethics_review_start(use_case=make_use_case(), actor=ethics)
    client.force_login(steerco)
    page = client.get(f"/governance/reviews/ethics/{review.pk}/").content.decode()
    assert "Train the agents first." in page
    assert "Close the condition" not in page
    assert (
        "Complete the review"
        not in client.get(f"/governance/reviews/ethics/{draft.pk}/").content.decode()
    )
    assert (
        client.post(f"/governance/reviews/ethics/{draft.pk}/", review_post(checklist)).status_code
        == 403
    )
    condition = review.conditions.get()
    assert (
        client.post(
            f"/governance/reviews/conditions/{condition.pk}/close/", {"closing_note": "x"}
        ).status_code
        == 403
    )
    assert (
        client.get(f"/governance/reviews/use-cases/{review.use_case_id}/ethics/").status_code == 403
    )


def test_people_without_governance_access_see_no_reviews(client, ethics, employee):
    review = completed_review(make_use_case(), ethics)
    client.force_login(employee)
    assert client.get(f"/governance/reviews/ethics/{review.pk}/").status_code == 403
    assert client.get("/governance/reviews/").status_code == 403


def test_the_works_council_reads_reviews(client, ethics, council):
    review = completed_review(make_use_case(), ethics)
    client.force_login(council)
    assert client.get(f"/governance/reviews/ethics/{review.pk}/").status_code == 200
    assert client.get("/governance/reviews/").status_code == 200


def test_the_overview_shows_reviews_and_dpias_by_status(client, ethics, privacy, steerco):
    make_use_case(personal_data=True, title="Wartet auf Prüfung")
    in_progress = make_use_case(personal_data=True, title="In Prüfung")
    ethics_review_start(use_case=in_progress, actor=ethics)
    done = make_use_case(personal_data=True, title="Geprüft mit Auflage")
    completed_review(done, ethics, outcome=O.APPROVED_WITH_CONDITIONS)
    needs_dpia = make_use_case(personal_data=True, title="Braucht DSFA")
    dpia_check_record(use_case=needs_dpia, answers={DSK_AI.key: True}, actor=privacy)
    make_use_case(personal_data=False, title="Ohne Personenbezug")
    rejected = make_use_case(personal_data=True, title="Abgelehnte Idee")
    rejected.stage = "rejected"
    rejected.save()

    client.force_login(steerco)
    response = client.get("/governance/reviews/")
    assert response.status_code == 200
    overview = response.context["overview"]
    titles = lambda listing: {row.title for row in listing.rows}  # noqa: E731
    assert titles(overview.waiting_for_review) == {"Wartet auf Prüfung", "Braucht DSFA"}
    assert [r.use_case.title for r in overview.ethics_drafts.rows] == ["In Prüfung"]
    assert [r.use_case.title for r in overview.ethics_completed.rows] == ["Geprüft mit Auflage"]
    assert [c.text for c in overview.open_conditions.rows] == ["Train the agents first."]
    assert titles(overview.dpias_open) == {"Braucht DSFA"}
    assert "Braucht DSFA" not in titles(overview.waiting_for_check)
    assert "Wartet auf Prüfung" in titles(overview.waiting_for_check)
    assert "Ohne Personenbezug" not in titles(overview.waiting_for_check)
    assert "Abgelehnte Idee" not in titles(overview.waiting_for_check)
    page = response.content.decode()
    assert "Train the agents first." in page
    assert "not started" in page


def test_a_dpia_is_open_where_the_latest_check_asks_for_one_or_a_draft_exists():
    from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck, DpiaStatus
    from wandel.governance.reviews.queries import reviews_overview

    def checked(use_case, *answers: tuple[bool, datetime.datetime]) -> None:
        for required, at in answers:
            DpiaCheck.objects.create(use_case=use_case, required=required, checked_at=at)

    early = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    later = early + datetime.timedelta(days=1)
    cases = {
        title: make_use_case(personal_data=True, title=title)
        for title in ("no longer", "now asked", "tie no", "tie yes", "draft", "done", "never")
    }
    checked(cases["no longer"], (True, early), (False, later))
    checked(cases["now asked"], (False, early), (True, later))
    # Two checks at the same moment: the one recorded last is the latest.
    checked(cases["tie no"], (True, early), (False, early))
    checked(cases["tie yes"], (False, early), (True, early))
    Dpia.objects.create(use_case=cases["draft"], status=DpiaStatus.DRAFT)
    checked(cases["done"], (True, early))
    Dpia.objects.create(
        use_case=cases["done"], status=DpiaStatus.COMPLETED, signed_off_on=early.date()
    )

    shown = reviews_overview().dpias_open.rows

    assert [use_case.title for use_case in shown] == ["draft", "now asked", "tie yes"]


def populate(n: int, ethics: User, privacy: User) -> None:
    unit = make_unit()
    owner = make_person(unit=unit)
    for i in range(n):
        use_case = make_use_case(unit=unit, personal_data=True)
        if i % 3 == 0:
            review = completed_review(use_case, ethics, outcome=O.APPROVED_WITH_CONDITIONS)
            review.conditions.update(owner=owner)
        elif i % 3 == 1:
            ethics_review_start(use_case=use_case, actor=ethics)
            dpia_check_record(use_case=use_case, answers={DSK_AI.key: True}, actor=privacy)
        else:
            dpia_check_record(use_case=use_case, answers={}, actor=privacy)


def checklist_items_shown(response) -> int:
    return len(re.findall(r'<fieldset class="card" id="item-\d+">', response.content.decode()))


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/governance/reviews/", '<tr><td><a href="'),
        ("/governance/reviews/checklist/", checklist_items_shown),
    ],
)
def test_list_pages_use_the_same_number_of_queries_for_more_data(
    client, ethics, privacy, url, shows
):
    client.force_login(ethics)
    populate(3, ethics, privacy)

    def grow() -> None:
        populate(15, ethics, privacy)
        for number in range(5):
            checklist_item_save(
                item=None,
                actor=ethics,
                text_en=f"Question {number}?",
                text_de=f"Frage {number}?",
                position=100 + number,
            )

    assert_queries_do_not_grow(client, url, grow=grow, shows=shows)


def test_the_overview_costs_no_extra_query_once_a_list_is_longer_than_it_shows(
    client, ethics, privacy
):
    client.force_login(ethics)
    populate(3, ethics, privacy)

    def past_the_limits() -> None:
        # 12 completed reviews: more than the 10 the recent list shows.
        populate(33, ethics, privacy)

    def completed_shown(response) -> int:
        return len(response.context["overview"].ethics_completed.rows)

    small, large = assert_queries_do_not_grow(
        client, "/governance/reviews/", grow=past_the_limits, shows=completed_shown
    )
    assert (small.shown, large.shown) == (1, 10)
    assert large.response.context["overview"].ethics_completed.total == 12


def test_the_review_page_does_not_grow_with_answers_and_conditions(client, checklist, ethics):
    client.force_login(ethics)
    small_review = ethics_review_start(use_case=make_use_case(), actor=ethics)

    def grow() -> str:
        large_review = ethics_review_start(use_case=make_use_case(), actor=ethics)
        ethics_review_save(review=large_review, answers=all_answered(checklist), actor=ethics)
        for number in range(6):
            ethics_condition_add(
                review=large_review, text=f"C{number}", owner=make_person(), actor=ethics
            )
        return f"/governance/reviews/ethics/{large_review.pk}/"

    def answers_and_conditions(response) -> int:
        page = response.content.decode()
        return page.count(" checked>") + page.count('<li id="condition-')

    small, large = assert_queries_do_not_grow(
        client,
        f"/governance/reviews/ethics/{small_review.pk}/",
        grow=grow,
        shows=answers_and_conditions,
    )
    assert (small.shown, large.shown) == (0, len(checklist) + 6)


# API --------------------------------------------------------------------------------------


def post(client, url: str, body: object, headers: dict[str, str]):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_the_api_runs_a_review_from_start_to_closed_condition(client, checklist, ethics):
    use_case = make_use_case(personal_data=True)
    owner = make_person(first_name="Olga", last_name="Owner")
    headers = bearer(ethics)
    base = "/api/v1/governance"

    items = client.get(f"{base}/ethics-checklist", headers=headers).json()
    assert [i["id"] for i in items] == [item.pk for item in checklist]

    answers = [{"item_id": i["id"], "assessment": "no_concern"} for i in items[:-1]]
    created = post(
        client,
        f"{base}/use-cases/{use_case.pk}/ethics-reviews",
        {"answers": answers, "conditions": [{"text": "Log every answer.", "owner": owner.pk}]},
        headers,
    )
    assert created.status_code == 201, created.json()
    review = created.json()
    assert review["status"] == "draft"
    assert review["outcome"] is None
    assert len(review["answers"]) == len(items) - 1
    assert review["conditions"][0]["owner"] == {"id": owner.pk, "name": "Olga Owner"}

    second = post(client, f"{base}/use-cases/{use_case.pk}/ethics-reviews", {}, headers)
    assert second.status_code == 400
    assert second.json()["detail"] == str(DRAFT_EXISTS)

    complete_url = f"{base}/ethics-reviews/{review['id']}/complete"
    missing = post(
        client, complete_url, {"outcome": "approved_with_conditions", "reasons": "OK"}, headers
    )
    assert missing.status_code == 400
    assert "Answer every checklist item" in missing.json()["detail"]

    last = {"item_id": items[-1]["id"], "assessment": "concern", "note": "Appeals unclear."}
    done = post(
        client,
        complete_url,
        {"outcome": "approved_with_conditions", "reasons": "OK", "answers": [last]},
        headers,
    )
    assert done.status_code == 200, done.json()
    assert done.json()["outcome"] == "approved_with_conditions"
    assert done.json()["completed_by"] == str(ethics)

    listed = client.get(f"{base}/use-cases/{use_case.pk}/ethics-reviews", headers=headers).json()
    assert [r["id"] for r in listed] == [review["id"]]

    condition_id = review["conditions"][0]["id"]
    closed = post(
        client,
        f"{base}/ethics-conditions/{condition_id}/close",
        {"closing_note": "Logging switched on."},
        headers,
    )
    assert closed.status_code == 200
    assert closed.json()["closed_on"] == timezone.localdate().isoformat()
    assert ethics_passed(use_case)


def test_a_refused_api_start_saves_nothing(client, checklist, ethics):
    use_case = make_use_case()
    response = post(
        client,
        f"/api/v1/governance/use-cases/{use_case.pk}/ethics-reviews",
        {"conditions": [{"text": "x", "owner": 999999}]},
        bearer(ethics),
    )
    assert response.status_code == 400
    assert "999999" in response.json()["detail"]
    assert not EthicsReview.objects.exists()
    assert not AuditEvent.objects.filter(action=ReviewAction.ETHICS_STARTED).exists()


def test_the_api_checks_review_permissions(client, steerco, ethics):
    use_case = make_use_case()
    review = completed_review(use_case, ethics)
    base = "/api/v1/governance"
    reader = bearer(steerco)
    listed = client.get(f"{base}/use-cases/{use_case.pk}/ethics-reviews", headers=reader)
    assert listed.status_code == 200
    assert (
        post(client, f"{base}/use-cases/{use_case.pk}/ethics-reviews", {}, reader).status_code
        == 403
    )
    assert (
        post(
            client,
            f"{base}/ethics-reviews/{review.pk}/complete",
            {"outcome": "approved", "reasons": "x"},
            reader,
        ).status_code
        == 403
    )
    employee = bearer(make_user())
    assert (
        client.get(f"{base}/use-cases/{use_case.pk}/ethics-reviews", headers=employee).status_code
        == 403
    )


def test_the_api_completes_with_conditions_given_in_the_same_request(client, checklist, ethics):
    use_case = make_use_case()
    headers = bearer(ethics)
    review = ethics_review_start(use_case=use_case, actor=ethics)
    answers = [{"item_id": item.pk, "assessment": "not_applicable"} for item in checklist]
    done = post(
        client,
        f"/api/v1/governance/ethics-reviews/{review.pk}/complete",
        {
            "outcome": "approved_with_conditions",
            "reasons": "With a review after three months.",
            "answers": answers,
            "conditions": [{"text": "Review after three months.", "due_on": "2030-03-31"}],
        },
        headers,
    )
    assert done.status_code == 200, done.json()
    assert [c["text"] for c in done.json()["conditions"]] == ["Review after three months."]
    assert ethics_passed(use_case)
