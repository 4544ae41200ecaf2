"""portal's home section: the news (portal.whats_on)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal import whats_on


def news_context() -> dict[str, Any]:
    from portal.models import News

    return {"news_list": list(News.objects.published()[:5])}


def register() -> None:
    whats_on.register(
        whats_on.HomeSection(
            key="portal.news",
            title=_("News"),
            order=900,
            template="portal/includes/_home_news.html",
            context=news_context,
            more_url="portal:news-list",
        )
    )
