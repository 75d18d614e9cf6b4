from django.contrib import admin
from django.urls import include, path

from wandel.api import api_urls

urlpatterns = [
    path("", include("wandel.core.urls")),
    path("org/", include("wandel.org.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
]
