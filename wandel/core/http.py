from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from wandel.core.models import User


class AuthenticatedRequest(HttpRequest):
    """The request type of every view behind the sign-in (LoginRequiredMiddleware)."""

    user: User
    htmx: HtmxDetails
