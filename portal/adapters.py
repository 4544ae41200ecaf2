"""django-allauth hooks: e-mails in the recipient's language, and after log-in each
person lands on their work (staff on their queue), in the language they chose."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation

from portal.permissions import is_superuser

if TYPE_CHECKING:
    from portal.permissions import AnyUser

# Where a person lands after log-in when no `next` was given. Each app registers, from
# its AppConfig.ready, a function user → (priority, URL name) or None; the highest
# priority wins, and with none the person lands on LOGIN_REDIRECT_URL (their account).
LoginLanding = Callable[["AnyUser"], tuple[int, str] | None]
LOGIN_LANDINGS: list[LoginLanding] = []

# Priorities, so the apps agree on who comes first when a person holds several roles.
LANDING_SUPERUSER = 100
LANDING_CITY_STAFF = 90
LANDING_CENTRE_STAFF = 80
LANDING_REVIEWER = 70  # for the review committee's page (subsidies); until then, their account
LANDING_GROUP_MEMBER = 20


def register_login_landing(landing: LoginLanding) -> None:
    if landing not in LOGIN_LANDINGS:
        LOGIN_LANDINGS.append(landing)


def login_landing_url(user: AnyUser) -> str | None:
    """The page of the person's own work, or None for their account page."""
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


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Called only when the log-in carried no (safe) `next`: `next` always wins."""
        url = login_landing_url(request.user) or super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "")
        return translate_url(url, language) if language else url
