"""The page-cache harness every app's tests use: warm the cache on a set of public
pages, make a write through a service (committed, as in production), then check that
every page the cache serves is the page a fresh render gives.

    def test_no_stale_pages(client, page_cache):
        pages = ["/events/", event.get_absolute_url()]
        check_writes(client, pages, [
            ("new event", lambda: event_create(...)),
        ])
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import override_settings


def warm(client: Any, urls: Iterable[str]) -> None:
    """Each page rendered and stored, then served from the cache (so that the check
    below can fail: a page never stored would always look fresh)."""
    client.logout()
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, f"{url}: {first.status_code}"
        second = client.get(url)
        assert second.get("X-Page-Cache") == "hit", f"{url} is not served from the page cache"


def _clear_caches() -> None:
    for alias in settings.CACHES:
        caches[alias].clear()


def stale_pages(client: Any, urls: Iterable[str]) -> list[str]:
    """The pages whose cached copy differs from a render with every cache empty."""
    urls = list(urls)
    served = {url: client.get(url).content for url in urls}
    _clear_caches()
    with override_settings(PAGE_CACHE_ENABLED=False):
        fresh = {url: client.get(url).content for url in urls}
    _clear_caches()
    problems = []
    for url in urls:
        if served[url] != fresh[url]:
            diff = difflib.unified_diff(
                fresh[url].decode().splitlines(), served[url].decode().splitlines(), "fresh", "served", n=0, lineterm=""
            )
            problems.append(f"{url} is stale:\n" + "\n".join(list(diff)[:12]))
    return problems


def commit() -> None:
    """As if the test's transaction committed here: run what waits for the commit
    (the cache invalidation among it), as a real commit would."""
    hooks, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, hook, _robust in hooks:
        hook()


def check_writes(client: Any, urls: Iterable[str], writes: list[tuple[str, Callable[[], Any]]]) -> None:
    """Warm the pages, then for each write (committed): no page is stale."""
    urls = list(urls)
    commit()
    for label, write in writes:
        warm(client, urls)
        write()
        commit()
        problems = stale_pages(client, urls)
        assert not problems, f"after {label}:\n" + "\n\n".join(problems)


def assert_signed_in_never_served(client: Any, user: Any, urls: Iterable[str]) -> None:
    """The pages, warm for anonymous visitors, are rendered afresh for a signed-in one
    (and not stored for them either: the second visit is no hit)."""
    urls = list(urls)
    warm(client, urls)
    client.force_login(user)
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Page-Cache" not in response, url
