"""The admin site, in the portal's name, logging in through allauth (so that rate
limits and two-factor authentication apply there too).

Only staff with something to manage there may enter (`can_use_admin`). Anyone else who
is signed in gets one clear 403 page at every admin address, rather than being sent to
the log-in page, which would send them straight back (a redirect loop)."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import SiteConfiguration
from portal.permissions import can_use_admin


class PortalAdminSite(admin.AdminSite):
    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        config = SiteConfiguration.get_solo()
        context["site_header"] = _("%(city)s civic-activity portal administration") % {
            "city": config.localized_city_name()
        }
        context["site_title"] = context["site_header"]
        return context

    def has_permission(self, request: HttpRequest) -> bool:
        return can_use_admin(request.user)

    def not_for_you(self, request: HttpRequest) -> HttpResponse:
        response = TemplateResponse(request, "admin_not_for_you.html", status=403)
        response["Cache-Control"] = "private, no-store"
        return response

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Callable[..., Any]:
        wrapped = super().admin_view(view, cacheable)

        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if (
                request.user.is_authenticated
                and not self.has_permission(request)
                and request.path != reverse("admin:logout", current_app=self.name)
            ):
                return self.not_for_you(request)
            return wrapped(request, *args, **kwargs)

        return update_wrapper(inner, wrapped)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.user.is_authenticated and not self.has_permission(request):
            return self.not_for_you(request)
        next_url = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
