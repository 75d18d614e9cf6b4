"""What the check says about a questionnaire file: one message for each kind of problem,
with the JSON path (and the id or value concerned) filled in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MISSING = _("%(path)s is missing")
NOT_TEXT = _("%(path)s must be a text")
EMPTY = _("%(path)s is empty")
NOT_LIST = _("%(path)s must be a list")
EMPTY_LIST = _("%(path)s must not be empty")
NOT_OBJECT = _("%(path)s must be an object")
NOT_BOOL = _("%(path)s must be true or false")
UNKNOWN_FIELD = _("%(path)s is not a known field")
BAD_ID = _("%(path)s must start with a lower-case letter and contain only a-z, 0-9 and _")
DUPLICATE_ID = _("%(path)s: “%(id)s” is used twice")
BAD_DATE = _("%(path)s must be a date written as YYYY-MM-DD")
BAD_FORMAT = _("%(path)s must be %(format)d, the format this version of Wandel reads")
BAD_KIND = _("%(path)s must be “single” or “multiple”")
TOO_FEW_OPTIONS = _("%(path)s needs at least two options")
EXCLUSIVE_IN_SINGLE = _("%(path)s is only possible in questions with several answers")
UNKNOWN_SECTION = _("%(path)s: there is no section “%(id)s”")
UNKNOWN_QUESTION = _("%(path)s: there is no question “%(id)s”")
LATER_QUESTION = _("%(path)s: question “%(id)s” is not asked before this one")
UNKNOWN_OPTION = _("%(path)s: question “%(question)s” has no answer “%(id)s”")
UNKNOWN_FACT = _("%(path)s: no answer sets the fact “%(id)s”")
LATER_FACT = _("%(path)s: no answer before this question sets the fact “%(id)s”")
UNKNOWN_CONDITION = _("%(path)s: there is no condition “%(id)s” defined before it")
BAD_CONDITION = _(
    "%(path)s is not a condition: write true, false, or an object with one of "
    "fact, answer (with in), all, any, not, condition, class"
)
CLASS_NOT_HERE = _("%(path)s: “class” can only be used in the conditions of obligations")
UNKNOWN_CLASS = _("%(path)s: “%(id)s” is not a risk class (%(classes)s)")
LAST_DATE_CONDITIONAL = _("%(path)s: the last date must apply without a condition")
