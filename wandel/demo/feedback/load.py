"""The demo company's feedback: surveys with their waves and responses (``surveys.py``),
the feedback and idea box (``box.py``) and office hours (``officehours.py``); the content is
in ``data/*.toml``."""

from __future__ import annotations

import random

from wandel.demo.base import DemoRun
from wandel.demo.feedback.box import load_box
from wandel.demo.feedback.officehours import load_office_hours
from wandel.demo.feedback.specs import box, office_hours, surveys
from wandel.demo.feedback.surveys import load_surveys
from wandel.feedback.box.models import FeedbackItem
from wandel.feedback.officehours.models import OfficeHourSeries
from wandel.feedback.surveys.models import Survey


def check_feedback(run: DemoRun) -> None:
    surveys()
    box()
    office_hours()


def feedback_present() -> bool:
    return (
        Survey.objects.exists()
        or FeedbackItem.objects.exists()
        or OfficeHourSeries.objects.exists()
    )


def load_feedback(run: DemoRun) -> None:
    load_surveys(run)
    # The box and the office hours draw from their own stream, so a change to the surveys
    # does not reshuffle who posted or booked.
    rng = random.Random(f"{run.seed}-feedback-box")
    load_box(run, rng)
    load_office_hours(run, rng)
