"""iCalendar (RFC 5545) documents for every app.

Times are written in the site's time zone (`DTSTART;TZID=Asia/Tokyo:…`), so each
document carries the VTIMEZONE that TZID refers to: without it a standard parser
(ical.js, many phone calendars) reads 10:00 JST as 10:00 UTC."""

from __future__ import annotations

import datetime
import re
import uuid

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Timezone

from portal.downloads import content_disposition
from portal.models import SiteConfiguration

_LINE_BREAKS = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Text for a property that must stay on one line (a calendar's NAME)."""
    return _LINE_BREAKS.sub(" ", str(text)).strip()


def calendar_new(*, name: str, key: str = "") -> Calendar:
    """An empty calendar named `name`, with the portal's PRODID and time zone.

    Its UID (RFC 7986) is the same on every download of the same calendar (`key`, or
    its name), as a calendar's identifier must be, so that the same data gives the
    same document (a random one would also defeat the page cache's freshness checks)."""
    config = SiteConfiguration.get_solo()
    prodid = f"-//{one_line(config.city_name_en) or 'City'}//Civic Activity Portal//JA"
    calendar = Calendar.new(
        prodid=prodid,
        name=one_line(f"{config.localized_site_name()} {name}"),
        uid=uuid.uuid5(uuid.NAMESPACE_URL, f"{prodid}|{key or name}"),
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _date_span(calendar: Calendar) -> tuple[datetime.date, datetime.date]:
    """The dates the calendar's events cover, widened to the library's default span."""
    first, last = Timezone.DEFAULT_FIRST_DATE, Timezone.DEFAULT_LAST_DATE
    for event in calendar.events:
        for value in (event.DTSTART, event.DTEND):
            if isinstance(value, datetime.datetime):
                first = min(first, value.date())
                last = max(last, value.date() + datetime.timedelta(days=1))
    return first, last


def calendar_to_ical(calendar: Calendar) -> bytes:
    """The document, with a VTIMEZONE for every TZID its times use."""
    first, last = _date_span(calendar)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def calendar_response(calendar: Calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_to_ical(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, inline=True, default="calendar.ics")
    return response
