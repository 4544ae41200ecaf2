"""django-allauth hooks: e-mails in the recipient's language, sent through portal.mail
with links on PORTAL_BASE_URL; after log-in each person lands on their work (staff on
their queue), in the language they chose; the client address from portal.client_ip;
failed log-ins limited per (account, IP) pair with a higher per-account ceiling."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation

from portal.client_ip import client_ip
from portal.mail import deliver, rebase_url
from portal.permissions import is_superuser

if TYPE_CHECKING:
    from portal.permissions import AnyUser

ACCOUNT_CEILING_ACTION = "login_failed_account"

# Where a person lands after log-in when no `next` was given. Each app registers, from
# its AppConfig.ready, a function user → (priority, URL name) or None; the highest
# priority wins, and with none the person lands on LOGIN_REDIRECT_URL (/my/, their activity).
LoginLanding = Callable[["AnyUser"], tuple[int, str] | None]
LOGIN_LANDINGS: list[LoginLanding] = []

# Priorities, so the apps agree on who comes first when a person holds several roles.
LANDING_SUPERUSER = 100
LANDING_CITY_STAFF = 90
LANDING_CENTRE_STAFF = 80
LANDING_REVIEWER = 70  # committee members and chairs: their review committees (portal:review-home)
LANDING_GROUP_MEMBER = 20


def register_login_landing(landing: LoginLanding) -> None:
    if landing not in LOGIN_LANDINGS:
        LOGIN_LANDINGS.append(landing)


def login_landing_url(user: AnyUser) -> str | None:
    """The page of the person's own work, or None for /my/ (LOGIN_REDIRECT_URL)."""
    if not user.is_authenticated:
        return None
    found = [hit for landing in LOGIN_LANDINGS if (hit := landing(user)) is not None]
    if not found:
        return None
    _priority, url_name = max(found, key=lambda hit: hit[0])
    return reverse(url_name)


def _superuser_landing(user: AnyUser) -> tuple[int, str] | None:
    return (LANDING_SUPERUSER, "portal:staff-dashboard") if is_superuser(user) else None


register_login_landing(_superuser_landing)


def _reviewer_landing(user: AnyUser) -> tuple[int, str] | None:
    """Members of a review committee (access not ended) and chairs land on their
    committees; a reviewer without one lands on /my/."""
    from django.utils import timezone

    from portal.models_review import CommitteeMember, ReviewCommittee

    active = CommitteeMember.objects.filter(user=user, access_ends_on__gte=timezone.localdate()).exists()
    if active or ReviewCommittee.objects.filter(chair=user).exists():
        return LANDING_REVIEWER, "portal:review-home"
    return None


register_login_landing(_reviewer_landing)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's e-mails, like the portal's: links and the site's domain from
        PORTAL_BASE_URL (not the request's Host), clean headers, failures recorded."""
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        domain = urlsplit(settings.PORTAL_BASE_URL).netloc
        ctx: dict[str, Any] = {
            "request": allauth_context.request,
            "email": email,
            "current_site": SimpleNamespace(domain=domain, name=domain),
        }
        for key, value in context.items():
            is_link = isinstance(value, str) and value.startswith(("http://", "https://"))
            ctx[key] = rebase_url(value) if is_link else value
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        deliver(message, kind=template_prefix)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Called only when the log-in carried no (safe) `next`: `next` always wins."""
        url = login_landing_url(request.user) or super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "")
        return translate_url(url, language) if language else url

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request) or super().get_client_ip(request)

    # --- Failed log-ins: slow the attacker, not the owner ------------------------------
    @staticmethod
    def _login(credentials: dict[str, Any]) -> str:
        return str(credentials.get("email", credentials.get("username", ""))).strip().lower()

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """allauth's "login_failed" key: the address tried AND the client's IP, so
        wrong passwords from one place do not lock the owner out everywhere."""
        return f"{self._login(credentials)}|{self.get_client_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_ceiling_usage = ratelimit.consume(
            request, app="allauth.account", action=ACCOUNT_CEILING_ACTION, key=self._login(credentials)
        )
        if not self._account_ceiling_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_ceiling_usage", None)
        if usage:
            usage.rollback()
        self._account_ceiling_usage = None
