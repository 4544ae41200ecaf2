from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from facilities import services
from facilities.models import Booking, BookingStatus, Closure, PaymentStatus
from facilities.reports import occupancy
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_emergency_closure__cancels_refunds_and_tells_everyone_in_one_action() -> None:
    facility = create_facility()
    room_a, room_b = create_room(facility), create_room(facility, slug="room-b")
    staff = facility_staff(facility, UserFactory())
    bookers = [UserFactory() for _ in range(3)]
    groups = [create_group(members=(u,)) for u in bookers]
    day = days_ahead(3)
    kwargs = {"use_date": day, "purpose": "定例会", "expected_people": 5}
    covered = [
        services.booking_create(actor=bookers[0], resource=room_a, slot_keys=["09:00"], group=groups[0], **kwargs),
        services.booking_create(actor=bookers[1], resource=room_b, slot_keys=["18:00"], group=groups[1], **kwargs),
    ]
    services.booking_record_payment(booking=covered[0], actor=staff, method="invoice")
    later = services.booking_create(
        actor=bookers[2], resource=room_a, slot_keys=["09:00"], group=groups[2], **{**kwargs, "use_date": days_ahead(5)}
    )
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        services.closure_create(facility=facility, actor=bookers[0], starts_on=day, ends_on=day, reason="暴風警報")
    closure, cancelled = services.closure_create(
        facility=facility, actor=staff, starts_on=day, ends_on=day, reason="暴風警報", is_emergency=True
    )
    assert {b.pk for b in cancelled} == {b.pk for b in covered}
    paid = Booking.objects.get(pk=covered[0].pk)
    assert paid.status == BookingStatus.CANCELLED
    assert paid.cancellation_kind == "closure"
    assert (paid.payment_status, paid.refund_amount) == (PaymentStatus.REFUND_DUE, paid.fee)
    assert Booking.objects.get(pk=later.pk).status == BookingStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in bookers[:2])
    assert all("暴風警報" in m.body for m in mail.outbox)
    assert closure.is_emergency
    with pytest.raises(ValidationError):
        services.booking_create(actor=bookers[2], resource=room_a, slot_keys=["13:00"], group=groups[2], **kwargs)


def test_closure__bad_dates_refused() -> None:
    facility = create_facility()
    staff = facility_staff(facility, UserFactory())
    for starts, ends in ((days_ahead(3), days_ahead(2)), (days_ahead(-5), days_ahead(-3))):
        with pytest.raises(ValidationError):
            services.closure_create(facility=facility, actor=staff, starts_on=starts, ends_on=ends, reason="x")
    assert not Closure.objects.exists()


def test_occupancy__booked_over_available_by_weekday_and_weekend() -> None:
    facility = create_facility(closed_weekdays=(0,))  # closed on Mondays
    room = create_room(facility)
    # Fiscal year 2030: 2030-04-01 (Mon, closed) .. 2031-03-31.
    monday, tuesday, saturday = datetime.date(2030, 4, 1), datetime.date(2030, 4, 2), datetime.date(2030, 4, 6)
    import zoneinfo

    tz = zoneinfo.ZoneInfo("Asia/Tokyo")

    def add(day: datetime.date, hour: int, slots: int, people: int | None, status: str = "confirmed") -> None:
        start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
        Booking.objects.create(
            resource=room,
            use_date=day,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            slot_count=slots,
            status=status,
            purpose="x",
            expected_people=5,
            actual_people=people,
        )

    add(tuesday, 9, 2, 12)
    add(tuesday, 18, 1, 8)
    add(saturday, 9, 1, None)
    add(saturday, 18, 1, 30, status="cancelled")
    [report] = occupancy(2030, [facility])
    [item] = report.resources
    open_days = sum(1 for i in range(365) if (monday + datetime.timedelta(days=i)).weekday() != 0)
    assert item.total.available == 3 * open_days
    assert (item.weekday.booked, item.weekend.booked) == (3, 1)
    assert (item.total.bookings, item.total.people) == (3, 20)
    april = dict(report.months)[datetime.date(2030, 4, 1)]
    assert april.booked == 4
    assert april.rate == round(100 * 4 / april.available, 1)
    weekday_april = item.rows[(datetime.date(2030, 4, 1), False)]
    assert weekday_april.booked == 3
