"""Root URLconf: Japanese at /, English at /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

# /healthz is answered by portal.middleware.HealthCheckMiddleware.
urlpatterns = i18n_patterns(
    # Inside the language prefix, so that the page's own language is active when the
    # switch translates the URL it came from (/en/... back to /...).
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("portal.site_urls")),
    path("", include("groups.urls")),
    path("", include("groups.urls_talent")),
    path("", include("facilities.urls")),
    path("", include("subsidies.urls")),
    path("", include("collaboration.urls")),
    path("", include("consultations.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
