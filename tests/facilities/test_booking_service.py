"""The booking service: who may book what, when, at which fee; every refusal writes
nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from facilities import services
from facilities.models import Booking, BookingStatus, Closure, PaymentStatus
from portal.models import AuditLogEntry
from tests.factories.facilities import (
    create_equipment,
    create_facility,
    create_reduction,
    create_room,
    create_surcharges,
    days_ahead,
    facility_staff,
)
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup() -> dict[str, Any]:
    facility = create_facility()
    member = UserFactory(relationship="resident")
    group = create_group(members=(member,))
    return {
        "facility": facility,
        "room": create_room(facility),
        "member": member,
        "group": group,
        "outsider": UserFactory(relationship="other"),
        "staff": facility_staff(facility, UserFactory()),
    }


@pytest.fixture(autouse=True)
def _empty_outbox(setup: dict[str, Any]) -> None:
    mail.outbox.clear()


def book(s: dict[str, Any], **overrides: Any) -> Booking:
    kwargs = {
        "actor": s["member"],
        "resource": s["room"],
        "use_date": days_ahead(10),
        "slot_keys": ["18:00"],
        "purpose": "定例会",
        "expected_people": 10,
        "group": s["group"],
    }
    kwargs.update(overrides)
    return services.booking_create(**kwargs)


def refused(
    s: dict[str, Any], code: str | None = None, exc: type[Exception] = ValidationError, **overrides: Any
) -> Any:
    before = (Booking.objects.count(), AuditLogEntry.objects.count())
    with pytest.raises(exc) as info:
        book(s, **overrides)
    assert (Booking.objects.count(), AuditLogEntry.objects.count()) == before
    if code is not None:
        error = info.value
        codes = (
            [e.code for errors in error.error_dict.values() for e in errors]
            if hasattr(error, "error_dict")
            else [e.code for e in error.error_list]
        )
        assert code in codes, codes
    return info.value


def test_group_booking__confirmed_with_fee_and_email(setup: dict[str, Any]) -> None:
    booking = book(setup, slot_keys=["13:00", "18:00"])
    assert booking.status == BookingStatus.CONFIRMED
    assert (booking.slot_count, booking.fee_base, booking.fee) == (2, 700 + 800, 1500)
    assert booking.payment_status == PaymentStatus.UNPAID
    assert booking.is_resident_rate
    assert booking.group == setup["group"]
    assert booking.user == setup["member"]
    assert timezone.localtime(booking.starts_at).time() == datetime.time(13)
    assert timezone.localtime(booking.ends_at).time() == datetime.time(21, 30)
    assert len(mail.outbox) == 1
    assert "確定" in mail.outbox[0].subject
    assert AuditLogEntry.objects.filter(action="facilities.booking.created").count() == 1


def test_surcharges_and_reduction__recorded_with_reason(setup: dict[str, Any]) -> None:
    admission, heating = create_surcharges(setup["facility"])
    half = create_reduction(name="共催", percent=50, requires_approval=False)
    booking = book(setup, surcharges=[admission, heating], reduction_rule=half, reduction_reason="市と共催の講座")
    # base 800, admission +100% = 800, heating 200 per slot; half of 1,800 off.
    assert (booking.fee_base, booking.fee_surcharge, booking.fee_reduction, booking.fee) == (800, 1000, 900, 900)
    assert booking.reduction_rule == half
    assert booking.reduction_reason == "市と共催の講座"
    assert set(booking.surcharges.all()) == {admission, heating}
    assert booking.status == BookingStatus.CONFIRMED


def test_reduction_needing_approval__pending(setup: dict[str, Any]) -> None:
    exempt = create_reduction()
    booking = book(setup, reduction_rule=exempt, reduction_reason="公益活動の講座")
    assert booking.status == BookingStatus.PENDING
    assert booking.fee == 0
    assert booking.payment_status == PaymentStatus.NOT_REQUIRED
    assert "承認" in mail.outbox[0].subject
    assert mail.outbox[0].to == [setup["member"].email]
    staff_mail = [m for m in mail.outbox if setup["staff"].email in m.to]
    assert len(staff_mail) == 1
    assert "公益活動の講座" in staff_mail[0].body


def test_reduction__needs_reason_and_group(setup: dict[str, Any]) -> None:
    exempt = create_reduction()
    refused(setup, "reduction_reason", reduction_rule=exempt, reduction_reason=" ")
    refused(setup, "reduction_group", reduction_rule=exempt, reduction_reason="x", group=None)


def test_room_needing_approval__pending(setup: dict[str, Any]) -> None:
    room = create_room(setup["facility"], slug="hall", requires_approval=True)
    assert book(setup, resource=room).status == BookingStatus.PENDING


def test_individual__pays_the_outside_rate_when_not_resident(setup: dict[str, Any]) -> None:
    booking = book(setup, actor=setup["outsider"], group=None)
    assert booking.fee == 1600
    assert not booking.is_resident_rate
    assert booking.group is None


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"use_date": days_ahead(-1)}, "past"),
        ({"use_date": days_ahead(91)}, "window"),
        ({"slot_keys": ["09:00", "18:00"]}, "not_consecutive"),
        ({"slot_keys": ["10:00"]}, "unknown_slot"),
        ({"slot_keys": []}, "unknown_slot"),
        ({"expected_people": 21}, "capacity"),
    ],
)
def test_bad_requests__refused(setup: dict[str, Any], overrides: dict[str, Any], code: str) -> None:
    refused(setup, code, **overrides)


def test_individual_window_is_shorter(setup: dict[str, Any]) -> None:
    refused(setup, "window", actor=setup["outsider"], group=None, use_date=days_ahead(31))
    assert book(setup, actor=setup["outsider"], group=None, use_date=days_ahead(30))


def test_groups_only_policy(setup: dict[str, Any]) -> None:
    setup["facility"].policy.individuals_may_book = False
    setup["facility"].policy.save()
    refused(setup, "groups_only", actor=setup["outsider"], group=None)


def test_too_many_slots(setup: dict[str, Any]) -> None:
    setup["facility"].policy.max_slots = 2
    setup["facility"].policy.save()
    refused(setup, "length", slot_keys=["09:00", "13:00", "18:00"])


def test_closed_days_refused(setup: dict[str, Any]) -> None:
    day = days_ahead(12)
    Closure.objects.create(facility=setup["facility"], starts_on=day, ends_on=day, reason="設備点検")
    error = refused(setup, "closed", use_date=day)
    assert "設備点検" in " ".join(error.messages)


def test_regular_closed_weekday_refused() -> None:
    day = days_ahead(14)
    facility = create_facility(closed_weekdays=(day.weekday(),))
    member = UserFactory()
    s = {"room": create_room(facility), "member": member, "group": create_group(members=(member,))}
    refused(s, "closed", use_date=day)


def test_taken_slot_refused_and_other_slots_free(setup: dict[str, Any]) -> None:
    book(setup)
    other = UserFactory()
    other_group = create_group(members=(other,))
    refused(setup, "taken", actor=other, group=other_group)
    refused(setup, "taken", actor=other, group=other_group, slot_keys=["13:00", "18:00"])
    assert book(setup, actor=other, group=other_group, slot_keys=["13:00"])


def test_cancelled_booking_frees_the_slot(setup: dict[str, Any]) -> None:
    first = book(setup)
    services.booking_cancel(booking=first, actor=setup["member"])
    assert book(setup).status == BookingStatus.CONFIRMED


def test_monthly_cap(setup: dict[str, Any]) -> None:
    setup["facility"].policy.monthly_cap = 2
    setup["facility"].policy.save()
    day = days_ahead(40).replace(day=10)
    book(setup, use_date=day, slot_keys=["09:00", "13:00"])
    refused(setup, "monthly_cap", use_date=day + datetime.timedelta(days=1))


def test_not_a_member__permission_denied(setup: dict[str, Any]) -> None:
    refused(setup, exc=PermissionDenied, actor=setup["outsider"])


def test_group_registration_must_be_valid_on_the_day(setup: dict[str, Any]) -> None:
    group = setup["group"]
    group.registered_until = days_ahead(5)
    group.save()
    refused(setup, "not_registered", use_date=days_ahead(6))


def test_started_slot_refused(setup: dict[str, Any]) -> None:
    now = timezone.localtime().replace(hour=13, minute=30, second=0, microsecond=0)
    refused(setup, "past", use_date=now.date(), slot_keys=["13:00"], now=now)


def test_equipment__never_beyond_stock(setup: dict[str, Any]) -> None:
    projector = create_equipment(setup["facility"], stock=2)
    day = days_ahead(20)
    loan = book(setup, resource=projector, use_date=day, quantity=1, days=2, slot_keys=[])
    assert (loan.slot_count, loan.fee, loan.is_exclusive) == (2, 400, False)
    other = UserFactory()
    group = create_group(members=(other,))
    book(setup, resource=projector, actor=other, group=group, use_date=day + datetime.timedelta(days=1), quantity=1)
    refused(
        setup, "over_stock", resource=projector, actor=other, group=group, use_date=day + datetime.timedelta(days=1)
    )
    refused(setup, "over_stock", resource=projector, use_date=days_ahead(30), quantity=3)
    refused(setup, "loan_days", resource=projector, use_date=days_ahead(30), days=4)
    assert book(setup, resource=projector, use_date=day + datetime.timedelta(days=2), quantity=2)


def test_counter_booking__recorded_as_entered_by_staff(setup: dict[str, Any]) -> None:
    booking = book(setup, actor=setup["staff"], channel="phone")
    assert booking.channel == "phone"
    assert booking.entered_by == setup["staff"]
    assert booking.user is None
    assert booking.group == setup["group"]


def test_counter_booking__only_staff_of_the_facility(setup: dict[str, Any]) -> None:
    other_staff = facility_staff(create_facility(), UserFactory())
    refused(setup, exc=PermissionDenied, actor=other_staff, channel="counter")
    refused(setup, exc=PermissionDenied, actor=setup["member"], channel="counter")


def test_department_booking__any_time_and_free(setup: dict[str, Any], role_users: dict[str, Any]) -> None:
    from portal.models import Department

    booking = book(
        setup,
        actor=role_users["city_staff"],
        group=None,
        department=Department.objects.get(code="kyodo"),
        use_date=days_ahead(300),
    )
    assert booking.fee == 0
    assert booking.fee_reduction == booking.fee_base == 800
    refused(
        setup, exc=PermissionDenied, actor=setup["member"], group=None, department=Department.objects.get(code="kyodo")
    )


TEN_YEARS_AHEAD = timezone.localdate() + datetime.timedelta(days=3653)


@pytest.mark.parametrize(
    "use_date",
    [TEN_YEARS_AHEAD, datetime.date(1, 1, 1), datetime.date(1, 1, 4), datetime.date(9999, 12, 31)],
    ids=str,
)
@pytest.mark.parametrize("booker", ["group", "department", "equipment"])
def test_booking_create__date_out_of_range__refused_by_the_service(
    setup: dict[str, Any], role_users: dict[str, Any], use_date: datetime.date, booker: str
) -> None:
    """The service is bounded without the form: city use has no booking window, but a
    date outside portal.dates.SCHEDULE is still refused, on the field, writing nothing."""
    from portal.models import Department

    overrides: dict[str, Any] = {"use_date": use_date}
    if booker == "department":
        overrides.update(actor=role_users["city_staff"], group=None, department=Department.objects.get(code="kyodo"))
    elif booker == "equipment":
        overrides.update(resource=create_equipment(setup["facility"]), slot_keys=[], days=2)
    error = refused(setup, "date_out_of_range", **overrides)
    assert "use_date" in error.message_dict


# --- cancellation, approval, payment, refund, attendance -----------------------------


def test_cancel__deadline_for_the_booker(setup: dict[str, Any]) -> None:
    booking = book(setup, use_date=days_ahead(2))
    with pytest.raises(ValidationError) as info:
        services.booking_cancel(booking=booking, actor=setup["member"])
    assert info.value.code == "deadline"
    services.booking_cancel(booking=booking, actor=setup["staff"], kind="staff", reason="設備故障")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancellation_kind == "staff"
    assert "設備故障" in mail.outbox[-1].body


def test_cancel__only_the_booking_party(setup: dict[str, Any]) -> None:
    booking = book(setup)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=booking, actor=setup["outsider"])
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=booking, actor=setup["outsider"], kind="staff")


@pytest.mark.parametrize(("days", "kind", "refund"), [(10, "user", 800), (5, "user", 400), (5, "staff", 800)])
def test_refund_by_cancellation_date(setup: dict[str, Any], days: int, kind: str, refund: int) -> None:
    booking = book(setup, use_date=days_ahead(days))
    services.booking_record_payment(booking=booking, actor=setup["staff"], method="counter")
    actor = setup["member"] if kind == "user" else setup["staff"]
    booking = services.booking_cancel(booking=booking, actor=actor, kind=kind)
    assert (booking.payment_status, booking.refund_amount) == (PaymentStatus.REFUND_DUE, refund)
    booking = services.booking_record_refund(booking=booking, actor=setup["staff"])
    assert booking.payment_status == PaymentStatus.REFUNDED
    assert booking.refunded_at


def test_unpaid_cancelled__nothing_to_pay(setup: dict[str, Any]) -> None:
    booking = services.booking_cancel(booking=book(setup), actor=setup["member"])
    assert booking.payment_status == PaymentStatus.CANCELLED
    with pytest.raises(ValidationError):
        services.booking_record_payment(booking=booking, actor=setup["staff"], method="counter")


def test_decide__approve_and_reject(setup: dict[str, Any]) -> None:
    room = create_room(setup["facility"], slug="hall", requires_approval=True)
    pending = book(setup, resource=room)
    with pytest.raises(PermissionDenied):
        services.booking_decide(booking=pending, actor=setup["member"], approve=True)
    approved = services.booking_decide(booking=pending, actor=setup["staff"], approve=True)
    assert approved.status == BookingStatus.CONFIRMED
    assert approved.decided_by == setup["staff"]
    other = book(setup, resource=room, slot_keys=["09:00"])
    with pytest.raises(ValidationError):
        services.booking_decide(booking=other, actor=setup["staff"], approve=False, note="")
    rejected = services.booking_decide(booking=other, actor=setup["staff"], approve=False, note="営利目的のため")
    assert rejected.status == BookingStatus.REJECTED
    assert rejected.payment_status == PaymentStatus.CANCELLED
    assert "営利目的のため" in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.booking_decide(booking=rejected, actor=setup["staff"], approve=True)


def test_attendance__after_the_start_by_party_or_staff(setup: dict[str, Any]) -> None:
    booking = book(setup)
    with pytest.raises(ValidationError):
        services.booking_record_attendance(booking=booking, actor=setup["member"], people=8)
    later = booking.starts_at + datetime.timedelta(hours=1)
    services.booking_record_attendance(booking=booking, actor=setup["member"], people=8, now=later)
    services.booking_record_attendance(booking=booking, actor=setup["staff"], people=9, now=later)
    booking.refresh_from_db()
    assert booking.actual_people == 9
    with pytest.raises(PermissionDenied):
        services.booking_record_attendance(booking=booking, actor=setup["outsider"], people=1, now=later)
