"""Invitations: the e-mail that lets a new account set its first password.

An account made on a person's page has no password yet. The invitation carries a signed link
(like a password-reset link) that works only while the account still has no password, for
``WANDEL_INVITATION_DAYS``, and once: setting the password changes what the link is signed
over. Sending happens outside any transaction, so a slow or failing mail server never holds
the database; only an invitation that was handed to the mail server is audited.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import DomainError
from wandel.core.models import CoreAction, User

logger = logging.getLogger(__name__)

NOT_SENT = _(
    "The invitation to %(email)s could not be sent: the mail server did not accept it. "
    "Try again later, or check the e-mail settings."
)
PASSWORD_ALREADY_SET = _(
    "%(email)s has already set a password; they can use “Forgot your password?” to set a new one."
)
ACCOUNT_CLOSED = _("The account %(email)s is closed.")


class InvitationError(DomainError):
    """An invitation that cannot be sent."""


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "wandel.core.invitations.InvitationTokenGenerator"

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        if user is None or not token or user.has_usable_password() or not user.is_active:
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - timestamp > settings.INVITATION_DAYS * 86400:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokenGenerator()


def invitation_send(*, user: User, actor: User | None, site_url: str) -> None:
    """E-mail ``user`` a link to set their first password, in their language.

    ``site_url`` is the address people reach Wandel under (``https://wandel.example.org``).
    Raises ``InvitationError`` when the account cannot be invited or the mail server fails.
    """
    if not user.is_active:
        raise InvitationError(ACCOUNT_CLOSED % {"email": user.email})
    if user.has_usable_password():
        raise InvitationError(PASSWORD_ALREADY_SET % {"email": user.email})
    message = invitation_message(
        user, inviter=actor.get_full_name() if actor is not None else "", site_url=site_url
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("The invitation to account %s was not sent: %s", user.pk, error)
        raise InvitationError(NOT_SENT % {"email": user.email}) from error
    _invitation_record(user=user, actor=actor)


def invitation_message(user: User, *, inviter: str, site_url: str) -> EmailMessage:
    """The invitation e-mail with a fresh link, in ``user``'s language."""
    path = reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    context = {
        "user": user,
        "inviter": inviter,
        "link": site_url.rstrip("/") + path,
        "days": settings.INVITATION_DAYS,
        "login_url": site_url.rstrip("/") + reverse("login"),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("registration/invitation_subject.txt", context).strip()
        body = render_to_string("registration/invitation_email.txt", context)
    return EmailMessage(" ".join(subject.splitlines()), body, to=[user.email])


def invitation_record(*, user: User, actor: User | None) -> None:
    """The audit event of an invitation the mail server took (in the caller's transaction)."""
    audit_record(
        actor=actor,
        action=CoreAction.INVITATION_SENT,
        target=user,
        changes={"email": user.email, "valid_days": settings.INVITATION_DAYS},
    )


_invitation_record = user_action(invitation_record)
