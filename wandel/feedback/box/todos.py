"""What the home page lists for the programme team: posts that still wait for a first
answer, oldest first, each due when the promised time runs out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.queries import first_rows
from wandel.core.roles import Permission
from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.feedback.box.models import FeedbackItem, FeedbackStatus
from wandel.feedback.box.rules import PROMISED_DAYS


def waiting_for_an_answer(user: Any) -> ToDoList | None:
    if not user.has_perm(Permission.ANSWER_FEEDBACK):
        return None
    rows = (
        FeedbackItem.objects.filter(first_answered_on__isnull=True)
        .exclude(status__in=(FeedbackStatus.DONE, FeedbackStatus.DECLINED))
        .only("pk", "title", "kind", "posted_on")
        .order_by("posted_on", "pk")
    )
    first = first_rows(rows, FIRST)
    if not first.total:
        return None
    return ToDoList(
        heading=_("Feedback and ideas waiting for an answer"),
        items=[
            ToDo(
                item.title,
                item.get_absolute_url(),
                item.get_kind_display(),
                item.posted_on + timedelta(days=PROMISED_DAYS),
            )
            for item in first.rows
        ],
        total=first.total,
        more_url=reverse("feedback:box"),
        position=60,
    )
