"""Query counts of the 後援・共催 lists do not grow with the data: the group's list and
the window's queue (with its tabs and flags)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.collaboration import create_endorsement
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(group: Any, n: int) -> None:
    """n more requests of the group and of other groups, in every state and kind."""
    past = timezone.localdate() - datetime.timedelta(days=5)
    for i in range(n):
        create_endorsement(group, kind="cohosting", main_benefit="fee_reduction")
        create_endorsement(group, status="approved", starts_on=past, ends_on=past)
        create_endorsement(create_group(representative=UserFactory()), status=("refused", "withdrawn")[i % 2])


@pytest.mark.parametrize("query", ["", "?status=submitted", "?view=nominal", "?view=report_due&kind=endorsement"])
def test_staff_queue__constant_queries(client: Any, role_users: dict[str, Any], query: str) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse("collaboration:staff-endorsements") + query
    _grow(role_users["_group"], 2)
    small = _count(client, url)
    _grow(role_users["_group"], 6)
    assert _count(client, url) == small


@pytest.mark.parametrize("role", ["representative", "member"])
def test_group_list__constant_queries(client: Any, role_users: dict[str, Any], role: str) -> None:
    client.force_login(role_users[role])
    url = reverse("collaboration:endorsement-list")
    _grow(role_users["_group"], 2)
    small = _count(client, url)
    _grow(role_users["_group"], 6)
    assert _count(client, url) == small
