"""The demo company's governance: two bodies, a year of meetings and decisions, the risk
register, budgets, ethics reviews, DPIAs, works-council involvement and EU AI Act
classifications, consistent with the portfolio.

It loads in three steps, one user action after another. ``setup_governance`` creates the
bodies, their members and a year of meetings before the portfolio is loaded. While the
portfolio moves a use case into pilot or production, ``approve_for_gate`` first records
everything that move needs, dated before it, so the governance gate lets it through.
``load_governance`` then adds the rest: the use cases that have not reached a gate (two of
them blocked at the pilot gate for a visible reason), priorities, budgets, risks, policies,
the minutes of the meetings held and the agenda of the next one.

Everything goes through the governance services, so the rules hold and the audit log is
real; dates are set back afterwards with plain updates, as the portfolio demo does.
Decisions cannot be changed once recorded, so they get their date when they are recorded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from wandel.core.models import User
from wandel.core.roles import Role
from wandel.demo.accounts import LOGINS
from wandel.demo.base import Writer
from wandel.demo.governance_texts import (
    BASIS_DE,
    BUDGETS,
    DECISIONS,
    ETHICS_BOARD,
    ETHICS_DESCRIPTION,
    ETHICS_LOCATION,
    ETHICS_NAME,
    ETHICS_REPORT_ITEM,
    ETHICS_REPORT_MINUTES,
    EVIDENCE,
    GATE_ITEM,
    GATE_TEXT,
    GENERIC_EVIDENCE,
    GUESTS,
    OUTCOME_DE,
    PRIORITY_APPROVED,
    PRIORITY_ITEM,
    PRIORITY_REJECTED,
    PROFILES,
    RATIONALES,
    REPORT_ITEM,
    REPORT_MINUTES,
    RISK_CLASS_DE,
    RISKS,
    SPECS,
    STEERING,
    STEERING_DESCRIPTION,
    STEERING_LOCATION,
    STEERING_NAME,
    BudgetSpec,
    ConditionSpec,
    CouncilSpec,
    DecisionSpec,
    DpiaSpec,
    EthicsSpec,
    GovernanceSpec,
    RiskSpec,
)
from wandel.demo.use_cases import ADMIN, COUNCIL, ETHICS, PRIVACY, STEERCO, USE_CASES
from wandel.governance.ai_act.models import Classification
from wandel.governance.ai_act.services import classification_record, obligation_confirm
from wandel.governance.budgets.models import BudgetRequest, SpendEntry
from wandel.governance.budgets.services import budget_request_create, spend_record
from wandel.governance.decisions.meetings import (
    agenda_build,
    agenda_item_add,
    body_create,
    meeting_create,
    meeting_minutes_record,
    membership_add,
    membership_end,
)
from wandel.governance.decisions.models import (
    AgendaKind,
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Decision,
    DecisionKind,
    DecisionOutcome,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.services import ConditionInput, condition_close, decision_record
from wandel.governance.gates import gate_facts
from wandel.governance.reviews.codetermination.models import CouncilInvolvement
from wandel.governance.reviews.codetermination.services import council_involvement_save
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck
from wandel.governance.reviews.dpia.services import dpia_check_record, dpia_complete, dpia_save
from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults
from wandel.governance.reviews.ethics.models import (
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsReview,
)
from wandel.governance.reviews.ethics.services import (
    AnswerInput,
    ethics_condition_add,
    ethics_condition_close,
    ethics_review_complete,
    ethics_review_save,
    ethics_review_start,
)
from wandel.governance.risks.models import Mitigation, Risk
from wandel.governance.risks.services import (
    mitigation_add,
    risk_close,
    risk_record,
    risk_request_acceptance,
)
from wandel.governance.rules import GATED, Need, missing, required
from wandel.org.models import Person, RoleAssignment
from wandel.portfolio.use_cases.lifecycle import MoveRefused, moves_missing, use_case_move
from wandel.portfolio.use_cases.models import Stage, StageChange, UseCase

S = Stage
# The steering committee meets on the second Thursday of every month, the ethics board on
# the first Tuesday of every second month; a year back, and the next meeting ahead.
STEERING_MEETINGS = 11
ETHICS_MEETINGS = 6
MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
# Where in the time between a use case's assessment and its gate decision each step falls.
AT = {
    "classified": 0.05,
    "informed": 0.15,
    "council": 0.2,
    "dpia_check": 0.3,
    "ethics_started": 0.35,
    "dpia_signed": 0.6,
    "ethics_completed": 0.7,
    "agreed": 0.8,
    "confirmed": 0.9,
}
DEFAULT_ETHICS = EthicsSpec(
    "approved",
    "Keine Bedenken: Ein Mensch prüft jedes Ergebnis, die Betroffenen sind informiert.",
)
DEFAULT_DPIA_SECTIONS = {
    "description": "Verarbeitung der im Steckbrief genannten Daten auf der lokalen KI-Plattform.",
    "necessity": "Nur die für den Zweck nötigen Daten; Löschung nach Abschluss des Vorgangs.",
    "risks": "Offenlegung an Unbefugte; fehlerhafte Ergebnisse zu Personen.",
    "measures": "Berechtigungskonzept, menschliche Prüfung, Löschfristen.",
    "dpo_opinion": "Keine Bedenken bei Umsetzung der Maßnahmen.",
}
# Art. 35(9) GDPR: whose views were sought, when a DPIA does not say it itself.
DEFAULT_DATA_SUBJECT_VIEWS = (
    "Der Betriebsrat wurde als Vertretung der Beschäftigten angehört; seine Hinweise sind "
    "in die Maßnahmen eingeflossen."
)


def _say(stdout: Writer | None) -> Callable[[str], object]:
    return stdout.write if stdout is not None else (lambda text: None)


# The schedule ------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def meeting_dates(
    today: date, *, weekday: int, nth: int, every: int, past: int
) -> tuple[list[date], date]:
    """The last ``past`` meeting days before today, oldest first, and the next one."""
    days = []
    for offset in range(-26, 4):
        month = today.month - 1 + offset
        year, month = today.year + month // 12, month % 12 + 1
        if (month - 1) % every == every - 1:
            days.append(_nth_weekday(year, month, weekday, nth))
    before = [day for day in days if day < today]
    return before[-past:], min(day for day in days if day >= today)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


# Who and when ------------------------------------------------------------------------------


@dataclass
class _Board:
    """The bodies, the demo logins and the meetings, looked up once per step."""

    today: date
    now: datetime
    bodies: dict[str, Body]
    users: dict[str, User]
    # Past meetings of each body, oldest first, and the next one.
    past: dict[str, list[Meeting]]
    upcoming: dict[str, Meeting]

    @classmethod
    def load(cls) -> _Board:
        bodies = {
            STEERING: Body.objects.get(name=STEERING_NAME),
            ETHICS_BOARD: Body.objects.get(name=ETHICS_NAME),
        }
        users = {
            u.email: u
            for u in User.objects.filter(email__in=_login_emails()).select_related("person")
        }
        today = timezone.localdate()
        past: dict[str, list[Meeting]] = {STEERING: [], ETHICS_BOARD: []}
        upcoming: dict[str, Meeting] = {}
        keys = {body.pk: key for key, body in bodies.items()}
        for meeting in Meeting.objects.filter(body__in=bodies.values()).order_by("held_on"):
            key = keys[meeting.body_id]
            if meeting.held_on < today:
                past[key].append(meeting)
            else:
                upcoming.setdefault(key, meeting)
        return cls(today, timezone.now(), bodies, users, past, upcoming)

    def user(self, who: str, use_case: UseCase | None = None) -> User:
        if who == "owner":
            person = use_case.product_owner if use_case is not None else None
            if person is not None and person.user is not None:
                return person.user
            return self.users[ADMIN]
        return self.users[who]

    def person(self, who: str, use_case: UseCase | None = None) -> Person:
        if who == "owner":
            if use_case is not None and use_case.product_owner is not None:
                return use_case.product_owner
            return self.users[STEERCO].person
        return self.users[who].person

    def meeting_before(self, body: str, day: date) -> Meeting | None:
        """The body's last meeting on or before ``day``."""
        earlier = [m for m in self.past[body] if m.held_on <= day]
        return earlier[-1] if earlier else None

    def meeting_after(self, body: str, day: date) -> Meeting | None:
        """The body's first meeting held on or after ``day``, if it has been held by now."""
        return next((m for m in self.past[body] if m.held_on >= day), None)

    def meeting(self, body: str, index: int) -> Meeting:
        return self.past[body][index]

    def past_day(self, day: date) -> date:
        """``day``, or yesterday if it is not in the past."""
        return min(day, self.today - timedelta(days=1))


def _login_emails() -> list[str]:
    return [login.email for login in LOGINS]


@dataclass(frozen=True)
class _Span:
    """From shortly after the use case's assessment until its gate decision (or today)."""

    start: date
    end: date

    def at(self, step: str) -> date:
        days = max(0, (self.end - self.start).days)
        return self.start + timedelta(days=round(days * AT[step]))


def _span(use_case: UseCase, end: date) -> _Span:
    assessed = (
        StageChange.objects.filter(use_case=use_case, to_stage=S.ASSESSED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    start = (assessed or use_case.created_at).date() + timedelta(days=2)
    return _Span(min(start, end), end)


# Step 1: bodies, members, meetings ---------------------------------------------------------


def setup_governance(stdout: Writer | None = None) -> None:
    """The two bodies with their members over the past year and their meetings."""
    say = _say(stdout)
    say("Setting up the AI steering committee and the ethics board …\n")
    checklist_ensure_defaults()
    users = {u.email: u for u in User.objects.filter(email__in=_login_emails())}
    admin = users[ADMIN]
    bodies = {
        STEERING: body_create(
            actor=admin,
            name=STEERING_NAME,
            kind=BodyKind.STEERING_COMMITTEE,
            description=STEERING_DESCRIPTION,
        ),
        ETHICS_BOARD: body_create(
            actor=admin,
            name=ETHICS_NAME,
            kind=BodyKind.ETHICS_BOARD,
            description=ETHICS_DESCRIPTION,
        ),
    }
    _members(bodies, users, admin)
    today = timezone.localdate()
    schedules = {
        STEERING: meeting_dates(today, weekday=3, nth=2, every=1, past=STEERING_MEETINGS),
        ETHICS_BOARD: meeting_dates(today, weekday=1, nth=1, every=2, past=ETHICS_MEETINGS),
    }
    titles = {STEERING: STEERING_NAME, ETHICS_BOARD: ETHICS_NAME}
    locations = {STEERING: STEERING_LOCATION, ETHICS_BOARD: ETHICS_LOCATION}
    reports = {STEERING: REPORT_ITEM, ETHICS_BOARD: ETHICS_REPORT_ITEM}
    chairs = {STEERING: users[STEERCO], ETHICS_BOARD: users[ETHICS]}
    for key, (past, upcoming) in schedules.items():
        for day in [*past, upcoming]:
            meeting = meeting_create(
                actor=chairs[key],
                body=bodies[key],
                held_on=day,
                title=f"{titles[key]} – {MONTHS_DE[day.month - 1]} {day.year}",
                location=locations[key],
            )
            agenda_item_add(meeting=meeting, actor=chairs[key], title=reports[key])


def _members(bodies: dict[str, Body], users: dict[str, User], admin: User) -> None:
    """Role holders sit in their body from the day they got the role; guests join them."""
    today = timezone.localdate()
    seats: list[tuple[str, Person, str, date, date | None]] = []
    assignments = (
        RoleAssignment.objects.filter(
            role__in=(Role.STEERING_COMMITTEE, Role.ETHICS_BOARD, Role.PRODUCT_OWNER)
        )
        .select_related("person")
        .order_by("assigned_on", "pk")
    )
    chairs = {STEERCO, ETHICS}
    for assignment in assignments:
        if assignment.role == Role.PRODUCT_OWNER:
            # A product owner whose role ended sat in the steering committee as a guest.
            if assignment.ended_on is None:
                continue
            key, role = STEERING, BodyRole.GUEST
        else:
            key = STEERING if assignment.role == Role.STEERING_COMMITTEE else ETHICS_BOARD
            role = BodyRole.CHAIR if assignment.person.email in chairs else BodyRole.MEMBER
        seats.append((key, assignment.person, role, assignment.assigned_on, assignment.ended_on))
    for email, key, guest_role, days_ago, ended_days_ago in GUESTS:
        ended = today - timedelta(days=ended_days_ago) if ended_days_ago is not None else None
        started = today - timedelta(days=days_ago)
        seats.append((key, users[email].person, BodyRole(guest_role), started, ended))
    for key, person, seat_role, started, ended in sorted(seats, key=lambda seat: seat[3]):
        membership = membership_add(
            body=bodies[key], person=person, role_in_body=seat_role, actor=admin, started_on=started
        )
        if ended is not None:
            membership_end(membership=membership, actor=admin, ended_on=ended)


# Step 2: what a move into pilot or production needs ---------------------------------------


def approve_for_gate(
    use_case: UseCase,
    stage: str,
    *,
    moved_days_ago: float,
    assessed_days_ago: float | None = None,
) -> Decision | None:
    """Record what moving ``use_case`` into ``stage`` needs, dated before the move.

    The portfolio demo calls this just before it moves a use case into pilot or production
    ``moved_days_ago`` days back (its history is dated only afterwards, so it also says
    when the use case was assessed). This records what the use case's story says (see
    ``governance_texts.SPECS``), fills in anything the gate still misses, and lets the
    steering committee approve the gate at its last meeting before the move.
    """
    if stage not in GATED:
        return None
    board = _Board.load()
    moved_on = (board.now - timedelta(days=moved_days_ago)).date()
    meeting = board.meeting_before(STEERING, moved_on - timedelta(days=1))
    if meeting is not None and meeting.status == MeetingStatus.HELD:
        # Its minutes are written: the committee decides by circulation instead.
        meeting = None
    decided_on = meeting.held_on if meeting else board.past_day(moved_on - timedelta(days=1))
    spec = SPECS.get(use_case.title) or _default_spec(use_case)
    end = decided_on - timedelta(days=3)
    if assessed_days_ago is None:
        assessed_days_ago = moved_days_ago + 60
    start = (board.now - timedelta(days=assessed_days_ago)).date() + timedelta(days=2)
    span = _Span(min(start, end), end)
    _record(board, use_case, spec, span)
    _complete_for_gate(board, use_case, stage, span)
    decision = _gate_decision(board, use_case, stage, spec, meeting, decided_on)
    left = missing(gate_facts(use_case, stage), stage)
    if left:
        raise RuntimeError(f"{use_case.title}: the {stage} gate still misses {left}")
    return decision


def _default_spec(use_case: UseCase) -> GovernanceSpec:
    """For a use case the demo's story does not tell: the usual way through the gate."""
    if not use_case.personal_data:
        return GovernanceSpec(profile="text")
    return GovernanceSpec(
        profile="text",
        dpia=DpiaSpec(("innovative_technology",)),
        ethics=DEFAULT_ETHICS,
    )


def _complete_for_gate(board: _Board, use_case: UseCase, stage: str, span: _Span) -> None:
    """Whatever the gate still needs beyond the steering decision, the usual way."""
    for _ in range(3):
        needs = missing(gate_facts(use_case, stage), stage)
        needs = [need for need in needs if need != Need.STEERING_DECISION]
        if not needs:
            return
        for need in needs:
            if need == Need.NOT_PROHIBITED:
                raise RuntimeError(f"{use_case.title} is a prohibited practice")
            if need == Need.CLASSIFICATION:
                _classify(board, use_case, "text", span.at("classified"))
            elif need == Need.ETHICS_REVIEW:
                _ethics(board, use_case, DEFAULT_ETHICS, span)
            elif need in (Need.DPIA_CHECK, Need.DPIA):
                _dpia(board, use_case, DpiaSpec(("innovative_technology",), {}), span)
                if need == Need.DPIA:
                    _dpia(board, use_case, DpiaSpec((), DEFAULT_DPIA_SECTIONS), span)
            elif need in (Need.COUNCIL_ASSESSMENT, Need.COUNCIL_AGREEMENT):
                agreed = need == Need.COUNCIL_AGREEMENT
                council = CouncilSpec(
                    agreed,
                    "agreed" if agreed else "not_needed",
                    reference="GBV KI-Assistenz {year}" if agreed else "",
                )
                _council(board, use_case, council, span, update=True)
            elif need == Need.HIGH_RISK_OBLIGATIONS:
                classification = _current_classification(use_case)
                _confirm(board, use_case, classification, classification.obligations, span)


def _record(board: _Board, use_case: UseCase, spec: GovernanceSpec, span: _Span) -> None:
    """What the story says about the use case, for whatever is not recorded yet."""
    if spec.profile and not Classification.objects.filter(use_case=use_case).exists():
        classification = _classify(board, use_case, spec.profile, span.at("classified"))
        if spec.confirm:
            _confirm(board, use_case, classification, spec.confirm, span)
    if spec.council and not CouncilInvolvement.objects.filter(use_case=use_case).exists():
        _council(board, use_case, spec.council, span)
    if spec.dpia:
        _dpia(board, use_case, spec.dpia, span)
    if spec.ethics and not EthicsReview.objects.filter(use_case=use_case).exists():
        _ethics(board, use_case, spec.ethics, span)


def _classify(board: _Board, use_case: UseCase, profile: str, day: date) -> Classification:
    answers = PROFILES[profile]
    rationales = {
        question: RATIONALES[question]["+".join(a) if isinstance(a, list) else str(a)]
        for question, a in answers.items()
    }
    classification = classification_record(
        use_case=use_case,
        answers=answers,
        rationales=rationales,
        actor=board.user("owner", use_case),
    )
    Classification.objects.filter(pk=classification.pk).update(classified_at=_moment(day))
    return classification


def _current_classification(use_case: UseCase) -> Classification:
    return Classification.objects.filter(use_case=use_case).order_by("-classified_at", "-pk")[0]


def _confirm(
    board: _Board,
    use_case: UseCase,
    classification: Classification,
    obligations: Iterable[str],
    span: _Span,
) -> None:
    confirmed = set(classification.confirmations.values_list("obligation_id", flat=True))
    for obligation in obligations:
        if obligation in confirmed or obligation not in classification.obligations:
            continue
        obligation_confirm(
            classification=classification,
            obligation_id=obligation,
            evidence=EVIDENCE.get(obligation, GENERIC_EVIDENCE),
            actor=board.user("owner", use_case),
            confirmed_on=board.past_day(span.at("confirmed")),
        )


def _dpia(board: _Board, use_case: UseCase, spec: DpiaSpec, span: _Span) -> None:
    privacy = board.users[PRIVACY]
    if spec.criteria and not DpiaCheck.objects.filter(use_case=use_case).exists():
        check = dpia_check_record(
            use_case=use_case, answers=dict.fromkeys(spec.criteria, True), actor=privacy
        )
        DpiaCheck.objects.filter(pk=check.pk).update(checked_at=_moment(span.at("dpia_check")))
    if not spec.sections or Dpia.objects.filter(use_case=use_case).exists():
        return
    owner = board.user("owner", use_case)
    # The business owner carries out and approves the DPIA; the DPO advises (Art. 35(2)).
    dpia = dpia_save(
        use_case=use_case,
        actor=privacy,
        **{"data_subject_views": DEFAULT_DATA_SUBJECT_VIEWS, **spec.sections},
        controller=getattr(owner, "person", None),
        review_on=board.past_day(span.at("dpia_signed")) + timedelta(days=365),
    )
    if spec.signed_off:
        dpia_complete(dpia=dpia, actor=owner)
        signed = board.past_day(span.at("dpia_signed"))
        Dpia.objects.filter(pk=dpia.pk).update(signed_off_on=signed, updated_at=_moment(signed))
    else:
        Dpia.objects.filter(pk=dpia.pk).update(updated_at=_moment(span.at("dpia_signed")))


def _ethics(board: _Board, use_case: UseCase, spec: EthicsSpec, span: _Span) -> EthicsReview:
    ethics = board.users[ETHICS]
    review = ethics_review_start(use_case=use_case, actor=ethics)
    answers = {}
    for position, item in enumerate(EthicsChecklistItem.objects.filter(active=True)):
        if position in spec.concerns:
            answers[item.pk] = AnswerInput(EthicsAssessment.CONCERN, spec.concerns[position])
        elif position in spec.not_applicable:
            answers[item.pk] = AnswerInput(EthicsAssessment.NOT_APPLICABLE, "Trifft nicht zu.")
        else:
            answers[item.pk] = AnswerInput(EthicsAssessment.NO_CONCERN)
    started = span.at("ethics_started")
    if not spec.outcome:
        # Still in progress: the board has answered some of the items so far.
        first = dict(list(answers.items())[:3])
        ethics_review_save(review=review, answers=first, reasons=spec.reasons, actor=ethics)
        EthicsReview.objects.filter(pk=review.pk).update(started_on=started)
        return review
    ethics_review_save(review=review, answers=answers, actor=ethics)
    completed = board.past_day(span.at("ethics_completed"))
    # The board concludes its reviews in its meetings, when one falls in the time.
    meeting = board.meeting_before(ETHICS_BOARD, completed)
    if meeting is not None and meeting.held_on > started:
        completed = meeting.held_on
    added = [
        (
            ethics_condition_add(
                review=review,
                text=condition.text,
                owner=board.person(condition.owner, use_case),
                due_on=completed + timedelta(days=condition.due_after),
                actor=ethics,
            ),
            condition,
        )
        for condition in spec.conditions
    ]
    ethics_review_complete(review=review, outcome=spec.outcome, reasons=spec.reasons, actor=ethics)
    EthicsReview.objects.filter(pk=review.pk).update(started_on=started, completed_on=completed)
    review.refresh_from_db()
    for condition, given in added:
        closed = _closing_day(board, completed, given)
        if closed is not None:
            ethics_condition_close(
                condition=condition, closing_note=given.closing_note, closed_on=closed, actor=ethics
            )
    return review


def _closing_day(board: _Board, since: date, condition: ConditionSpec) -> date | None:
    if condition.closed_after is None:
        return None
    closed = since + timedelta(days=condition.closed_after)
    return closed if closed < board.today else None


def _council(
    board: _Board, use_case: UseCase, spec: CouncilSpec, span: _Span, *, update: bool = False
) -> None:
    agreed = board.past_day(span.at("agreed"))
    involvement = council_involvement_save(
        use_case=use_case,
        actor=board.users[COUNCIL],
        monitoring_capable=spec.monitoring_capable,
        information_given_on=board.past_day(span.at("informed")),
        consultation_notes=spec.notes,
        agreement_status=spec.status,
        agreement_reference=spec.reference.format(year=agreed.year),
        agreement_clauses=spec.clauses,
    )
    if not update:
        assessed = board.past_day(span.at("council"))
        CouncilInvolvement.objects.filter(pk=involvement.pk).update(
            assessed_on=assessed,
            updated_at=_moment(agreed if spec.status == "agreed" else assessed),
        )


def _gate_decision(
    board: _Board,
    use_case: UseCase,
    stage: str,
    spec: GovernanceSpec,
    meeting: Meeting | None,
    decided_on: date,
) -> Decision:
    steerco = board.users[STEERCO]
    item = None
    if meeting is not None:
        item = agenda_item_add(
            meeting=meeting,
            actor=steerco,
            title=GATE_ITEM[stage].format(title=use_case.title),
            kind=AgendaKind.USE_CASE,
            use_case=use_case,
        )
    given = spec.gate_conditions.get(stage, ())
    text = spec.gate_texts.get(stage) or GATE_TEXT[stage].format(title=use_case.title)
    basis = _basis(use_case, stage)
    if basis:
        text = f"{text} Grundlage: {basis}."
    return _decide(
        board,
        body=STEERING,
        meeting=meeting,
        agenda_item=item,
        decided_on=decided_on,
        kind=DecisionKind.GATE_APPROVAL,
        outcome=(DecisionOutcome.APPROVED_WITH_CONDITIONS if given else DecisionOutcome.APPROVED),
        text=text,
        conditions=given,
        use_case=use_case,
        gate_stage=stage,
    )


def _basis(use_case: UseCase, stage: str) -> str:
    """What the gate decision rests on, in the words of the register."""
    facts = gate_facts(use_case, stage)
    council = CouncilInvolvement.objects.filter(use_case=use_case).first()
    values = {
        "risk_class": RISK_CLASS_DE.get(facts.classification.risk_class or "", ""),
        "reference": council.agreement_reference if council else "",
    }
    parts = [
        BASIS_DE[need.value].format(**values)
        for need in required(facts, stage)
        if need.value in BASIS_DE
    ]
    return "; ".join(parts)


def _decide(
    board: _Board,
    *,
    body: str,
    meeting: Meeting | None,
    agenda_item: Any,
    decided_on: date,
    kind: str,
    outcome: str,
    text: str,
    conditions: Sequence[ConditionSpec] = (),
    use_case: UseCase | None = None,
    **fields: Any,
) -> Decision:
    chair = board.users[STEERCO if body == STEERING else ETHICS]
    decision = decision_record(
        actor=chair,
        body=board.bodies[body],
        decided_on=decided_on,
        kind=kind,
        text=text,
        outcome=outcome,
        meeting=meeting,
        agenda_item=agenda_item,
        use_case=use_case,
        conditions=[
            ConditionInput(
                c.text,
                board.person(c.owner, use_case),
                decided_on + timedelta(days=c.due_after),
            )
            for c in conditions
        ],
        **fields,
    )
    if conditions:
        stored = list(decision.conditions.order_by("pk"))
        for condition, given in zip(stored, conditions, strict=True):
            closed = _closing_day(board, decided_on, given)
            if closed is not None:
                condition_close(
                    condition=condition,
                    actor=board.user(given.owner, use_case),
                    closing_note=given.closing_note,
                    closed_on=closed,
                )
    return decision


# Step 3: everything else ------------------------------------------------------------------


def load_governance(stdout: Writer | None = None) -> None:
    """The governance of the use cases before their gates, then budgets, risks, policies,
    minutes and the next meetings' agendas, each through its service (one action each)."""
    say = _say(stdout)
    board = _Board.load()
    titles = [spec.title for spec in USE_CASES]
    use_cases = {
        uc.title: uc
        for uc in UseCase.objects.filter(title__in=titles)
        .select_related("product_owner__user")
        .order_by("pk")
    }
    say("Adding classifications, reviews, DPIAs and works-council involvement …\n")
    gated = set(
        StageChange.objects.filter(use_case__in=use_cases.values(), to_stage__in=GATED).values_list(
            "use_case_id", flat=True
        )
    )
    for title, spec in SPECS.items():
        use_case = use_cases.get(title)
        if use_case is None or use_case.pk in gated:
            continue
        _record(board, use_case, spec, _span(use_case, _review_end(board, use_case)))
    _blocked(board, use_cases)
    say("Recording decisions, budgets and risks …\n")
    _priorities(board, use_cases)
    for budget in BUDGETS:
        _budget(board, use_cases[budget.use_case], budget)
    for risk in RISKS:
        _risk(board, use_cases.get(risk.use_case), risk)
    for decision in DECISIONS:
        _other_decision(board, decision, use_cases)
    _ethics_agenda(board)
    say("Writing the minutes and the next agendas …\n")
    _minutes(board)
    _next_meetings(board)


def _review_end(board: _Board, use_case: UseCase) -> date:
    """Work on a use case that has not reached a gate goes on until today, unless it was
    rejected or put on hold."""
    if use_case.stage in (S.REJECTED, S.ON_HOLD, S.RETIRED):
        return board.past_day(use_case.stage_changed_at.date() - timedelta(days=3))
    return board.past_day(board.today - timedelta(days=2))


def _blocked(board: _Board, use_cases: dict[str, UseCase]) -> None:
    """Use cases the steering committee sent back from the pilot gate, and a refused move."""
    meeting = board.past[STEERING][-1]
    for title, spec in SPECS.items():
        use_case = use_cases.get(title)
        if use_case is None:
            continue
        if spec.deferred:
            item = agenda_item_add(
                meeting=meeting,
                actor=board.users[STEERCO],
                title=GATE_ITEM[S.PILOT].format(title=title),
                kind=AgendaKind.USE_CASE,
                use_case=use_case,
            )
            _decide(
                board,
                body=STEERING,
                meeting=meeting,
                agenda_item=item,
                decided_on=meeting.held_on,
                kind=DecisionKind.GATE_APPROVAL,
                outcome=DecisionOutcome.DEFERRED,
                text=spec.deferred,
                use_case=use_case,
                gate_stage=S.PILOT,
            )
        # Only where the gate refuses it: with the governance gate suspended (as in the
        # portfolio's own tests) the move would go through.
        if spec.refused_move and moves_missing(use_case=use_case, to=S.PILOT):
            with contextlib.suppress(MoveRefused):
                use_case_move(
                    use_case=use_case,
                    to=S.PILOT,
                    actor=board.user("owner", use_case),
                    reason="Prototyp abgenommen; Pilot mit zwei Reklamationsteams starten.",
                )


def _priorities(board: _Board, use_cases: dict[str, UseCase]) -> None:
    """The steering committee's decision behind each approval and rejection in the
    portfolio, at its last meeting before the move."""
    moves = (
        StageChange.objects.filter(
            use_case__in=use_cases.values(), to_stage__in=(S.APPROVED, S.REJECTED)
        )
        .select_related("use_case")
        .order_by("at", "pk")
    )
    for move in moves:
        moved_on = move.at.date() - timedelta(days=1)
        # Before the first meeting of the year the committee decided by circulation.
        meeting = board.meeting_before(STEERING, moved_on)
        title = move.use_case.title
        item = None
        if meeting is not None:
            item = agenda_item_add(
                meeting=meeting,
                actor=board.users[STEERCO],
                title=PRIORITY_ITEM.format(title=title),
                kind=AgendaKind.USE_CASE,
                use_case=move.use_case,
            )
        rejected = move.to_stage == S.REJECTED
        _decide(
            board,
            body=STEERING,
            meeting=meeting,
            agenda_item=item,
            decided_on=meeting.held_on if meeting else moved_on,
            kind=DecisionKind.PRIORITY,
            outcome=DecisionOutcome.REJECTED if rejected else DecisionOutcome.APPROVED,
            text=(
                PRIORITY_REJECTED.format(title=title, reason=move.reason)
                if rejected
                else PRIORITY_APPROVED.format(title=title)
            ),
            use_case=move.use_case,
        )


def _budget(board: _Board, use_case: UseCase, spec: BudgetSpec) -> None:
    requester = board.user("owner", use_case)
    requested_on = board.today - timedelta(days=spec.requested_days_ago)
    request = budget_request_create(
        use_case=use_case,
        title=spec.title,
        amount_requested=Decimal(spec.amount),
        justification=spec.justification,
        requested_on=requested_on,
        actor=requester,
    )
    BudgetRequest.objects.filter(pk=request.pk).update(created_at=_moment(requested_on))
    meeting = board.meeting_after(STEERING, requested_on + timedelta(days=5))
    if spec.outcome and meeting is not None:
        item = agenda_item_add(
            meeting=meeting,
            actor=board.users[STEERCO],
            title=f"Budgetantrag: {spec.title}",
            kind=AgendaKind.BUDGET,
            use_case=use_case,
            budget_request=request,
        )
        decision = _decide(
            board,
            body=STEERING,
            meeting=meeting,
            agenda_item=item,
            decided_on=meeting.held_on,
            kind=DecisionKind.BUDGET,
            outcome=spec.outcome,
            text=spec.text,
            conditions=spec.conditions,
            use_case=use_case,
            budget_request=request,
            approved_amount=Decimal(spec.approved) if spec.approved is not None else None,
        )
        if spec.correction is not None:
            amount, text = spec.correction
            _decide(
                board,
                body=STEERING,
                meeting=None,
                agenda_item=None,
                decided_on=board.past_day(meeting.held_on + timedelta(days=6)),
                kind=DecisionKind.BUDGET,
                outcome=spec.outcome,
                text=text,
                use_case=use_case,
                budget_request=request,
                approved_amount=Decimal(amount),
                supersedes=decision,
            )
    for days_ago, amount, description in spec.spend:
        spent_on = board.today - timedelta(days=days_ago)
        entry = spend_record(
            budget_request=request,
            spent_on=spent_on,
            amount=Decimal(amount),
            description=description,
            actor=requester,
        )
        SpendEntry.objects.filter(pk=entry.pk).update(created_at=_moment(spent_on))


def _risk(board: _Board, use_case: UseCase | None, spec: RiskSpec) -> None:
    owner = board.person(spec.owner, use_case)
    recorder = board.user(spec.owner, use_case)
    recorded = board.today - timedelta(days=spec.recorded_days_ago)
    residual_likelihood, residual_impact = spec.residual or (None, None)
    risk = risk_record(
        actor=recorder,
        use_case=use_case,
        title=spec.title,
        description=spec.description,
        category=spec.category,
        likelihood=spec.likelihood,
        impact=spec.impact,
        owner=owner,
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        review_on=board.today + timedelta(days=spec.review_in),
    )
    for number, mitigation in enumerate(spec.mitigations, start=1):
        added = mitigation_add(
            risk=risk,
            text=mitigation.text,
            status=mitigation.status,
            owner=board.person(mitigation.owner, use_case),
            due_on=(
                board.today + timedelta(days=mitigation.due_in)
                if mitigation.due_in is not None
                else None
            ),
            actor=recorder,
        )
        Mitigation.objects.filter(pk=added.pk).update(
            created_at=_moment(recorded + timedelta(days=7 * number))
        )
    if spec.status in ("requested", "accepted"):
        risk_request_acceptance(risk=risk, actor=recorder)
    if spec.status == "accepted":
        meeting = board.meeting_after(STEERING, recorded + timedelta(days=14))
        item = None
        if meeting is not None:
            item = agenda_item_add(
                meeting=meeting,
                actor=board.users[STEERCO],
                title=f"Risikoakzeptanz: {spec.title}",
                kind=AgendaKind.RISK,
                use_case=use_case,
                risk=risk,
            )
        _decide(
            board,
            body=STEERING,
            meeting=meeting,
            agenda_item=item,
            decided_on=meeting.held_on if meeting else board.past_day(recorded),
            kind=DecisionKind.RISK_ACCEPTANCE,
            outcome=spec.acceptance,
            text=(
                f"Der Lenkungskreis nimmt das Restrisiko „{spec.title}“ an"
                + (" – mit Auflagen." if spec.acceptance_conditions else ".")
            ),
            conditions=spec.acceptance_conditions,
            use_case=use_case,
            risk=risk,
        )
    if spec.status == "closed":
        risk_close(risk=risk, actor=recorder)
    Risk.objects.filter(pk=risk.pk).update(
        created_at=_moment(recorded),
        updated_at=_moment(board.past_day(recorded + timedelta(days=30))),
    )


def _other_decision(board: _Board, spec: DecisionSpec, use_cases: dict[str, UseCase]) -> None:
    use_case = use_cases.get(spec.use_case) if spec.use_case else None
    if spec.meeting is not None:
        meeting = board.meeting(spec.body, spec.meeting)
    else:
        # The ethics board states its view in the meeting that concluded its review.
        review = EthicsReview.objects.filter(use_case=use_case, completed_on__isnull=False)
        concluded = review.values_list("completed_on", flat=True).first()
        found = board.meeting_before(spec.body, concluded) if concluded else None
        meeting = found or board.meeting(spec.body, -1)
    item = agenda_item_add(
        meeting=meeting,
        actor=board.users[STEERCO if spec.body == STEERING else ETHICS],
        title=spec.item,
        kind=AgendaKind.OTHER,
        use_case=use_case,
    )
    _decide(
        board,
        body=spec.body,
        meeting=meeting,
        agenda_item=item,
        decided_on=meeting.held_on,
        kind=spec.kind,
        outcome=spec.outcome,
        text=spec.text,
        conditions=spec.conditions,
        use_case=use_case,
    )


def _ethics_agenda(board: _Board) -> None:
    """The ethics board discussed each review in a meeting while it ran, or took note of
    it in the next one; reviews in progress are on the agenda of its next meeting."""
    reviews = EthicsReview.objects.select_related("use_case").order_by("started_on", "pk")
    chair = board.users[ETHICS]
    for review in reviews:
        if review.completed_on is None:
            meeting = board.upcoming.get(ETHICS_BOARD)
        else:
            meeting = board.meeting_before(ETHICS_BOARD, review.completed_on)
            if meeting is None or meeting.held_on < review.started_on:
                meeting = board.meeting_after(ETHICS_BOARD, review.completed_on)
        if meeting is None:
            continue
        agenda_item_add(
            meeting=meeting,
            actor=chair,
            title=f"Ethikprüfung: {review.use_case.title}",
            kind=AgendaKind.REVIEW,
            use_case=review.use_case,
            ethics_review=review,
        )


def _minutes(board: _Board) -> None:
    """Minutes and attendance of every meeting held: one line per agenda item and the
    decisions taken on it."""
    reports = {STEERING: REPORT_MINUTES, ETHICS_BOARD: ETHICS_REPORT_MINUTES}
    chairs = {STEERING: board.users[STEERCO], ETHICS_BOARD: board.users[ETHICS]}
    for key, meetings in board.past.items():
        memberships = list(
            BodyMembership.objects.filter(body=board.bodies[key])
            .select_related("person")
            .order_by("started_on", "pk")
        )
        for number, meeting in enumerate(meetings):
            present = [
                m
                for m in memberships
                if m.started_on <= meeting.held_on
                and (m.ended_on is None or m.ended_on > meeting.held_on)
            ]
            # Now and then one of the members sends apologies.
            others = [m for m in present if m.role_in_body != BodyRole.CHAIR]
            if others and number % 3 == 1:
                present.remove(others[number % len(others)])
            meeting_minutes_record(
                meeting=meeting,
                actor=chairs[key],
                minutes=_minutes_text(meeting, reports[key]),
                attendees=[m.person for m in present],
            )


def _minutes_text(meeting: Meeting, report: str) -> str:
    lines = [f"Sitzung „{meeting.title}“ am {meeting.held_on:%d.%m.%Y}, {meeting.location}."]
    items = meeting.agenda_items.prefetch_related("decisions").order_by("position", "pk")
    for number, item in enumerate(items, start=1):
        lines.append("")
        lines.append(f"TOP {number}: {item.title}")
        decisions = list(item.decisions.order_by("pk"))
        if not decisions:
            lines.append(report if number == 1 else "Zur Kenntnis genommen.")
        for decision in decisions:
            outcome = OUTCOME_DE[decision.outcome]
            lines.append(f"Beschluss Nr. {decision.pk} ({outcome}): {decision.text}")
    return "\n".join(lines)


def _next_meetings(board: _Board) -> None:
    """The chair builds the agenda of the next steering-committee meeting from everything
    that waits for a decision."""
    meeting = board.upcoming.get(STEERING)
    if meeting is not None:
        with translation.override("de"):
            agenda_build(meeting=meeting, actor=board.users[STEERCO])
