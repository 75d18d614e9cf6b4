"""The demo company's governance: two bodies, a year of meetings and decisions, the risk
register, budgets, ethics reviews, DPIAs, works-council involvement and EU AI Act
classifications, consistent with the portfolio.

It loads in three steps, one user action after another. ``setup`` creates the bodies, their
members and a year of meetings before the portfolio is loaded. While the portfolio moves a
use case into pilot or production, ``gate.approve_for_gate`` (registered in the portfolio
demo's ``BEFORE_MOVE``) first records everything that move needs, dated before it. ``load``
then adds the rest. The content is in ``data/``.
"""

from __future__ import annotations

from wandel.demo.base import DemoLoader
from wandel.demo.governance.load import check_governance, load_governance
from wandel.demo.governance.setup import setup_governance

LOADER = DemoLoader(
    "governance",
    position=300,
    check=check_governance,
    setup=setup_governance,
    load=load_governance,
)
