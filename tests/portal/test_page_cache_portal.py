"""The page cache on portal's public pages (issue 12): home, news, information pages,
the FAQ and the site search. After each write through portal.services, committed, no
page the cache serves differs from a fresh render; every page is warmed (a hit) before
each write, so a page the write leaves stale fails the test."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import FaqItem, InfoPage, News
from portal.services import record_save, site_configuration_update
from tests.factories.portal import FaqItemFactory, InfoPageFactory, NewsFactory, UserFactory
from tests.pagecache import check_writes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def edit(instance: Any, actor: Any, **values: Any) -> None:
    """As the admin does: the changed fields set, then saved through the service."""
    for name, value in values.items():
        setattr(instance, name, value)
    record_save(instance=instance, actor=actor, fields=values, created=False)


def test_portal_pages__no_stale_page(client: Any) -> None:
    admin = UserFactory(is_superuser=True, is_staff=True)
    news = NewsFactory(title="市民活動フェアのお知らせ", title_en="Civic activity fair")
    scheduled = NewsFactory.create_scheduled(title="予約されたお知らせ")
    page = InfoPageFactory(slug="about", title="ポータルについて")
    faq = FaqItemFactory(question="団体登録に費用はかかりますか？", answer="かかりません。")
    pages = [
        "/",
        "/en/",
        reverse("portal:news-list"),
        reverse("portal:news-list") + "?page=1",
        "/en/news/",
        news.get_absolute_url(),
        page.get_absolute_url(),
        "/en" + page.get_absolute_url(),
        reverse("portal:faq"),
        reverse("portal:search") + "?q=お知らせ",
        reverse("portal:search") + "?q=フェア",
        "/en/search/?q=fair",
    ]

    def publish() -> None:
        edit(News.objects.get(pk=scheduled.pk), admin, publish_at=timezone.now() - datetime.timedelta(minutes=1))

    check_writes(
        client,
        pages,
        [
            ("news published", publish),
            ("news edited", lambda: edit(News.objects.get(pk=news.pk), admin, title="市民活動フェア（会場変更）")),
            ("news added", lambda: NewsFactory(title="新しいフェアのお知らせ", is_important=True)),
            (
                "an info page edited",
                lambda: edit(InfoPage.objects.get(pk=page.pk), admin, title="このポータルについて", body="新しい本文"),
            ),
            ("a FAQ edited", lambda: edit(FaqItem.objects.get(pk=faq.pk), admin, answer="登録は無料です。")),
            (
                "site settings changed",
                lambda: site_configuration_update(
                    actor=admin, data={"site_name": "みどり市 市民活動ポータル", "contact_phone": "0000-99-9999"}
                ),
            ),
        ],
    )
