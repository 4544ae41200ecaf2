"""iCalendar (RFC 5545) output with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent

from groups.models import Event, EventStatus
from portal.models import SiteConfiguration


def build_calendar(events: Iterable[Event], *, request: HttpRequest, name: str) -> Calendar:
    config = SiteConfiguration.get_solo()
    calendar = Calendar.new(
        prodid=f"-//{config.city_name_en or 'City'}//Civic Activity Portal//JA",
        name=f"{config.localized_site_name()} {name}",
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for event in events:
        item = ICalEvent.new(
            uid=f"event-{event.pk}@{host}",
            summary=event.localized("title"),
            description=event.description,
            start=timezone.localtime(event.starts_at),
            end=timezone.localtime(event.ends_at),
            location=" ".join(part for part in (event.place, event.address) if part),
            url=request.build_absolute_uri(event.get_absolute_url()),
            stamp=stamp,
            last_modified=event.updated_at,
        )
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(item)
    return calendar


def calendar_response(events: Iterable[Event], *, request: HttpRequest, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(events, request=request, name=name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
