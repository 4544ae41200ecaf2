from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _run_on_commit_at_once(monkeypatch: Any) -> None:
    """Tests run inside one transaction; run the services' after-commit callbacks
    (e-mails) at once so that tests can see them."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
    # What an earlier fixture left waiting for the commit runs now too: a callback still
    # waiting (the page cache's invalidation) would otherwise stand for later writes.
    from django.db import connection

    if connection.run_on_commit:
        from tests.pagecache import commit

        commit()
