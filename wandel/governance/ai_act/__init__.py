"""The EU AI Act classification of use cases, for the organisation that deploys them.

``questionnaire`` holds the parsed questionnaire, ``validation`` checks a file, ``loader``
finds the file in use and caches it; ``engine`` is the pure classification, ``services``
the writes and ``queries`` the reads. The names other modules use are re-exported here
(the gates call ``classification_state``).
"""

from wandel.governance.ai_act.engine import Outcome, evaluate
from wandel.governance.ai_act.loader import load_questionnaire
from wandel.governance.ai_act.queries import (
    classification_state,
    current_classification,
    pending_classification,
)
from wandel.governance.ai_act.questionnaire import Questionnaire, QuestionnaireError
from wandel.governance.ai_act.services import (
    AiActError,
    classification_decide,
    classification_record,
    obligation_confirm,
)

__all__ = [
    "AiActError",
    "Outcome",
    "Questionnaire",
    "QuestionnaireError",
    "classification_decide",
    "classification_record",
    "classification_state",
    "current_classification",
    "evaluate",
    "load_questionnaire",
    "obligation_confirm",
    "pending_classification",
]
