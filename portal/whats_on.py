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
shared cache per language (see portal.views.HomeView)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: Promise | str
    template: str
    context: Callable[[], dict[str, Any]]
    order: int = 100
    more_url: str = ""
    cache_seconds: int = 300


_SECTIONS: dict[str, HomeSection] = {}


def register(section: HomeSection) -> None:
    _SECTIONS.setdefault(section.key, section)


def sections() -> list[HomeSection]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))
