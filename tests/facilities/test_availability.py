"""Opening days and slots: weekdays, public holidays, the day after, 年末年始,
closures, divisions and hourly slots."""

from __future__ import annotations

import datetime

import pytest

from facilities.availability import FacilityCalendar, parse_week, week_start
from facilities.models import Closure
from tests.factories.facilities import create_equipment, create_facility, create_room

pytestmark = pytest.mark.django_db

D = datetime.date


def test_divisions__three_a_day() -> None:
    facility = create_facility()
    day = FacilityCalendar(facility, D(2026, 12, 2), D(2026, 12, 2)).day(D(2026, 12, 2))
    assert day.is_open
    assert [(s.label, s.key) for s in day.slots] == [("午前", "09:00"), ("午後", "13:00"), ("夜間", "18:00")]


def test_hourly__one_slot_per_full_hour_within_the_hours() -> None:
    facility = create_facility(mode="hourly")
    day = FacilityCalendar(facility, D(2026, 12, 2), D(2026, 12, 2)).day(D(2026, 12, 2))
    assert [s.key for s in day.slots] == [f"{h:02d}:00" for h in range(9, 21)]  # closes 21:30


def test_equipment__one_slot_for_the_day() -> None:
    facility = create_facility()
    item = create_equipment(facility)
    day = FacilityCalendar(facility, D(2026, 12, 2), D(2026, 12, 2), resource=item).day(D(2026, 12, 2))
    assert len(day.slots) == 1
    assert day.slots[0].ends_at - day.slots[0].starts_at == datetime.timedelta(days=1)


def test_regular_closing_day() -> None:
    facility = create_facility(closed_weekdays=(0,))  # 月曜休館
    calendar = FacilityCalendar(facility, D(2026, 11, 30), D(2026, 12, 1))
    monday, tuesday = calendar.days()
    assert not monday.is_open
    assert "休館" in monday.closed_reason
    assert tuesday.is_open


def test_holiday_on_closing_monday__open_and_next_weekday_closed() -> None:
    # 2026-09-21 is 敬老の日 (Monday), 2026-09-22 国民の休日, 2026-09-23 秋分の日 -> 2026-09-24 closed.
    facility = create_facility(closed_weekdays=(0,), holiday_policy="next_day")
    days = {d.date: d for d in FacilityCalendar(facility, D(2026, 9, 21), D(2026, 9, 25)).days()}
    assert days[D(2026, 9, 21)].is_open
    assert days[D(2026, 9, 21)].holiday
    assert days[D(2026, 9, 23)].is_open
    assert not days[D(2026, 9, 24)].is_open
    assert "翌日" in days[D(2026, 9, 24)].closed_reason
    assert days[D(2026, 9, 25)].is_open


def test_closed_on_holidays_policy() -> None:
    facility = create_facility(holiday_policy="closed")
    day = FacilityCalendar(facility, D(2026, 11, 23), D(2026, 11, 23)).day(D(2026, 11, 23))  # 勤労感謝の日
    assert not day.is_open
    assert "勤労感謝の日" in day.closed_reason


def test_year_end_closure() -> None:
    facility = create_facility(year_end_closure=True)
    days = FacilityCalendar(facility, D(2026, 12, 28), D(2027, 1, 4)).days()
    assert [d.is_open for d in days] == [True, False, False, False, False, False, False, True]


def test_closures__facility_wide_or_one_resource() -> None:
    facility = create_facility()
    room, other = create_room(facility), create_room(facility, slug="room-b")
    Closure.objects.create(facility=facility, starts_on=D(2026, 12, 2), ends_on=D(2026, 12, 3), reason="暴風警報")
    Closure.objects.create(
        facility=facility, resource=room, starts_on=D(2026, 12, 4), ends_on=D(2026, 12, 4), reason="床の工事"
    )
    closed = FacilityCalendar(facility, D(2026, 12, 1), D(2026, 12, 5), resource=room).days()
    assert [d.is_open for d in closed] == [True, False, False, False, True]
    assert closed[1].closed_reason == "暴風警報"
    assert closed[3].closed_reason == "床の工事"
    assert [d.is_open for d in FacilityCalendar(facility, D(2026, 12, 1), D(2026, 12, 5), resource=other).days()] == [
        True,
        False,
        False,
        True,
        True,
    ]


def test_parse_week() -> None:
    assert parse_week("2026-12-03") == D(2026, 11, 30) == week_start(D(2026, 12, 6))
    assert parse_week("2026-13-01") is None
    assert parse_week("") is None
