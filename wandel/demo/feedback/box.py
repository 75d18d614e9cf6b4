"""The demo company's feedback and idea box, through the box's services: posts named and
anonymous, supported by colleagues, answered in public by the programme team, in every
status; one idea promoted to a use case."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.demo.base import DemoRun
from wandel.demo.feedback.specs import ItemSpec, box
from wandel.feedback.box.models import FeedbackItem, FeedbackStatus
from wandel.feedback.box.services import (
    item_answer,
    item_post,
    item_promote,
    item_set_status,
    item_support,
)
from wandel.org.models import Unit
from wandel.portfolio.use_cases.models import UseCase


def load_box(run: DemoRun, rng: random.Random) -> None:
    data = box()
    team = User.objects.get(email=data.answered_by)
    staff = list(User.objects.filter(is_active=True, person__isnull=False).order_by("pk"))
    for spec in data.items:
        poster = User.objects.get(email=spec.author) if spec.author else _anyone(rng, staff)
        item = item_post(
            kind=spec.kind,
            category=spec.category,
            title=spec.title,
            text=spec.text,
            anonymous=spec.author is None,
            actor=poster,
        )
        others = [user for user in staff if user.pk != item.author_id and user != poster]
        for supporter in rng.sample(others, min(spec.supporters, len(others))):
            item_support(item=item, actor=supporter)
        _handle(item, spec, team)
    run.say(f"Feedback box: {len(data.items)} posts")


# The promoted idea was posted three weeks ago and became a use case a week later: older than
# the newest use cases of the portfolio's story, as it would be in real use. (Stamped today,
# it would head the portfolio in every size of the demo under a different id in each.)
POSTED_DAYS_AGO = 21
PROMOTED_DAYS_AGO = 14


def _promoted_weeks_ago(item: FeedbackItem) -> None:
    today = timezone.localdate()
    promoted = timezone.make_aware(
        datetime.combine(today - timedelta(days=PROMOTED_DAYS_AGO), time(10))
    )
    FeedbackItem.objects.filter(pk=item.pk).update(
        posted_on=today - timedelta(days=POSTED_DAYS_AGO)
    )
    use_case_id = FeedbackItem.objects.values_list("use_case_id", flat=True).get(pk=item.pk)
    UseCase.objects.filter(pk=use_case_id).update(created_at=promoted, stage_changed_at=promoted)


def _anyone(rng: random.Random, staff: list[User]) -> User:
    return rng.choice(staff)


def _handle(item: FeedbackItem, spec: ItemSpec, team: User) -> None:
    if spec.promote:
        unit = Unit.objects.get(code=spec.promote_unit)
        item_promote(
            item=item,
            actor=team,
            title=spec.title,
            problem=spec.promote_problem,
            process=spec.promote_process,
            unit=unit,
            expected_benefit=spec.promote_benefit,
            data_involved=spec.promote_data,
            personal_data=False,
            capability=spec.promote_capability,
        )
        _promoted_weeks_ago(item)
    if spec.answer:
        item_answer(item=item, answer=spec.answer, status=spec.status, actor=team)
    elif spec.status != FeedbackStatus.RECEIVED:
        item_set_status(item=item, status=spec.status, actor=team)
