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
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities import fees, notifications
from facilities.availability import ONE_DAY, FacilityCalendar, Slot, aware
from facilities.models import (
    Booking,
    BookingChannel,
    BookingPolicy,
    BookingStatus,
    CancellationKind,
    LotteryRound,
    PaymentMethod,
    PaymentStatus,
    ReductionRule,
    Resource,
    RoundStatus,
    Surcharge,
)
from facilities.permissions import booking_policy, ensure_manages, is_booking_party
from portal.audit import audit_log
from portal.models import Department, Relationship, User

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
CITY_USE = "市の事業による使用 / City use"
RESIDENT_RELATIONSHIPS = (Relationship.RESIDENT, Relationship.WORKER, Relationship.STUDENT)


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A ValidationError on one field that keeps its code (for tests and callers)."""
    return ValidationError({field: ValidationError(message, code=code)})


def is_resident(user: User | None) -> bool:
    """市内 rate for people who live, work or study in the city."""
    return user is not None and user.relationship in RESIDENT_RELATIONSHIPS


def select_slots(
    resource: Resource, calendar: FacilityCalendar, use_date: datetime.date, keys: Sequence[str], policy: BookingPolicy
) -> list[Slot]:
    """The day's slots named by `keys` (start times), checked: open day, known slots,
    consecutive, within the minimum and maximum length."""
    day = calendar.day(use_date)
    if not day.is_open:
        raise ValidationError(
            _("The facility is closed on this day: %(reason)s.") % {"reason": day.closed_reason}, code="closed"
        )
    by_key = {slot.key: slot for slot in day.slots}
    if not keys or any(key not in by_key for key in keys):
        raise field_error("slots", _("Choose one or more of this day's time slots."), "unknown_slot")
    slots = sorted({by_key[key] for key in keys}, key=lambda slot: slot.index)
    if [slot.index for slot in slots] != list(range(slots[0].index, slots[0].index + len(slots))):
        raise field_error("slots", _("Choose time slots that follow one another."), "not_consecutive")
    if not policy.min_slots <= len(slots) <= policy.max_slots:
        raise field_error(
            "slots",
            _("Book between %(min)s and %(max)s slots at a time.") % {"min": policy.min_slots, "max": policy.max_slots},
            "length",
        )
    return slots


def lottery_round_blocking(resource: Resource, use_date: datetime.date, now: datetime.datetime) -> LotteryRound | None:
    """The lottery round that holds this month of a lottery resource back from
    first-come booking: until its results are published and the confirmation
    deadline has passed."""
    if not resource.uses_lottery:
        return None
    round_ = LotteryRound.objects.filter(
        facility_id=resource.facility_id, use_month=use_date.replace(day=1), resources=resource
    ).first()
    if round_ is None or (round_.status == RoundStatus.PUBLISHED and now >= round_.confirm_by):
        return None
    return round_


def _check_window(policy: BookingPolicy, use_date: datetime.date, today: datetime.date, days: int | None) -> None:
    if use_date < today:
        raise field_error("use_date", _("This date has passed."), "past")
    if days is not None and use_date > today + datetime.timedelta(days=days):
        raise field_error(
            "use_date",
            _("Bookings for this date are not open yet: you can book up to %(days)s days ahead.") % {"days": days},
            "window",
        )


def _month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - ONE_DAY


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
    a group or a person; the rules are the same and the booking records who entered it."""
    from groups.models import CommunityGroup
    from groups.permissions import current_role

    now = now or timezone.now()
    today = timezone.localdate(now)
    facility = resource.facility
    policy = resource.effective_policy
    staff_entry = channel in STAFF_CHANNELS
    if not resource.is_active or not facility.is_active:
        raise ValidationError(_("This resource cannot be booked."), code="inactive")
    if staff_entry:
        ensure_manages(actor, facility)
    if sum(x is not None for x in (group, department, person)) > 1:
        raise ValidationError(_("A booking is for one group, one department or one person."), code="booker")

    # Who books, which window and which rate apply.
    window: int | None
    if department is not None:
        from portal.permissions import is_city_staff

        if not (is_city_staff(actor, department_id=department.pk) or staff_entry):
            raise PermissionDenied
        window, resident, booker_user = None, True, actor
        locked = Department.objects.select_for_update().get(pk=department.pk)
    elif group is not None:
        locked = CommunityGroup.objects.select_for_update().get(pk=group.pk)
        if not staff_entry and lottery_entry is None and current_role(actor, locked) is None:
            raise PermissionDenied
        if not locked.is_registered_on(use_date):
            raise ValidationError(
                _("The group’s registration is not valid on the day of use, so it cannot book as a group."),
                code="not_registered",
            )
        window, resident, booker_user = policy.group_advance_days, True, (None if staff_entry else actor)
    else:
        person = person or actor
        if not staff_entry and person.pk != actor.pk:
            raise PermissionDenied
        if not policy.individuals_may_book and lottery_entry is None:
            raise ValidationError(_("Only registered groups may book this resource."), code="groups_only")
        locked = User.objects.select_for_update().get(pk=person.pk)
        window, resident, booker_user = policy.individual_advance_days, is_resident(person), person
    del locked  # held for the monthly cap below

    if lottery_entry is None:
        _check_window(policy, use_date, today, window)
        blocking = lottery_round_blocking(resource, use_date, now)
        if blocking is not None:
            raise field_error(
                "use_date",
                _(
                    "This month is allocated by lottery. Slots left after the lottery can be booked first-come "
                    "from %(date)s."
                )
                % {"date": timezone.localtime(blocking.confirm_by).strftime("%Y-%m-%d %H:%M")},
                "lottery",
            )
    elif use_date < today:
        raise field_error("use_date", _("This date has passed."), "past")

    if resource.capacity and expected_people > resource.capacity:
        raise field_error(
            "expected_people",
            _("The room holds up to %(capacity)s people.") % {"capacity": resource.capacity},
            "capacity",
        )

    # Which slots.
    if resource.is_room:
        calendar = FacilityCalendar(facility, use_date, use_date, resource=resource)
        slots = select_slots(resource, calendar, use_date, slot_keys, policy)
        if slots[0].starts_at <= now:
            raise field_error("slots", _("This time slot has already begun."), "past")
        starts_at, ends_at, quantity = slots[0].starts_at, slots[-1].ends_at, 1
        count = len(slots)
    else:
        if not 1 <= days <= resource.loan_max_days:
            raise field_error(
                "days", _("Borrow for 1 to %(days)s days.") % {"days": resource.loan_max_days}, "loan_days"
            )
        if not 1 <= quantity <= resource.stock:
            raise field_error(
                "quantity", _("There are %(stock)s of this item.") % {"stock": resource.stock}, "over_stock"
            )
        last_day = use_date + datetime.timedelta(days=days - 1)
        calendar = FacilityCalendar(facility, use_date, last_day, resource=resource)
        first = calendar.day(use_date)
        if not first.is_open:
            raise ValidationError(
                _("The facility is closed on this day: %(reason)s.") % {"reason": first.closed_reason},
                code="closed",
            )
        slots = [
            Slot(
                i,
                aware(use_date + datetime.timedelta(days=i), datetime.time.min),
                aware(use_date + datetime.timedelta(days=i + 1), datetime.time.min),
                str(use_date + datetime.timedelta(days=i)),
            )
            for i in range(days)
        ]
        starts_at, ends_at, count = slots[0].starts_at, slots[-1].ends_at, days

    # Reductions and surcharges.
    surcharges = list(surcharges)
    if any(s.facility_id != facility.pk or not s.is_active for s in surcharges):
        raise field_error("surcharges", _("Choose surcharges of this facility."), "surcharge")
    if reduction_rule is not None:
        if not reduction_rule.is_active or reduction_rule.facility_id not in (None, facility.pk):
            raise field_error("reduction_rule", _("This reduction does not apply here."), "reduction")
        if reduction_rule.registered_groups_only and group is None:
            raise field_error("reduction_rule", _("This reduction is for registered groups only."), "reduction_group")
        if not reduction_reason.strip():
            raise field_error(
                "reduction_reason",
                _("Say why the reduction applies (e.g. the event and who it is for)."),
                "reduction_reason",
            )

    # Lock the resource, then check what is already booked.
    Resource.objects.select_for_update().only("pk").get(pk=resource.pk)
    overlapping = Booking.objects.active().filter(resource=resource).overlapping(starts_at, ends_at)
    if resource.is_room:
        if overlapping.exists():
            raise field_error("slots", _("This time slot is already booked."), "taken")
    else:
        loans = list(overlapping.values_list("starts_at", "ends_at", "quantity"))
        for slot in slots:
            used = sum(q for s, e, q in loans if s < slot.ends_at and e > slot.starts_at)
            if used + quantity > resource.stock:
                raise field_error(
                    "quantity",
                    _("Only %(left)s of this item are free on %(day)s.")
                    % {"left": max(resource.stock - used, 0), "day": slot.label},
                    "over_stock",
                )

    if department is None:
        first, last = _month_bounds(use_date)
        mine = Booking.objects.active().on_dates(first, last)
        mine = (
            mine.filter(group=group)
            if group is not None
            else mine.filter(group__isnull=True, department__isnull=True, user=person)
        )
        used = mine.aggregate(total=Sum("slot_count"))["total"] or 0
        if used + count > policy.monthly_cap:
            raise ValidationError(
                _("This would exceed the limit of %(cap)s slots a month (%(used)s already booked).")
                % {"cap": policy.monthly_cap, "used": used},
                code="monthly_cap",
            )

    quote = fees.quote(
        resource,
        slots,
        resident=resident,
        surcharges=surcharges,
        reduction=reduction_rule,
        quantity=quantity,
    )
    reduction, reason = quote.reduction, reduction_reason.strip()
    if department is not None:
        reduction, reason = quote.base + quote.surcharge, CITY_USE
    needs_approval = resource.requires_approval or bool(reduction_rule and reduction_rule.requires_approval)
    fee = quote.base + quote.surcharge - reduction
    booking = Booking(
        resource=resource,
        use_date=use_date,
        starts_at=starts_at,
        ends_at=ends_at,
        slot_count=count,
        quantity=quantity,
        is_exclusive=resource.is_room,
        status=BookingStatus.PENDING if needs_approval and department is None else BookingStatus.CONFIRMED,
        group=group,
        department=department,
        user=booker_user,
        channel=BookingChannel.LOTTERY if lottery_entry is not None else channel,
        entered_by=actor if staff_entry else None,
        purpose=purpose,
        expected_people=expected_people,
        is_resident_rate=resident,
        fee_base=quote.base,
        fee_surcharge=quote.surcharge,
        fee_reduction=reduction,
        fee=fee,
        reduction_rule=reduction_rule if department is None else None,
        reduction_reason=reason,
        payment_status=PaymentStatus.UNPAID if fee else PaymentStatus.NOT_REQUIRED,
    )
    booking.full_clean(exclude=["surcharges", "group", "department", "user", "resource", "reduction_rule"])
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:  # the PostgreSQL exclusion constraint
        raise field_error("slots", _("This time slot is already booked."), "taken") from error
    booking.surcharges.set(surcharges)
    audit_log(
        actor=actor,
        action="facilities.booking.created",
        target=booking,
        data={"channel": booking.channel, "fee": fee, "status": booking.status},
    )
    transaction.on_commit(lambda: notifications.notify_booking(booking_id=booking.pk, event="created"))
    if booking.status == BookingStatus.PENDING:
        transaction.on_commit(lambda: notifications.notify_facility_of_pending(booking_id=booking.pk))
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
) -> Booking:
    now = now or timezone.now()
    today = timezone.localdate(now)
    booking = _locked(booking)
    if kind == CancellationKind.USER:
        if not _is_party_now(actor, booking):
            raise PermissionDenied
        if today > cancellation_deadline(booking):
            raise ValidationError(
                _("Online cancellation closed on %(date)s. Please contact the facility.")
                % {"date": cancellation_deadline(booking).isoformat()},
                code="deadline",
            )
    else:
        ensure_manages(actor, booking.resource.facility)
    if not booking.is_active:
        raise ValidationError(_("This booking is no longer active."), code="inactive")
    if booking.starts_at <= now and kind != CancellationKind.CLOSURE:
        raise ValidationError(_("A booking that has begun cannot be cancelled."), code="begun")
    refund = refund_for(booking, kind, today)
    booking.transition_to(BookingStatus.CANCELLED)
    booking.cancelled_at, booking.cancellation_kind = now, kind
    booking.cancellation_reason = reason.strip()[:300]
    if booking.payment_status == PaymentStatus.PAID and refund:
        booking.payment_status, booking.refund_amount = PaymentStatus.REFUND_DUE, refund
    elif booking.payment_status == PaymentStatus.UNPAID:
        booking.payment_status = PaymentStatus.CANCELLED
    booking.save()
    audit_log(actor=actor, action=f"facilities.booking.cancelled.{kind}", target=booking, data={"refund": refund})
    if kind != CancellationKind.USER:
        transaction.on_commit(lambda: notifications.notify_booking(booking_id=booking.pk, event=f"cancelled_{kind}"))
    return booking


@transaction.atomic
def booking_decide(*, booking: Booking, actor: User, approve: bool, note: str = "") -> Booking:
    booking = _locked(booking)
    ensure_manages(actor, booking.resource.facility)
    new_status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
    booking.transition_to(new_status)
    if not approve and not note.strip():
        raise field_error("note", _("Give the reason for not approving."), "reason")
    booking.decided_by, booking.decided_at, booking.decision_note = actor, timezone.now(), note.strip()[:500]
    if not approve and booking.payment_status == PaymentStatus.UNPAID:
        booking.payment_status = PaymentStatus.CANCELLED
    booking.save()
    audit_log(actor=actor, action=f"facilities.booking.{new_status}", target=booking)
    transaction.on_commit(lambda: notifications.notify_booking(booking_id=booking.pk, event=new_status))
    return booking


@transaction.atomic
def booking_record_payment(*, booking: Booking, actor: User, method: str) -> Booking:
    booking = _locked(booking)
    ensure_manages(actor, booking.resource.facility)
    if method not in PaymentMethod.values:
        raise field_error("method", _("Choose how it was paid."), "method")
    if booking.payment_status != PaymentStatus.UNPAID or booking.status not in (
        BookingStatus.CONFIRMED,
        BookingStatus.PENDING,
    ):
        raise ValidationError(_("This booking has nothing to pay."), code="not_unpaid")
    booking.payment_status, booking.payment_method, booking.paid_at = PaymentStatus.PAID, method, timezone.now()
    booking.save(update_fields=["payment_status", "payment_method", "paid_at", "updated_at"])
    audit_log(
        actor=actor, action="facilities.booking.paid", target=booking, data={"method": method, "fee": booking.fee}
    )
    return booking


@transaction.atomic
def booking_record_refund(*, booking: Booking, actor: User) -> Booking:
    booking = _locked(booking)
    ensure_manages(actor, booking.resource.facility)
    if booking.payment_status != PaymentStatus.REFUND_DUE:
        raise ValidationError(_("No refund is due for this booking."), code="no_refund")
    booking.payment_status, booking.refunded_at = PaymentStatus.REFUNDED, timezone.now()
    booking.save(update_fields=["payment_status", "refunded_at", "updated_at"])
    audit_log(actor=actor, action="facilities.booking.refunded", target=booking, data={"amount": booking.refund_amount})
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
