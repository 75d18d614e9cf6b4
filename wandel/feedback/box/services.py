"""Writes of the feedback box: posting (named or anonymous), supporting and withdrawing
support, the programme team's answer, status changes, and promoting an idea to a use case.
One function per user action, each its own transaction with its audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.feedback.box import notifications
from wandel.feedback.box.models import (
    BoxAction,
    FeedbackItem,
    FeedbackKind,
    FeedbackStatus,
    FeedbackSupport,
)
from wandel.portfolio.use_cases.models import Follow, UseCase
from wandel.portfolio.use_cases.services import use_case_add

__all__ = [
    "ALREADY_PROMOTED",
    "ANSWER_REQUIRED",
    "ONLY_IDEAS",
    "OWN_ITEM",
    "TEXT_REQUIRED",
    "TITLE_REQUIRED",
    "BoxConflict",
    "BoxError",
    "item_answer",
    "item_post",
    "item_promote",
    "item_set_status",
    "item_support",
    "item_unsupport",
]

TITLE_REQUIRED = _("Give your post a short title.")
TEXT_REQUIRED = _("Say what you want to tell the programme team.")
ANSWER_REQUIRED = _("Write the answer everyone will read.")
OWN_ITEM = _("You posted this; others can support it.")
ONLY_IDEAS = _("Only an idea can become a use case.")
ALREADY_PROMOTED = _("This idea is already the use case “%(use_case)s”.")


class BoxError(DomainError):
    """A post, answer or promotion the rules refuse; the message is for the user."""


class BoxConflict(ConflictError, BoxError):
    """Fine in itself, but the item's state does not allow it."""


@user_action
def item_post(
    *,
    kind: str,
    category: str,
    title: str,
    text: str,
    anonymous: bool,
    actor: User,
) -> FeedbackItem:
    """Post feedback, a question or an idea; an anonymous post keeps no trace of its
    poster."""
    title, text = title.strip(), text.strip()
    if not title:
        raise BoxError(TITLE_REQUIRED, field="title")
    if not text:
        raise BoxError(TEXT_REQUIRED, field="text")
    item = FeedbackItem(
        kind=kind,
        category=category,
        title=title,
        text=text,
        anonymous=anonymous,
        author=None if anonymous else actor,
        posted_on=timezone.localdate(),
    )
    try:
        item.full_clean()
    except ValidationError as error:
        raise BoxError.from_validation_error(error) from None
    item.save()
    # An anonymous post writes no audit event at all, not even one without an actor: an
    # event carries the exact time, which matched against the poster's next recorded step
    # (a support a minute later) or a server log would name them. Like answering a survey,
    # posting anonymously is no change of anyone's records that needs tracing; everything
    # the team does with the item afterwards is audited.
    if not anonymous:
        audit_record(
            actor=actor,
            action=BoxAction.POSTED,
            target=item,
            changes={"kind": item.kind, "category": item.category},
        )
    return item


@user_action
def item_support(*, item: FeedbackItem, actor: User) -> FeedbackSupport:
    """Add ``actor``'s +1; supporting twice changes nothing."""
    stored = _locked(item)
    if stored.author_id == actor.pk:
        raise BoxConflict(OWN_ITEM)
    support, created = FeedbackSupport.objects.get_or_create(item=stored, user=actor)
    if created:
        audit_record(
            actor=actor,
            action=BoxAction.SUPPORTED,
            target=stored,
            changes={"supporters": _supporters(stored)},
        )
    return support


@user_action
def item_unsupport(*, item: FeedbackItem, actor: User) -> None:
    """Take ``actor``'s +1 back; without one, nothing changes."""
    stored = _locked(item)
    deleted, _count = FeedbackSupport.objects.filter(item=stored, user=actor).delete()
    if deleted:
        audit_record(
            actor=actor,
            action=BoxAction.SUPPORT_WITHDRAWN,
            target=stored,
            changes={"supporters": _supporters(stored)},
        )


@user_action
def item_answer(
    *,
    item: FeedbackItem,
    answer: str,
    status: str = FeedbackStatus.ANSWERED,
    actor: User,
) -> FeedbackItem:
    """Give (or correct) the public answer and set the status; the date of the first answer
    is kept for the KPI and never moves."""
    answer = answer.strip()
    if not answer:
        raise BoxError(ANSWER_REQUIRED, field="answer")
    if status not in FeedbackStatus.values:
        raise BoxError(_("Choose a status."), field="status")
    stored = _locked(item)
    changes: dict[str, Any] = {}
    if stored.answer != answer:
        changes["answer"] = {"from": stored.answer, "to": answer}
    if stored.status != status:
        changes["status"] = {"from": stored.status, "to": status}
    if not changes:
        return stored
    stored.answer, stored.status, stored.answered_by = answer, status, actor
    if stored.first_answered_on is None:
        stored.first_answered_on = timezone.localdate()
        changes["first_answered_on"] = stored.first_answered_on
    stored.save()
    audit_record(actor=actor, action=BoxAction.ANSWERED, target=stored, changes=changes)
    notifications.tell_poster(notifications.ANSWERED, stored, actor)
    return stored


@user_action
def item_set_status(*, item: FeedbackItem, status: str, actor: User) -> FeedbackItem:
    """Move an item to another status; the named poster is told."""
    if status not in FeedbackStatus.values:
        raise BoxError(_("Choose a status."), field="status")
    stored = _locked(item)
    if stored.status == status:
        return stored
    before = stored.status
    stored.status = status
    stored.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=BoxAction.STATUS_CHANGED,
        target=stored,
        changes={"status": {"from": before, "to": status}},
    )
    notifications.tell_poster(notifications.STATUS_CHANGED, stored, actor, status=status)
    return stored


@user_action
def item_promote(*, item: FeedbackItem, actor: User, **use_case_fields: Any) -> UseCase:
    """Make an idea a use case in one step: the portfolio's own submission (its audit event
    and notifications included), linked to the item, the item planned, and its named poster
    following the use case. The use case is submitted by whoever promotes it, who answers
    for its intake; the poster is told and hears of every move as a follower."""
    stored = _locked(item)
    if stored.kind != FeedbackKind.IDEA:
        raise BoxConflict(ONLY_IDEAS)
    if stored.use_case_id is not None:
        raise BoxConflict(ALREADY_PROMOTED % {"use_case": stored.use_case})
    try:
        use_case = use_case_add(actor=actor, **use_case_fields)
    except ValidationError as error:
        raise BoxError.from_validation_error(error) from None
    before = stored.status
    stored.use_case = use_case
    if stored.status in (FeedbackStatus.RECEIVED, FeedbackStatus.IN_REVIEW):
        stored.status = FeedbackStatus.PLANNED
    stored.save(update_fields=["use_case", "status"])
    if stored.author is not None:
        Follow.objects.get_or_create(use_case=use_case, user=stored.author)
    changes: dict[str, Any] = {"use_case": str(use_case)}
    if stored.status != before:
        changes["status"] = {"from": before, "to": stored.status}
    audit_record(actor=actor, action=BoxAction.PROMOTED, target=stored, changes=changes)
    notifications.tell_poster(notifications.PROMOTED, stored, actor, use_case=use_case.title)
    return use_case


def _locked(item: FeedbackItem) -> FeedbackItem:
    return (
        FeedbackItem.objects.select_for_update(of=("self",))
        .select_related("author", "use_case")
        .get(pk=item.pk)
    )


def _supporters(item: FeedbackItem) -> int:
    return FeedbackSupport.objects.filter(item=item).count()
