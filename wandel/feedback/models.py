"""The feedback models, for Django to find: each sub-domain keeps its own in its package
(``surveys.models``, ``box.models``, ``officehours.models``), and code imports them from
there."""

from wandel.feedback.box.models import *  # noqa: F403
from wandel.feedback.officehours.models import *  # noqa: F403
from wandel.feedback.surveys.models import *  # noqa: F403
