"""iCalendar output: every document carries the VTIMEZONE its TZIDs refer to, so a
parser that knows only the document (ical.js) reads 10:00 JST as 01:00 UTC; a title
with a line break does not break the file."""

from __future__ import annotations

import datetime
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar, Event

from facilities import services as facility_services
from facilities.models import BookingFeedToken
from portal import ical
from portal.downloads import content_disposition, safe_filename
from tests.factories.events import create_event
from tests.factories.facilities import create_facility, create_room, days_ahead
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")


def _utc_per_document(calendar: Calendar, vevent: Event, prop: str = "DTSTART") -> datetime.datetime:
    """Resolve a TZID'd time with the document's own VTIMEZONE, not the system's zoneinfo."""
    tzid = vevent[prop].params["TZID"]
    zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    assert tzid in zones, f"no VTIMEZONE for {tzid}"
    wall = datetime.datetime.strptime(vevent[prop].to_ical().decode(), "%Y%m%dT%H%M%S")
    return wall.replace(tzinfo=zones[tzid].to_tz(lookup_tzid=False)).astimezone(datetime.UTC)


def _one_hour_at(start: datetime.datetime) -> Calendar:
    """A calendar with one event at `start`, written and parsed back."""
    calendar = ical.calendar_new(name="テスト")
    calendar.add_component(Event.new(summary="会議", start=start, end=start + datetime.timedelta(hours=1)))
    return Calendar.from_ical(ical.calendar_to_ical(calendar))


def test_calendar_to_ical__adds_vtimezone_for_tokyo() -> None:
    parsed = _one_hour_at(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO))
    [zone] = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Tokyo"
    [standard] = zone.walk("STANDARD")
    assert standard["TZOFFSETTO"].to_ical() == "+0900"
    [vevent] = parsed.walk("VEVENT")
    assert _utc_per_document(parsed, vevent) == datetime.datetime(2026, 12, 1, 1, 0, tzinfo=datetime.UTC)


def test_calendar_to_ical__vtimezone_covers_events_beyond_the_default_span() -> None:
    # Tokyo kept summer time (+10:00) in 1948–1951, before the library's default span.
    parsed = _one_hour_at(datetime.datetime(1950, 7, 1, 10, 0, tzinfo=TOKYO))
    [vevent] = parsed.walk("VEVENT")
    assert _utc_per_document(parsed, vevent) == datetime.datetime(1950, 7, 1, 0, 0, tzinfo=datetime.UTC)


def test_calendar_new__name_with_line_breaks_is_one_line() -> None:
    calendar = ical.calendar_new(name="一行目\r\n二行目\n")
    parsed = Calendar.from_ical(ical.calendar_to_ical(calendar))
    assert str(parsed["NAME"]).endswith("一行目 二行目")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("event-1.ics", "event-1.ics"),
        ('a\r\nb"c\\d/e.ics', "a b-c-d-e.ics"),
        ("\n\x00", "download"),
        ("夏祭り.ics", "夏祭り.ics"),
        ("x" * 300 + ".ics", "x" * 96 + ".ics"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_content_disposition__non_ascii_and_control_characters() -> None:
    assert content_disposition("a\nb.ics", inline=True) == 'inline; filename="a b.ics"'
    assert content_disposition("夏祭り.csv") == "attachment; filename*=utf-8''%E5%A4%8F%E7%A5%AD%E3%82%8A.csv"


def test_event_ics__vtimezone_and_utc_instant(client: Any) -> None:
    start = datetime.datetime(2026, 12, 20, 10, 0, tzinfo=TOKYO)
    event = create_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    response = client.get(reverse("groups:event-ics", args=[event.pk]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert _utc_per_document(calendar, vevent) == datetime.datetime(2026, 12, 20, 1, 0, tzinfo=datetime.UTC)
    assert _utc_per_document(calendar, vevent, "DTEND") == datetime.datetime(2026, 12, 20, 3, 0, tzinfo=datetime.UTC)
    feed = Calendar.from_ical(client.get(reverse("groups:event-feed")).content)
    assert [str(zone["TZID"]) for zone in feed.walk("VTIMEZONE")] == ["Asia/Tokyo"]


def test_event_ics__title_with_line_break(client: Any) -> None:
    event = create_event(title="一行目\n二行目", title_en="")
    response = client.get(reverse("groups:event-ics", args=[event.pk]))
    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["NAME"]).endswith("一行目 二行目")
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "一行目\n二行目"


def test_booking_feed__vtimezone_and_utc_instant(client: Any) -> None:
    facility = create_facility(slug="central")
    room = create_room(facility)
    member = UserFactory(relationship="resident")
    group = create_group(members=(member,))
    day = days_ahead(10)
    facility_services.booking_create(
        actor=member,
        resource=room,
        use_date=day,
        slot_keys=["09:00"],
        purpose="役員会",
        expected_people=4,
        group=group,
    )
    token = BookingFeedToken.objects.create(user=member, token=uuid.uuid4()).token
    response = client.get(reverse("facilities:feed", args=[token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    start_utc = _utc_per_document(calendar, vevent)
    assert start_utc == datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=TOKYO).astimezone(datetime.UTC)
    assert start_utc.hour == 0


def test_calendar_new__same_calendar_same_uid_on_every_download() -> None:
    """A calendar's UID (RFC 7986) identifies it: the same on every download, so that
    the same data gives the same document (and a cached copy can be compared)."""
    first, again = ical.calendar_new(name="予約"), ical.calendar_new(name="予約")
    assert str(first["UID"]) == str(again["UID"])
    assert ical.calendar_to_ical(first) == ical.calendar_to_ical(again)
    assert str(ical.calendar_new(name="予約", key="bookings/1")["UID"]) != str(
        ical.calendar_new(name="予約", key="bookings/2")["UID"]
    )


def test_events_feed__one_uid_in_japanese_and_in_english(client: Any) -> None:
    """The events feed is one calendar in both languages: its UID does not follow the
    translated name."""
    japanese = Calendar.from_ical(client.get("/events/feed.ics").content)
    english = Calendar.from_ical(client.get("/en/events/feed.ics").content)
    assert str(japanese["X-WR-CALNAME"]) != str(english["X-WR-CALNAME"])
    assert str(japanese["UID"]) == str(english["UID"])
