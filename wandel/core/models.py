from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CoreAction(models.TextChoices):
    """Audit actions of core: accounts, API tokens, invitations and e-mail deliveries."""

    SUPERUSER_CREATED = "core.superuser_created", _("Break-glass account created")
    TOKEN_CREATED = "core.token_created", _("API token created")
    TOKEN_REVOKED = "core.token_revoked", _("API token revoked")
    INVITATION_SENT = "core.invitation_sent", _("Invitation sent")
    EMAIL_RETRIED = "core.email_retried", _("Undelivered e-mail sent again")


superuser_created = Signal()
"""Sent with ``user`` when a break-glass account has been created, inside its transaction."""


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        """The operator's break-glass account (``wandel createsuperuser``).

        It has the programme admin's rights without a role, so its creation is audited like a
        role assignment: ``superuser_created`` is sent inside the transaction that creates the
        account, and ``core.accounts`` writes the audit event.
        """
        fields.setdefault("is_superuser", True)
        # Wandel does not use ``is_staff``; Django's own admin sign-in form still asks for it.
        fields.setdefault("is_staff", True)
        with transaction.atomic(durable=True):
            user = self.create_user(email, password, **fields)
            superuser_created.send(sender=type(user), user=user)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


def normalise_email(email: str) -> str:
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """An account that signs in with its e-mail address.

    What an account may do comes from the roles of the person it belongs to (see
    ``org.RoleAssignment``), and from nothing else: a superuser is the operator's break-glass
    account and has exactly the programme admin's permissions (``org.backends``), Django's
    per-user and group permissions grant nothing, and ``is_staff`` is not used.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=[("de", _("German")), ("en", _("English"))],
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set whenever a password is set (not when a stored hash is upgraded at sign-in), so API
    # tokens issued before it stop working.
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # ``_password`` holds a new raw password until it is saved; Django leaves it unset when
        # it re-hashes a password with stronger parameters at sign-in.
        if getattr(self, "_password", None) is not None:
            self.password_changed_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "password_changed_at"}
        super().save(*args, **kwargs)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        # Unlike Django's PermissionsMixin, a superuser does not get every permission string
        # unasked: it gets what the backends grant (the programme admin's rights).
        if not self.is_active:
            return False
        return any(
            backend.has_perm(self, perm, obj)  # type: ignore[attr-defined]
            for backend in auth.get_backends()
            if hasattr(backend, "has_perm")
        )

    def has_module_perms(self, app_label: str) -> bool:
        if not self.is_active:
            return False
        return any(
            backend.has_module_perms(self, app_label)  # type: ignore[attr-defined]
            for backend in auth.get_backends()
            if hasattr(backend, "has_module_perms")
        )

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email


class AuditEvent(models.Model):
    """One link of the append-only, hash-chained audit log (see ``core.audit``)."""

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's label at the time is part of the hash, so the record stays readable and
    # verifiable even if the account is later deleted.
    actor_label = models.CharField(_("actor"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-id",)
        indexes: ClassVar = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly


class AuditLogIsAppendOnly(Exception):
    def __init__(self) -> None:
        super().__init__("Audit events are never changed or deleted.")


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_on = models.DateField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    def status(self, now: datetime | None = None) -> TokenStatus:
        """Whether the token still works, and if not, why not."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return TokenStatus.EXPIRED
        if not self.user.is_active:
            return TokenStatus.ACCOUNT_CLOSED
        changed = self.user.password_changed_at
        if changed is not None and changed > self.created_at:
            return TokenStatus.PASSWORD_CHANGED
        return TokenStatus.VALID


class TokenStatus(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    EXPIRED = "expired", _("expired")
    ACCOUNT_CLOSED = "account_closed", _("ended: account closed")
    PASSWORD_CHANGED = "password_changed", _("ended: password changed")


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Sign-in paused after repeated failures")
    LOGOUT = "logout", _("Signed out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password set through a reset link")
    PASSWORD_SET = "password_set", _("First password set through an invitation")


class SecurityEvent(models.Model):
    """A sign-in, sign-out or password event, kept for IT security for a limited time.

    Deliberately apart from the audit log: these records are about people's accounts, not
    about decisions, so they are purpose-bound (``core.view_security_events``), deleted after
    ``WANDEL_SECURITY_EVENT_DAYS`` and never counted per person. No password is ever stored;
    for a failed sign-in the typed name is kept only when it is an existing account.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    account = models.CharField(_("account"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ("-at", "-id")
        indexes: ClassVar = [models.Index(fields=["kind", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.account}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise SecurityEventsAreAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SecurityEventsAreAppendOnly


class SecurityEventsAreAppendOnly(Exception):
    def __init__(self) -> None:
        super().__init__(
            "Security events are never changed; they are only deleted when their retention "
            "period is over (wandel security-events purge)."
        )


# Notifications (see wandel.core.notifications): what a person is told, the e-mail that
# carries it, and each person's choice of what reaches them by e-mail.


class DeliveryKind(models.TextChoices):
    SINGLE = "single", _("one notification")
    DIGEST = "digest", _("daily summary")
    INVITATION = "invitation", _("invitation")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("not needed")


class EmailDelivery(models.Model):
    """One e-mail to one person: a single notification, or the day's summary of several.

    The text is written when it is sent, in the recipient's language at that moment, from
    the notifications attached to it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="email_deliveries",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=DeliveryKind.choices, default=DeliveryKind.SINGLE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        indexes: ClassVar = [
            models.Index(fields=["status", "-last_attempt_at"], name="core_delivery_status_idx"),
            # A person's open daily summary, which the day's notifications join.
            models.Index(
                fields=["recipient", "kind"],
                condition=Q(status="pending"),
                name="core_delivery_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class Notification(models.Model):
    """Something a person is told, in the app and, if they wish, by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=80)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.ForeignKey(
        EmailDelivery,
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-id")
        indexes: ClassVar = [
            models.Index(
                fields=["recipient", "-created_at", "-id"], name="core_notification_list_idx"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="core_notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient}"


class EmailChoice(models.TextChoices):
    EACH = "each", _("An e-mail for each notification")
    DAILY = "daily", _("One e-mail a day with all new notifications")
    NONE = "none", _("No e-mail; only in Wandel")


class NotificationSettings(models.Model):
    """What a person wants by e-mail. Without a row: an e-mail for each notification."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email = models.CharField(
        _("e-mail"), max_length=8, choices=EmailChoice.choices, default=EmailChoice.EACH
    )
    muted = models.JSONField(
        _("events without e-mail"),
        default=list,
        blank=True,
        help_text=_("Keys of the events that are shown in Wandel only."),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class AnonymityPolicy(models.Model):
    """The organisation's floor for the minimum group size (``core.anonymity``): no survey,
    evaluation or usage figure may use a smaller group. One row at most; without it the
    floor is ``core.anonymity.DEFAULT_MIN_GROUP``. Setting it is the admin's, confirming it
    the works council's; a new value needs a new confirmation."""

    min_group = models.PositiveSmallIntegerField(
        _("minimum group size"), validators=[MinValueValidator(3)]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("anonymity policy")
        verbose_name_plural = _("anonymity policy")

    def __str__(self) -> str:
        return str(self.min_group)
