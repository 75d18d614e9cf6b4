from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone

from tests.support.demo import DEMO_LOGINS, counts
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Permission, Role
from wandel.demo.base import SIZES, DemoSize
from wandel.demo.generator import load_demo
from wandel.demo.governance.board import meeting_dates
from wandel.demo.governance.gate import approve_for_gate
from wandel.demo.org.plan import ascii_fold, organisation_plan, unit_tree
from wandel.demo.portfolio.plan import portfolio_plan
from wandel.governance.ai_act.models import Classification
from wandel.governance.budgets.models import BudgetRequest
from wandel.governance.budgets.queries import with_figures
from wandel.governance.decisions.models import (
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Decision,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.queries import overdue_conditions
from wandel.governance.facts import RiskClass
from wandel.governance.gates.check import gate_facts
from wandel.governance.gates.rules import GATED, Need, missing
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck, DpiaStatus
from wandel.governance.reviews.ethics.models import (
    EthicsCondition,
    EthicsOutcome,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.governance.risks.models import Mitigation, Risk, RiskCategory, RiskStatus
from wandel.org.backends import current_roles
from wandel.org.models import (
    AdkarStage,
    Concern,
    ConcernStatus,
    OrgAction,
    Person,
    RoleAssignment,
    StakeholderGroup,
    Touchpoint,
    Unit,
)
from wandel.org.stakeholders import Strategy, strategy
from wandel.portfolio.measures.models import (
    Comment,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.use_cases.lifecycle import MoveRefused, use_case_move
from wandel.portfolio.use_cases.models import (
    Criterion,
    PortfolioAction,
    Score,
    Stage,
    StageChange,
    UseCase,
)
from wandel.portfolio.workshops.models import Workshop, WorkshopStatus


def test_the_small_demo_has_twelve_units_in_one_tree_and_250_people(small_demo):
    assert Unit.objects.count() == 12
    assert Person.objects.count() == 250
    (root,) = Unit.objects.filter(parent__isnull=True)
    assert root.name == "Geschäftsführung"
    assert Unit.objects.get(name="Kundenservice").parent.name == "Vertrieb"
    assert Unit.objects.get(name="Qualitätsmanagement").parent.name == "Produktion"
    assert not Unit.objects.annotate(n=Count("people")).filter(n=0).exists()
    assert 3 <= Person.objects.filter(active=False).count() <= 10


# The small demo is loaded once for the module (tests/support/demo.py); each test runs in a
# transaction that is rolled back.
pytestmark = pytest.mark.django_db


def test_demo_people_have_plain_unique_email_addresses_and_job_titles(small_demo):
    people = Person.objects.filter(user__isnull=True)
    for person in people:
        local = re.escape(ascii_fold(f"{person.first_name}.{person.last_name}").lower())
        assert re.fullmatch(local + r"\d*@example\.com", person.email), person.email
    assert people.filter(last_name__contains="ü").exists()
    assert len(set(Person.objects.values_list("email", flat=True))) == 250
    assert not Person.objects.filter(job_title="").exists()


def test_ascii_folding_transliterates_german_and_drops_other_accents():
    assert ascii_fold("Jürgen Groß") == "Juergen Gross"
    assert ascii_fold("Öztürk") == "Oeztuerk"
    assert ascii_fold("Şahin Yılmaz") == "Sahin Yilmaz"
    assert ascii_fold("Jovanović Wróbel") == "Jovanovic Wrobel"


def test_every_demo_login_signs_in_with_the_demo_password_and_holds_its_role(small_demo):
    for email, role in DEMO_LOGINS.items():
        user = authenticate(username=email, password="wandel-demo")
        assert user is not None, email
        assert user.person.active
        assert current_roles(user) == ({role} if role else set()), email
    admin = User.objects.get(email="admin@example.com")
    employee = User.objects.get(email="employee@example.com")
    council = User.objects.get(email="council@example.com")
    assert admin.has_perm(Permission.CONFIGURE)
    assert council.has_perm(Permission.VIEW_STAKEHOLDERS)
    assert employee.has_perm(Permission.VIEW_UNITS)
    assert not employee.has_perm(Permission.VIEW_PEOPLE)
    assert authenticate(username="admin@example.com", password="wrong") is None


def test_more_people_hold_roles_and_some_assignments_have_ended(small_demo):
    today = timezone.localdate()
    current = RoleAssignment.objects.current()
    assert current.filter(role=Role.STEERING_COMMITTEE).count() >= 3
    assert current.filter(role=Role.PRODUCT_OWNER).count() == 3
    assert current.filter(role=Role.ETHICS_BOARD).count() >= 2
    assert current.filter(role=Role.WORKS_COUNCIL).count() >= 2
    ended = RoleAssignment.objects.filter(ended_on__isnull=False)
    assert ended.count() >= 1
    assert all(a.assigned_on < a.ended_on < today for a in ended)
    assert not current.filter(pk__in=ended).exists()
    assert RoleAssignment.objects.aggregate(latest=Max("assigned_on"))["latest"] < today
    assert (
        RoleAssignment.objects.exclude(person__user__email="admin@example.com")
        .filter(assigned_by__email="admin@example.com")
        .count()
        == RoleAssignment.objects.count() - 1
    )


def test_stakeholder_groups_cover_every_quadrant_and_adkar_stage(small_demo):
    groups = list(
        StakeholderGroup.objects.annotate(
            concern_count=Count("concerns", distinct=True),
            touchpoint_count=Count("touchpoints", distinct=True),
        )
    )
    assert 8 <= len(groups) <= 10
    assert {strategy(power=g.power, interest=g.interest) for g in groups} == set(Strategy)
    assert {g.adkar_stage for g in groups} == set(AdkarStage)
    for group in groups:
        assert group.contact is not None, group
        assert 1 <= group.concern_count <= 4, group
        assert 2 <= group.touchpoint_count <= 6, group
    addressed = Concern.objects.filter(status=ConcernStatus.ADDRESSED)
    assert addressed.exists()
    assert not addressed.filter(response="").exists()
    assert Concern.objects.filter(status=ConcernStatus.OPEN).exists()
    dates = Touchpoint.objects.aggregate(first=Min("happened_on"), last=Max("happened_on"))
    today = timezone.localdate()
    assert (today - dates["first"]).days > 90
    assert dates["last"] <= today
    assert StakeholderGroup.objects.get(name="Betriebsrat").contact.email == "council@example.com"


def test_loading_the_demo_twice_changes_nothing(small_demo):
    before = counts()
    assert load_demo("small") is False
    assert load_demo("large") is False
    assert counts() == before


def test_the_same_size_gives_the_same_organisation_every_time():
    first = organisation_plan(SIZES["small"], seed="wandel-demo-small")
    second = organisation_plan(SIZES["small"], seed="wandel-demo-small")
    other = organisation_plan(SIZES["small"], seed="another seed")
    assert first.people_csv() == second.people_csv()
    assert first.people_csv() != other.people_csv()


def test_the_audit_chain_verifies_after_loading_the_demo(small_demo):
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().startswith("ok:")
    actions = AuditEvent.objects.values_list("action", flat=True)
    assert list(actions.filter(action=OrgAction.PEOPLE_IMPORTED)) == [OrgAction.PEOPLE_IMPORTED]
    assert actions.filter(action=OrgAction.ACCOUNT_CREATED).count() == 9
    assert actions.filter(action=OrgAction.ROLE_ASSIGNED).count() == RoleAssignment.objects.count()
    assert actions.filter(action=OrgAction.ROLE_ENDED).count() >= 1


def test_the_large_plan_has_400_units_in_a_deep_tree_and_20000_people():
    plan = organisation_plan(SIZES["large"], seed="wandel-demo-large")
    assert len(plan.units) == 400
    assert len(plan.people) == 20_000
    codes = {unit.code for unit in plan.units}
    assert len(codes) == 400
    assert all(unit.parent in codes for unit in plan.units if unit.parent)
    assert max(unit.level for unit in plan.units) >= 3
    assert {person.unit for person in plan.people} == codes
    assert len({person.email for person in plan.people}) == 20_000
    assert len({person.employee_id for person in plan.people}) == 20_000
    assert {login for login in DEMO_LOGINS} <= {person.email for person in plan.people}


@pytest.mark.parametrize("count", [12, 13, 40, 400, 401])
def test_the_unit_tree_has_exactly_the_requested_size(count):
    units = unit_tree(count)
    assert len(units) == count
    assert len({unit.code for unit in units}) == count


def test_a_demo_with_fewer_units_than_the_base_tree_is_refused():
    with pytest.raises(ValueError, match="at least 12 units"):
        organisation_plan(DemoSize(units=5, people=1000), seed="x")


# The portfolio -------------------------------------------------------------------------

DELIVERED = (Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION)


def not_fully_scored():
    criteria = Criterion.objects.filter(active=True).count()
    return (
        UseCase.objects.exclude(stage=Stage.IDEA)
        .annotate(scored=Count("scores", distinct=True))
        .exclude(scored=criteria)
    )


def test_the_demo_has_forty_use_cases_in_every_stage_most_of_them_ideas(small_demo):
    # Leaving out the idea the feedback box promoted to a use case (its own test).
    portfolio = UseCase.objects.filter(feedback_items__isnull=True)
    stages = dict(portfolio.values_list("stage").annotate(n=Count("pk")))
    assert sum(stages.values()) == 40
    assert set(stages) == set(Stage)
    assert stages[Stage.IDEA] == max(stages.values())
    assert stages[Stage.PRODUCTION] < stages[Stage.IDEA] / 2
    assert UseCase.objects.values("unit").distinct().count() >= 10
    assert UseCase.objects.values("capability").distinct().count() >= 6
    assert UseCase.objects.filter(personal_data=True).count() >= 10
    assert UseCase.objects.filter(title="Interne Wissenssuche (RAG)").exists()


def test_every_demo_use_case_beyond_the_idea_stage_is_fully_scored_with_reasons(small_demo):
    assert not not_fully_scored().exists()
    assert not Score.objects.filter(use_case__stage=Stage.IDEA).exists()
    assert not Score.objects.filter(rationale="").exists()
    assert (
        Score.objects.filter(scored_by__email="steerco@example.com").count()
        == Score.objects.count()
    )
    best = UseCase.objects.filter(stage=Stage.PRODUCTION).order_by("total_score").first()
    rejected = UseCase.objects.filter(stage=Stage.REJECTED).order_by("-total_score").first()
    assert best.total_score > rejected.total_score


def test_the_emotion_recognition_is_vetoed_and_rejected(small_demo):
    vetoed = UseCase.objects.get(vetoed=True)
    assert vetoed.title == "Emotionserkennung in Kundengesprächen"
    assert vetoed.stage == Stage.REJECTED
    veto = vetoed.scores.get(criterion__name_en="Unacceptable risk (veto)")
    assert veto.value == 5
    assert "KI-Verordnung" in veto.rationale
    assert "Veto" in vetoed.moves.get(to_stage=Stage.REJECTED).reason


def test_demo_use_cases_moved_through_the_real_lifecycle_with_reasons_and_audit(small_demo):
    events = AuditEvent.objects.values_list("action", flat=True)
    # Forty of the portfolio's, and the idea the feedback box promoted.
    assert events.filter(action=PortfolioAction.SUBMITTED).count() == 40 + 1
    assert events.filter(action=PortfolioAction.MOVED).count() == StageChange.objects.count()
    assert events.filter(action=PortfolioAction.SCORED).count() == 29
    now = timezone.now()
    for use_case in UseCase.objects.prefetch_related("moves"):
        moves = sorted(use_case.moves.all(), key=lambda move: move.at)
        stage = Stage.IDEA
        for move in moves:
            assert move.from_stage == stage, use_case
            assert move.reason
            assert use_case.created_at < move.at < now
            stage = move.to_stage
        assert stage == use_case.stage, use_case
    actors = set(StageChange.objects.values_list("actor__email", flat=True))
    assert actors == {"steerco@example.com", "owner@example.com"}


def test_product_owners_own_the_use_cases_in_delivery(small_demo):
    owner = Person.objects.get(email="owner@example.com")
    assert owner.owned_use_cases.count() >= 4
    owners = set(
        UseCase.objects.exclude(product_owner=None).values_list("product_owner", flat=True)
    )
    assert owners == set(
        RoleAssignment.objects.current()
        .filter(role=Role.PRODUCT_OWNER)
        .values_list("person", flat=True)
    )
    in_delivery = UseCase.objects.filter(stage__in=(Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION))
    assert in_delivery.filter(product_owner__isnull=False).count() >= in_delivery.count() - 2
    assert UseCase.objects.exclude(team=None).exists()
    assert UseCase.objects.exclude(linked_units=None).exists()


def test_use_cases_in_pilot_and_production_are_measured_against_their_targets(small_demo):
    for use_case in UseCase.objects.filter(stage__in=(Stage.PILOT, Stage.PRODUCTION)):
        kpis = list(use_case.kpis.all())
        assert kpis, use_case
        for kpi in kpis:
            measured = list(kpi.measurements.values_list("measured_on", flat=True))
            assert len(measured) >= 3, kpi
            assert kpi.baseline_date < min(measured)
            assert max(measured) <= timezone.localdate()
    statuses = set(QualityRequirement.objects.values_list("status", flat=True))
    assert statuses == set(RequirementStatus)
    tested = QualityRequirement.objects.exclude(status=RequirementStatus.NOT_TESTED)
    assert not tested.filter(evidence_note="").exists()
    assert not tested.filter(evidence_date__isnull=True).exists()
    assert Comment.objects.filter(author__email="council@example.com").count() >= 3


def test_workshops_captured_ideas_and_collected_dot_votes(small_demo):
    workshops = list(Workshop.objects.all())
    assert len(workshops) == 3
    assert {w.status for w in workshops} == {WorkshopStatus.CLOSED, WorkshopStatus.VOTING}
    for workshop in workshops:
        assert workshop.participants.count() >= 5
        assert workshop.ideas.count() >= 4
        assert workshop.votes.exists()
        dots = workshop.votes.values("voter").annotate(total=Sum("dots"))
        assert all(row["total"] <= workshop.dots_per_person for row in dots)
    customer_service = Workshop.objects.get(title="Ideenworkshop Kundenservice")
    assert customer_service.ideas.filter(title="Emotionserkennung in Kundengesprächen").exists()


def test_the_large_portfolio_plan_has_3000_use_cases_in_every_stage():
    size = SIZES["large"]
    units = [(unit.code, unit.name) for unit in unit_tree(size.units)]
    plan = portfolio_plan(size, seed="wandel-demo-large", units=units)
    again = portfolio_plan(size, seed="wandel-demo-large", units=units)
    assert plan.total == 3_000
    assert plan.generated == again.generated
    assert {item.stage for item in plan.generated} == set(Stage)
    assert {item.unit for item in plan.generated} <= {code for code, _ in units}
    assert all(len(item.scores) == 12 for item in plan.generated if item.stage != Stage.IDEA)
    assert len({item.title for item in plan.generated}) > 2_500
    small = portfolio_plan(SIZES["small"], seed="wandel-demo-small", units=units)
    assert small.total == 40


# Governance -----------------------------------------------------------------------------

BLOCKED = {
    "Reklamationsberichte (8D) vorstrukturieren": {
        Need.STEERING_DECISION,
        Need.ETHICS_REVIEW,
        Need.DPIA,
    },
    "Fehlerberichte der Produktion auswerten": {Need.STEERING_DECISION, Need.COUNCIL_AGREEMENT},
}


def gates_passed(use_case: UseCase) -> list[str]:
    """The gated stages the use case has moved into."""
    reached = set(use_case.moves.values_list("to_stage", flat=True))
    return [stage for stage in (Stage.PILOT, Stage.PRODUCTION) if stage in reached]


def test_every_use_case_in_pilot_or_production_has_the_approvals_its_gates_need(small_demo):
    through = 0
    for use_case in UseCase.objects.filter(moves__to_stage__in=GATED).distinct():
        for stage in gates_passed(use_case):
            through += 1
            assert missing(gate_facts(use_case, stage), stage) == [], (use_case, stage)
            moved = use_case.moves.get(to_stage=stage).at.date()
            (decision,) = Decision.objects.filter(
                use_case=use_case, kind=DecisionKind.GATE_APPROVAL, gate_stage=stage
            )
            assert decision.body.kind == BodyKind.STEERING_COMMITTEE
            assert decision.outcome in (
                DecisionOutcome.APPROVED,
                DecisionOutcome.APPROVED_WITH_CONDITIONS,
            )
            assert decision.decided_on < moved, (use_case, stage)
            assert decision.meeting is not None
    in_use = UseCase.objects.filter(stage__in=(Stage.PILOT, Stage.PRODUCTION))
    assert in_use.count() == 8
    # Both retired use cases went through the pilot gate, one also into production.
    assert through == 8 + 4 + 2 + 1


def test_what_the_gates_needed_depends_on_the_facts(small_demo):
    def of(title: str) -> UseCase:
        return UseCase.objects.get(title=title)

    drafts = of("Antwortentwürfe für Kundenservice-Anfragen")
    assert drafts.dpia.status == DpiaStatus.COMPLETED
    assert drafts.ethics_reviews.get().outcome == EthicsOutcome.APPROVED_WITH_CONDITIONS
    council = drafts.council_involvement
    assert council.monitoring_capable
    assert council.agreement_status == AgreementStatus.AGREED
    assert council.agreement_reference.startswith("GBV KI-Assistenz 20")
    # Without personal data and without effects on employees only the classification and
    # the steering committee's decision are needed.
    search = of("Interne Wissenssuche (RAG)")
    assert not search.ethics_reviews.exists()
    assert not search.dpia_checks.exists()
    assert search.ai_act_classifications.get().risk_class == RiskClass.TRANSPARENCY
    assert "t_interaction" in search.ai_act_classifications.get().obligations
    # A threshold check that found no DPIA necessary.
    emails = of("Klassifikation eingehender E-Mails")
    assert emails.dpia_checks.get().required is False
    assert not Dpia.objects.filter(use_case=emails).exists()


def test_two_prototypes_are_blocked_at_the_pilot_gate_for_a_visible_reason(small_demo, client):
    steerco = User.objects.get(email="steerco@example.com")
    client.force_login(steerco)
    for title, needs in BLOCKED.items():
        use_case = UseCase.objects.get(title=title)
        assert use_case.stage == Stage.PROTOTYPE
        assert set(missing(gate_facts(use_case, Stage.PILOT), Stage.PILOT)) == needs
        with pytest.raises(MoveRefused) as refused:
            use_case_move(use_case=use_case, to=Stage.PILOT, actor=steerco, reason="Pilot")
        assert {str(m) for m in refused.value.missing} == {str(need.label) for need in needs}
        response = client.get(f"/governance/use-cases/{use_case.pk}/")
        assert response.status_code == 200
        pilot = response.context["gates"][0]
        assert {item["need"] for item in pilot["items"] if not item["met"]} == needs
    reports = UseCase.objects.get(title="Reklamationsberichte (8D) vorstrukturieren")
    assert reports.dpia.status == DpiaStatus.DRAFT
    assert reports.dpia_checks.get().required
    assert not reports.ethics_reviews.exists()
    deferred = reports.decisions.get(outcome=DecisionOutcome.DEFERRED)
    assert deferred.kind == DecisionKind.GATE_APPROVAL
    assert "DSFA" in deferred.text
    refused_before = AuditEvent.objects.filter(
        action=PortfolioAction.MOVE_REFUSED, target_id=str(reports.pk)
    )
    assert refused_before.exists()
    failures = UseCase.objects.get(title="Fehlerberichte der Produktion auswerten")
    assert failures.council_involvement.agreement_status == AgreementStatus.IN_NEGOTIATION
    assert failures.council_involvement.monitoring_capable


def test_prohibited_and_high_risk_use_cases_are_classified_and_rejected(small_demo):
    emotions = UseCase.objects.get(title="Emotionserkennung in Kundengesprächen")
    applicants = UseCase.objects.get(title="Vorauswahl von Bewerbungen")
    assert emotions.ai_act_classifications.get().risk_class == RiskClass.PROHIBITED
    high = applicants.ai_act_classifications.get()
    assert high.risk_class == RiskClass.HIGH
    assert high.employee_impact
    for use_case in (emotions, applicants):
        assert use_case.stage == Stage.REJECTED
        assert use_case.ethics_reviews.get().outcome == EthicsOutcome.REJECTED
        assert use_case.decisions.filter(outcome=DecisionOutcome.REJECTED).exists()
        classified = use_case.ai_act_classifications.get().classified_at
        assert classified < use_case.moves.get(to_stage=Stage.REJECTED).at
    beyond_ideas = UseCase.objects.exclude(stage=Stage.IDEA)
    classified = beyond_ideas.filter(ai_act_classifications__isnull=False).distinct()
    assert classified.count() >= beyond_ideas.count() - 2
    assert set(Classification.objects.values_list("risk_class", flat=True)) == set(RiskClass)


def test_two_bodies_with_members_over_time_and_a_year_of_meetings(small_demo):
    steering = Body.objects.get(kind=BodyKind.STEERING_COMMITTEE)
    ethics = Body.objects.get(kind=BodyKind.ETHICS_BOARD)
    assert Body.objects.count() == 2
    chair = BodyMembership.objects.get(body=steering, role_in_body=BodyRole.CHAIR)
    assert chair.person.email == "steerco@example.com"
    assert BodyMembership.objects.filter(
        body=ethics, person__email="ethics@example.com", ended_on__isnull=True
    ).exists()
    for body in (steering, ethics):
        memberships = BodyMembership.objects.filter(body=body)
        assert memberships.count() >= 5
        assert memberships.filter(ended_on__isnull=False).exists()
        assert memberships.values("started_on").distinct().count() >= 2
    today = timezone.localdate()
    held = Meeting.objects.filter(body=steering, status=MeetingStatus.HELD)
    assert 10 <= held.count() <= 12
    assert (today - held.aggregate(first=Min("held_on"))["first"]).days < 366
    for meeting in held:
        assert meeting.held_on < today
        assert meeting.minutes.startswith("Sitzung")
        assert meeting.attendees.count() >= 4
        assert meeting.agenda_items.exists()
    (upcoming,) = Meeting.objects.filter(body=steering, status=MeetingStatus.PLANNED)
    assert upcoming.held_on >= today
    assert upcoming.agenda_items.filter(kind="use_case").count() >= 5
    assert upcoming.agenda_items.filter(kind="budget").exists()
    assert upcoming.agenda_items.filter(kind="risk").exists()
    assert Meeting.objects.filter(body=ethics, status=MeetingStatus.HELD).count() >= 5


def test_decisions_of_every_kind_and_outcome_with_a_correction_and_conditions(small_demo):
    decisions = Decision.objects.all()
    assert set(decisions.values_list("kind", flat=True)) == set(DecisionKind)
    assert set(decisions.values_list("outcome", flat=True)) == set(DecisionOutcome)
    assert decisions.aggregate(latest=Max("decided_on"))["latest"] <= timezone.localdate()
    assert decisions.filter(body__kind=BodyKind.ETHICS_BOARD).exists()
    policy = decisions.get(kind=DecisionKind.POLICY, body__kind=BodyKind.STEERING_COMMITTEE)
    assert "Nutzungsrichtlinie für generative KI" in policy.text
    (correction,) = decisions.filter(supersedes__isnull=False)
    assert correction.supersedes.kind == correction.kind == DecisionKind.BUDGET
    assert correction.approved_amount > correction.supersedes.approved_amount
    approved = decisions.filter(kind=DecisionKind.BUDGET, approved_amount__isnull=False)
    assert approved.count() >= 5
    conditions = DecisionCondition.objects.all()
    assert conditions.filter(closed_on__isnull=False).count() >= 3
    assert not conditions.filter(closed_on__gt=timezone.localdate()).exists()
    assert overdue_conditions().count() == 1
    assert EthicsCondition.objects.filter(closed_on__isnull=False).exists()
    assert EthicsCondition.objects.filter(closed_on__isnull=True).exists()


def test_budgets_with_spending_and_one_over_spent(small_demo):
    requests = with_figures(BudgetRequest.objects.all())
    assert requests.count() >= 6
    (over,) = requests.filter(over_spend=True)
    assert over.spent > over.approved > 0
    assert requests.filter(decided=False).exists()
    assert requests.filter(spent__gt=0).count() >= 5


def test_risks_in_every_category_accepted_only_by_decision(small_demo):
    risks = Risk.objects.all()
    assert 12 <= risks.count() <= 20
    assert set(risks.values_list("category", flat=True)) == set(RiskCategory)
    accepted = risks.filter(status=RiskStatus.ACCEPTED)
    assert accepted.count() >= 2
    for risk in accepted:
        assert risk.decisions.filter(kind=DecisionKind.RISK_ACCEPTANCE).exists()
    assert risks.filter(status=RiskStatus.ACCEPTANCE_REQUESTED).count() == 1
    assert risks.filter(status=RiskStatus.CLOSED).exists()
    overdue = risks.exclude(status=RiskStatus.CLOSED).filter(review_on__lt=timezone.localdate())
    assert overdue.count() == 1
    assert not risks.filter(mitigations__isnull=True).exists()
    assert risks.filter(use_case__isnull=True).exists()
    closed = Mitigation.objects.filter(status="done", closed_by__isnull=False)
    assert closed.exclude(closing_note="").exists()
    assert Mitigation.objects.exclude(status="done").exists()


def test_ethics_reviews_dpias_and_works_council_items(small_demo):
    reviews = EthicsReview.objects.all()
    assert reviews.filter(outcome=EthicsOutcome.APPROVED_WITH_CONDITIONS).exists()
    assert reviews.filter(status=EthicsReviewStatus.DRAFT).count() == 1
    for review in reviews.filter(status=EthicsReviewStatus.COMPLETED):
        assert review.started_on <= review.completed_on < timezone.localdate()
        assert review.answers.count() == 6
    assert Dpia.objects.filter(status=DpiaStatus.COMPLETED).count() >= 2
    assert Dpia.objects.filter(status=DpiaStatus.DRAFT).exists()
    assert DpiaCheck.objects.filter(required=False).exists()
    council = CouncilInvolvement.objects.all()
    assert council.filter(agreement_status=AgreementStatus.AGREED).count() >= 2
    assert council.filter(agreement_status=AgreementStatus.NOT_NEEDED).exists()


def test_governance_is_audited_and_the_chain_verifies(small_demo):
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    for action in (
        "governance.body_created",
        "governance.decision_recorded",
        "governance.decision_superseded",
        "governance.risk_accepted",
        "governance.ethics_review_completed",
        "governance.dpia_completed",
        "governance.council_assessed",
        "governance.ai_act_classified",
    ):
        assert action in actions, action
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().startswith("ok:")


def test_meetings_fall_on_fixed_days_a_year_back_and_one_ahead():
    today = timezone.localdate()
    past, upcoming = meeting_dates(today, weekday=3, nth=2, every=1, past=11)
    assert len(past) == 11
    assert all(day.weekday() == 3 and 8 <= day.day <= 14 for day in [*past, upcoming])
    assert past == sorted(past)
    assert past[-1] < today <= upcoming
    assert (upcoming - past[-1]).days <= 35
    assert (today - past[0]).days < 366


def test_approving_a_gate_records_what_a_use_case_without_a_story_needs(small_demo):
    tickets = UseCase.objects.get(title="IT-Service-Desk: Tickets vorqualifizieren")
    assert tickets.personal_data
    before = set(missing(gate_facts(tickets, Stage.PILOT), Stage.PILOT))
    assert {Need.CLASSIFICATION, Need.ETHICS_REVIEW, Need.DPIA_CHECK} <= before
    decision = approve_for_gate(tickets, Stage.PILOT, moved_days_ago=3)
    assert missing(gate_facts(tickets, Stage.PILOT), Stage.PILOT) == []
    assert decision.decided_on < timezone.localdate()
    # A high-risk use case gets its obligations confirmed and the works council involved.
    applicants = UseCase.objects.get(title="Vorauswahl von Bewerbungen")
    approve_for_gate(applicants, Stage.PILOT, moved_days_ago=3)
    assert missing(gate_facts(applicants, Stage.PILOT), Stage.PILOT) == []
    emotions = UseCase.objects.get(title="Emotionserkennung in Kundengesprächen")
    with pytest.raises(RuntimeError, match="prohibited"):
        approve_for_gate(emotions, Stage.PILOT, moved_days_ago=3)


def test_the_governance_pages_show_the_demo_data(small_demo, client):
    client.force_login(User.objects.get(email="admin@example.com"))
    urls = [
        "/governance/steering/",
        "/governance/bodies/",
        "/governance/meetings/",
        "/governance/decisions/",
        "/governance/risks/",
        "/governance/budgets/",
        "/governance/reviews/",
        "/governance/reviews/codetermination/",
        "/governance/ai-act/",
    ]
    urls += [body.get_absolute_url() for body in Body.objects.all()]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
    urls += [decision.get_absolute_url() for decision in Decision.objects.all()[:20]]
    urls += [risk.get_absolute_url() for risk in Risk.objects.all()]
    urls += [
        f"/governance/budgets/{pk}/" for pk in BudgetRequest.objects.values_list("pk", flat=True)
    ]
    urls += [
        f"/governance/reviews/ethics/{pk}/"
        for pk in EthicsReview.objects.values_list("pk", flat=True)
    ]
    urls += [
        f"/governance/{path}/{pk}/"
        for pk in UseCase.objects.exclude(stage=Stage.IDEA).values_list("pk", flat=True)
        for path in ("use-cases", "ai-act")
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    steering = client.get("/governance/steering/").content.decode()
    assert "Reklamationsberichte (8D) vorstrukturieren" in steering
