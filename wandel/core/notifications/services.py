"""Writing notifications, reading them, and sending undelivered e-mail again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError
from wandel.core.models import (
    CoreAction,
    DeliveryKind,
    DeliveryStatus,
    EmailChoice,
    EmailDelivery,
    Notification,
    NotificationSettings,
    User,
)
from wandel.core.notifications.events import NotificationEvent

# The daily summary goes out at this hour of the installation's time zone.
DIGEST_HOUR = 7
NOT_RETRYABLE = _("Only an e-mail that failed can be sent again.")


def notify(
    *,
    recipients: Iterable[User | None],
    event: NotificationEvent,
    params: Mapping[str, Any],
    url: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Tell each recipient (once, whoever is named twice) about ``event``.

    Runs in the caller's transaction: the notifications, their e-mail deliveries and the
    tasks that send them are written with the action or not at all. The actor is not told
    about their own action; closed accounts and missing recipients (a person without an
    account) are skipped."""
    require_transaction("notify")
    people: dict[int, User] = {}
    for user in recipients:
        if user is not None and user.pk is not None and user.is_active:
            people.setdefault(user.pk, user)
    if actor is not None:
        people.pop(actor.pk, None)
    if not people:
        return []
    choices = {row.user_id: row for row in NotificationSettings.objects.filter(user_id__in=people)}
    now = timezone.now()
    created = []
    for pk, user in people.items():
        choice = choices.get(pk)
        notification = Notification(
            recipient=user, event=event.key, params=dict(params), url=url, created_at=now
        )
        if choice is None or event.key not in choice.muted:
            mode = choice.email if choice is not None else EmailChoice.EACH
            notification.delivery = _delivery_for(user, mode, now)
        notification.save()
        created.append(notification)
    return created


def _delivery_for(user: User, mode: str, now: datetime) -> EmailDelivery | None:
    from wandel.core.notifications.tasks import email_send

    if mode == EmailChoice.NONE:
        return None
    if mode == EmailChoice.DAILY:
        # The day's notifications join the person's summary that is still to be sent. The
        # row lock makes a worker that is about to send it wait for this transaction, so a
        # notification never joins a summary already on its way.
        open_summary = (
            EmailDelivery.objects.select_for_update()
            .filter(recipient=user, kind=DeliveryKind.DIGEST, status=DeliveryStatus.PENDING)
            .first()
        )
        if open_summary is not None:
            return open_summary
        at = next_digest_time(now)
        summary = EmailDelivery.objects.create(
            recipient=user, kind=DeliveryKind.DIGEST, next_attempt_at=at, created_at=now
        )
        email_send.using(run_after=at).enqueue(summary.pk)
        return summary
    delivery = EmailDelivery.objects.create(recipient=user, next_attempt_at=now, created_at=now)
    email_send.enqueue(delivery.pk)
    return delivery


def invitations_queue(users: Iterable[User]) -> int:
    """Have the worker send each of ``users`` an invitation, in the caller's transaction:
    for many accounts at once (the people import), retried like every notification e-mail
    when the mail server fails, and listed for admins when it keeps failing."""
    from wandel.core.notifications.tasks import email_send

    require_transaction("invitations_queue")
    now = timezone.now()
    deliveries = EmailDelivery.objects.bulk_create(
        EmailDelivery(recipient=user, kind=DeliveryKind.INVITATION, next_attempt_at=now)
        for user in users
    )
    for delivery in deliveries:
        email_send.enqueue(delivery.pk)
    return len(deliveries)


def next_digest_time(now: datetime) -> datetime:
    """The next ``DIGEST_HOUR`` o'clock in the installation's time zone after ``now``."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    at = datetime.combine(local.date(), time(DIGEST_HOUR), tzinfo=zone)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), time(DIGEST_HOUR), tzinfo=zone)
    return at


def notification_open(*, notification: Notification, reader: User) -> None:
    """Mark one of ``reader``'s notifications read (opening it does)."""
    Notification.objects.filter(pk=notification.pk, recipient=reader, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_read_all(*, reader: User) -> int:
    return Notification.objects.filter(recipient=reader, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@user_action
def settings_save(*, user: User, email: str, muted: Iterable[str]) -> NotificationSettings:
    """A person's choice of what reaches them by e-mail. Their own preference, not a
    governance record: it is not audited."""
    row, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email": email, "muted": sorted(set(muted))}
    )
    return row


def retryable() -> Q:
    """Deliveries an admin may send again: failed ones, and ones a worker claimed and never
    finished (it was stopped while sending) an hour ago or earlier."""
    stale = timezone.now() - timedelta(hours=1)
    return Q(status=DeliveryStatus.FAILED) | Q(
        status=DeliveryStatus.SENDING, last_attempt_at__lt=stale
    )


@user_action
def delivery_retry(*, delivery: EmailDelivery, actor: User) -> EmailDelivery:
    """Send an undelivered e-mail again, with the full number of attempts."""
    from wandel.core.notifications.tasks import email_send

    now = timezone.now()
    changed = EmailDelivery.objects.filter(retryable(), pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now
    )
    if changed != 1:
        raise ConflictError(NOT_RETRYABLE)
    delivery.refresh_from_db()
    email_send.enqueue(delivery.pk)
    audit_record(
        actor=actor,
        action=CoreAction.EMAIL_RETRIED,
        target=delivery,
        changes={"recipient": delivery.recipient.email, "last_error": delivery.last_error},
    )
    return delivery


def deliveries_retry(*, actor: User) -> int:
    """Send every undelivered e-mail again (each its own action)."""
    count = 0
    for delivery in EmailDelivery.objects.filter(retryable()).select_related("recipient"):
        try:
            delivery_retry(delivery=delivery, actor=actor)
        except ConflictError:
            continue  # sent again by someone else in the meantime
        count += 1
    return count
