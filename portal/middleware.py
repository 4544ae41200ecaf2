"""Staff two-factor enforcement."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.permissions import requires_mfa

_SESSION_FLAG = "portal_mfa_ok"


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect, so that a load
    balancer or docker's health check can ask over plain HTTP by IP address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return HttpResponse("ok", content_type="text/plain")
        return self.get_response(request)


class StaffMFAMiddleware:
    """When STAFF_MFA_REQUIRED is on, staff without a TOTP authenticator can reach
    nothing but the pages to set one up (and log out)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.STAFF_MFA_REQUIRED and self._must_set_up(request):
            messages.warning(request, _("Staff accounts must use two-factor authentication. Please set it up now."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up(self, request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or request.session.get(_SESSION_FLAG):
            return False
        path = request.path_info
        allowed = (
            reverse("mfa_index"),
            reverse("mfa_activate_totp"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            reverse("set_language"),
            settings.STATIC_URL,
        )
        if path.startswith(allowed):
            return False
        if not requires_mfa(user):
            return False
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[_SESSION_FLAG] = True
            return False
        return True


class FormErrorStatusMiddleware:
    """A POST whose form is shown again with errors answers 400, not 200, for every
    view including django-allauth's: bad input is a client error, and nothing was
    written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_template_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.method == "POST" and response.status_code == 200:
            form = (getattr(response, "context_data", None) or {}).get("form")
            if form is not None and getattr(form, "is_bound", False) and form.errors:
                response.status_code = 400
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than REQUEST_MAX_BYTES with a 413
    and a clear page, before anything reads the body (CSRF, forms and uploads only read
    it after every middleware has run). Django's DATA_UPLOAD_MAX_MEMORY_SIZE still
    bounds the form fields of a request that passes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            return render(request, "413.html", {"limit_mb": limit // (1024 * 1024)}, status=413)
        return self.get_response(request)


class PrivateCacheControlMiddleware:
    """Pages for a signed-in person (their account, staff pages, private files) must not
    be kept by a shared cache or on disk: `Cache-Control: private, no-store` on every
    response to an authenticated request, unless the view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
