"""When a facility is open and which slots a resource has: opening hours per weekday,
regular closed days, public holidays (portal.dates), 年末年始 and one-off closures, in
time divisions (区分) or hourly slots. Pure computation over rows loaded once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from facilities.models import BookingMode, Closure, Facility, HolidayPolicy, Resource
from portal.dates import holiday_name, parse_query_date

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Slot:
    """One bookable unit on one day: a division, an hour, or (equipment) the day."""

    index: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str
    division_id: int | None = None

    @cached_property
    def key(self) -> str:
        return f"{self.starts_at.hour:02d}:{self.starts_at.minute:02d}"


@dataclass
class Day:
    date: datetime.date
    is_open: bool
    closed_reason: str = ""
    holiday: str | None = None
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    slots: list[Slot] = field(default_factory=list)

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5 or self.holiday is not None


def is_year_end(day: datetime.date) -> bool:
    """年末年始: 29 December to 3 January."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


class FacilityCalendar:
    """Opening days and slots of a facility (and optionally one resource) between two
    dates. Needs `opening_hours` and `divisions` prefetched for a constant query count;
    loads the closures in the range with one query."""

    def __init__(
        self,
        facility: Facility,
        start: datetime.date,
        end: datetime.date,
        *,
        resource: Resource | None = None,
        closures: list[Closure] | None = None,
    ) -> None:
        self.facility = facility
        self.resource = resource
        self.start, self.end = start, end
        self.hours = {row.weekday: row for row in facility.opening_hours.all()}
        self.divisions = list(facility.divisions.all())
        if closures is None:
            closures = list(
                Closure.objects.filter(facility=facility, starts_on__lte=end, ends_on__gte=start).order_by("starts_on")
            )
        self.closures = [
            c for c in closures if c.resource_id is None or (resource is not None and c.resource_id == resource.pk)
        ]

    # --- days ----------------------------------------------------------------------

    def _holiday_hours(self) -> Any:
        """Hours used on a holiday that falls on a regular closed day (NEXT_DAY policy):
        Sunday's, or the first weekday that opens."""
        for weekday in (6, 5, 0, 1, 2, 3, 4):
            row = self.hours.get(weekday)
            if row is not None and row.opens is not None:
                return row
        return None

    def day(self, date: datetime.date) -> Day:
        holiday = holiday_name(date)
        day = Day(date=date, is_open=False, holiday=holiday)
        policy = self.facility.holiday_policy
        if self.facility.year_end_closure and is_year_end(date):
            day.closed_reason = _("Year-end and New Year holidays")
            return day
        for closure in self.closures:
            if closure.starts_on <= date <= closure.ends_on:
                day.closed_reason = closure.localized("reason")
                return day
        hours = self.hours.get(date.weekday())
        if holiday:
            if policy == HolidayPolicy.CLOSED:
                day.closed_reason = _("Closed on public holidays (%(name)s)") % {"name": holiday}
                return day
            if (hours is None or hours.opens is None) and policy == HolidayPolicy.NEXT_DAY:
                hours = self._holiday_hours()
        elif policy == HolidayPolicy.NEXT_DAY and date.weekday() < 5 and holiday_name(date - ONE_DAY) is not None:
            day.closed_reason = _("Closed on the day after a public holiday")
            return day
        if hours is None or hours.opens is None:
            day.closed_reason = _("Regular closing day")
            return day
        day.is_open, day.opens, day.closes = True, hours.opens, hours.closes
        day.slots = self._slots(day)
        return day

    def days(self) -> list[Day]:
        result, current = [], self.start
        while current <= self.end:
            result.append(self.day(current))
            current += ONE_DAY
        return result

    # --- slots ---------------------------------------------------------------------

    def _slots(self, day: Day) -> list[Slot]:
        assert day.opens is not None
        assert day.closes is not None
        if self.resource is not None and not self.resource.is_room:
            return [Slot(0, aware(day.date, datetime.time.min), aware(day.date + ONE_DAY, datetime.time.min), _("Day"))]
        if self.facility.booking_mode == BookingMode.DIVISIONS:
            return [
                Slot(
                    index,
                    aware(day.date, division.starts),
                    aware(day.date, division.ends),
                    division.localized("name"),
                    division.pk,
                )
                for index, division in enumerate(
                    d for d in self.divisions if d.starts >= day.opens and d.ends <= day.closes
                )
            ]
        slots: list[Slot] = []
        current = aware(day.date, datetime.time(day.opens.hour))
        if day.opens.minute:
            current += datetime.timedelta(hours=1)
        closing = aware(day.date, day.closes)
        while current + datetime.timedelta(hours=1) <= closing:
            following = current + datetime.timedelta(hours=1)
            slots.append(Slot(len(slots), current, following, f"{current:%-H:%M}"))
            current = following
        return slots

    def slot_labels(self) -> list[str]:
        """Row labels for a week grid: every division, or every hour the facility may open."""
        if self.resource is not None and not self.resource.is_room:
            return [_("Day")]
        if self.facility.booking_mode == BookingMode.DIVISIONS:
            return [f"{d.localized('name')} {d.starts:%-H:%M}–{d.ends:%-H:%M}" for d in self.divisions]
        opens = [row.opens for row in self.hours.values() if row.opens]
        closes = [row.closes for row in self.hours.values() if row.closes]
        if not opens:
            return []
        first, last = min(opens).hour, max(closes).hour
        return [f"{hour}:00–{hour + 1}:00" for hour in range(first, last)]

    def slot_keys(self) -> list[str]:
        if self.resource is not None and not self.resource.is_room:
            return ["00:00"]
        if self.facility.booking_mode == BookingMode.DIVISIONS:
            return [f"{d.starts:%H:%M}" for d in self.divisions]
        opens = [row.opens for row in self.hours.values() if row.opens]
        closes = [row.closes for row in self.hours.values() if row.closes]
        if not opens:
            return []
        return [f"{hour:02d}:00" for hour in range(min(opens).hour, max(closes).hour)]


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the week containing `day`."""
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value: str | None) -> datetime.date | None:
    """The Monday of ?week=YYYY-MM-DD; None when empty, malformed or out of range."""
    day = parse_query_date(value)
    return None if day is None else week_start(day)
