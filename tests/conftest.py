from __future__ import annotations

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


@pytest.fixture
def role_users(db: Any) -> dict[str, Any]:
    return build_role_users()


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip_pg)
