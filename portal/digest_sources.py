"""What the topic e-mails (portal.newsletter) take from portal itself: the news.
Registered from PortalConfig.ready. News has no activity field or area: every
subscriber of the topic gets it."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from portal import newsletter
from portal.models import News


def news_items(
    since: datetime.datetime,
    until: datetime.datetime,
    fields: Collection[int] | None,
    areas: Collection[int] | None,
    language: str,
) -> list[newsletter.DigestItem]:
    news = News.objects.published(until).filter(publish_at__gt=since).order_by("-publish_at", "-pk")[:50]
    return [
        newsletter.DigestItem(
            title=item.localized("title"),
            path=item.get_absolute_url(),
            published_at=item.publish_at,
            when=formats.date_format(timezone.localtime(item.publish_at), "DATE_FORMAT"),
        )
        for item in news
    ]


def register() -> None:
    newsletter.register(
        newsletter.DigestSource(
            key="news",
            label=gettext_lazy("News"),
            items=news_items,
            order=40,
            list_url="portal:news-list",
        )
    )
