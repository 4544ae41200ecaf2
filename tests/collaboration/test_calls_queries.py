"""Query counts of the collaboration front, the call list, the window's call list and
a call's page with its results do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CallKind, CallStatus, ProposalStatus
from tests.factories.collaboration import create_call, create_proposal
from tests.factories.portal import UserFactory
from tests.subsidies.screening_setup import create_committee

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(n: int) -> None:
    statuses = [CallStatus.OPEN, CallStatus.CLOSED, CallStatus.ANNOUNCED, CallStatus.DRAFT]
    for i in range(n):
        create_call(status=statuses[i % 4])
        create_call(kind=CallKind.CITIZEN, closes_at=None)


@pytest.mark.parametrize("name", ["collaboration:index", "collaboration:call-list"])
def test_public_pages__constant_queries(client: Any, name: str) -> None:
    url = reverse(name)
    _grow(2)
    small = _count(client, url)
    _grow(6)
    assert _count(client, url) == small


def test_staff_calls__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse("collaboration:staff-calls")
    _grow(2)
    small = _count(client, url)
    _grow(6)
    assert _count(client, url) == small


def test_call_page_results__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    committee = create_committee(chair=UserFactory())
    call = create_call(committee=committee, status=CallStatus.ANNOUNCED, decisions_published_at=timezone.now())

    def grow(n: int) -> None:
        for i in range(n):
            create_proposal(
                call,
                user=UserFactory(),
                status=[ProposalStatus.ADOPTED, ProposalStatus.NOT_ADOPTED][i % 2],
                decision_reason="理由",
                decision_published_at=timezone.now(),
            )

    grow(2)
    small = _count(client, call.get_absolute_url())
    grow(6)
    assert _count(client, call.get_absolute_url()) == small
