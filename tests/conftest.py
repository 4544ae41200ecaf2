from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.utils import translation

from tests.roles import build_role_users


@pytest.fixture(autouse=True)
def _japanese_and_clean_cache() -> Any:
    """Every test starts in Japanese with empty caches (rate limits, site config,
    rendered fragments)."""
    cache.clear()
    caches["fragments"].clear()
    translation.activate("ja")
    yield
    translation.deactivate()
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _migrated_rows(request: Any) -> Any:
    """The rows data migrations create (the forms of collaboration) are part of every
    database the tests see: the flush that ends a transactional test wipes them, so they
    are put back, once, in the next test that uses the database."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if request.node.get_closest_marker("django_db") is None and not uses_db:
        yield
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    from collaboration.models import CollaborationForm

    with blocker.unblock():
        if not CollaborationForm.objects.exists():
            from django.apps import apps

            importlib.import_module("collaboration.migrations.0002_forms").create_forms(apps, None)
    yield


@pytest.fixture
def page_cache(settings: Any, db: Any) -> None:
    """The page cache on (tests/pagecache.py; it is off in the other tests), with the
    site settings' row made (the first page would make it: a GET that writes is not
    stored)."""
    from portal.models import SiteConfiguration

    SiteConfiguration.get_solo()
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def role_users(db: Any) -> dict[str, Any]:
    return build_role_users()


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip_pg)
