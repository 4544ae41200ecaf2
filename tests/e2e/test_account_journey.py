"""Sign up, verify the e-mail, log in, switch language, log out — in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from portal.models import User
from tests.e2e.conftest import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "midori-Portal-2026!"


def test_signup_verify_login_switch_language_logout(page: Any, live_server: Any) -> None:
    page.goto("/")
    page.get_by_role("link", name="新規登録").first.click()
    check_accessibility(page)
    form = page.locator("main form")
    form.locator("[name=email]").fill("hanako@example.jp")
    form.locator("[name=password1]").fill(PASSWORD)
    form.locator("[name=password2]").fill(PASSWORD)
    form.locator("[name=full_name]").fill("緑 花子")
    form.locator("[name=full_name_kana]").fill("ミドリ ハナコ")
    page.get_by_label("市内在住").check()
    page.get_by_label("利用規約").check()
    form.locator("button[type=submit]").click()
    check_accessibility(page)

    user = User.objects.get(email="hanako@example.jp")
    assert user.full_name_kana == "ミドリ ハナコ"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)

    page.goto(link)
    check_accessibility(page)
    page.get_by_role("button", name="確認").click()

    # Log out if the confirmation logged us in, then log in with the password.
    if page.get_by_role("button", name="ログアウト").count():
        page.get_by_role("button", name="ログアウト").click()
    page.goto("/accounts/login/")
    page.locator("[name=login]").fill("hanako@example.jp")
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    # With no `next`, a log-in lands on the person's activity (/my/).
    page.get_by_role("heading", name="マイページ", exact=True).wait_for()
    check_accessibility(page)
    page.goto("/account/")
    page.get_by_role("heading", name="マイアカウント").wait_for()
    check_accessibility(page)

    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="My account").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/en/account/" in page.url

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
