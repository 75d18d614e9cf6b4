"""What the portfolio tells people: who owns a use case, where it moved, what is new."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.core.roles import Role
from wandel.org.models import Person, RoleAssignment
from wandel.portfolio.gates import is_gate
from wandel.portfolio.use_cases.models import Follow, Stage, UseCase

OWNER_ASSIGNED = NotificationEvent(
    key="portfolio.owner_assigned",
    label=_("You were made product owner of a use case"),
    message=_("You are now the product owner of “%(use_case)s”."),
)
MOVED = NotificationEvent(
    key="portfolio.moved",
    label=_("A use case you own, submitted, support or follow moved to another stage"),
    message=_("“%(use_case)s” moved from %(from)s to %(to)s."),
    choices={"from": Stage, "to": Stage},
)
GATE_PASSED = NotificationEvent(
    key="portfolio.gate_passed",
    label=_("A use case you own, submitted, support or follow passed a gate (pilot, production)"),
    message=_("“%(use_case)s” passed the gate and moved from %(from)s to %(to)s."),
    choices={"from": Stage, "to": Stage},
)
GATE_REFUSED = NotificationEvent(
    key="portfolio.gate_refused",
    label=_("Someone tried to move a use case you own or submitted through a gate and was refused"),
    message=_(
        "%(actor)s tried to move “%(use_case)s” to %(to)s; the gate refused it with "
        "%(missing)s item(s) missing. The checklist on its page shows who gives them."
    ),
    choices={"to": Stage},
)
SUBMITTED = NotificationEvent(
    key="portfolio.submitted",
    label=_("A new use case was submitted (works council)"),
    message=_(
        "New use case “%(use_case)s” from %(unit)s: it may need the works council's assessment."
    ),
)
SUBMITTED_WITH_PERSONAL_DATA = NotificationEvent(
    key="portfolio.submitted_personal_data",
    label=_("A new use case with personal data was submitted (data protection, ethics board)"),
    message=_(
        "New use case “%(use_case)s” from %(unit)s works with personal data: it needs a DPIA "
        "check and an ethics review before a pilot."
    ),
)
EVENTS = (
    OWNER_ASSIGNED,
    MOVED,
    GATE_PASSED,
    GATE_REFUSED,
    SUBMITTED,
    SUBMITTED_WITH_PERSONAL_DATA,
)


def account_of(person: Person | None) -> User | None:
    return person.user if person is not None and person.user_id else None


def holders(role: Role) -> Iterable[User]:
    """The accounts of everyone who holds ``role`` today."""
    people = RoleAssignment.objects.current().filter(role=role, person__active=True)
    return User.objects.filter(person__in=people.values("person"), is_active=True)


def owner_assigned(use_case: UseCase, person: Person | None, actor: User | None) -> None:
    notify(
        recipients=[account_of(person)],
        event=OWNER_ASSIGNED,
        params={"use_case": use_case.title},
        url=use_case.get_absolute_url(),
        actor=actor,
    )


def moved(use_case: UseCase, from_stage: str, actor: User | None) -> None:
    """Owner, submitter and followers hear of every move; a move into a gated stage (every
    such move was checked at the gate) is told as the gate passed."""
    followers = User.objects.filter(pk__in=Follow.objects.filter(use_case=use_case).values("user"))
    notify(
        recipients=[account_of(use_case.product_owner), use_case.submitted_by, *followers],
        event=GATE_PASSED if is_gate(use_case.stage) else MOVED,
        params={"use_case": use_case.title, "from": from_stage, "to": use_case.stage},
        url=use_case.get_absolute_url(),
        actor=actor,
    )


def gate_refused(use_case: UseCase, to: str, missing: int, actor: User | None) -> None:
    """Owner and submitter hear when someone else meets a gate on their use case."""
    if not is_gate(to):
        return
    notify(
        recipients=[account_of(use_case.product_owner), use_case.submitted_by],
        event=GATE_REFUSED,
        params={
            "actor": actor.get_full_name() if actor is not None else "Wandel",
            "use_case": use_case.title,
            "to": to,
            "missing": missing,
        },
        url=use_case.get_absolute_url(),
        actor=actor,
    )


def submitted(use_case: UseCase, actor: User | None) -> None:
    """The works council hears of every new use case; the data-protection officer and the
    ethics board of those with personal data, which need their check and review."""
    params = {"use_case": use_case.title, "unit": use_case.unit.name}
    url = use_case.get_absolute_url()
    notify(
        recipients=holders(Role.WORKS_COUNCIL),
        event=SUBMITTED,
        params=params,
        url=url,
        actor=actor,
    )
    if use_case.personal_data:
        notify(
            recipients=[*holders(Role.DATA_PROTECTION), *holders(Role.ETHICS_BOARD)],
            event=SUBMITTED_WITH_PERSONAL_DATA,
            params=params,
            url=url,
            actor=actor,
        )
