"""Template helpers shared by every app."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from django import forms, template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
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


@register.filter(is_safe=True)
def mark_current(html: str, path: str) -> SafeString:
    """Rendered navigation with `aria-current="page"` on the links to `path` (the
    page shown): the navigation itself is cached the same for every page."""
    href = f'href="{escape(iri_to_uri(path))}"'
    return mark_safe(str(html).replace(href, f'{href} aria-current="page"'))  # noqa: S308 (escaped above)


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


@dataclass(frozen=True)
class FormProblem:
    """One line of the error summary: the field's label (empty for errors about the
    whole form), the message, and the id of the control the line links to."""

    message: str
    label: str = ""
    target: str = ""


def _form_problems(form: forms.BaseForm) -> list[FormProblem]:
    problems = [FormProblem(str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        if not bound_field.errors:
            continue
        if bound_field.is_hidden:
            problems.extend(FormProblem(str(message)) for message in bound_field.errors)
            continue
        # Radio buttons, checkbox lists and multi-widgets have no single labelled
        # control (id_for_label is empty): link to the first of their inputs.
        first_id = bound_field.field.widget.attrs.get("id") or bound_field.auto_id
        target = bound_field.id_for_label or (f"{first_id}_0" if first_id else "")
        label = str(bound_field.label or bound_field.name)
        problems.extend(FormProblem(str(message), label, target) for message in bound_field.errors)
    return problems


@register.simple_tag(takes_context=True)
def form_problems(context: template.Context) -> list[FormProblem]:
    """Every error of every bound form (or formset) in the page's context, in context
    order: the base layout turns them into the error summary and the "Error:" title
    prefix, so no page writes its own. Works for any variable name (form,
    decision_form …) and for crispy, plain and allauth forms alike."""
    problems: list[FormProblem] = []
    seen: set[int] = set()
    for value in context.flatten().values():
        if id(value) in seen:
            continue
        seen.add(id(value))
        # type(), not isinstance(): isinstance would evaluate lazy context values
        # (the user, the CSRF token) just to find out what they are.
        kind = type(value)
        if issubclass(kind, forms.BaseForm) and value.is_bound:
            problems.extend(_form_problems(value))
        elif issubclass(kind, forms.BaseFormSet) and value.is_bound:
            problems.extend(FormProblem(str(message)) for message in value.non_form_errors())
            for form in value.forms:
                problems.extend(_form_problems(form))
    return problems


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """This page in each language, as links (Japanese at /…, English at /en/…): the
    switch needs no form, so pages carry no CSRF token and can be shared by the page
    cache. A page whose address has no translation links to the other home page."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    return _language_links(path, translation.get_language())


@lru_cache(maxsize=4096)
def _language_links(path: str, current: str) -> list[dict[str, object]]:
    """Resolving and reversing the address, once per address and language: the URL
    configuration does not change while the process runs."""
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code) if code != current else path
        if code != current and url == path:
            with translation.override(code):
                url = reverse("portal:home")
        info = translation.get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links
