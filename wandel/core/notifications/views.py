"""The bell's pages: a person's notifications and e-mail settings, and undelivered e-mail
for admins."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError
from wandel.core.http import AuthenticatedRequest
from wandel.core.models import EmailDelivery, Notification
from wandel.core.notifications import queries, services
from wandel.core.notifications.forms import SettingsForm
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission


@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(queries.notifications_of(request.user), request)
    page.object_list = queries.shown(list(page.object_list))
    return render(request, "core/notifications/list.html", {"page": page})


@require_POST
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_open(notification=notification, reader=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("core:notifications")


@require_POST
def notifications_read(request: AuthenticatedRequest) -> HttpResponse:
    services.notifications_read_all(reader=request.user)
    return redirect("core:notifications")


@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    events = queries.events()
    email, muted = queries.email_settings(request.user)
    initial = {"email": email, "by_email": [key for key, _label in events if key not in muted]}
    form = SettingsForm(request.POST or None, initial=initial, events=events)
    if request.method == "POST" and form.is_valid():
        services.settings_save(
            user=request.user, email=form.cleaned_data["email"], muted=form.muted()
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("core:notification_settings")
    return render(request, "core/notifications/settings.html", {"form": form})


@require_GET
@require_permission(Permission.CONFIGURE)
def undelivered(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(queries.undelivered(), request)
    return render(request, "core/notifications/undelivered.html", {"page": page})


@require_POST
@require_permission(Permission.CONFIGURE)
def undelivered_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(EmailDelivery, pk=pk)
    try:
        services.delivery_retry(delivery=delivery, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The e-mail to %(email)s will be sent again.") % {"email": delivery.recipient.email},
        )
    return redirect("core:undelivered")


@require_POST
@require_permission(Permission.CONFIGURE)
def undelivered_retry_all(request: AuthenticatedRequest) -> HttpResponse:
    count = services.deliveries_retry(actor=request.user)
    text = ngettext(
        "%(count)d e-mail will be sent again.", "%(count)d e-mails will be sent again.", count
    )
    messages.success(request, text % {"count": count})
    return redirect("core:undelivered")
