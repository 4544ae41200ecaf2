"""The admin site, in the portal's name, logging in through allauth (so that rate
limits and two-factor authentication apply there too)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import SiteConfiguration


class PortalAdminSite(admin.AdminSite):
    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        config = SiteConfiguration.get_solo()
        context["site_header"] = _("%(city)s civic-activity portal administration") % {
            "city": config.localized_city_name()
        }
        context["site_title"] = context["site_header"]
        return context

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
