"""The booking rows of the staff bookings list and of /my/ are cached per booking,
change and language (portal.pagecache): a change shows at once, in each language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from facilities.models import BookingStatus, PaymentStatus
from facilities.services import booking_decide, booking_record_payment
from tests.factories.facilities import book_for_group, create_facility, create_room, facility_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(role_users: dict[str, Any]) -> Any:
    facility = create_facility(slug="central")
    facility_staff(facility, role_users["centre_staff"])
    booking = book_for_group(create_room(facility), role_users["_group"])
    if booking.status == BookingStatus.PENDING:
        booking = booking_decide(booking=booking, actor=role_users["centre_staff"], approve=True)
    return booking


def _page(client: Client, url: str) -> str:
    """The page without what differs between two requests (the CSRF token, the nonce)."""
    text = client.get(url).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", text)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_staff_booking_rows__follow_a_change(role_users: dict[str, Any], booking: Any, prefix: str) -> None:
    staff = role_users["centre_staff"]
    url = prefix + reverse("facilities:staff-bookings", args=["central"])
    client = _client(staff)
    first = _page(client, url)
    unpaid, paid = (f"<small>{status.label}</small>" for status in (PaymentStatus.UNPAID, PaymentStatus.PAID))
    assert unpaid in first
    assert _page(client, url) == first  # the cached rows are the same
    booking_record_payment(booking=booking, actor=staff, method="counter")
    after = _page(client, url)
    assert paid in after
    assert unpaid not in after


def test_my_bookings__follow_a_change(role_users: dict[str, Any], booking: Any) -> None:
    client = _client(role_users["representative"])
    first = _page(client, reverse("portal:my"))
    assert reverse("facilities:booking", args=[booking.pk]) in first
    assert "使用料" in first
    assert _page(client, reverse("portal:my")) == first  # the cached items are the same
    booking_record_payment(booking=booking, actor=role_users["centre_staff"], method="counter")
    after = _page(client, reverse("portal:my"))
    assert "使用料" not in after
    assert "許可書をお持ちください" in after
