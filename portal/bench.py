"""Pages measured by `make bench`. Later apps append their pages to BENCH_PAGES: each
entry is a function returning (label, path) pairs for the seeded data, or (label, path,
e-mail) for a page measured signed in as that demo user (staff pages)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from portal.models import InfoPage, News


def portal_pages() -> list[tuple[str, str]]:
    news = News.objects.published().first()
    page = InfoPage.objects.published().first()
    pages = [
        ("home", reverse("portal:home")),
        ("home (en)", "/en/"),
        ("news list", reverse("portal:news-list")),
        ("faq", reverse("portal:faq")),
        ("login", reverse("account_login")),
        ("signup", reverse("account_signup")),
    ]
    if News.objects.published().count() > 20:
        pages.append(("news list page 2", reverse("portal:news-list") + "?page=2"))
    if news:
        pages.append(("news detail", news.get_absolute_url()))
    if page:
        pages.append(("info page", page.get_absolute_url()))
    return pages


def search_pages() -> list[tuple[str, str]]:
    """The site search with one-, two- and four-character queries in kanji and kana, one
    kind's second page, a field filter, and the lists' `q` in kana (portal.search)."""
    search = reverse("portal:search")
    return [
        ("search (1 kanji)", search + "?q=福"),
        ("search (2 kanji)", search + "?q=福祉"),
        ("search (3 kana)", search + "?q=ふくし"),
        ("search (4 kana)", search + "?q=こそだて"),
        ("search (place, 5 kana)", search + "?q=さくらがわ"),
        ("search (2 words)", search + "?q=子ども+こそだて"),
        ("search (no match)", search + "?q=ぬゐゑ"),
        ("search (1 kana, events page 2)", search + "?q=こ&kind=groups.event&page=2"),
        ("search (field, no words)", search + "?field=welfare"),
        ("search (en)", "/en" + search + "?q=ふくし"),
        ("groups keyword (4 kana)", reverse("groups:list") + "?q=こそだて"),
        ("events keyword (kana)", reverse("groups:event-list") + "?q=こそだて"),
        ("events keyword (1 kana)", reverse("groups:event-list") + "?q=こ"),
        ("volunteer keyword (kana)", reverse("groups:opening-list") + "?q=せいそう"),
    ]


BENCH_PAGES: list[Callable[[], list[tuple[str, ...]]]] = [portal_pages, search_pages]
