"""The portal's middleware: health check, database outage, staff two-factor, request size,
cache control, the page cache."""

from __future__ import annotations

import datetime
import logging
import sys
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import DisallowedHost
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import set_response_etag
from django.utils.translation import gettext as _

from portal import pagecache
from portal.permissions import requires_mfa

_SESSION_FLAG = "portal_mfa_ok"

logger = logging.getLogger(__name__)

# What a database that cannot be reached (down, restarting, out of connections, the
# network cut) raises: psycopg's and sqlite3's connection errors come out of Django as
# these two.
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
# Seconds a client (or a proxy) is asked to wait before trying again.
DATABASE_DOWN_RETRY_AFTER = 30


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect, so that a load
    balancer or docker's health check can ask over plain HTTP by IP address: "ok", or
    503 when the database cannot be reached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            except DATABASE_DOWN_ERRORS:
                logger.warning("Health check: the database cannot be reached", exc_info=True)
                response = HttpResponse("database unavailable", content_type="text/plain", status=503)
                response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
                response["Cache-Control"] = "no-store"
                return response
            return HttpResponse("ok", content_type="text/plain")
        return self.get_response(request)


def _is_database_down(exception: BaseException | None) -> bool:
    """The exception, or one it was raised from, is a database connection error."""
    for _depth in range(5):
        if exception is None:
            return False
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def _mark_database_down(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Django turns an exception raised in a middleware into a 500 before the middleware
    above it sees it, telling only this signal (while the exception is being handled):
    remember that it was the database, for DatabaseUnavailableMiddleware."""
    if request is not None and _is_database_down(sys.exception()):
        request.portal_database_down = True  # type: ignore[attr-defined]


got_request_exception.connect(_mark_database_down, dispatch_uid="portal.middleware.database_down")


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, every page answers 503 with a short static
    notice in Japanese and English (templates/503.html, rendered without a context
    processor, so without a query) and `Retry-After`, never a 500.

    A view's exception is caught in process_exception; one raised by a middleware below
    this one (the session, the signed-in user) has already become a 500 when it comes
    back here, and is recognised by the mark _mark_database_down leaves on the request.
    Nothing is kept: the next request opens a new connection (CONN_HEALTH_CHECKS, and
    Django closes a connection that raised at the end of the request), so the portal
    recovers by itself when the database is back. Pages in the page cache (below this
    middleware, in the shared cache) are still served while the database is down when
    the shared cache is Redis."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "portal_database_down", False):
            return self.unavailable()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _is_database_down(exception):
            logger.warning("The database cannot be reached: 503 for %s", request.path, exc_info=exception)
            return self.unavailable()
        return None

    @staticmethod
    def unavailable() -> HttpResponse:
        content = loader.get_template("503.html").render()
        response = HttpResponse(content, status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response


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


class PageCacheMiddleware:
    """Anonymous visitors' GETs served from the shared cache (portal.pagecache).

    A page is stored when it was rendered for a request without a session or messages
    cookie, answered 200, set no cookie (a page with a form's CSRF token sets one, so it
    is never stored) and was not marked private; it is keyed by its language and full
    address. It is served again while no table its queries read has been written
    since, for at most PAGE_CACHE_SECONDS and never past midnight (pages that say
    "today" or "this week" change then).

    Every request, cached or not, is one scope of portal.pagecache: the fragments it
    renders carry the tables they show into it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with pagecache.request_scope() as scope, pagecache.recording() as tables:
            key = self._key(request)
            if key is None:
                return self.get_response(request)
            pagecache.settle_all()  # what this thread wrote in autocommit counts
            store = pagecache.shared_cache()
            # The page and the generation in one round trip: no write announced since
            # the page was rendered, it is fresh without reading its tables' versions.
            found = store.get_many([key, pagecache.GENERATION_KEY])
            entry = found.get(key)
            if isinstance(entry, pagecache.Tracked) and (
                (entry.generation is not None and entry.generation == found.get(pagecache.GENERATION_KEY))
                or pagecache.is_fresh(entry.versions, pagecache.current_versions(entry.versions))
            ):
                return self._from_entry(entry)
            response = self.get_response(request)
            if not scope.wrote and self._storable(request, response):
                self._store(store, key, response, tables, scope)
            response["X-Page-Cache"] = "miss"
            return response

    @staticmethod
    def _key(request: HttpRequest) -> str | None:
        if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies or "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # the handler answers 400 as usual
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        return pagecache.key_for("page", language, request.scheme, host, request.get_full_path())

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(response, "page_cache", True) is False:
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated

    @staticmethod
    def _store(store: Any, key: str, response: HttpResponse, tables: set[str], scope: Any) -> None:
        snapshot = scope.snapshot or {}
        if any(table not in snapshot for table in tables):
            return  # read before the versions were taken (cannot happen; never guess)
        set_response_etag(response)
        now = timezone.localtime()
        midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        timeout = max(1, min(settings.PAGE_CACHE_SECONDS, int((midnight - now).total_seconds())))
        headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
        value = (response.status_code, headers, response.content)
        versions = {table: snapshot[table] for table in tables}
        store.set(key, pagecache.Tracked(value, versions, scope.generation), timeout)

    @staticmethod
    def _from_entry(entry: Any) -> HttpResponse:
        status, headers, content = entry.value
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
