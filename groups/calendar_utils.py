"""Month calendar layout for the events page (no JavaScript needed)."""

from __future__ import annotations

import calendar
import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext, ngettext

from portal.dates import QUERY
from portal.links import url_maker


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
    `per_day` events and how many more there are (linked to that day's list).

    Lays out every event it is given: for a small list. The events page uses
    `month_weeks_from_queryset`, which reads only what it shows."""
    by_day: dict[datetime.date, list[Any]] = defaultdict(list)
    start, end = month_bounds(first)
    event_url = url_maker("groups:event-detail")
    for event in events:
        _label(event, event_url)
        for day in _days_covered(event, start, end):
            by_day[day].append(event)
    counts = {day: len(day_events) for day, day_events in by_day.items()}
    return _weeks(first, by_day, counts, per_day)


def month_weeks_from_queryset(first: datetime.date, queryset: Any, per_day: int = 4) -> list[list[dict[str, Any]]]:
    """`month_weeks` for the events of `queryset` (already narrowed to the month), in three
    queries whatever the month holds:

    - the number of one-day events starting on each day (an aggregate per day);
    - the first `per_day` events starting on each day, and every event that lasts more
      than one day (a window-limited choice of ids, then those rows). The first few of a day by start time are
      among those: an event starting on that day that is among its first few has at
      most `per_day - 1` events starting before it on that day.

    A day's count is its one-day events plus the longer events that cover it."""
    start, end = month_bounds(first)
    tz = timezone.get_current_timezone()
    by_dates = queryset.order_by().annotate(
        start_day=TruncDate("starts_at", tzinfo=tz), end_day=TruncDate("ends_at", tzinfo=tz)
    )
    counts: Counter[datetime.date] = Counter(
        dict(
            by_dates.filter(end_day=F("start_day"))
            .values("start_day")
            .annotate(n=Count("pk"))
            .values_list("start_day", "n")
        )
    )
    # Which events are shown: ranked on what the (status, ends_at, starts_at, id) index
    # holds (an index-only scan of the month's thousands of events), then only those
    # rows read, by id.
    shown_ids = list(
        by_dates.annotate(
            day_rank=Window(
                RowNumber(),
                partition_by=[TruncDate("starts_at", tzinfo=tz)],
                order_by=[F("starts_at").asc(), F("pk").asc()],
            ),
        )
        .filter(Q(day_rank__lte=per_day) | Q(end_day__gt=F("start_day")))
        .values_list("pk", flat=True)
    )
    rows = queryset.model._default_manager.filter(pk__in=shown_ids)
    fields, deferred = queryset.query.deferred_loading
    if fields:
        rows = rows.defer(*fields) if deferred else rows.only(*fields)
    shown = rows.annotate(
        start_day=TruncDate("starts_at", tzinfo=tz), end_day=TruncDate("ends_at", tzinfo=tz)
    ).order_by("starts_at", "pk")
    # Each event is shown twice (the phone list and the table): its address and title
    # are made once here, without a `reverse()` per event.
    event_url = url_maker("groups:event-detail")
    by_day: dict[datetime.date, list[Any]] = defaultdict(list)
    for event in shown:
        _label(event, event_url)
        longer = event.end_day > event.start_day
        for day in _days_covered(event, start, end):
            by_day[day].append(event)
            if longer:
                counts[day] += 1
    return _weeks(first, by_day, counts, per_day)


def _label(event: Any, event_url: Callable[[object], str]) -> None:
    event.calendar_url = event_url(event.pk)
    event.calendar_title = event.localized("title")


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _days_covered(event: Any, start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    """The days between `start` and `end` that the event takes place on (at least partly,
    as `EventQuerySet.between` counts it: an event ending at midnight is not on the next day)."""
    day = max(timezone.localtime(event.starts_at).date(), start)
    ends = timezone.localtime(event.ends_at)
    last = ends.date() - datetime.timedelta(days=1) if ends.time() == datetime.time.min else ends.date()
    last = min(max(last, day), end)
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _weeks(
    first: datetime.date, by_day: dict[datetime.date, list[Any]], counts: dict[datetime.date, int], per_day: int
) -> list[list[dict[str, Any]]]:
    weeks = []
    for week in calendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month):
        row = []
        for day in week:
            in_month = day.month == first.month
            day_events = sorted(by_day.get(day, []), key=lambda e: (e.starts_at, e.pk))[:per_day] if in_month else []
            count = counts.get(day, 0) if in_month else 0
            more = max(count - len(day_events), 0)
            row.append(
                {
                    "date": day,
                    "iso": day.isoformat(),
                    "in_month": in_month,
                    "count": count,
                    "events": day_events,
                    "more": more,
                    # Made once for the phone list and the table (a month shows a few
                    # hundred links: template loops over them cost more than the queries).
                    "links": format_html_join(
                        "", '<li><a href="{}">{}</a></li>', ((e.calendar_url, e.calendar_title) for e in day_events)
                    ),
                    "count_label": ngettext("%(counter)s event", "%(counter)s events", count) % {"counter": count},
                    "more_label": gettext("%(count)s more") % {"count": more},
                }
            )
        weeks.append(row)
    return weeks
