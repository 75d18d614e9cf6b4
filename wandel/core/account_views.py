"""Sign-in and password pages: Django's own, plus what Wandel records around them.

Each password that is set here is recorded as a security event; API tokens made before it
stop working (``User.password_changed_at``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from wandel.core.http import AuthenticatedRequest
from wandel.core.invitations import InvitationError, invitation_send, invitation_tokens
from wandel.core.models import SecurityEventKind, User
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.core.security.events import security_event_record


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also finds accounts that were invited but never set a password, so someone whose
    invitation expired can get a fresh link themselves."""

    def get_users(self, email: str) -> Iterator[Any]:
        return iter(User.objects.filter(email__iexact=email.strip(), is_active=True))


class PasswordReset(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class PasswordChange(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_event_record(
            kind=SecurityEventKind.PASSWORD_CHANGED, request=self.request, user=form.user
        )
        return response


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_event_record(
            kind=SecurityEventKind.PASSWORD_RESET, request=self.request, user=form.user
        )
        return response


class InvitationAccept(auth_views.PasswordResetConfirmView):
    """The link from an invitation: set the first password."""

    token_generator = invitation_tokens
    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("invitation_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_event_record(
            kind=SecurityEventKind.PASSWORD_SET, request=self.request, user=form.user
        )
        return response


class InvitationComplete(auth_views.PasswordResetCompleteView):
    template_name = "registration/invitation_complete.html"


@require_POST
@require_permission(Permission.MANAGE_ROLES)
def invitation_resend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send an account's invitation again (after the mail server failed, or it expired)."""
    user = get_object_or_404(User, pk=pk)
    try:
        invitation_send(user=user, actor=request.user, site_url=request.build_absolute_uri("/"))
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Invitation sent to %(email)s.") % {"email": user.email})
    person = getattr(user, "person", None)
    return HttpResponseRedirect(person.get_absolute_url() if person is not None else "/")
