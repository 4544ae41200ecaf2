"""Query counts of the topic e-mail pages do not grow with subscribers, fields and areas
(the digest job's count is in test_newsletter.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import ActivityField, Area, Subscription
from tests.factories.newsletter import confirm_link_token, subscribe
from tests.factories.portal import ActivityFieldFactory, AreaFactory

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(n: int) -> None:
    start = Subscription.objects.count()
    for i in range(n):
        ActivityFieldFactory()
        AreaFactory()
        subscribe(
            f"reader{start + i}@example.jp",
            fields=list(ActivityField.objects.all()),
            areas=list(Area.objects.all()),
            language="en" if i % 2 else "ja",
        )


@pytest.fixture
def reader() -> Subscription:
    return subscribe("reader@example.jp", topics=["events", "news"])


def _pages(reader: Subscription) -> dict[str, str]:
    return {
        "subscribe": reverse("portal:newsletter-subscribe"),
        "confirm": reverse("portal:newsletter-confirm", args=[confirm_link_token("reader@example.jp")]),
        "manage": reverse("portal:newsletter-manage", args=[reader.token]),
        "unsubscribe": reverse("portal:newsletter-unsubscribe", args=[reader.token]),
    }


@pytest.mark.parametrize("page", ["subscribe", "confirm", "manage", "unsubscribe"])
def test_public_pages__constant_queries(client: Any, reader: Subscription, page: str) -> None:
    url = _pages(reader)[page]
    _grow(2)
    Subscription.objects.filter(pk=reader.pk).first().fields.set(ActivityField.objects.all())
    small = _count(client, url)
    _grow(6)
    Subscription.objects.filter(pk=reader.pk).first().fields.set(ActivityField.objects.all())
    assert _count(client, url) == small


def test_staff_counts__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse("portal:newsletter-staff")
    _grow(2)
    small = _count(client, url)
    _grow(6)
    assert _count(client, url) == small
