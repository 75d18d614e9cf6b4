"""Surveys, their waves, who takes part and the anonymous responses.

A **survey** is a list of questions in sections, each in German and English. It runs in
**waves** (the ADKAR survey every quarter); opening a wave fixes who belongs to it: one
**participant** row per person of the target group, holding the reporting group the person
belonged to that day (a snapshot at the granularity the survey reports, since HR data
changes later) and whether they have answered. An invitation is a participant with a token.

A **response** is what was answered, and nothing else (DESIGN.md, anonymity invariant): a
random id, its wave, the reporting group copied from the participant, no person, no
participant, no invitation, no address, no browser and no time (the wave dates it). Its
**answers** carry random ids too, so that no column orders responses by when they came in.
A partly answered survey is kept as a **draft** under a random key held by the respondent's
browser, with no person either, and removed when the response is sent.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Answer",
    "Distribution",
    "Draft",
    "Participant",
    "Question",
    "QuestionKind",
    "Response",
    "Section",
    "Survey",
    "SurveyAction",
    "SurveyKind",
    "SurveyStatus",
    "Wave",
    "WaveGroup",
    "WaveStatus",
]


class SurveyAction(models.TextChoices):
    """Audit actions of surveys. Answering is deliberately not among them: an event naming
    who answered, and when, would order the responses by person."""

    SURVEY_CREATED = "feedback.survey_created", _("Survey created")
    SURVEY_UPDATED = "feedback.survey_updated", _("Survey updated")
    WAVE_OPENED = "feedback.wave_opened", _("Survey wave opened")
    WAVE_CLOSED = "feedback.wave_closed", _("Survey wave closed")
    INVITED = "feedback.survey_invited", _("Survey invitations sent")
    REMINDED = "feedback.survey_reminded", _("Survey reminders sent")
    RESULTS_VIEWED = "feedback.results_viewed", _("Survey results viewed")
    RESULTS_EXPORTED = "feedback.results_exported", _("Survey results exported")
    ANONYMITY_SET = "feedback.anonymity_set", _("Minimum group size set")
    ANONYMITY_CONFIRMED = (
        "feedback.anonymity_confirmed",
        _("Minimum group size confirmed by the works council"),
    )


class SurveyKind(models.TextChoices):
    ADKAR = "adkar", _("ADKAR readiness")
    PULSE = "pulse", _("Pulse survey")
    TRAINING = "training", _("Training evaluation")
    CUSTOM = "custom", _("Custom survey")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class Distribution(models.TextChoices):
    LINK = "link", _("Anonymous link")
    INVITATIONS = "invitations", _("Personal invitations")


class QuestionKind(models.TextChoices):
    LIKERT5 = "likert5", _("Agreement, 5 points")
    LIKERT7 = "likert7", _("Agreement, 7 points")
    NPS = "nps", _("Recommendation, 0 to 10")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")


class WaveStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_de = models.CharField(_("title (German)"), max_length=200)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_de = models.TextField(_("introduction (German)"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SurveyKind.choices, default=SurveyKind.CUSTOM
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=20,
        choices=Distribution.choices,
        default=Distribution.INVITATIONS,
    )
    # The people asked: everyone in these units and below; everyone when empty.
    target_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("target units"), blank=True, related_name="+"
    )
    # The minimum group size k of this survey; never below the floor an admin sets
    # (``core.anonymity``), checked where it is saved.
    min_group = models.PositiveSmallIntegerField(
        _("minimum group size"), default=5, validators=[MinValueValidator(2)]
    )
    comment_threshold = models.PositiveSmallIntegerField(
        _("minimum responses for comments"), default=10, validators=[MinValueValidator(2)]
    )
    # How finely results may be broken down: by units this many levels below the top of
    # the tree (0: not by unit), and by role or not. Fixed once a wave has opened.
    unit_level = models.PositiveSmallIntegerField(
        _("break down by unit level"), default=1, validators=[MaxValueValidator(5)]
    )
    by_role = models.BooleanField(_("break down by role"), default=False)
    created_by = models.ForeignKey(
        "core.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ("-created_at",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(comment_threshold__gte=models.F("min_group")),
                name="survey_comments_not_below_min_group",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_de if (get_language() or "").startswith("de") else self.title_en

    @property
    def intro(self) -> str:
        return self.intro_de if (get_language() or "").startswith("de") else self.intro_en


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_de = models.CharField(_("title (German)"), max_length=200)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ("survey", "position", "pk")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_de if (get_language() or "").startswith("de") else self.title_en


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="questions",
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # A short name, unique in its survey, that results, exports and the API use
    # ("awareness", "trust").
    key = models.SlugField(_("key"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text_en = models.CharField(_("question (English)"), max_length=500)
    text_de = models.CharField(_("question (German)"), max_length=500)
    required = models.BooleanField(_("required"), default=True)
    # The choices of a choice question as [{"value": …, "en": …, "de": …}], in order.
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("survey", "position", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("survey", "key"), name="question_key_once"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_de if (get_language() or "").startswith("de") else self.text_en


class Wave(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="waves"
    )
    number = models.PositiveSmallIntegerField(_("wave"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WaveStatus.choices, default=WaveStatus.PLANNED
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # The anonymous link's secret, shown to those who manage surveys so that they can share
    # it; random, not derived from anything.
    link_token = models.CharField(_("link token"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ("survey", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("survey", "number"), name="wave_number_once"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="wave_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.survey} #{self.number}"


class WaveGroup(models.Model):
    """How many people of the target group belonged to a reporting group (unit at the
    survey's level × role) when the wave opened: the population the remainder rule and the
    response rate use. Empty keys stand for "not broken down"."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="groups"
    )
    unit_key = models.CharField(_("unit"), max_length=50, blank=True)
    unit_label = models.CharField(_("unit name"), max_length=200, blank=True)
    role_key = models.CharField(_("role"), max_length=32, blank=True)
    population = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("reporting group")
        verbose_name_plural = _("reporting groups")
        ordering = ("wave", "unit_label", "role_key")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("wave", "unit_key", "role_key"), name="wave_group_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_label or '–'} / {self.role_key or '–'}"


class Participant(models.Model):
    """A person asked in a wave: their reporting group that day and whether they have
    answered — never what. With personal invitations they hold the digest of their token."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    unit_key = models.CharField(_("unit"), max_length=50, blank=True)
    role_key = models.CharField(_("role"), max_length=32, blank=True)
    token_digest = models.CharField(
        _("invitation token digest"), max_length=64, unique=True, null=True, blank=True
    )
    invited = models.BooleanField(_("invited"), default=False)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("wave", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("wave", "person"), name="participant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.wave} – {self.person_id}"


class Response(models.Model):
    """One person's answers, with nothing that says whose or when (see the module)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="responses"
    )
    unit_key = models.CharField(_("unit"), max_length=50, blank=True)
    role_key = models.CharField(_("role"), max_length=32, blank=True)
    # Whether the figures of a wave still open may count it: responses are released in
    # batches of k (``surveys.results.responses_release``), so that a figure never moves by
    # one answer; every response counts once the wave has closed.
    released = models.BooleanField(_("released"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes: ClassVar = [models.Index(fields=("wave", "unit_key", "role_key"))]

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """The answer to one question: ``number`` for a scale (Likert 1–5 or 1–7, NPS 0–10),
    ``choice`` for a choice (one row per choice of a multiple choice), ``text`` for text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.SmallIntegerField(_("value"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=40, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes: ClassVar = [models.Index(fields=("question", "number", "choice"))]

    def __str__(self) -> str:
        return str(self.id)


class Draft(models.Model):
    """A partly answered survey, found again by the digest of a random key kept in the
    respondent's browser. Holds no person and no time finer than the day."""

    key_digest = models.CharField(_("key digest"), max_length=64, unique=True)
    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="drafts"
    )
    answers = models.JSONField(_("answers"), default=dict)
    saved_on = models.DateField(_("saved on"))

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return str(self.wave)
