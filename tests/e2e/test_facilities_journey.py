"""Facilities in a real browser, with axe-core on every new page: a group member finds
a room, books an evening division and sees the fee first; another user cannot take the
same division; a lottery round is entered, drawn and published by centre staff, the
win confirmed, and then the rest of the month opens first-come."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from facilities.availability import week_start
from facilities.models import Booking, EntryStatus, LotteryEntry, LotteryRound
from tests.e2e.conftest import check_accessibility, login_as
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_find_book_see_fee_conflict_and_lottery(page: Any, live_server: Any) -> None:
    facility = create_facility(slug="central", name="みどり市民活動センター", policy={"individual_advance_days": 90})
    create_room(facility, slug="room-a", name="会議室A", capacity=24, barrier_free=True)
    create_room(facility, slug="room-small", name="小会議室", capacity=4)
    hall = create_room(facility, slug="hall", name="多目的ホール", capacity=120, uses_lottery=True, fee=2000)
    staff = facility_staff(facility, UserFactory(email="center@example.jp"))
    member = UserFactory(email="member@example.jp", relationship="resident")
    group = create_group(members=(member,), name="みどり子育てネットワーク", name_kana="ミドリコソダテネットワーク")
    other = UserFactory(email="other@example.jp", relationship="resident")
    day = week_start(days_ahead(14)) + datetime.timedelta(days=2)  # a Wednesday two weeks ahead

    # A group member finds a room for 20 people, without barriers.
    login_as(page, live_server, member)
    page.goto(f"{live_server.url}/facilities/")
    check_accessibility(page)
    page.get_by_label("定員（この人数以上）").fill("20")
    page.get_by_label("バリアフリー").check()
    page.locator("main").get_by_role("button", name="検索").click()
    assert page.get_by_role("link", name="小会議室").count() == 0
    page.get_by_role("link", name="会議室A").click()
    check_accessibility(page)
    page.goto(f"{live_server.url}/facilities/central/room-a/?week={day.isoformat()}")
    page.locator(f'a[href*="date={day.isoformat()}&slot=18:00"]').click()

    # The booking form: the fee is shown before confirming.
    check_accessibility(page)
    page.get_by_label("利用目的").fill("定例会")
    page.get_by_label("利用予定人数").fill("12")
    page.get_by_role("button", name="使用料を表示").click()
    assert page.locator("#fee-total").inner_text().startswith("800")
    check_accessibility(page)
    page.get_by_role("button", name="予約を確定する").click()
    page.get_by_role("heading", name="予約内容").wait_for()
    check_accessibility(page)
    booking = Booking.objects.get()
    assert (booking.group, booking.fee) == (group, 800)
    page.get_by_role("link", name="使用許可書（印刷用）").click()
    page.get_by_role("heading", name="使用許可書").wait_for()
    check_accessibility(page)
    page.goto(f"{live_server.url}/bookings/")
    check_accessibility(page)

    # Another user sees the division taken and cannot book it.
    login_as(page, live_server, other)
    page.goto(f"{live_server.url}/facilities/central/room-a/?week={day.isoformat()}")
    assert page.locator(f'a[href*="date={day.isoformat()}&slot=18:00"]').count() == 0
    assert page.locator(f'a[href*="date={day.isoformat()}&slot=13:00"]').count() == 1
    page.goto(f"{live_server.url}/facilities/central/room-a/book/?date={day.isoformat()}&slot=18:00")
    assert page.locator('input[name=slots][value="18:00"]').count() == 0
    assert Booking.objects.count() == 1

    # The lottery for the hall: enter, draw, publish, confirm.
    now = timezone.now()
    use_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    round_ = LotteryRound.objects.create(
        facility=facility,
        use_month=use_month,
        entries_open_at=now - datetime.timedelta(hours=1),
        entries_close_at=now + datetime.timedelta(days=1),
        draw_at=now + datetime.timedelta(days=1, hours=1),
        confirm_by=now + datetime.timedelta(days=7),
    )
    round_.resources.set([hall])
    lottery_day = use_month + datetime.timedelta(days=4)
    login_as(page, live_server, member)
    page.goto(f"{live_server.url}/facilities/lottery/")
    check_accessibility(page)
    page.get_by_role("link", name="みどり市民活動センター").click()
    check_accessibility(page)
    form = page.locator("main form").last
    form.get_by_label("利用日").fill(lottery_day.isoformat())
    form.get_by_label("時間区分").select_option(label="夜間 18:00–21:30")
    form.get_by_label("利用目的").fill("子育て講演会")
    form.get_by_label("利用予定人数").fill("80")
    form.get_by_role("button", name="申し込む").click()
    page.locator(".alert-success").wait_for()
    entry = LotteryEntry.objects.get()
    assert entry.group == group

    # Entries close and the draw time comes; centre staff draw, check and publish.
    LotteryRound.objects.filter(pk=round_.pk).update(
        entries_open_at=now - datetime.timedelta(days=2),
        entries_close_at=now - datetime.timedelta(hours=2),
        draw_at=now - datetime.timedelta(hours=1),
    )
    login_as(page, live_server, staff)
    for path in (
        "/staff/facilities/",
        "/staff/facilities/central/bookings/",
        f"/staff/bookings/{booking.pk}/",
        f"/staff/facilities/central/room-a/book/?date={day.isoformat()}",
        "/staff/facilities/central/closures/",
        "/staff/facilities/central/rules/",
        "/staff/facilities/central/rules/?resource=hall",
        "/staff/facilities/central/lottery/new/",
        "/staff/facilities/occupancy/",
    ):
        page.goto(f"{live_server.url}{path}")
        check_accessibility(page)
    page.goto(f"{live_server.url}/staff/lottery/{round_.pk}/")
    check_accessibility(page)
    page.get_by_role("button", name="抽選を実施する").click()
    page.get_by_role("button", name="結果を公開し、申込者にメールで通知する").click()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WON

    login_as(page, live_server, member)
    page.goto(f"{live_server.url}/bookings/")
    page.get_by_role("link", name="利用確認して予約する").click()
    check_accessibility(page)
    page.get_by_role("button", name="利用確認して予約する").click()
    page.get_by_role("heading", name="予約内容").wait_for()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.CONFIRMED
    assert entry.booking.channel == "lottery"

    # After the confirmation deadline, the rest of the month opens first-come.
    page.goto(f"{live_server.url}/facilities/central/hall/?week={lottery_day.isoformat()}")
    assert page.locator(f'a[href*="date={lottery_day.isoformat()}&slot=13:00"]').count() == 0  # still the lottery's
    LotteryRound.objects.filter(pk=round_.pk).update(confirm_by=timezone.now() - datetime.timedelta(minutes=1))
    login_as(page, live_server, other)
    page.goto(f"{live_server.url}/facilities/central/hall/?week={lottery_day.isoformat()}")
    assert page.locator(f'a[href*="date={lottery_day.isoformat()}&slot=18:00"]').count() == 0  # the winner's
    page.locator(f'a[href*="date={lottery_day.isoformat()}&slot=13:00"]').click()
    page.get_by_label("利用目的").fill("合唱の練習")
    page.get_by_label("利用予定人数").fill("30")
    page.get_by_role("button", name="使用料を表示").click()
    page.get_by_role("button", name="予約を確定する").click()
    page.get_by_role("heading", name="予約内容").wait_for()
    assert Booking.objects.filter(resource=hall, status="confirmed").count() == 2
