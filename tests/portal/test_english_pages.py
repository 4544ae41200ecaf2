"""Pages in English show staff-edited names, holidays and fiscal years in English, and
Japanese forms offer a Japanese empty choice."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from facilities.models import ReductionRule, Surcharge
from portal import dates
from portal.models import Department
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def centre() -> dict[str, Any]:
    facility = create_facility(
        slug="central",
        name="みどり市民活動センター",
        name_en="Midori Civic Activity Centre",
        address_en="1-1 Chuo, Midori City",
    )
    for name, name_en in (("午前", "Morning"), ("午後", "Afternoon"), ("夜間", "Evening")):
        facility.divisions.filter(name=name).update(name_en=name_en)
    room = create_room(
        facility, name="会議室A", name_en="Meeting room A", equipment="ホワイトボード", equipment_en="Whiteboard"
    )
    Surcharge.objects.create(facility=facility, name="冷暖房の使用", name_en="Air conditioning", amount_per_slot=200)
    ReductionRule.objects.create(
        name="登録団体の公益活動", name_en="Public-interest activity of a registered group", percent=100
    )
    return {"facility": facility, "room": room}


def _page(client: Any, language: str, name: str, *args: Any, query: str = "") -> str:
    with translation.override(language):
        url = reverse(name, args=args) + query
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _english(client: Any, name: str, *args: Any, query: str = "") -> str:
    return _page(client, "en", name, *args, query=query)


def test_facility_pages__names_and_fittings_in_english(client: Any, centre: dict[str, Any]) -> None:
    listing = _english(client, "facilities:list")
    assert "Midori Civic Activity Centre" in listing
    assert "1-1 Chuo, Midori City" in listing
    for japanese in ("みどり市民活動センター", "みどり市中央1-1"):
        assert japanese not in listing
    detail = _english(client, "facilities:facility", "central")
    for english in ("Meeting room A", "Whiteboard", "Morning", "Public-interest activity of a registered group"):
        assert english in detail
    for japanese in ("会議室A", "ホワイトボード", "午前", "登録団体の公益活動", "減免", "区分"):
        assert japanese not in detail


def test_week_view__holiday_names_in_english(client: Any, centre: dict[str, Any]) -> None:
    today = timezone.localdate()
    day, name_ja = next(iter(dates.public_holidays(today, today + datetime.timedelta(days=120)).items()))
    with translation.override("en"):
        name_en = dates.holiday_name(day)
    assert name_en
    assert not JAPANESE.search(name_en)
    args, query = ("central", centre["room"].slug), f"?week={day.isoformat()}"
    page = _english(client, "facilities:resource", *args, query=query)
    assert escape(name_en) in page
    assert name_ja not in page
    assert name_ja in _page(client, "ja", "facilities:resource", *args, query=query)


def test_booking_form__labels_and_choices_in_english(client: Any, centre: dict[str, Any]) -> None:
    member = UserFactory(relationship="resident")
    create_group(members=(member,))
    client.force_login(member)
    query = f"?date={days_ahead(8).isoformat()}"
    page = _english(client, "facilities:book", "central", centre["room"].slug, query=query)
    for english in ("Air conditioning", "Public-interest activity of a registered group", "Meeting room A"):
        assert english in page
    for japanese in ("冷暖房の使用", "登録団体の公益活動", "減免", "会議室A"):
        assert japanese not in page


def test_occupancy__fiscal_year_heading_in_english(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    page = _english(client, "facilities:staff-occupancy", query="?year=2026")
    assert "FY2026" in page
    assert "年度" not in page
    assert "令和8年度" in _page(client, "ja", "facilities:staff-occupancy", query="?year=2026")


def test_department_names_in_english(client: Any, centre: dict[str, Any]) -> None:
    Department.objects.create(code="kankyo", name="環境政策課", name_en="Environmental Policy Division")
    client.force_login(facility_staff(centre["facility"], UserFactory()))
    query = f"?date={days_ahead(8).isoformat()}"
    page = _english(client, "facilities:staff-book", "central", centre["room"].slug, query=query)
    assert "Environmental Policy Division" in page
    assert "環境政策課" not in page
    with translation.override("ja"):
        assert str(Department.objects.get(code="kankyo")) == "環境政策課"


def test_japanese_forms__empty_choice_in_japanese(client: Any) -> None:
    group = create_group()
    client.force_login(group.memberships.get(role="representative").user)
    page = _page(client, "ja", "groups:event-create", group.slug)
    assert "Select an option" not in page
    assert "選択してください" in page
