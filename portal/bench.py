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


BENCH_PAGES: list[Callable[[], list[tuple[str, ...]]]] = [portal_pages]
