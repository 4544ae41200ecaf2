"""The whole groups journey in a real browser, with axe-core on every page: a citizen
registers a group, staff approve it, the directory finds it by a two-character search,
its representative posts an event with capacity 1, one citizen signs up, a second lands
on the waiting list, the first cancels and the second is promoted."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from groups.models import CommunityGroup, Event, EventRegistration
from portal.models import ActivityField, Area, StaffRole
from portal.services import staff_assign
from tests.e2e.conftest import check_accessibility, login_as
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.roles import with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_register_approve_find_post_event_sign_up_wait_and_promote(page: Any, live_server: Any) -> None:
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
    page.locator("main [name=q]").fill("点字")
    page.locator("main").get_by_role("button", name="検索").click()
    check_accessibility(page)
    page.get_by_role("link", name="みどり点字図書の会").click()
    assert page.get_by_role("heading", name="みどり点字図書の会").is_visible()
    check_accessibility(page)

    # The representative posts an event with one place.
    login_as(page, live_server, citizen)
    page.goto(f"{live_server.url}/groups/{group.slug}/manage/")
    check_accessibility(page)
    page.get_by_role("link", name="イベントを掲載する").click()
    check_accessibility(page)
    form = page.locator("main form")
    form.locator("[name=title]").fill("点字体験会")
    form.locator("[name=title_kana]").fill("テンジタイケンカイ")
    form.locator("[name=description]").fill("点字の仕組みを学び、名刺に点字を打ってみましょう。")
    day = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()  # within the plausible range
    form.locator("[name=starts_at]").fill(f"{day}T10:00")
    form.locator("[name=ends_at]").fill(f"{day}T12:00")
    form.locator("[name=place]").fill("市民活動センター 会議室A")
    form.locator("[name=capacity]").fill("1")
    form.locator("[name=requires_signup]").check()
    form.locator("button[type=submit]").click()
    page.get_by_role("heading", name="点字体験会").wait_for()
    check_accessibility(page)
    event = Event.objects.get(title="点字体験会")
    assert event.capacity == 1

    first = UserFactory(email="first@example.jp", full_name="一番 早子")
    second = UserFactory(email="second@example.jp", full_name="二番 待子")

    login_as(page, live_server, first)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.locator("main form button[type=submit]").click()
    page.get_by_text("参加が確定しました。").first.wait_for()
    check_accessibility(page)

    login_as(page, live_server, second)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_role("button", name="キャンセル待ちに登録する").click()
    page.get_by_text("キャンセル待ちに登録しました").first.wait_for()
    check_accessibility(page)
    assert EventRegistration.objects.get(user=second).status == "waitlisted"

    mail.outbox.clear()
    login_as(page, live_server, first)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_role("button", name="申込みを取り消す").click()
    page.get_by_text("申込みを取り消しました。").first.wait_for()
    assert EventRegistration.objects.get(user=second).status == "confirmed"
    assert any(message.to == [second.email] for message in mail.outbox)

    login_as(page, live_server, second)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert page.get_by_text("参加が確定しました。").first.is_visible()

    login_as(page, live_server, citizen)
    page.goto(f"{live_server.url}/events/{event.pk}/participants/")
    check_accessibility(page)
    assert page.get_by_role("cell", name="二番 待子").is_visible()
