"""Writes of surveys: creating one from a template, planning, opening and closing its
waves, inviting and reminding, and answering (with the draft kept on the way).

Every action of those who run surveys is audited; answering is not (the anonymity
invariant of DESIGN.md): an event saying who answered, or when, would tie responses to
people. ``response_submit`` writes the response, its answers, the participant's "answered"
and the removal of the draft in one transaction, and nothing else.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.core.notifications.services import notify
from wandel.core.queries import anonymity_floor
from wandel.feedback.surveys import catalogue
from wandel.feedback.surveys.answering import (
    ALREADY_ANSWERED,
    WAVE_NOT_OPEN,
    AlreadyAnswered,
    Ticket,
    WaveNotOpen,
    digest,
    new_token,
)
from wandel.feedback.surveys.models import (
    Answer,
    Distribution,
    Draft,
    Participant,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyAction,
    SurveyStatus,
    Wave,
    WaveGroup,
    WaveStatus,
)
from wandel.feedback.surveys.notifications import SURVEY_INVITED, SURVEY_REMINDED
from wandel.feedback.surveys.population import members
from wandel.feedback.surveys.results import responses_release, survey_k
from wandel.feedback.surveys.rules import QuestionRule, answers_check
from wandel.org.models import Person, Unit

__all__ = [
    "BELOW_FLOOR",
    "CLOSES_BEFORE_OPENING",
    "NOBODY_TO_ASK",
    "NOT_INVITATIONS",
    "NOT_OPEN",
    "NOT_PLANNED",
    "UNKNOWN_GROUP",
    "SurveyError",
    "draft_save",
    "invitations_send",
    "reminders_send",
    "response_submit",
    "survey_create",
    "wave_close",
    "wave_open",
    "wave_plan",
]

BELOW_FLOOR = _("The minimum group size may not be below %(floor)d.")
CLOSES_BEFORE_OPENING = _("A wave cannot close before it opens.")
NOT_PLANNED = _("Only a planned wave can be opened.")
NOT_OPEN = _("Only an open wave can be closed, or have invitations and reminders sent.")
NOBODY_TO_ASK = _("Nobody belongs to the target group of this survey.")
NOT_INVITATIONS = _("This survey is shared by its anonymous link, not by invitations.")
UNKNOWN_GROUP = _("Choose one of the groups listed.")
# Where a draft keeps the reporting group chosen on the anonymous link's page.
DRAFT_GROUP = "_group"
ANSWERS_INVALID = _("Some answers are missing or not valid.")

SURVEY_FIELDS = (
    "title_en",
    "title_de",
    "kind",
    "distribution",
    "target_units",
    "min_group",
    "unit_level",
    "by_role",
)


class SurveyError(DomainError):
    """A survey action the rules refuse."""


# Creating --------------------------------------------------------------------------------


@user_action
def survey_create(
    *,
    template: str,
    title_en: str,
    title_de: str,
    target_units: Iterable[Unit] = (),
    distribution: str = Distribution.INVITATIONS,
    min_group: int | None = None,
    unit_level: int = 1,
    by_role: bool = False,
    actor: User | None,
) -> Survey:
    """A new survey with the sections and questions of the template ``template``."""
    spec = catalogue.template(template)
    floor = anonymity_floor()
    min_group = floor if min_group is None else min_group
    if min_group < floor:
        raise SurveyError(BELOW_FLOOR % {"floor": floor}, field="min_group")
    survey = Survey.objects.create(
        title_en=title_en.strip() or spec.title_en,
        title_de=title_de.strip() or spec.title_de,
        intro_en=spec.intro_en,
        intro_de=spec.intro_de,
        kind=spec.kind,
        distribution=distribution,
        min_group=min_group,
        comment_threshold=max(10, min_group),
        unit_level=unit_level,
        by_role=by_role,
        created_by=actor,
    )
    survey.target_units.set(list(target_units))
    position = 0
    for number, section_spec in enumerate(spec.sections):
        section = Section.objects.create(
            survey=survey,
            position=number,
            title_en=section_spec.title_en,
            title_de=section_spec.title_de,
        )
        for question in section_spec.questions:
            Question.objects.create(
                survey=survey,
                section=section,
                position=position,
                key=question.key,
                kind=question.kind,
                text_en=question.text_en,
                text_de=question.text_de,
                required=question.required,
                options=list(question.options),
            )
            position += 1
    audit_record(
        actor=actor,
        action=SurveyAction.SURVEY_CREATED,
        target=survey,
        changes={
            **changed_fields({}, snapshot(survey, SURVEY_FIELDS)),
            "template": {"from": None, "to": spec.key},
        },
    )
    return survey


# Waves -------------------------------------------------------------------------------------


@user_action
def wave_plan(
    *, survey: Survey, opens_on: date, closes_on: date, label: str = "", actor: User | None
) -> Wave:
    """The survey's next wave (the same questions, the next number), planned for the dates."""
    if closes_on < opens_on:
        raise SurveyError(CLOSES_BEFORE_OPENING, field="closes_on")
    Survey.objects.select_for_update().get(pk=survey.pk)
    last = survey.waves.order_by("-number").values_list("number", flat=True).first() or 0
    wave = Wave.objects.create(
        survey=survey,
        number=last + 1,
        label=label.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        link_token=secrets.token_urlsafe(24),
    )
    audit_record(
        actor=actor,
        action=SurveyAction.SURVEY_UPDATED,
        target=survey,
        changes={
            "wave": {"from": None, "to": wave.number},
            "opens_on": {"from": None, "to": opens_on},
            "closes_on": {"from": None, "to": closes_on},
        },
    )
    return wave


@user_action
def wave_open(*, wave: Wave, actor: User | None) -> Wave:
    """Open a planned wave: fix its reporting groups and who is asked, as of today."""
    wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
    if wave.status != WaveStatus.PLANNED:
        raise ConflictError(NOT_PLANNED)
    survey = wave.survey
    people = members(survey)
    if not people:
        raise SurveyError(NOBODY_TO_ASK)
    sizes = Counter((m.unit_key, m.role_key) for m in people)
    labels = {m.unit_key: m.unit_label for m in people}
    WaveGroup.objects.bulk_create(
        WaveGroup(wave=wave, unit_key=unit, unit_label=labels[unit], role_key=role, population=size)
        for (unit, role), size in sorted(sizes.items())
    )
    Participant.objects.bulk_create(
        Participant(wave=wave, person_id=m.person_id, unit_key=m.unit_key, role_key=m.role_key)
        for m in people
    )
    wave.status = WaveStatus.OPEN
    wave.save(update_fields=["status"])
    if survey.status != SurveyStatus.ACTIVE:
        Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.ACTIVE)
        survey.status = SurveyStatus.ACTIVE
    audit_record(
        actor=actor,
        action=SurveyAction.WAVE_OPENED,
        target=wave,
        changes={
            "status": {"from": WaveStatus.PLANNED, "to": WaveStatus.OPEN},
            "people": len(people),
            "groups": len(sizes),
        },
    )
    return wave


@user_action
def wave_close(*, wave: Wave, actor: User | None) -> Wave:
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise ConflictError(NOT_OPEN)
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status"])
    # Every response counts once the wave has closed.
    responses_release(wave=wave, k=survey_k(wave.survey, anonymity_floor()))
    audit_record(
        actor=actor,
        action=SurveyAction.WAVE_CLOSED,
        target=wave,
        changes={"status": {"from": WaveStatus.OPEN, "to": WaveStatus.CLOSED}},
    )
    return wave


# Invitations and reminders -----------------------------------------------------------------


def answer_url(token: str) -> str:
    return reverse("feedback:answer", args=[token])


def _title_for(survey: Survey, person: Person) -> str:
    return survey.title_de if person.language.startswith("de") else survey.title_en


def _tell(participant: Participant, event: Any, url: str, actor: User | None) -> int:
    person = participant.person
    survey = participant.wave.survey
    params = {"survey": _title_for(survey, person), "day": participant.wave.closes_on.isoformat()}
    # Sent even to the actor: their own invitation is theirs to answer.
    return len(notify(recipients=[person.user], event=event, params=params, url=url))


@user_action
def invitations_send(*, wave: Wave, actor: User | None) -> int:
    """Invite everyone of an open wave not invited yet who has an account, each with a
    personal link; returns how many. The plain token goes out in the message and is never
    stored: the participant keeps its digest."""
    wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise ConflictError(NOT_OPEN)
    if wave.survey.distribution != Distribution.INVITATIONS:
        raise SurveyError(NOT_INVITATIONS)
    waiting = (
        Participant.objects.filter(wave=wave, invited=False, person__user__is_active=True)
        .select_related("person__user")
        .order_by("pk")
    )
    count = 0
    for participant in waiting:
        participant.wave = wave
        token = new_token()
        participant.token_digest = digest(token)
        participant.invited = True
        participant.save(update_fields=["token_digest", "invited"])
        count += _tell(participant, SURVEY_INVITED, answer_url(token), actor)
    audit_record(actor=actor, action=SurveyAction.INVITED, target=wave, changes={"invited": count})
    return count


@user_action
def reminders_send(
    *, wave: Wave, actor: User | None, today: date | None = None, not_since: date | None = None
) -> int:
    """Remind everyone asked in an open wave who has not answered (and was not reminded
    today); returns how many. The audit event records how many, not who. An invitation's
    reminder carries a new personal link: the old token's plain text is not kept, so the
    earlier link stops working (a draft is kept by the browser, not the link). ``not_since``:
    leave out those reminded on that day or later (the daily reminder's window)."""
    today = today or timezone.localdate()
    wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise ConflictError(NOT_OPEN)
    invitations = wave.survey.distribution == Distribution.INVITATIONS
    due = Participant.objects.filter(wave=wave, answered=False, person__user__is_active=True)
    if invitations:
        due = due.filter(invited=True)
    due = (
        due.exclude(reminded_on__gte=not_since or today)
        .select_related("person__user")
        .order_by("pk")
    )
    count = 0
    for participant in due:
        participant.wave = wave
        fields = ["reminded_on"]
        if invitations:
            token = new_token()
            participant.token_digest = digest(token)
            fields.append("token_digest")
            url = answer_url(token)
        else:
            url = answer_url(wave.link_token)
        participant.reminded_on = today
        participant.save(update_fields=fields)
        count += _tell(participant, SURVEY_REMINDED, url, actor)
    # A person's press of the button is recorded even when nobody was left to remind; the
    # daily job's runs only when they told someone.
    if count or actor is not None:
        audit_record(
            actor=actor, action=SurveyAction.REMINDED, target=wave, changes={"reminded": count}
        )
    return count


# Answering ---------------------------------------------------------------------------------


def question_rules(wave: Wave) -> list[QuestionRule]:
    return [
        QuestionRule(
            q.key, q.kind, q.required, tuple(str(o.get("value", "")) for o in q.options or ())
        )
        for q in Question.objects.filter(survey_id=wave.survey_id).order_by("position", "pk")
    ]


def _group_of(ticket: Ticket, unit_key: str, role_key: str) -> tuple[str, str]:
    if ticket.participant is not None:
        return ticket.participant.unit_key, ticket.participant.role_key
    if not unit_key and not role_key:
        return "", ""  # "prefer not to say"
    if not WaveGroup.objects.filter(
        wave=ticket.wave, unit_key=unit_key, role_key=role_key
    ).exists():
        raise SurveyError(UNKNOWN_GROUP, field="group")
    return unit_key, role_key


def response_submit(
    *,
    ticket: Ticket,
    answers: Mapping[str, Any],
    unit_key: str = "",
    role_key: str = "",
    draft_key: str | None = None,
) -> Response:
    """Store one response. Not audited, and not a ``user_action`` for the audit's sake only:
    it is still one transaction (see the module)."""
    with transaction.atomic(durable=True):
        wave = Wave.objects.select_for_update().get(pk=ticket.wave.pk)
        if wave.status != WaveStatus.OPEN:
            raise WaveNotOpen(WAVE_NOT_OPEN)
        if ticket.participant is not None:
            participant = Participant.objects.select_for_update().get(pk=ticket.participant.pk)
            if participant.answered:
                raise AlreadyAnswered(ALREADY_ANSWERED)
        checked = answers_check(question_rules(wave), answers)
        if checked.errors:
            raise SurveyError(ANSWERS_INVALID, errors=checked.errors)
        unit_key, role_key = _group_of(ticket, unit_key, role_key)
        response = Response.objects.create(wave=wave, unit_key=unit_key, role_key=role_key)
        questions = {
            key: (pk, kind)
            for key, pk, kind in Question.objects.filter(survey_id=wave.survey_id).values_list(
                "key", "pk", "kind"
            )
        }
        rows: list[Answer] = []
        for key, value in checked.values.items():
            question_id, kind = questions[key]
            if isinstance(value, list):  # a multiple choice: one row per choice
                rows.extend(
                    Answer(response=response, question_id=question_id, choice=c) for c in value
                )
            elif isinstance(value, int):
                rows.append(Answer(response=response, question_id=question_id, number=value))
            elif kind == QuestionKind.SINGLE:
                rows.append(Answer(response=response, question_id=question_id, choice=value))
            else:
                rows.append(Answer(response=response, question_id=question_id, text=value))
        Answer.objects.bulk_create(rows)
        if ticket.participant is not None:
            Participant.objects.filter(pk=ticket.participant.pk).update(answered=True)
        if draft_key:
            Draft.objects.filter(wave=wave, key_digest=digest(draft_key)).delete()
        # The figures of the open wave take it in once k are waiting (docs/anonymity.md).
        responses_release(wave=wave, k=survey_k(wave.survey, anonymity_floor()))
        return response


def draft_save(*, wave: Wave, answers: Mapping[str, Any], key: str | None = None) -> str:
    """Keep what was answered so far under ``key`` (a new random one when None); returns the
    key for the respondent's browser. Not audited, like answering."""
    key = key or new_token()
    keys = set(Question.objects.filter(survey_id=wave.survey_id).values_list("key", flat=True))
    # The respondent's choice of group rides along under its own key.
    kept = {k: v for k, v in answers.items() if k in keys or k == DRAFT_GROUP}
    with transaction.atomic(durable=True):
        Draft.objects.update_or_create(
            key_digest=digest(key),
            defaults={"wave": wave, "answers": kept, "saved_on": timezone.localdate()},
        )
    return key
