"""The governance models, for Django to find: each sub-domain keeps its own in its package
(``decisions.models``, ``risks.models``, ...), and code imports them from there."""

from wandel.governance.ai_act.models import *  # noqa: F403
from wandel.governance.budgets.models import *  # noqa: F403
from wandel.governance.decisions.models import *  # noqa: F403
from wandel.governance.gate_requests.models import *  # noqa: F403
from wandel.governance.reviews.actions import *  # noqa: F403
from wandel.governance.reviews.codetermination.models import *  # noqa: F403
from wandel.governance.reviews.dpia.models import *  # noqa: F403
from wandel.governance.reviews.ethics.models import *  # noqa: F403
from wandel.governance.risks.models import *  # noqa: F403
