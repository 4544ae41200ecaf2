"""Query counts of the application lists do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from subsidies.models import ApplicationStatus
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application, create_programme

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(world: dict[str, Any], n: int) -> None:
    """n more programmes with an application of the member's group, and n applications
    of other groups to the watched programme, in various states."""
    states = [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED]
    for i in range(n):
        create_application(create_programme(), world["group"], status=states[i % 3])
        other = create_group(representative=UserFactory())
        create_application(world["programme"], other, status=states[i % 3])


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    return {"programme": create_programme(), "group": role_users["_group"], **role_users}


def test_my_applications__constant_queries(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["representative"])
    url = reverse("subsidies:my-applications")
    _grow(world, 2)
    small = _count(client, url)
    _grow(world, 6)
    assert _count(client, url) == small


def test_staff_queue__constant_queries(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["city_staff"])
    programme = world["programme"]
    url = reverse("subsidies:staff-applications", args=[programme.fiscal_year, programme.slug])
    _grow(world, 2)
    small = _count(client, url)
    _grow(world, 6)
    assert _count(client, url) == small
    csv = reverse("subsidies:staff-applications-csv", args=[programme.fiscal_year, programme.slug])
    with CaptureQueriesContext(connection) as queries:
        client.get(csv)
    before = len(queries)
    _grow(world, 3)
    with CaptureQueriesContext(connection) as queries:
        client.get(csv)
    assert len(queries) == before
