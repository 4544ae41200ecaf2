"""Query counts of the desk's lists do not grow with the data: the public free slots,
the desk's queue (with filters), the report, the asker's list and a consultation page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Topic
from tests.factories.consultations import ask, book, create_slot, held
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(role_users: dict[str, Any], n: int) -> None:
    """n more of everything: free slots, bookings, questions answered and open, held and recorded ones."""
    desk = role_users["centre_staff"]
    for i in range(n):
        create_slot(days=2 + i)
        person = UserFactory() if i % 2 else role_users["citizen"]
        book(UserFactory(), create_slot(days=5 + i))
        question = ask(person)
        if i % 2:
            services.consultation_answer(actor=desk, consultation=question, body="回答です。")
        past = held(desk, UserFactory(), topic=list(Topic)[i % 6])
        services.consultation_record(
            actor=desk,
            consultation=past,
            record_topic=Topic.FUNDING,
            outcome="案内",
            follow_up_needed=False,
            follow_up_by=None,
        )
        services.consultation_link(actor=role_users["city_staff"], consultation=past, group=role_users["_group"].slug)


@pytest.mark.parametrize("query", ["", "?mode=phone", "?topic=subsidy"])
def test_free_slots__constant_queries(client: Any, role_users: dict[str, Any], query: str) -> None:
    url = reverse("consultations:index") + query
    _grow(role_users, 1)
    small = _count(client, url)
    _grow(role_users, 4)
    assert _count(client, url) == small


@pytest.mark.parametrize(
    "query", ["", "?status=booked", "?kind=question&topic=running", f"?month={timezone.localdate():%Y-%m}"]
)
def test_queue__constant_queries(client: Any, role_users: dict[str, Any], query: str) -> None:
    client.force_login(role_users["centre_staff"])
    url = reverse("consultations:staff-queue") + query
    _grow(role_users, 1)
    small = _count(client, url)
    _grow(role_users, 4)
    assert _count(client, url) == small


@pytest.mark.parametrize("name", ["staff-report", "staff-report-csv", "staff-slots"])
def test_report_and_slots__constant_queries(client: Any, role_users: dict[str, Any], name: str) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse(f"consultations:{name}")
    _grow(role_users, 1)
    small = _count(client, url)
    _grow(role_users, 4)
    assert _count(client, url) == small


def test_mine_and_detail__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["citizen"])
    question = ask(role_users["citizen"])
    services.consultation_answer(actor=role_users["centre_staff"], consultation=question, body="回答です。")
    urls = [reverse("consultations:mine"), question.get_absolute_url()]
    _grow(role_users, 1)
    small = [_count(client, url) for url in urls]
    _grow(role_users, 4)
    assert [_count(client, url) for url in urls] == small
    client.force_login(role_users["centre_staff"])
    staff_small = _count(client, question.get_staff_url())
    _grow(role_users, 2)
    assert _count(client, question.get_staff_url()) == staff_small
