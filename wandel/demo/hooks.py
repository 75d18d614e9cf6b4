"""What the demo loader adds to the extension points (see ``core.registry``)."""

from __future__ import annotations

from wandel.core.audit import AUDIT_ACTIONS
from wandel.demo.base import DemoAction

AUDIT_ACTIONS.register(DemoAction)
