"""Sessions saved on every request without waiting for the disk (portal/sessions.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from portal.sessions import SessionStore

ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF"


def test_settings__the_portal_session_store() -> None:
    assert settings.SESSION_ENGINE == "portal.sessions"


@pytest.mark.django_db(transaction=True)
def test_save__own_transaction_commits_without_waiting_on_postgresql() -> None:
    store = SessionStore()
    store["visited"] = "予約"
    with CaptureQueriesContext(connection) as created:
        store.create()
    store["visited"] = "補助金"
    with CaptureQueriesContext(connection) as saved:
        store.save()
    assert SessionStore(store.session_key).load() == {"visited": "補助金"}
    statements = [query["sql"] for query in [*created.captured_queries, *saved.captured_queries]]
    expected = 2 if connection.vendor == "postgresql" else 0
    assert statements.count(ASYNC_COMMIT) == expected


@pytest.mark.django_db(transaction=True)
def test_save__inside_the_requests_transaction_leaves_its_commit_alone() -> None:
    """Saved within a transaction that holds other writes: those must reach the disk
    before the commit returns, so the setting is not touched."""
    store = SessionStore()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        store["visited"] = "施設"
        store.create()
    assert ASYNC_COMMIT not in [query["sql"] for query in queries.captured_queries]
    assert SessionStore(store.session_key).load() == {"visited": "施設"}
