"""Occupancy (稼働率 = booked slots / available slots) and attendance of rooms, by
facility, room, month and weekday vs weekend (土日祝), for a fiscal year."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum

from facilities.availability import FacilityCalendar
from facilities.models import Booking, BookingStatus, Closure, Facility, Resource
from portal.dates import fiscal_year_range


@dataclass
class Tally:
    available: int = 0
    booked: int = 0
    bookings: int = 0
    people: int = 0

    @property
    def rate(self) -> float | None:
        return round(100 * self.booked / self.available, 1) if self.available else None

    def add(self, other: Tally) -> None:
        self.available += other.available
        self.booked += other.booked
        self.bookings += other.bookings
        self.people += other.people


@dataclass
class ResourceReport:
    resource: Resource
    weekday: Tally = field(default_factory=Tally)
    weekend: Tally = field(default_factory=Tally)
    months: dict[datetime.date, Tally] = field(default_factory=lambda: defaultdict(Tally))
    rows: dict[tuple[datetime.date, bool], Tally] = field(default_factory=lambda: defaultdict(Tally))

    @property
    def total(self) -> Tally:
        total = Tally()
        total.add(self.weekday)
        total.add(self.weekend)
        return total


@dataclass
class FacilityReport:
    facility: Facility
    resources: list[ResourceReport] = field(default_factory=list)

    def _sum(self, attr: str) -> Tally:
        total = Tally()
        for report in self.resources:
            total.add(getattr(report, attr))
        return total

    @property
    def weekday(self) -> Tally:
        return self._sum("weekday")

    @property
    def weekend(self) -> Tally:
        return self._sum("weekend")

    @property
    def total(self) -> Tally:
        return self._sum("total")

    @property
    def months(self) -> list[tuple[datetime.date, Tally]]:
        merged: dict[datetime.date, Tally] = defaultdict(Tally)
        for report in self.resources:
            for month, tally in report.months.items():
                merged[month].add(tally)
        return sorted(merged.items())


def occupancy(year: int, facilities: list[Facility]) -> list[FacilityReport]:
    """Rooms only; a slot is available when the facility (and the room) is open; booked
    slots and attendance come from confirmed bookings. Four queries in all."""
    start, end = fiscal_year_range(year)
    ids = [f.pk for f in facilities]
    rooms = list(Resource.objects.rooms().filter(facility_id__in=ids, is_active=True).order_by("order", "pk"))
    closures = list(Closure.objects.filter(facility_id__in=ids, starts_on__lte=end, ends_on__gte=start))
    used: dict[tuple[int, datetime.date], dict[str, Any]] = {
        (row["resource_id"], row["use_date"]): row
        for row in Booking.objects.filter(
            status=BookingStatus.CONFIRMED, resource__in=rooms, use_date__gte=start, use_date__lte=end
        )
        .values("resource_id", "use_date")
        .annotate(slots=Sum("slot_count"), people=Sum("actual_people"), count=Count("id"))
        .order_by()
    }
    reports = []
    for facility in facilities:
        report = FacilityReport(facility)
        facility_closures = [c for c in closures if c.facility_id == facility.pk]
        for room in (r for r in rooms if r.facility_id == facility.pk):
            calendar = FacilityCalendar(facility, start, end, resource=room, closures=facility_closures)
            item = ResourceReport(room)
            for day in calendar.days():
                row = used.get((room.pk, day.date))
                tally = Tally(
                    available=len(day.slots),
                    booked=row["slots"] if row else 0,
                    bookings=row["count"] if row else 0,
                    people=(row["people"] or 0) if row else 0,
                )
                (item.weekend if day.is_weekend else item.weekday).add(tally)
                month = day.date.replace(day=1)
                item.months[month].add(tally)
                item.rows[(month, day.is_weekend)].add(tally)
            report.resources.append(item)
        reports.append(report)
    return reports
