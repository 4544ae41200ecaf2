"""No double booking, ever: concurrent requests for one slot give one booking; on
PostgreSQL the exclusion constraint refuses an overlap even without the lock.

The races run on PostgreSQL only: the SQLite test database lives in memory with a
shared cache, where concurrent writers get "table is locked" at once instead of
waiting (a file database with IMMEDIATE transactions serialises them)."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from facilities import services
from facilities.models import Booking
from tests.factories.facilities import create_equipment, create_facility, create_room, days_ahead
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory


def _race(resource: Any, n: int, **kwargs: Any) -> tuple[int, list[BaseException]]:
    members = [UserFactory() for _ in range(n)]
    groups = [create_group(members=(member,)) for member in members]
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []
    done: list[int] = []

    def attempt(member: Any, group: Any) -> None:
        try:
            barrier.wait()
            services.booking_create(
                actor=member,
                resource=resource,
                use_date=days_ahead(10),
                purpose="定例会",
                expected_people=5,
                group=group,
                **kwargs,
            )
            done.append(1)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(members, groups, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(done), errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_slot__exactly_one_booking() -> None:
    room = create_room(create_facility())
    made, errors = _race(room, 12, slot_keys=["18:00"])
    assert made == 1
    assert Booking.objects.filter(resource=room).count() == 1
    assert len(errors) == 11
    assert all(getattr(e, "error_dict", {}).get("slots") for e in errors), errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_loans__never_beyond_stock() -> None:
    item = create_equipment(create_facility(), stock=3)
    made, errors = _race(item, 10, quantity=1)
    assert made == 3
    assert len(errors) == 7
    assert sum(Booking.objects.filter(resource=item).values_list("quantity", flat=True)) == 3


@pytest.mark.postgres
@pytest.mark.django_db
def test_exclusion_constraint__refuses_overlaps_written_past_the_service() -> None:
    room = create_room(create_facility())
    start = datetime.datetime(2030, 1, 7, 9, tzinfo=datetime.UTC)
    fields = {"resource": room, "use_date": start.date(), "purpose": "x", "expected_people": 1}
    Booking.objects.create(starts_at=start, ends_at=start + datetime.timedelta(hours=3), **fields)
    # Touching end to start is fine; cancelled rows do not count.
    Booking.objects.create(
        starts_at=start + datetime.timedelta(hours=3), ends_at=start + datetime.timedelta(hours=4), **fields
    )
    Booking.objects.create(starts_at=start, ends_at=start + datetime.timedelta(hours=1), status="cancelled", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            starts_at=start + datetime.timedelta(hours=2), ends_at=start + datetime.timedelta(hours=5), **fields
        )
    # Equipment rows (not exclusive) may overlap: stock is checked by the service.
    item = create_equipment(room.facility)
    for _ in range(2):
        Booking.objects.create(
            resource=item,
            use_date=start.date(),
            starts_at=start,
            ends_at=start + datetime.timedelta(days=1),
            is_exclusive=False,
            purpose="x",
            expected_people=1,
        )
