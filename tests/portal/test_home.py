"""The home page: the search box, then what is on (portal.whats_on sections, each a
cached fragment), then the news; constant query count, English."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from groups.services import opening_close
from portal import whats_on
from tests.factories.collaboration import create_call, create_case
from tests.factories.events import create_event
from tests.factories.groups import create_group
from tests.factories.portal import NewsFactory
from tests.factories.subsidies import create_programme
from tests.factories.volunteering import create_opening
from tests.pagecache import commit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _this_week(days: int = 1) -> datetime.datetime:
    return timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)


def build_home(count: int) -> dict[str, Any]:
    """`count` of each thing the home page shows, plus one of each it must leave out."""
    group = create_group(name="さくら子ども食堂")
    for n in range(count):
        start = _this_week(1 + n % 5)
        create_event(
            group=group, title=f"今週の交流会{n}", starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        )
        create_opening(group=group, title=f"配膳ボランティア{n}")
        create_programme(name=f"市民活動補助金{n}")
        create_call(title=f"空き家活用{n}", slug=f"akiya-{count}-{n}")
        create_case(title=f"協働事例{n}")
        NewsFactory(title=f"お知らせ{n}")
    later = _this_week(20)
    create_event(group=group, title="来月の交流会", starts_at=later, ends_at=later + datetime.timedelta(hours=1))
    closed = create_opening(group=group, title="締切済みの募集")
    opening_close(opening=closed, actor=group.memberships.get(role="representative").user)
    create_group(name="募集のない団体")
    return {"group": group}


def test_home__shows_the_search_box_and_every_section_with_links(client: Any) -> None:
    build_home(2)
    html = client.get(reverse("portal:home")).content.decode()
    assert 'role="search"' in html
    assert f'action="{reverse("portal:search")}"' in html
    assert '<label for="home-search-q"' in html
    for title in ("今週の交流会0", "配膳ボランティア0", "市民活動補助金0", "空き家活用0", "協働事例0", "お知らせ0"):
        assert title in html
    assert "さくら子ども食堂" in html  # the group recruiting
    for left_out in ("来月の交流会", "締切済みの募集", "募集のない団体"):
        assert left_out not in html
    for name in (
        "groups:event-list",
        "groups:opening-list",
        "subsidies:list",
        "collaboration:call-list",
        "groups:list",
        "collaboration:case-list",
        "portal:news-list",
    ):
        assert f'href="{reverse(name)}"' in html
    # Sections in their registered order, then the news, each with a heading.
    keys = [section.key for section in whats_on.sections()]
    positions = [html.index(f'id="home-{key.replace(".", "")}"') for key in keys]
    assert positions == sorted(positions)
    assert keys[-1] == "portal.news"


def test_home__empty_sections_say_so(client: Any) -> None:
    html = client.get(reverse("portal:home")).content.decode()
    assert "There is no news" not in html  # Japanese page
    assert "お知らせ" in html
    assert client.get(reverse("portal:home")).status_code == 200


def test_home__in_english(client: Any) -> None:
    build_home(1)
    html = client.get("/en/").content.decode()
    assert "This week&#x27;s events" in html
    assert "Subsidies open for applications" in html
    assert 'href="/en/events/"' in html
    assert "Test event" in html  # the event's English title


def test_home__fragments_are_cached_per_language(client: Any) -> None:
    build_home(1)
    client.get(reverse("portal:home"))
    section = whats_on.sections()[0]
    assert cache.get(whats_on.cache_key(section, "ja")) is not None
    assert cache.get(whats_on.cache_key(section, "en")) is None
    client.get("/en/")
    assert "This week" in cache.get(whats_on.cache_key(section, "en")).value


def test_home__a_committed_write_renders_the_sections_that_show_it_again(client: Any) -> None:
    client.get(reverse("portal:home"))
    commit()
    NewsFactory(title="新しいお知らせ")
    commit()
    assert "新しいお知らせ" in client.get(reverse("portal:home")).content.decode()


def test_home__a_warm_render_runs_no_query_for_the_sections(client: Any, django_assert_num_queries: Any) -> None:
    build_home(3)
    client.get(reverse("portal:home"))
    # Warm: only what is outside the sections (the home's guide pages) is read; the site
    # settings and the navigation come from their per-process copies.
    with django_assert_num_queries(WARM_QUERIES) as queries:
        response = client.get(reverse("portal:home"))
    assert "今週の交流会0" in response.content.decode()
    tables = ("groups_", "subsidies_", "collaboration_", "portal_news")
    assert not [query["sql"] for query in queries.captured_queries if any(table in query["sql"] for table in tables)]


def test_home__bumping_the_version_renders_again(client: Any, monkeypatch: Any) -> None:
    client.get(reverse("portal:home"))
    NewsFactory(title="新しいお知らせ")
    assert "新しいお知らせ" not in client.get(reverse("portal:home")).content.decode()
    monkeypatch.setattr(whats_on, "CACHE_VERSION", whats_on.CACHE_VERSION + 1)
    assert "新しいお知らせ" in client.get(reverse("portal:home")).content.decode()


# A cold home page: the site settings and the guide pages (navigation and home), then
# one query per section (events, openings, recruiting groups, subsidy calls,
# collaboration calls, cases, news).
COLD_QUERIES = 11
WARM_QUERIES = 1


@pytest.mark.parametrize("count", [1, 7])
def test_home__constant_queries(client: Any, django_assert_num_queries: Any, count: int) -> None:
    build_home(count)
    with django_assert_num_queries(COLD_QUERIES):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert f"今週の交流会{min(count, 6) - 1}" in response.content.decode()
