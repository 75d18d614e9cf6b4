"""The home page's list of sessions a person attended and may still evaluate, the one that
closes first at the top."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.enablement.assessment.rules import EVALUATION_DAYS, evaluation_closes
from wandel.enablement.trainings.models import Enrolment, EnrolmentStatus


def sessions_to_evaluate(user: Any) -> ToDoList | None:
    person = getattr(user, "person", None)
    if person is None:
        return None
    now = timezone.now()
    open_ = (
        Enrolment.objects.filter(
            person=person,
            status=EnrolmentStatus.ENROLLED,
            attended=True,
            evaluated=False,
            session__ends_at__lte=now,
            session__ends_at__gt=now - timedelta(days=EVALUATION_DAYS),
        )
        .select_related("session__course")
        .order_by("session__ends_at", "pk")
    )
    found = list(open_[: FIRST + 1])
    if not found:
        return None
    total = len(found) if len(found) <= FIRST else open_.count()
    return ToDoList(
        heading=_("Sessions to evaluate"),
        items=[
            ToDo(
                enrolment.session.course.title,
                reverse("enablement:evaluate", args=[enrolment.pk]),
                _("anonymous, a minute"),
                due=timezone.localdate(evaluation_closes(enrolment.session.ends_at)),
            )
            for enrolment in found[:FIRST]
        ],
        total=total,
        position=260,
    )
