"""Events as iCalendar (RFC 5545), on the portal's calendar helper."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent

from groups.models import Event, EventStatus
from portal import ical


def build_calendar(events: Iterable[Event], *, request: HttpRequest, name: str, key: str = "") -> Calendar:
    """`key` names the calendar whatever the language of its name (its UID)."""
    calendar = ical.calendar_new(name=name, key=key)
    host = request.get_host().split(":")[0]
    for event in events:
        item = ICalEvent.new(
            uid=f"event-{event.pk}@{host}",
            summary=event.localized("title"),
            description=event.description,
            start=timezone.localtime(event.starts_at),
            end=timezone.localtime(event.ends_at),
            location=" ".join(part for part in (event.place, event.address) if part),
            url=request.build_absolute_uri(event.get_absolute_url()),
            # When the event's information was last revised (RFC 5545 DTSTAMP without
            # METHOD), not the download's time: the document stays the same bytes until
            # an event changes (page cache, ETag).
            stamp=event.updated_at,
            last_modified=event.updated_at,
        )
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(item)
    return calendar


def calendar_response(events: Iterable[Event], *, request: HttpRequest, name: str, filename: str) -> HttpResponse:
    # One calendar, one UID, in Japanese and in English: the file's name is its key.
    return ical.calendar_response(
        build_calendar(events, request=request, name=name, key=f"groups/{filename}"), filename=filename
    )
