"""Query counts of the portal's pages stay the same as the data grows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.portal import FaqItemFactory, InfoPageFactory, NewsFactory

pytestmark = pytest.mark.django_db


def _grow(n: int) -> None:
    NewsFactory.create_batch(n)
    FaqItemFactory.create_batch(n)
    InfoPageFactory.create_batch(n, show_in_nav=True)


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES: list[tuple[str, Callable[[], str]]] = [
    ("home", lambda: reverse("portal:home")),
    ("news list", lambda: reverse("portal:news-list")),
    ("news detail", lambda: NewsFactory().get_absolute_url()),
    ("info page", lambda: InfoPageFactory(slug="civic-activity").get_absolute_url()),
    ("faq", lambda: reverse("portal:faq")),
]


@pytest.mark.parametrize(("name", "url"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", ["anonymous", "citizen", "city_staff"])
def test_public_pages__constant_queries(
    client: Any, role_users: dict[str, Any], name: str, url: Callable[[], str], role: str
) -> None:
    if role_users[role] is not None:
        client.force_login(role_users[role])
    target = url()
    client.get(target)  # warm the site-configuration cache
    _grow(2)
    small = _count(client, target)
    _grow(40)
    large = _count(client, target)
    assert small == large, f"{name}: {small} queries with little data, {large} with more"
    assert large <= 12


def test_audit_log_list__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    from portal.audit import audit_log

    client.force_login(role_users["city_staff"])
    url = reverse("portal:staff-auditlog")
    client.get(url)
    small = _count(client, url)
    for i in range(60):
        audit_log(actor=role_users["citizen"], action="portal.test.done", target=NewsFactory(title=f"n{i}"))
    assert _count(client, url) == small


def test_mail_failure_list__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    from portal.models import MailFailure

    def fail(n: int) -> None:
        MailFailure.objects.bulk_create(
            MailFailure(kind="test", recipients=f"r{i}@example.jp", subject=f"件名{i}", error="refused")
            for i in range(n)
        )

    client.force_login(role_users["city_staff"])
    url = reverse("portal:staff-mail-failures")
    client.get(url)
    fail(2)
    small = _count(client, url)
    fail(60)
    assert _count(client, url) == small
