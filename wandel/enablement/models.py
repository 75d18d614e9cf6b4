"""The enablement models, for Django to find: each sub-domain keeps its own in its package
(``trainings.models``, ``literacy.models``, ``assessment.models``, ``lms.models``,
``community.models``, ``calendar.models``, ``sprints.models``), and code imports them from
there."""

from wandel.enablement.assessment.models import *  # noqa: F403
from wandel.enablement.calendar.models import *  # noqa: F403
from wandel.enablement.community.models import *  # noqa: F403
from wandel.enablement.literacy.models import *  # noqa: F403
from wandel.enablement.lms.models import *  # noqa: F403
from wandel.enablement.sprints.models import *  # noqa: F403
from wandel.enablement.trainings.models import *  # noqa: F403
