"""Bodies, meetings, agendas and the decision register.

``meetings`` and ``services`` hold the writes (bodies, meetings and agendas; decisions and
their conditions), one function per user action; ``queries`` the reads that pages,
exports, the API and the gates share. All are re-exported here, the sub-domain's
front (the gates call ``gate_approved``, the demo the services).
"""

from wandel.governance.decisions.meetings import *  # noqa: F403
from wandel.governance.decisions.queries import *  # noqa: F403
from wandel.governance.decisions.services import *  # noqa: F403
