"""A citizen registers a group, staff approve it, and the directory finds it by a
two-character search — in a real browser, with axe-core on every page."""

from __future__ import annotations

from typing import Any

import pytest

from groups.models import CommunityGroup
from portal.models import ActivityField, Area, StaffRole
from portal.services import staff_assign
from tests.e2e.conftest import check_accessibility, login_as
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.roles import with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_register_approve_and_find(page: Any, live_server: Any) -> None:
    ActivityField.objects.create(slug="welfare", name="福祉", name_en="Welfare")
    ActivityField.objects.create(slug="sports", name="スポーツ", name_en="Sports")
    Area.objects.create(slug="chuo", name="中央地区", name_en="Chuo")
    citizen = UserFactory(email="founder@example.jp")
    staff = with_totp(UserFactory(email="kyodo@example.jp"))
    staff_assign(user=staff, role=StaffRole.CITY_STAFF, department=DepartmentFactory(code="kyodo"), actor=None)

    login_as(page, live_server, citizen)
    page.goto(f"{live_server.url}/groups/register/")
    check_accessibility(page)
    form = page.locator("main form")
    form.locator("[name=name]").fill("みどり点字図書の会")
    form.locator("[name=name_kana]").fill("ミドリテンジトショノカイ")
    form.get_by_label("福祉").check()
    form.get_by_label("中央地区").check()
    form.locator("[name=purpose]").fill("視覚に障がいのある方のために点字図書をつくります。")
    form.locator("[name=activities]").fill("毎週木曜日に市民活動センターで点訳作業をしています。")
    form.locator("[name=member_count]").fill("15")
    form.locator("[name=member_count_local]").fill("12")
    form.locator("[name=representative_name]").fill("点字 花子")
    form.locator("[name=representative_kana]").fill("テンジ ハナコ")
    form.locator("[name=contact_name]").fill("点字 花子")
    form.locator("[name=contact_kana]").fill("テンジ ハナコ")
    form.locator("[name=contact_email]").fill("tenji@example.jp")
    form.locator("[name=contact_phone]").fill("0000-22-3333")
    for name in ("declares_non_profit", "declares_not_religious", "declares_not_political", "declares_not_electoral"):
        form.locator(f"[name={name}]").check()
    form.locator("button[type=submit]").click()
    page.get_by_role("heading", name="みどり点字図書の会").wait_for()
    check_accessibility(page)
    group = CommunityGroup.objects.get(name="みどり点字図書の会")
    assert group.status == "pending"

    login_as(page, live_server, staff)
    page.goto(f"{live_server.url}/staff/groups/")
    check_accessibility(page)
    page.get_by_role("link", name="みどり点字図書の会").click()
    check_accessibility(page)
    page.get_by_label("承認（登録）").check()
    page.locator("main form button[type=submit]").click()
    page.get_by_text("登録しました").first.wait_for()
    group.refresh_from_db()
    assert group.status == "registered"

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/groups/")
    page.locator("[name=q]").fill("点字")
    page.get_by_role("button", name="検索").click()
    check_accessibility(page)
    page.get_by_role("link", name="みどり点字図書の会").click()
    assert page.get_by_role("heading", name="みどり点字図書の会").is_visible()
    check_accessibility(page)
