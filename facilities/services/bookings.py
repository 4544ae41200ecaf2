"""Writes for bookings: create (online, at the counter, from a lottery win), approve
or reject, cancel with the refund rule, payment, refund and attendance.

No double booking: every create locks the booker's row and then the resource's row
before it checks, so requests for one resource are serialised on every engine; on
PostgreSQL an exclusion constraint on the time range of active room bookings
(migration 0002) refuses an overlap even if a code path forgot the lock."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities import booking_rules, notifications
from facilities.booking_rules import field_error, is_resident, lottery_round_blocking, select_slots
from facilities.models import (
    Booking,
    BookingChannel,
    BookingStatus,
    CancellationKind,
    PaymentMethod,
    PaymentStatus,
    ReductionRule,
    Resource,
    Surcharge,
)
from facilities.permissions import booking_policy, ensure_manages, is_booking_party
from portal.audit import audit_log
from portal.models import Department, User
from portal.workflow import check_transition, ensure_unchanged, transition

__all__ = [
    "STAFF_CHANNELS",
    "booking_cancel",
    "booking_create",
    "booking_decide",
    "booking_record_attendance",
    "booking_record_payment",
    "booking_record_refund",
    "cancellation_deadline",
    "export_bookings",
    "is_resident",
    "lottery_round_blocking",
    "refund_for",
    "select_slots",
]

STAFF_CHANNELS = (BookingChannel.COUNTER, BookingChannel.PHONE)


def _booker_for(
    *,
    actor: User,
    group: Any,
    department: Department | None,
    person: User | None,
    staff_entry: bool,
    lottery_entry: Any,
) -> tuple[booking_rules.Booker, User | None]:
    """Who books, checked and locked (the lock serialises the monthly cap): a department
    its staff book for, a group the actor belongs to, or the actor themselves; staff at
    the counter book for anyone. Returns the booker and the booking's `user`."""
    from groups.models import CommunityGroup
    from groups.permissions import current_role

    if sum(x is not None for x in (group, department, person)) > 1:
        raise ValidationError(_("A booking is for one group, one department or one person."), code="booker")
    if department is not None:
        from portal.permissions import is_city_staff

        if not (is_city_staff(actor, department_id=department.pk) or staff_entry):
            raise PermissionDenied
        Department.objects.select_for_update().get(pk=department.pk)
        return booking_rules.Booker(department=department), actor
    if group is not None:
        locked = CommunityGroup.objects.select_for_update().get(pk=group.pk)
        if not staff_entry and lottery_entry is None and current_role(actor, locked) is None:
            raise PermissionDenied
        return booking_rules.Booker(group=locked), (None if staff_entry else actor)
    person = person or actor
    if not staff_entry and person.pk != actor.pk:
        raise PermissionDenied
    User.objects.select_for_update().get(pk=person.pk)
    return booking_rules.Booker(person=person), person


def _insert(
    decision: booking_rules.Decision, *, actor: User, booking_user: User | None, channel: str, purpose: str
) -> Booking:
    """Write the booking the rules decided, with its fee; the exclusion constraint
    (PostgreSQL) is the last word on an overlap."""
    request, quote = decision.request, decision.quote
    assert quote is not None
    city_use = request.booker.department is not None
    booking = Booking(
        resource=request.resource,
        use_date=request.use_date,
        starts_at=decision.starts_at,
        ends_at=decision.ends_at,
        slot_count=decision.slot_count,
        quantity=decision.quantity,
        is_exclusive=request.resource.is_room,
        status=decision.status,
        group=request.booker.group,
        department=request.booker.department,
        user=booking_user,
        channel=BookingChannel.LOTTERY if request.from_lottery else channel,
        entered_by=actor if channel in STAFF_CHANNELS else None,
        purpose=purpose,
        expected_people=request.expected_people,
        is_resident_rate=request.booker.resident,
        fee_base=quote.base,
        fee_surcharge=quote.surcharge,
        fee_reduction=quote.reduction,
        fee=quote.total,
        reduction_rule=None if city_use else request.reduction_rule,
        reduction_reason=decision.reduction_reason,
        payment_status=PaymentStatus.UNPAID if quote.total else PaymentStatus.NOT_REQUIRED,
    )
    booking.full_clean(exclude=["surcharges", "group", "department", "user", "resource", "reduction_rule"])
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:  # the PostgreSQL exclusion constraint
        raise field_error("slots", _("This time slot is already booked."), "taken") from error
    booking.surcharges.set(request.surcharges)
    return booking


def _announce(booking: Booking, *, actor: User) -> None:
    audit_log(
        actor=actor,
        action="facilities.booking.created",
        target=booking,
        data={"channel": booking.channel, "fee": booking.fee, "status": booking.status},
    )
    transaction.on_commit(lambda: notifications.notify_booking(booking_id=booking.pk, event="created"))
    if booking.status == BookingStatus.PENDING:
        transaction.on_commit(lambda: notifications.notify_facility_of_pending(booking_id=booking.pk))


@transaction.atomic
def booking_create(
    *,
    actor: User,
    resource: Resource,
    use_date: datetime.date,
    slot_keys: Sequence[str] = (),
    purpose: str,
    expected_people: int,
    group: Any = None,
    department: Department | None = None,
    person: User | None = None,
    channel: str = BookingChannel.ONLINE,
    surcharges: Iterable[Surcharge] = (),
    reduction_rule: ReductionRule | None = None,
    reduction_reason: str = "",
    quantity: int = 1,
    days: int = 1,
    lottery_entry: Any = None,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book `resource` for a group, a city department or a person.

    Online, the actor books for a group they belong to, or for themselves. At the
    counter or by telephone (窓口代行入力), staff of the facility enter the booking for
    a group or a person; the rules (facilities.booking_rules) are the same and the
    booking records who entered it. Steps: who books (locked), the resource locked, the
    rules decided under both locks, the insert, the audit entry and the notices."""
    staff_entry = channel in STAFF_CHANNELS
    booking_rules.ensure_active(resource)
    if staff_entry:
        ensure_manages(actor, resource.facility)
    booker, booking_user = _booker_for(
        actor=actor,
        group=group,
        department=department,
        person=person,
        staff_entry=staff_entry,
        lottery_entry=lottery_entry,
    )
    Resource.objects.select_for_update().only("pk").get(pk=resource.pk)
    request = booking_rules.BookingRequest(
        resource=resource,
        use_date=use_date,
        booker=booker,
        slot_keys=slot_keys,
        expected_people=expected_people,
        quantity=quantity,
        days=days,
        surcharges=list(surcharges),
        reduction_rule=reduction_rule,
        reduction_reason=reduction_reason,
        from_lottery=lottery_entry is not None,
    )
    decision = booking_rules.decide(request, now=now)
    decision.raise_for_errors()
    booking = _insert(decision, actor=actor, booking_user=booking_user, channel=channel, purpose=purpose)
    _announce(booking, actor=actor)
    return booking


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update(of=("self",)).select_related("resource__facility").get(pk=booking.pk)


def _is_party_now(user: User, booking: Booking) -> bool:
    """Booker or member of the booking group, read inside the lock (`BookingPolicy`)."""
    return is_booking_party(user, booking, fresh=True)


def cancellation_deadline(booking: Booking) -> datetime.date:
    """The last day the booker may cancel online."""
    days = booking.resource.effective_policy.cancellation_deadline_days
    return booking.use_date - datetime.timedelta(days=days)


def refund_for(booking: Booking, kind: str, today: datetime.date) -> int:
    """還付: everything when staff or a closure cancel, or when the booker cancels early
    enough; a set percentage when later."""
    if booking.payment_status != PaymentStatus.PAID:
        return 0
    policy = booking.resource.effective_policy
    if kind != CancellationKind.USER or (booking.use_date - today).days >= policy.full_refund_days:
        return booking.fee
    return booking.fee * policy.late_refund_percent // 100


@transaction.atomic
def booking_cancel(
    *,
    booking: Booking,
    actor: User,
    kind: str = CancellationKind.USER,
    reason: str = "",
    now: datetime.datetime | None = None,
    expected_status: str | None = None,
) -> Booking:
    now = now or timezone.now()
    today = timezone.localdate(now)
    booking = _locked(booking)
    if kind == CancellationKind.USER:
        if not _is_party_now(actor, booking):
            raise PermissionDenied
    else:
        ensure_manages(actor, booking.resource.facility)
    ensure_unchanged(booking, expected_status)
    if kind == CancellationKind.USER and today > cancellation_deadline(booking):
        raise ValidationError(
            _("Online cancellation closed on %(date)s. Please contact the facility.")
            % {"date": cancellation_deadline(booking).isoformat()},
            code="deadline",
        )
    if not booking.is_active:
        raise ValidationError(_("This booking is no longer active."), code="inactive")
    if booking.starts_at <= now and kind != CancellationKind.CLOSURE:
        raise ValidationError(_("A booking that has begun cannot be cancelled."), code="begun")
    refund = refund_for(booking, kind, today)
    booking.cancelled_at, booking.cancellation_kind = now, kind
    booking.cancellation_reason = reason.strip()[:300]
    transition(
        booking,
        BookingStatus.CANCELLED,
        actor=actor,
        expected=expected_status,
        action=f"cancelled.{kind}",
        data={"refund": refund},
        update_fields=["cancelled_at", "cancellation_kind", "cancellation_reason"],
    )
    if booking.payment_status == PaymentStatus.PAID and refund:
        booking.refund_amount = refund
        transition(
            booking,
            PaymentStatus.REFUND_DUE,
            actor=actor,
            field="payment_status",
            data={"amount": refund},
            update_fields=["refund_amount"],
        )
    elif booking.payment_status == PaymentStatus.UNPAID:
        transition(booking, PaymentStatus.CANCELLED, actor=actor, field="payment_status")
    if kind != CancellationKind.USER:
        transaction.on_commit(lambda: notifications.notify_booking(booking_id=booking.pk, event=f"cancelled_{kind}"))
    return booking


@transaction.atomic
def booking_decide(
    *, booking: Booking, actor: User, approve: bool, note: str = "", expected_status: str | None = None
) -> Booking:
    booking = _locked(booking)
    ensure_manages(actor, booking.resource.facility)
    ensure_unchanged(booking, expected_status)
    new_status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
    check_transition(booking, new_status)
    if not approve and not note.strip():
        raise field_error("note", _("Give the reason for not approving."), "reason")
    booking.decided_by, booking.decided_at, booking.decision_note = actor, timezone.now(), note.strip()[:500]
    transition(
        booking,
        new_status,
        actor=actor,
        expected=expected_status,
        update_fields=["decided_by", "decided_at", "decision_note"],
    )
    if not approve and booking.payment_status == PaymentStatus.UNPAID:
        transition(booking, PaymentStatus.CANCELLED, actor=actor, field="payment_status")
    transaction.on_commit(lambda: notifications.notify_booking(booking_id=booking.pk, event=new_status))
    return booking


@transaction.atomic
def booking_record_payment(
    *, booking: Booking, actor: User, method: str, expected_payment_status: str | None = None
) -> Booking:
    """Staff record the fee as paid; `expected_payment_status` is the payment state the
    page showed (a changed one is refused as stale)."""
    booking = _locked(booking)
    ensure_manages(actor, booking.resource.facility)
    ensure_unchanged(booking, expected_payment_status, field="payment_status")
    if method not in PaymentMethod.values:
        raise field_error("method", _("Choose how it was paid."), "method")
    if booking.payment_status != PaymentStatus.UNPAID or booking.status not in (
        BookingStatus.CONFIRMED,
        BookingStatus.PENDING,
    ):
        raise ValidationError(_("This booking has nothing to pay."), code="not_unpaid")
    booking.payment_method, booking.paid_at = method, timezone.now()
    transition(
        booking,
        PaymentStatus.PAID,
        actor=actor,
        field="payment_status",
        expected=expected_payment_status,
        data={"method": method, "fee": booking.fee},
        update_fields=["payment_method", "paid_at"],
    )
    return booking


@transaction.atomic
def booking_record_refund(*, booking: Booking, actor: User, expected_payment_status: str | None = None) -> Booking:
    """Staff record the refund due as paid back (`expected_payment_status` as in
    `booking_record_payment`)."""
    booking = _locked(booking)
    ensure_manages(actor, booking.resource.facility)
    ensure_unchanged(booking, expected_payment_status, field="payment_status")
    if booking.payment_status != PaymentStatus.REFUND_DUE:
        raise ValidationError(_("No refund is due for this booking."), code="no_refund")
    booking.refunded_at = timezone.now()
    transition(
        booking,
        PaymentStatus.REFUNDED,
        actor=actor,
        field="payment_status",
        expected=expected_payment_status,
        data={"amount": booking.refund_amount},
        update_fields=["refunded_at"],
    )
    return booking


@transaction.atomic
def booking_record_attendance(
    *, booking: Booking, actor: User, people: int, now: datetime.datetime | None = None
) -> Booking:
    """After use, staff or the booking party record how many people came."""
    now = now or timezone.now()
    booking = _locked(booking)
    booking_policy.ensure(actor, "attend", booking)
    if booking.status != BookingStatus.CONFIRMED:
        raise ValidationError(_("Attendance is recorded for confirmed bookings only."), code="not_confirmed")
    if booking.starts_at > now:
        raise ValidationError(_("Record attendance after the booking has begun."), code="not_yet")
    if not 0 <= people <= 10_000:
        raise field_error("people", _("Enter the number of people who came."), "people")
    booking.actual_people = people
    booking.save(update_fields=["actual_people", "updated_at"])
    audit_log(actor=actor, action="facilities.booking.attendance", target=booking, data={"people": people})
    return booking


def export_bookings(*, user: User) -> dict[str, Any]:
    """The person's own bookings, for the account's data export."""
    return {
        "facility_bookings": [
            {
                "facility": facility,
                "resource": resource,
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "status": status,
                "purpose": purpose,
                "fee": fee,
            }
            for facility, resource, starts_at, ends_at, status, purpose, fee in Booking.objects.filter(user=user)
            .order_by("starts_at")
            .values_list(
                "resource__facility__name", "resource__name", "starts_at", "ends_at", "status", "purpose", "fee"
            )
        ]
    }
