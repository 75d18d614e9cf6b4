"""Sending notification e-mail in the background (``wandel worker`` runs these tasks).

Each delivery is claimed with a conditional update that must change exactly one row, so two
workers, or a task enqueued twice, never send the same e-mail twice. A mail server that
refuses or cannot be reached costs one attempt; the delivery is tried again later
(``RETRY_DELAYS``) and, after the last attempt, marked failed for an admin to see and send
again.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wandel.core.invitations import invitation_message, invitation_record
from wandel.core.models import (
    DeliveryKind,
    DeliveryStatus,
    EmailDelivery,
    Notification,
)
from wandel.core.notifications.events import event_named

logger = logging.getLogger(__name__)

# The waits before the second, third, fourth and fifth attempt; after the fifth, the
# delivery has failed. Together about two and a half hours: a mail server restarted or
# briefly misconfigured is waited out, a longer outage reaches an admin the same day.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@task
def email_send(delivery_id: int) -> str:
    return delivery_send(delivery_id)


def delivery_send(delivery_id: int) -> str:
    """Send one delivery if it is due and nobody else has it; says what happened."""
    now = timezone.now()
    claimed = EmailDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(status=DeliveryStatus.SENDING, last_attempt_at=now)
    if claimed != 1:
        return "not due"
    delivery = EmailDelivery.objects.select_related("recipient").get(pk=delivery_id)
    if delivery.kind == DeliveryKind.INVITATION:
        return _invitation_send(delivery)
    notifications = list(delivery.notifications.order_by("created_at", "id"))
    if delivery.kind == DeliveryKind.DIGEST:
        # What the person has already read in Wandel needs no summary.
        notifications = [n for n in notifications if n.read_at is None]
    if not notifications or not delivery.recipient.is_active:
        _finish(delivery, DeliveryStatus.CANCELLED)
        return "not needed"
    try:
        message(delivery, notifications).send()
    except (OSError, smtplib.SMTPException) as error:
        return _failed(delivery, error)
    _finish(delivery, DeliveryStatus.SENT)
    return "sent"


def _invitation_send(delivery: EmailDelivery) -> str:
    """An invitation with a link made now (valid from now on); not needed once the person
    has set a password or the account was closed."""
    user = delivery.recipient
    if user.has_usable_password() or not user.is_active:
        _finish(delivery, DeliveryStatus.CANCELLED)
        return "not needed"
    try:
        invitation_message(user, inviter="", site_url=settings.SITE_URL).send()
    except (OSError, smtplib.SMTPException) as error:
        return _failed(delivery, error)
    with transaction.atomic():
        _finish(delivery, DeliveryStatus.SENT)
        invitation_record(user=user, actor=None)
    return "sent"


def _finish(delivery: EmailDelivery, status: str) -> None:
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=delivery.attempts + 1,
        sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
    )


def _failed(delivery: EmailDelivery, error: BaseException) -> str:
    attempts = delivery.attempts + 1
    text = f"{type(error).__name__}: {error}"[:2000]
    logger.warning("E-mail delivery %s failed (attempt %s): %s", delivery.pk, attempts, text)
    with transaction.atomic():
        if attempts >= MAX_ATTEMPTS:
            EmailDelivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, attempts=attempts, last_error=text
            )
            return "failed"
        retry_at = timezone.now() + RETRY_DELAYS[attempts - 1]
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING,
            attempts=attempts,
            last_error=text,
            next_attempt_at=retry_at,
        )
        email_send.using(run_after=retry_at).enqueue(delivery.pk)
    return "retry"


def message(delivery: EmailDelivery, notifications: list[Notification]) -> EmailMultiAlternatives:
    """The e-mail, in plain text and HTML, in the recipient's language."""
    recipient = delivery.recipient
    site = settings.SITE_URL.rstrip("/")
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        items = []
        for notification in notifications:
            event = event_named(notification.event)
            if event is None:
                continue  # an event no app declares any more
            link = f"{site}{notification.url}" if notification.url else ""
            items.append({"text": event.words(notification.params), "link": link})
        context = {
            "recipient": recipient,
            "items": items,
            "digest": delivery.kind == DeliveryKind.DIGEST,
            "notifications_url": f"{site}/notifications/",
            "settings_url": f"{site}/notifications/settings/",
        }
        subject = render_to_string("core/notifications/email_subject.txt", context)
        text = render_to_string("core/notifications/email.txt", context)
        html = render_to_string("core/notifications/email.html", context)
    mail = EmailMultiAlternatives(" ".join(subject.split()), text, to=[recipient.email])
    mail.attach_alternative(html, "text/html")
    return mail
