"""The portfolio models, for Django to find: each sub-domain keeps its own in its package
(``use_cases.models``, ``workshops.models``, ``measures.models``), and code imports them
from there."""

from wandel.portfolio.measures.models import *  # noqa: F403
from wandel.portfolio.use_cases.models import *  # noqa: F403
from wandel.portfolio.workshops.models import *  # noqa: F403
