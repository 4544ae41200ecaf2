"""The home page's "what is on" sections: each app registers one or more (upcoming
events, openings closing soon, open calls and themes, groups recruiting…); portal's
home view renders them in order, each as a cached fragment, without importing the apps.

    whats_on.register(whats_on.HomeSection(
        key="groups.events", title=_("This week's events"), order=10,
        template="groups/includes/_home_events.html",
        context=lambda: {"events": list(Event.objects.for_home()[:6])},
        more_url="groups:event-list",
    ))

`context()` must use a fixed number of queries. The rendered fragment is cached in the
shared cache per language, and rendered again once a table it shows is written
(portal.pagecache)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from portal import pagecache

# Part of every fragment's cache key: bump it to drop every cached home section at once
# (after a template change, say); writes invalidate them by themselves.
CACHE_VERSION = 1
# What no write announces (this week moving on, a deadline passing) shows within this.
SECTION_SECONDS = 300


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: Promise | str
    template: str
    context: Callable[[], dict[str, Any]]
    order: int = 100
    more_url: str = ""


_SECTIONS: dict[str, HomeSection] = {}


def register(*sections: HomeSection) -> None:
    for section in sections:
        _SECTIONS.setdefault(section.key, section)


def sections() -> list[HomeSection]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


def cache_key(section: HomeSection, language: str) -> str:
    return f"home-section:v{CACHE_VERSION}:{section.key}:{language}"


def render(section: HomeSection) -> str:
    """The section as HTML: its heading, its fragment and the link to its full list.
    Rendered without the request, so it holds nothing that depends on the visitor."""
    body = render_to_string(section.template, {"section": section, **section.context()})
    context = {"section": section, "body": mark_safe(body)}  # noqa: S308 (our own autoescaped template)
    return render_to_string("portal/includes/_home_section.html", context)


def rendered_sections() -> list[SafeString]:
    """Every section's HTML in order, read from the shared cache in one round trip;
    a section missing from it, or showing a table written since (portal.pagecache), is
    rendered (its fixed queries) and stored."""
    found = sections()
    language = translation.get_language() or ""
    makers = {cache_key(section, language): partial(render, section) for section in found}
    html = pagecache.get_many_or_set(makers, SECTION_SECONDS)
    return [mark_safe(html[key]) for key in makers]  # noqa: S308 (rendered by our own templates, autoescaped)
