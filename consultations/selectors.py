"""Reads of the consultation desk: the free slots, a person's consultations, the queue
and the report."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from consultations.models import (
    COUNTED_STATUSES,
    HOLDING_STATUSES,
    WAITING_STATUSES,
    Consultation,
    DeskSlot,
    Mode,
    Topic,
)
from portal.dates import fiscal_year_range


def free_slots() -> QuerySet[DeskSlot]:
    """Open slots in the future that nobody holds."""
    held = Consultation.objects.filter(slot=OuterRef("pk"), status__in=HOLDING_STATUSES)
    return DeskSlot.objects.filter(is_closed=False, starts_at__gt=timezone.now()).exclude(Exists(held))


def staff_slots() -> QuerySet[DeskSlot]:
    """Every slot from today on, with whether it is booked."""
    held = Consultation.objects.filter(slot=OuterRef("pk"), status__in=HOLDING_STATUSES)
    today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    return DeskSlot.objects.filter(starts_at__gte=today).annotate(is_booked=Exists(held))


def my_consultations(user: Any) -> QuerySet[Consultation]:
    return Consultation.objects.filter(asker=user).select_related("slot", "group").order_by("-happens_at", "-pk")


def queue() -> QuerySet[Consultation]:
    """The desk's queue: waiting ones first (soonest first), then the rest, newest first."""
    return (
        Consultation.objects.select_related("asker", "group", "slot")
        .annotate(waiting=Q(status__in=WAITING_STATUSES))
        .order_by("-waiting", "happens_at", "pk")
    )


def queue_counts() -> dict[str, int]:
    rows = Consultation.objects.filter(status__in=WAITING_STATUSES).values("kind").annotate(n=Count("pk"))
    counts = {row["kind"]: row["n"] for row in rows}
    follow_ups = Consultation.objects.filter(follow_up_needed=True, follow_up_by__gte=timezone.localdate()).count()
    return {"booking": counts.get("booking", 0), "question": counts.get("question", 0), "follow_up": follow_ups}


def report(year: int) -> dict[str, Any]:
    """Consultations given (held, answered) in fiscal year `year`, per month, by topic
    (as discussed when recorded, else as asked) and by mode."""
    first, last = fiscal_year_range(year)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    rows = (
        Consultation.objects.filter(status__in=COUNTED_STATUSES, happens_at__gte=start, happens_at__lt=end)
        .annotate(month=TruncMonth("happens_at"))
        .values_list("month", "topic", "record_topic", "mode")
    )
    by_topic: Counter[tuple[datetime.date, str]] = Counter()
    by_mode: Counter[tuple[datetime.date, str]] = Counter()
    for month, topic, record_topic, mode in rows:
        day = month.date() if isinstance(month, datetime.datetime) else month
        by_topic[day, record_topic or topic] += 1
        by_mode[day, mode] += 1
    months = []
    day = first
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)

    def table(counter: Counter[tuple[datetime.date, str]], choices: Any) -> list[dict[str, Any]]:
        lines = []
        for value, label in choices:
            counts = [counter[month, value] for month in months]
            lines.append({"value": value, "label": label, "counts": counts, "total": sum(counts)})
        totals = [sum(line["counts"][i] for line in lines) for i in range(len(months))]
        lines.append({"value": "", "label": None, "counts": totals, "total": sum(totals), "is_total": True})
        return lines

    return {
        "months": months,
        "by_topic": table(by_topic, Topic.choices),
        "by_mode": table(by_mode, Mode.choices),
    }
