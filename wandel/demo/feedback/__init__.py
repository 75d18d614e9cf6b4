"""The demo company's feedback: the ADKAR readiness survey (two closed waves, their heat map
differing by division, small units withheld), the GenAI pulse survey shared by its anonymous
link (a closed wave with comments, an open one), a feedback and idea box with posts in every
status, and the office hours of the trainer and the programme admin. The content is in
``data/*.toml``."""

from __future__ import annotations

from wandel.demo.base import DemoLoader
from wandel.demo.feedback.load import check_feedback, feedback_present, load_feedback

LOADER = DemoLoader(
    "feedback",
    position=500,
    check=check_feedback,
    load=load_feedback,
    present=feedback_present,
)
