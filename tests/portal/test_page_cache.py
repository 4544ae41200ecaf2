"""The page cache for anonymous visitors and its invalidation (portal.pagecache,
portal.middleware.PageCacheMiddleware)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from portal import pagecache
from portal.models import News
from tests.factories.portal import NewsFactory, UserFactory
from tests.pagecache import check_writes, commit, warm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_anonymous_page__stored_then_served_without_a_query(client: Any, django_assert_num_queries: Any) -> None:
    NewsFactory(title="お知らせ一")
    first = client.get(reverse("portal:news-list"))
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(reverse("portal:news-list"))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "お知らせ一" in second.content.decode()
    assert not second.cookies


def test_key__language_and_full_query(client: Any) -> None:
    NewsFactory(title="お知らせ", title_en="A notice")
    client.get("/news/")
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"
    assert "A notice" in client.get("/en/news/").content.decode()
    assert client.get("/news/?page=1")["X-Page-Cache"] == "miss"
    assert client.get("/news/")["X-Page-Cache"] == "hit"


def test_committed_write__page_rendered_again(client: Any) -> None:
    news = NewsFactory(title="古い見出し")
    url = news.get_absolute_url()
    commit()
    warm(client, [url, reverse("portal:news-list")])
    News.objects.filter(pk=news.pk).update(title="新しい見出し")  # a bulk update, no signal
    commit()
    for page in (url, reverse("portal:news-list")):
        response = client.get(page)
        assert response["X-Page-Cache"] == "miss"
        assert "新しい見出し" in response.content.decode()


def test_rolled_back_write__page_still_served(client: Any) -> None:
    warm(client, [reverse("portal:news-list")])
    try:
        with transaction.atomic():
            NewsFactory(title="取り消された")
            raise RuntimeError
    except RuntimeError:
        pass
    assert client.get(reverse("portal:news-list"))["X-Page-Cache"] == "hit"


def test_write_in_a_savepoint_rolled_back__a_later_write_still_counts(client: Any) -> None:
    commit()
    warm(client, [reverse("portal:news-list")])
    try:
        with transaction.atomic():
            NewsFactory(title="取り消された")
            raise RuntimeError
    except RuntimeError:
        pass
    NewsFactory(title="残ったお知らせ")
    commit()
    response = client.get(reverse("portal:news-list"))
    assert response["X-Page-Cache"] == "miss"
    assert "残ったお知らせ" in response.content.decode()


def test_lost_version__a_miss_never_a_stale_page(client: Any) -> None:
    warm(client, [reverse("portal:news-list")])
    # Evicted by the cache server, with the generation: the page cannot be vouched for.
    cache.delete_many([pagecache.version_key("portal_news"), pagecache.GENERATION_KEY])
    assert client.get(reverse("portal:news-list"))["X-Page-Cache"] == "miss"
    # The version lost, then a write: the page is rendered again with it.
    assert client.get(reverse("portal:news-list"))["X-Page-Cache"] == "hit"
    cache.delete(pagecache.version_key("portal_news"))
    NewsFactory(title="消えた版のあと")
    commit()
    assert "消えた版のあと" in client.get(reverse("portal:news-list")).content.decode()


def test_generation__a_hit_reads_no_version_until_a_write(client: Any, monkeypatch: Any) -> None:
    """While no write has been announced since a page was stored, it is served after
    one round trip (the page and the generation); after any write its tables' versions
    decide."""
    url = reverse("portal:news-list")
    warm(client, [url])
    reads: list[list[str]] = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: reads.append(list(keys)) or real_get_many(keys, **kw))
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert len(reads) == 1
    pagecache.bump(["facilities_booking"])  # a write the page does not show
    reads.clear()
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert len(reads) == 2
    assert pagecache.version_key("portal_news") in reads[1]
    pagecache.bump(["portal_news"])
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_signed_in__never_served_nor_stored(client: Any) -> None:
    warm(client, [reverse("portal:news-list")])
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.get(reverse("portal:news-list"))
        assert "X-Page-Cache" not in response
        assert "Log out" in response.content.decode() or "ログアウト" in response.content.decode()


def test_session_or_messages_cookie__bypasses_the_cache(client: Any) -> None:
    warm(client, [reverse("portal:news-list")])
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get(reverse("portal:news-list"))
    del client.cookies["sessionid"]
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(reverse("portal:news-list"))


def test_page_with_a_csrf_token__never_stored(client: Any) -> None:
    url = reverse("account_login")
    for _ in range(2):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_public_pages__no_token_no_cookie_and_the_language_switch_is_links(client: Any) -> None:
    response = client.get(reverse("portal:news-list") + "?page=1")
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert 'href="/en/news/?page=1"' in html
    assert 'hreflang="en"' in html
    english = client.get("/en/news/").content.decode()
    assert 'href="/news/"' in english


def test_etag__304_when_unchanged(client: Any) -> None:
    url = reverse("portal:news-list")
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_get_that_writes__not_stored(client: Any, monkeypatch: Any) -> None:
    from portal.models import SiteConfiguration

    SiteConfiguration.objects.all().delete()  # the first page creates the settings row
    cache.clear()
    assert client.get(reverse("portal:news-list"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("portal:news-list"))["X-Page-Cache"] == "miss"  # stored only now
    assert client.get(reverse("portal:news-list"))["X-Page-Cache"] == "hit"


def test_news__no_stale_page_after_the_writes_that_concern_it(client: Any) -> None:
    news = NewsFactory(title="最初のお知らせ")
    pages = ["/", "/news/", "/en/news/", news.get_absolute_url()]
    check_writes(
        client,
        pages,
        [
            ("news added", lambda: NewsFactory(title="追加のお知らせ")),
            ("news edited", lambda: News.objects.filter(pk=news.pk).update(body="本文を変更")),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_autocommit_write__announced_by_the_next_request(client: Any) -> None:
    """Outside a transaction a write is committed at once; it is announced at the next
    safe point (not while the caller may still read its rows: an INSERT … RETURNING)."""
    from portal.models import SiteConfiguration

    SiteConfiguration.get_solo()
    news = NewsFactory(title="自動コミット前")
    warm(client, [news.get_absolute_url()])
    News.objects.filter(pk=news.pk).update(title="自動コミット後")
    response = client.get(news.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "自動コミット後" in response.content.decode()


def test_snapshot__versions_reused_until_a_write_moves_the_generation(monkeypatch: Any) -> None:
    """A request reads one key (the generation) while nothing was written since the
    process last read every table's version, and every version again after a write."""
    first = pagecache.snapshot()
    reads: list[int] = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: reads.append(len(keys)) or real_get_many(keys, **kw))
    assert pagecache.snapshot() == first
    assert reads == []
    pagecache.bump(["portal_news"])
    after = pagecache.snapshot()
    assert reads == [len(pagecache.tracked_tables())]
    assert after["portal_news"] == first["portal_news"] + 1
    assert {t: v for t, v in after.items() if t != "portal_news"} == {
        t: v for t, v in first.items() if t != "portal_news"
    }
    # The generation lost (evicted): every version read again, none served from the copy.
    cache.delete(pagecache.GENERATION_KEY)
    pagecache.snapshot()
    assert len(reads) == 2
