"""Query counts of the facilities pages do not grow with the data."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from facilities.availability import aware
from facilities.models import Booking, LotteryRound
from tests.factories.facilities import create_equipment, create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    facility = create_facility(slug="central")
    facility_staff(facility, role_users["centre_staff"])
    return {"facility": facility, "n": 0, "group": role_users["_group"], "rep": role_users["representative"]}


def _grow(world: dict[str, Any], n: int) -> None:
    """n more rooms, items, bookings on many days (for the rep's group and others)
    and lottery rounds."""
    facility = world["facility"]
    for _ in range(n):
        world["n"] += 1
        i = world["n"]
        room = create_room(facility, slug=f"room-{i}")
        create_equipment(facility, slug=f"item-{i}")
        other = create_group(members=(UserFactory(),))
        for offset in range(3):
            day = days_ahead(1 + offset + i % 5)
            for group, hour in ((world["group"], 9), (other, 13)):
                Booking.objects.create(
                    resource=room if group is other else facility.resources.get(slug="room-a"),
                    use_date=day,
                    starts_at=aware(day, datetime.time(hour)),
                    ends_at=aware(day, datetime.time(hour + 3)),
                    group=group,
                    user=world["rep"] if group == world["group"] else None,
                    status="pending" if i % 2 else "confirmed",
                    purpose="x",
                    expected_people=3,
                    is_exclusive=False,
                )
        now = timezone.now()
        LotteryRound.objects.create(
            facility=facility,
            use_month=(timezone.localdate().replace(day=1) + datetime.timedelta(days=62 + 31 * i)).replace(day=1),
            entries_open_at=now,
            entries_close_at=now + datetime.timedelta(days=1),
            draw_at=now + datetime.timedelta(days=1),
            confirm_by=now + datetime.timedelta(days=3),
        ).resources.set([room])


def _urls(world: dict[str, Any]) -> dict[str, str]:
    day = days_ahead(3)
    return {
        "list": reverse("facilities:list"),
        "list filtered": reverse("facilities:list") + "?kind=room&capacity=5",
        "facility": reverse("facilities:facility", args=["central"]),
        "week": reverse("facilities:resource", args=["central", "room-a"]) + f"?week={day}",
        "equipment week": reverse("facilities:resource", args=["central", "projector"]) + f"?week={day}",
        "lotteries": reverse("facilities:lottery-list"),
        "my bookings": reverse("facilities:my-bookings"),
        "book": reverse("facilities:book", args=["central", "room-a"]) + f"?date={day}",
        "staff home": reverse("facilities:staff"),
        "staff bookings": reverse("facilities:staff-bookings", args=["central"]) + "?status=",
        "staff pending": reverse("facilities:staff-bookings", args=["central"]),
        "occupancy": reverse("facilities:staff-occupancy") + "?year=2026",
    }


@pytest.mark.parametrize("role", ["representative", "centre_staff"])
def test_facility_pages__constant_queries(
    client: Any, role_users: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    create_room(world["facility"], slug="room-a")
    create_equipment(world["facility"], slug="projector")
    client.force_login(role_users[role])
    _grow(world, 2)
    urls = {k: v for k, v in _urls(world).items() if role == "centre_staff" or not k.startswith(("staff", "occupancy"))}
    small = {name: _count(client, url) for name, url in urls.items()}
    _grow(world, 12)
    large = {name: _count(client, url) for name, url in urls.items()}
    assert large == small
    assert max(small.values()) <= 20, small
