"""Forms of the EU AI Act classification.

The questionnaire form has one answer field and one rationale field per question of the
file. Which questions count is the engine's decision: the form shows them all (without
JavaScript it is one long form) and takes only the answers to the questions that are asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.widgets import DateInput
from wandel.governance.ai_act.engine import Outcome, evaluate, rationale_problems
from wandel.governance.ai_act.models import Classification
from wandel.governance.ai_act.questionnaire import Question, Questionnaire
from wandel.governance.ai_act.services import RATIONALE_MAX


def answer_name(question: Question) -> str:
    return f"answer_{question.id}"


def rationale_name(question: Question) -> str:
    return f"rationale_{question.id}"


class ClassificationForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        questionnaire: Questionnaire,
        current: Classification | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        stored: Mapping[str, Any] = current.answers if current else {}
        reasons: Mapping[str, str] = current.rationales if current else {}
        for question in questionnaire.questions:
            choices = [(o.id, str(o.label)) for o in question.options]
            field: forms.Field
            if question.multiple:
                field = forms.MultipleChoiceField(
                    label=str(question.text),
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                field = forms.ChoiceField(
                    label=str(question.text),
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                )
            field.initial = stored.get(question.id)
            self.fields[answer_name(question)] = field
            self.fields[rationale_name(question)] = forms.CharField(
                label=_("Rationale"),
                required=False,
                max_length=RATIONALE_MAX,
                initial=reasons.get(question.id, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Question, forms.BoundField, forms.BoundField, list[Any]]]:
        """Per question: its answer field, its rationale field, and (option, choice) pairs."""
        rows = []
        for question in self.questionnaire.questions:
            answer = self[answer_name(question)]
            choices = list(zip(question.options, answer, strict=True))
            rows.append((question, answer, self[rationale_name(question)], choices))
        return rows

    def current_answers(self) -> dict[str, Any]:
        """The answers as they stand, from the submitted data or the initial values."""
        answers: dict[str, Any] = {}
        for question in self.questionnaire.questions:
            name = answer_name(question)
            if self.is_bound:
                value: Any = (
                    self.data.getlist(name)  # type: ignore[attr-defined]
                    if question.multiple and hasattr(self.data, "getlist")
                    else self.data.get(name)
                )
            else:
                value = self.fields[name].initial
            if value:
                answers[question.id] = value
        return answers

    def preview(self) -> Outcome:
        return evaluate(self.questionnaire, self.current_answers())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = {
            q.id: data[answer_name(q)]
            for q in self.questionnaire.questions
            if data.get(answer_name(q))
        }
        self.outcome = evaluate(self.questionnaire, given)
        # Only the reasons for answers that count; the others belong to questions not asked.
        self._rationales = {
            question_id: data.get(f"rationale_{question_id}") or ""
            for question_id in self.outcome.answers
        }
        for question_id, problem in self.outcome.problems.items():
            self.add_error(f"answer_{question_id}", str(problem))
        for question_id, problem in rationale_problems(self.outcome, self._rationales).items():
            self.add_error(f"rationale_{question_id}", str(problem))
        return data

    def answers(self) -> dict[str, str | list[str]]:
        """The answers that count, as a classification stores them (after ``is_valid``)."""
        return self.outcome.stored_answers()

    def rationales(self) -> dict[str, str]:
        return dict(self._rationales)


class ConfirmationForm(forms.Form):
    obligation = forms.CharField(widget=forms.HiddenInput, max_length=80)
    confirmed_on = forms.DateField(
        label=_("Confirmed on"), widget=DateInput, initial=timezone.localdate
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows that the obligation is met, e.g. a document, a record, a link."),
    )
