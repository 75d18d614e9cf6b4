from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wandel.api import api_urls
from wandel.core.views import api_not_found

urlpatterns = [
    path("", include("wandel.core.urls")),
    path("org/", include("wandel.org.urls")),
    path("portfolio/", include("wandel.portfolio.urls")),
    path("governance/", include("wandel.governance.urls")),
    path("enablement/", include("wandel.enablement.urls")),
    path("feedback/", include("wandel.feedback.urls")),
    path("accounts/", include("wandel.core.accounts_urls")),
    # Switching language must work on the sign-in page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    # Last: whatever under /api/ no endpoint matched answers JSON, as the API does.
    re_path(r"^api/", api_not_found),
]
