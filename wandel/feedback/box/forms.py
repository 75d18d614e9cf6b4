"""Forms of the feedback box. They check types and lengths; the rules live in the
services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.feedback.box.models import FeedbackCategory, FeedbackKind, FeedbackStatus

ANONYMOUS_HELP = _(
    "Your name is not stored with the post, and only the day is, not the time. Nobody, "
    "the programme team included, can see who posted it, and you will not be notified "
    "of the answer: look for it here."
)


class PostForm(forms.Form):
    required_css_class = "required"

    kind = forms.ChoiceField(
        label=_("What is it?"), choices=FeedbackKind.choices, initial=FeedbackKind.FEEDBACK
    )
    category = forms.ChoiceField(
        label=_("Topic"), choices=FeedbackCategory.choices, initial=FeedbackCategory.OTHER
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}))
    anonymous = forms.BooleanField(
        label=_("Post anonymously"), required=False, help_text=ANONYMOUS_HELP
    )

    def post_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Public answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Everyone can read it, under the post."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (s.value, s.label)
            for s in FeedbackStatus
            if s not in (FeedbackStatus.RECEIVED, FeedbackStatus.IN_REVIEW)
        ],
        initial=FeedbackStatus.ANSWERED,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices)
