"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work offline, so the system Chromium is
used (`CHROMIUM` or /usr/bin/chromium; `make test-e2e` installs it when missing)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = _chromium_path()
    if executable is None:
        pytest.fail("Chromium is not installed: run `make test-e2e` (installs Debian's chromium) or set CHROMIUM.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make (reading the outbox, creating users) are synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # bypass_csp lets Playwright inject axe-core; the portal's own pages never need it.
    context = browser.new_context(bypass_csp=True, locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    external: list[str] = []

    def _watch(request: Any) -> None:
        if not request.url.startswith((live_server.url, "data:", "about:")):
            external.append(request.url)

    page.on("request", _watch)
    yield page
    context.close()
    assert not external, f"Requests left the site: {external}"


def check_accessibility(page: Any) -> None:
    """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test-e2e does).")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        })"""
    )
    assert result["passes"], "axe-core checked nothing"
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(violations)


def login_as(page: Any, live_server: Any, user: Any) -> None:
    """Give the browser a logged-in session for `user` (the log-in form itself is
    covered by the account journey)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def restore_talent_skills() -> None:
    """Write the talent bank's starting skills again, as their data migration does: a
    transactional test (every browser test is one) flushes the tables when it ends, so
    the tests after the first find no skill (the demo city and the bank need them)."""
    import importlib

    from django.apps import apps

    importlib.import_module("groups.migrations.0013_talent_skills").add_skills(apps, None)
