"""Budgets of use cases: requests, spending, and what the steering committee approved.

``services`` holds the writes, one function per user action; ``queries`` the figures,
lists and totals that pages, the API and the overview share. Both are re-exported here,
the sub-domain's front.
"""

from wandel.governance.budgets.queries import *  # noqa: F403
from wandel.governance.budgets.services import *  # noqa: F403
