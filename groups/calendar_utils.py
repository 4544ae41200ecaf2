"""Month calendar layout for the events page (no JavaScript needed)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from portal.dates import QUERY


def parse_month(value: str | None) -> datetime.date | None:
    """'2026-11' → 2026-11-01; None for anything else."""
    if not value:
        return None
    try:
        parsed = datetime.datetime.strptime(value, "%Y-%m")  # noqa: DTZ007 - a plain calendar month
    except ValueError:
        return None
    return parsed.date() if QUERY.contains(parsed.date()) else None


def month_bounds(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    last_day = calendar.monthrange(first.year, first.month)[1]
    return first, first.replace(day=last_day)


def shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_weeks(first: datetime.date, events: Iterable[Any], per_day: int = 4) -> list[list[dict[str, Any]]]:
    """Weeks (Sunday first, as Japanese calendars are) of days with their first
    `per_day` events and how many more there are (linked to that day's list)."""
    by_day: dict[datetime.date, list[Any]] = defaultdict(list)
    start, end = month_bounds(first)
    for event in events:
        day = max(timezone.localtime(event.starts_at).date(), start)
        last = min(timezone.localtime(event.ends_at).date(), end)
        while day <= last:
            by_day[day].append(event)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "events": by_day.get(day, [])[:per_day],
                    "more": max(len(by_day.get(day, [])) - per_day, 0),
                }
                for day in week
            ]
        )
    return weeks
