"""Supporting an idea (+1, one per person) and following a use case (being told when it
moves). Supporting also follows; the submitter, who hears of every move anyway, neither
supports their own idea nor needs to follow it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError
from wandel.core.models import User
from wandel.portfolio.use_cases.models import Follow, PortfolioAction, Support, UseCase
from wandel.portfolio.use_cases.permissions import CLOSED_STAGES

OWN_IDEA = _("You submitted this idea; others can support it.")
CLOSED = _("This use case is closed; it can no longer be supported.")


@user_action
def use_case_support(*, use_case: UseCase, actor: User) -> Support:
    """Add ``actor``'s support (and follow the use case); supporting twice changes nothing."""
    stored = UseCase.objects.select_for_update().get(pk=use_case.pk)
    if stored.submitted_by_id == actor.pk:
        raise ConflictError(OWN_IDEA)
    if stored.stage in CLOSED_STAGES:
        raise ConflictError(CLOSED)
    support, created = Support.objects.get_or_create(use_case=stored, user=actor)
    if created:
        Follow.objects.get_or_create(use_case=stored, user=actor)
        audit_record(
            actor=actor,
            action=PortfolioAction.SUPPORTED,
            target=stored,
            changes={"supporters": supporters(stored)},
        )
    return support


@user_action
def use_case_support_withdraw(*, use_case: UseCase, actor: User) -> None:
    """Take ``actor``'s support back; they keep following until they stop."""
    stored = UseCase.objects.select_for_update().get(pk=use_case.pk)
    deleted, _ = Support.objects.filter(use_case=stored, user=actor).delete()
    if deleted:
        audit_record(
            actor=actor,
            action=PortfolioAction.SUPPORT_WITHDRAWN,
            target=stored,
            changes={"supporters": supporters(stored)},
        )


@user_action
def use_case_follow(*, use_case: UseCase, actor: User, follow: bool) -> None:
    """Start or stop following: a person's own choice of what they are told, like their
    notification settings, so it is not an audited change of the use case."""
    if follow:
        Follow.objects.get_or_create(use_case=use_case, user=actor)
    else:
        Follow.objects.filter(use_case=use_case, user=actor).delete()


def supporters(use_case: UseCase) -> int:
    return Support.objects.filter(use_case=use_case).count()
