"""Template helpers shared by every app."""

from __future__ import annotations

import datetime
import re

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from portal import audit, dates
from portal.models import AuditLogEntry

register = template.Library()


@register.filter
def wareki(value: datetime.date | datetime.datetime | None) -> str:
    """{{ day|wareki }} → 令和8年11月21日 (in English: the ISO date with the era)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    try:
        text = dates.wareki(value)
    except ValueError:
        return value.isoformat()
    if get_language() == "en":
        era, year = dates.wareki_year(value)
        english = next(en for _start, name, en in dates.ERAS if name == era)
        return f"{value:%Y-%m-%d} ({english} {year})"
    return text


@register.filter
def fiscal_year_label(value: int) -> str:
    return dates.fiscal_year_label(int(value))


@register.filter
def localized(obj: object, field: str) -> str:
    """{{ page|localized:"title" }}: the English variant when browsing in English."""
    return obj.localized(field)  # type: ignore[attr-defined]


_HEADING = re.compile(r"^##\s+(.*)$")


def _render_block(lines: list[str]) -> list[str]:
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        is_item = stripped.startswith(("- ", "・"))
        if paragraph and (heading or is_item or not stripped):
            html.append("<p>" + "<br>".join(escape(p) for p in paragraph) + "</p>")
            paragraph = []
        if items and not is_item:
            html.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
            items = []
        if heading:
            html.append(f"<h2>{escape(heading.group(1))}</h2>")
        elif is_item:
            items.append(stripped[2:] if stripped.startswith("- ") else stripped[1:])
        elif stripped:
            paragraph.append(stripped)
    return html


@register.filter
def richtext(text: str) -> SafeString:
    """Render staff-written plain text: blank lines separate paragraphs, "## " starts a
    heading (h2), "- " a list item. Everything is escaped; no HTML is passed through."""
    blocks: list[str] = []
    for raw_block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        blocks.extend(_render_block(raw_block.split("\n")))
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece is escaped above


@register.filter
def audit_action(code: str) -> str:
    """{{ entry.action|audit_action }}: the readable label of an audit-log action code."""
    return audit.action_label(code)


@register.filter
def audit_details(entry: AuditLogEntry) -> list[tuple[str, str]]:
    """{{ entry|audit_details }}: (label, value) pairs of the entry's data, in local time."""
    return audit.entry_details(entry)


@register.filter
def datetime_attr(value: datetime.date | datetime.datetime | None) -> str:
    """{{ value|datetime_attr }}: a valid HTML `datetime` attribute. Dates as 2026-12-01;
    date-times in the site's time zone to the second, with the offset
    (2026-12-01T10:00:00+09:00): the `c` date format adds microseconds, which HTML refuses."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
