"""What else the steering committee decides on, besides use cases.

A budget request waits for an approval, a risk for its acceptance. The decision register
links such a record through a foreign key of ``Decision`` and ``AgendaItem`` (named in the
``Subject``), and the sub-domain that owns the record registers it here (in governance's
``hooks.py``). The register then lists what waits on the steering page, puts it on a
meeting's agenda, and tells the owner when a decision about one is recorded, without
importing the sub-domain: the sub-domains import the register, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from wandel.core.registry import Hook
from wandel.governance.decisions.models import Decision

if TYPE_CHECKING:
    from wandel.core.models import User

__all__ = ["SUBJECTS", "Subject", "subject_model", "subject_records"]


@dataclass(frozen=True)
class Subject:
    """A kind of record that waits for a steering-committee decision.

    ``field`` is the foreign key of ``Decision`` and ``AgendaItem`` that links it;
    ``waiting`` lists the records waiting now, oldest first; ``agenda_topic`` is the topic
    (an ``AgendaTopic``) of the item that puts one, under its title, on an agenda;
    ``template`` draws the table of waiting records on the steering page (it gets ``items``
    and ``can_decide``); ``decided`` runs inside the transaction that records a decision
    about one of them.
    """

    field: str
    agenda_kind: str
    heading: Promise
    template: str
    waiting: Callable[[], Iterable[Any]]
    agenda_topic: str
    decided: Callable[[Any, User | None], None] | None = None


SUBJECTS: Hook[Subject] = Hook("decision subjects")


def subject_model(field: str) -> type[Model]:
    """The model a decision's foreign key ``field`` points to (``budget_request`` is a
    budget request), for pickers and lookups of the register."""
    model = Decision._meta.get_field(field).related_model
    assert isinstance(model, type)
    return model


def subject_records(field: str) -> QuerySet[Any]:
    """All records a decision's foreign key ``field`` may point to."""
    return subject_model(field)._default_manager.all()
