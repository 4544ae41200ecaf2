"""Every portal URL for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories.portal import InfoPageFactory, NewsFactory
from tests.roles import STAFF_ROLES, Case, check_roles, expect, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    return {
        "news": NewsFactory(),
        "scheduled": NewsFactory.create_scheduled(),
        "page": InfoPageFactory(slug="civic-activity"),
        "draft_page": InfoPageFactory(slug="draft", is_published=False),
    }


STAFF_ONLY = {"anonymous": 302, "centre_staff": 200, "city_staff": 200, "superuser": 200}
CITY_ONLY = {"anonymous": 302, "city_staff": 200, "superuser": 200}
# The admin sends anonymous visitors to the (allauth) log-in page; anyone signed in
# without something to manage there (citizens, reviewers, centre staff) gets one 403 page.
ADMIN_STAFF = {"anonymous": 302}

CASES = [
    Case("home", lambda d: reverse("portal:home"), expect(200)),
    Case("home (en)", lambda d: "/en/", expect(200)),
    Case("news list", lambda d: reverse("portal:news-list"), expect(200)),
    Case("news detail", lambda d: d["news"].get_absolute_url(), expect(200)),
    Case(
        "scheduled news",
        lambda d: d["scheduled"].get_absolute_url(),
        expect(404, city_staff=200, superuser=200),
    ),
    Case("missing news", lambda d: reverse("portal:news-detail", args=[999999]), expect(404)),
    Case("info page", lambda d: d["page"].get_absolute_url(), expect(200)),
    Case("draft info page", lambda d: d["draft_page"].get_absolute_url(), expect(404, city_staff=200, superuser=200)),
    Case("faq", lambda d: reverse("portal:faq"), expect(200)),
    Case("my account", lambda d: reverse("portal:account"), logged_in(200)),
    Case("my data", lambda d: reverse("portal:account-export"), logged_in(200)),
    Case("delete account", lambda d: reverse("portal:account-delete"), logged_in(200)),
    Case("staff dashboard", lambda d: reverse("portal:staff-dashboard"), expect(403, **STAFF_ONLY)),
    Case("audit log", lambda d: reverse("portal:staff-auditlog"), expect(403, **CITY_ONLY)),
    Case("e-mails not sent", lambda d: reverse("portal:staff-mail-failures"), expect(403, **CITY_ONLY)),
    Case("log in", lambda d: reverse("account_login"), expect(302, anonymous=200)),
    Case("sign up", lambda d: reverse("account_signup"), expect(302, anonymous=200)),
    Case("password reset", lambda d: reverse("account_reset_password"), expect(200)),
    Case("e-mail addresses", lambda d: reverse("account_email"), logged_in(200)),
    Case("two-factor", lambda d: reverse("mfa_index"), logged_in(200)),
    # allauth's other steps. Staff roles have TOTP set up (tests/roles.py); setting up or
    # removing two-factor asks for the password again first (302 to reauthenticate).
    Case("change password", lambda d: reverse("account_change_password"), logged_in(200)),
    Case("set password (one is set)", lambda d: reverse("account_set_password"), logged_in(302)),
    Case("reauthenticate", lambda d: reverse("account_reauthenticate"), logged_in(200)),
    Case("log out", lambda d: reverse("account_logout"), expect(200, anonymous=302)),
    Case("log out (post)", lambda d: reverse("account_logout"), expect(302), method="post"),
    Case("account inactive", lambda d: reverse("account_inactive"), expect(200)),
    Case("verification sent", lambda d: reverse("account_email_verification_sent"), expect(200)),
    Case("confirm e-mail, unknown key", lambda d: reverse("account_confirm_email", args=["no-such-key"]), expect(200)),
    Case("log-in code, none pending", lambda d: reverse("account_confirm_login_code"), expect(302)),
    Case("password reset sent", lambda d: reverse("account_reset_password_done"), expect(200)),
    Case(
        "password reset, unknown key",
        lambda d: reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "no-such-key"}),
        expect(200),
    ),
    Case("password reset done", lambda d: reverse("account_reset_password_from_key_done"), expect(200)),
    Case("two-factor log-in, none pending", lambda d: reverse("mfa_authenticate"), expect(302)),
    Case("two-factor set-up", lambda d: reverse("mfa_activate_totp"), logged_in(302)),
    Case(
        "two-factor reauthenticate",
        lambda d: reverse("mfa_reauthenticate"),
        logged_in(302, **dict.fromkeys(STAFF_ROLES, 200)),
    ),
    Case(
        "two-factor removal",
        lambda d: reverse("mfa_deactivate_totp"),
        logged_in(404, **dict.fromkeys(STAFF_ROLES, 302)),
    ),
    Case("recovery codes (none made)", lambda d: reverse("mfa_view_recovery_codes"), logged_in(404)),
    Case("recovery codes, make", lambda d: reverse("mfa_generate_recovery_codes"), logged_in(302)),
    Case("recovery codes download (none made)", lambda d: reverse("mfa_download_recovery_codes"), logged_in(404)),
    Case(
        "language (post)",
        lambda d: reverse("set_language"),
        expect(302),
        method="post",
        data={"language": "en", "next": "/"},
    ),
    Case("admin index", lambda d: reverse("admin:index"), expect(403, **ADMIN_STAFF, city_staff=200, superuser=200)),
    Case(
        "admin log-in",
        lambda d: reverse("admin:login"),
        expect(403, anonymous=302, city_staff=302, superuser=302),
    ),
    Case(
        "admin news",
        lambda d: reverse("admin:portal_news_changelist"),
        expect(403, **ADMIN_STAFF, city_staff=200, superuser=200),
    ),
    Case(
        "admin audit log",
        lambda d: reverse("admin:portal_auditlogentry_changelist"),
        expect(403, **ADMIN_STAFF, city_staff=200, superuser=200),
    ),
    Case("admin audit log add", lambda d: reverse("admin:portal_auditlogentry_add"), expect(403, **ADMIN_STAFF)),
    Case(
        "admin e-mails not sent",
        lambda d: reverse("admin:portal_mailfailure_changelist"),
        expect(403, **ADMIN_STAFF, city_staff=200, superuser=200),
    ),
    Case("admin e-mails not sent add", lambda d: reverse("admin:portal_mailfailure_add"), expect(403, **ADMIN_STAFF)),
    Case(
        "admin activity fields",
        lambda d: reverse("admin:portal_activityfield_changelist"),
        expect(403, **ADMIN_STAFF, city_staff=200, superuser=200),
    ),
    Case(
        "admin areas",
        lambda d: reverse("admin:portal_area_add"),
        expect(403, **ADMIN_STAFF, city_staff=200, superuser=200),
    ),
    Case(
        "admin site configuration",
        lambda d: reverse("admin:portal_siteconfiguration_changelist"),
        expect(403, **ADMIN_STAFF, city_staff=200, superuser=200),
    ),
    Case("admin users", lambda d: reverse("admin:portal_user_changelist"), expect(403, **ADMIN_STAFF, superuser=200)),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)
