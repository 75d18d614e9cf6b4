"""The demo company's trainings: a catalogue of fifteen courses, learning paths for
everyone, for product owners and for development and IT, a year of sessions with their
attendance, and AI-literacy coverage that differs by division (green, amber and red against
a target of 90 %). The content is in ``data/trainings.toml``."""

from __future__ import annotations

from wandel.demo.base import DemoLoader
from wandel.demo.enablement.load import check_enablement, enablement_present, load_enablement

LOADER = DemoLoader(
    "enablement",
    position=400,
    check=check_enablement,
    load=load_enablement,
    present=enablement_present,
)
