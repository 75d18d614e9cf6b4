"""What the demo adds to the extension points (see ``core.registry``): its audit action, and
each app's part of the demo organisation, loaded in the order of their ``position``."""

from __future__ import annotations

from wandel.core.audit import AUDIT_ACTIONS
from wandel.demo import enablement, feedback, governance, org, portfolio
from wandel.demo.base import DemoAction
from wandel.demo.generator import DEMO_LOADERS
from wandel.demo.governance.gate import approve_for_gate
from wandel.demo.portfolio.hand_written import BEFORE_MOVE

AUDIT_ACTIONS.register(DemoAction)
DEMO_LOADERS.register(org.LOADER)
DEMO_LOADERS.register(portfolio.LOADER)
DEMO_LOADERS.register(governance.LOADER)
DEMO_LOADERS.register(enablement.LOADER)
DEMO_LOADERS.register(feedback.LOADER)
# The governance gate lets a use case into pilot or production only with its approvals.
BEFORE_MOVE.register(approve_for_gate)
