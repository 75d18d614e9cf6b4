"""The risk register.

``rules`` holds the pure rules (score, severity, overdue reviews), ``services`` the
writes, one function per user action, and ``queries`` the reads that pages, exports and the
API share. All three are re-exported here, the sub-domain's front.
"""

from wandel.governance.risks.queries import *  # noqa: F403
from wandel.governance.risks.rules import *  # noqa: F403
from wandel.governance.risks.services import *  # noqa: F403
