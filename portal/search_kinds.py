"""What the site search finds of portal's own content: news, information pages, FAQ.

The pattern every app follows in its own `search_kinds.py`, registered from its
`AppConfig.ready` (see portal.search)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import search
from portal.models import FaqItem, InfoPage, News


def news_document(news: News) -> search.Document:
    return search.Document(
        title=news.title,
        title_en=news.title_en,
        summary=news.body,
        summary_en=news.body_en,
        path=news.get_absolute_url(),
        texts=[news.body, news.body_en],
        date=news.publish_at,
        visible_from=news.publish_at,
        expires_at=news.unpublish_at,
    )


def page_document(page: InfoPage) -> search.Document | None:
    if not page.is_published:
        return None
    return search.Document(
        title=page.title,
        title_en=page.title_en,
        summary=page.summary or page.body,
        summary_en=page.summary_en or page.body_en,
        path=page.get_absolute_url(),
        texts=[page.summary, page.summary_en, page.body, page.body_en],
    )


def faq_document(item: FaqItem) -> search.Document | None:
    if not item.is_published:
        return None
    return search.Document(
        title=item.question,
        title_en=item.question_en,
        summary=item.answer,
        summary_en=item.answer_en,
        path=f"{reverse('portal:faq')}#faq-item-{item.pk}",
        texts=[item.answer, item.answer_en],
    )


def register() -> None:
    search.register(
        search.Kind(
            key="portal.news",
            label=_("News"),
            model=News,
            document=news_document,
            queryset=News.objects.all,
            order=80,
            list_url="portal:news-list",
        ),
        search.Kind(
            key="portal.page",
            label=_("Information pages"),
            model=InfoPage,
            document=page_document,
            queryset=InfoPage.objects.all,
            order=90,
        ),
        search.Kind(
            key="portal.faq",
            label=_("Questions and answers"),
            model=FaqItem,
            document=faq_document,
            queryset=FaqItem.objects.all,
            order=95,
            list_url="portal:faq",
        ),
    )
