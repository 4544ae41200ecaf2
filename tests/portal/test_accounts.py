"""Sign-up, e-mail verification, log-in limits, two-factor enforcement, admin log-in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from portal.models import StaffRole, User
from portal.services import staff_assign
from tests.factories.portal import TEST_PASSWORD, DepartmentFactory, UserFactory
from tests.roles import with_totp

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new@example.jp",
    "password1": "midori-Portal-2026!",
    "password2": "midori-Portal-2026!",
    "full_name": "新規 花子",
    "full_name_kana": "シンキ ハナコ",
    "relationship": "student",
    "preferred_language": "ja",
    "agree_terms": "on",
}


def _login(client: Any, email: str, password: str = TEST_PASSWORD) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_signup__verify_email_then_log_in(client: Any) -> None:
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.jp")
    assert (user.full_name, user.full_name_kana, user.relationship) == ("新規 花子", "シンキ ハナコ", "student")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "メールアドレス" in mail.outbox[0].subject or "確認" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body).group(1)
    # Not verified yet: logging in only resends the verification e-mail.
    client.logout()
    _login(client, "new@example.jp", SIGNUP["password1"])
    assert "_auth_user_id" not in client.session
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    response = _login(client, "new@example.jp", SIGNUP["password1"])
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name_kana", "shinki"),
        ("agree_terms", ""),
        ("relationship", "none"),
        ("email", "not-an-address"),
        ("password2", "different-password-2026"),
    ],
)
def test_signup__bad_input_shows_errors_and_creates_nothing(client: Any, field: str, value: str) -> None:
    data = {**SIGNUP, field: value}
    if not value:
        data.pop(field)
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not User.objects.exists()
    assert not mail.outbox


def test_verification_email__in_the_users_language(client: Any) -> None:
    client.post("/en/accounts/signup/", {**SIGNUP, "preferred_language": "en"})
    assert "Confirm" in mail.outbox[0].subject or "E-mail" in mail.outbox[0].subject


def test_password_reset__email_in_preferred_language(client: Any) -> None:
    UserFactory(email="english@example.jp", preferred_language="en")
    UserFactory(email="japanese@example.jp", preferred_language="ja")
    client.post(reverse("account_reset_password"), {"email": "english@example.jp"})
    client.post(reverse("account_reset_password"), {"email": "japanese@example.jp"})
    english, japanese = mail.outbox
    assert "Password Reset" in english.subject
    assert "パスワード" in japanese.subject


def test_failed_logins__limited_per_account_not_per_office(client: Any) -> None:
    """Five wrong passwords lock that account for a while; a colleague behind the
    same IP address still logs in."""
    victim = UserFactory(email="victim@example.jp")
    colleague = UserFactory(email="colleague@example.jp")
    for _ in range(5):
        _login(client, victim.email, "wrong-password")
    response = _login(client, victim.email)  # even the right password is refused now
    assert "_auth_user_id" not in client.session
    assert response.status_code in (400, 429)
    response = _login(client, colleague.email)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_failed_logins__attacker_slowed_owner_logs_in_from_elsewhere(client: Any) -> None:
    """Five wrong passwords from IP A block IP A for that account only: the owner, from
    IP B, logs in with the right password."""
    owner = UserFactory(email="owner@example.jp")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": owner.email, "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    refused = client.post(url, {"login": owner.email, "password": TEST_PASSWORD}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code in (400, 429)
    assert "_auth_user_id" not in client.session
    response = client.post(url, {"login": owner.email, "password": TEST_PASSWORD}, REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_failed_logins__per_account_ceiling_over_all_ips(client: Any, settings: Any) -> None:
    """Guesses spread over many addresses still hit a per-account ceiling."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_account": "8/h/key"}
    owner = UserFactory(email="owner@example.jp")
    url = reverse("account_login")
    for number in range(8):
        client.post(url, {"login": owner.email, "password": "wrong"}, REMOTE_ADDR=f"203.0.113.{number + 1}")
    response = client.post(url, {"login": owner.email, "password": TEST_PASSWORD}, REMOTE_ADDR="198.51.100.20")
    assert response.status_code in (400, 429)
    assert "_auth_user_id" not in client.session


def test_successful_login__does_not_use_up_the_ceiling(client: Any, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_account": "2/h/key"}
    owner = UserFactory(email="owner@example.jp")
    for _ in range(3):
        client.logout()
        assert _login(client, owner.email).status_code == 302


def _city_staff(totp: bool) -> User:
    user = UserFactory(email="staff-mfa@example.jp")
    staff_assign(user=user, role=StaffRole.CITY_STAFF, department=DepartmentFactory(), actor=None)
    return with_totp(user) if totp else user


def test_staff_without_totp__sent_to_two_factor_setup(client: Any) -> None:
    client.force_login(_city_staff(totp=False))
    response = client.get(reverse("portal:staff-dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Setting up asks to confirm the password first (force_login is not a recent log-in).
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 302
    assert setup["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(setup["Location"]).status_code == 200
    assert client.get("/en/").status_code == 302


def test_citizen__not_forced_into_two_factor(client: Any) -> None:
    client.force_login(UserFactory())
    assert client.get(reverse("portal:account")).status_code == 200


@override_settings(STAFF_MFA_REQUIRED=False)
def test_staff_mfa__relaxed_when_setting_is_off(client: Any) -> None:
    client.force_login(_city_staff(totp=False))
    assert client.get(reverse("portal:staff-dashboard")).status_code == 200


def test_staff_with_totp__log_in_asks_for_the_code(client: Any) -> None:
    _city_staff(totp=True)
    response = _login(client, "staff-mfa@example.jp")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_admin_login__goes_through_allauth(client: Any) -> None:
    response = client.get(reverse("admin:login") + "?next=/admin/portal/news/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2Fportal%2Fnews%2F" in response["Location"]


def test_admin__in_japanese_with_city_name(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["superuser"])
    html = client.get(reverse("admin:index")).content.decode()
    assert 'lang="ja"' in html
    assert "みどり市" in html


def test_admin__news_edit_is_audited(client: Any, role_users: dict[str, Any]) -> None:
    from portal.models import AuditLogEntry, News

    client.force_login(role_users["city_staff"])
    response = client.post(
        reverse("admin:portal_news_add"),
        {
            "title": "臨時休館",
            "title_en": "Closed",
            "body": "本文",
            "body_en": "Body",
            "publish_at_0": "2026-11-21",
            "publish_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    news = News.objects.get(title="臨時休館")
    entry = AuditLogEntry.objects.get(action="portal.news.created")
    assert entry.target_id == str(news.pk)
    assert entry.actor == role_users["city_staff"]


def test_session__expires_after_idle_time(settings: Any) -> None:
    from django.conf import settings as live

    assert live.SESSION_COOKIE_AGE == 30 * 60
    assert live.SESSION_SAVE_EVERY_REQUEST


def test_login__lands_in_the_preferred_language(client: Any) -> None:
    UserFactory(email="en@example.jp", preferred_language="en")
    response = _login(client, "en@example.jp")
    assert response["Location"] == "/en/my/"
    client.logout()
    UserFactory(email="ja@example.jp", preferred_language="ja")
    response = client.post("/en/accounts/login/", {"login": "ja@example.jp", "password": TEST_PASSWORD})
    assert response["Location"] == "/my/"


def test_login__wrong_password_is_400_with_message(client: Any) -> None:
    UserFactory(email="someone@example.jp")
    response = _login(client, "someone@example.jp", "not-the-password")
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
