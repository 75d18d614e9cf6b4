"""The enablement models, for Django to find: each sub-domain keeps its own in its package
(``trainings.models``, ``literacy.models``, ``sprints.models``), and code imports them from
there."""

from wandel.enablement.literacy.models import *  # noqa: F403
from wandel.enablement.sprints.models import *  # noqa: F403
from wandel.enablement.trainings.models import *  # noqa: F403
