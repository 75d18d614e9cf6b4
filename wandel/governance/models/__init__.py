"""The governance models, one module per sub-domain."""

from wandel.governance.models.ai_act import *  # noqa: F403
from wandel.governance.models.decisions import *  # noqa: F403
from wandel.governance.models.reviews import *  # noqa: F403
from wandel.governance.models.risks import *  # noqa: F403
