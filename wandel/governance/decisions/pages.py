"""What the pages of bodies, meetings and decisions share."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from wandel.core.http import AuthenticatedRequest


def back(request: AuthenticatedRequest, default: str) -> HttpResponse:
    """Back to the page the form was sent from, if it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def form_page(
    request: AuthenticatedRequest,
    form: Any,
    *,
    title: str,
    cancel: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "governance/decisions/form.html",
        {"form": form, "title": title, "cancel": cancel, "intro": intro},
        status=400 if form.errors else 200,
    )
