"""Closures: declaring one (臨時休館, e.g. 暴風警報) cancels every booking it covers,
refunds what was paid and tells each affected booker, in one action."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities.availability import ONE_DAY, aware
from facilities.models import Booking, CancellationKind, Closure, Facility, Resource
from facilities.permissions import ensure_manages
from facilities.services.bookings import booking_cancel, field_error
from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges
from portal.models import User

__all__ = ["closure_create", "closure_delete"]


@transaction.atomic
def closure_create(
    *,
    facility: Facility,
    actor: User,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
    reason_en: str = "",
    resource: Resource | None = None,
    is_emergency: bool = False,
) -> tuple[Closure, list[Booking]]:
    """Close the facility (or one resource) for whole days and cancel the active
    bookings in that period. Returns the closure and the cancelled bookings."""
    ensure_manages(actor, facility)
    check_date_ranges({"starts_on": starts_on, "ends_on": ends_on}, dict.fromkeys(("starts_on", "ends_on"), SCHEDULE))
    if resource is not None and resource.facility_id != facility.pk:
        raise field_error("resource", _("Choose a resource of this facility."), "resource")
    if ends_on < starts_on:
        raise field_error("ends_on", _("The closure must end on or after its first day."), "order")
    if ends_on < timezone.localdate():
        raise field_error("ends_on", _("This period has passed."), "past")
    closure = Closure(
        facility=facility,
        resource=resource,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        reason_en=reason_en.strip(),
        is_emergency=is_emergency,
        created_by=actor,
    )
    closure.full_clean()
    closure.save()
    affected = Booking.objects.active().filter(resource__facility=facility)
    if resource is not None:
        affected = affected.filter(resource=resource)
    affected = affected.overlapping(aware(starts_on, datetime.time.min), aware(ends_on + ONE_DAY, datetime.time.min))
    cancelled = [
        booking_cancel(booking=booking, actor=actor, kind=CancellationKind.CLOSURE, reason=closure.reason)
        for booking in affected.order_by("starts_at", "pk")
    ]
    audit_log(
        actor=actor,
        action="facilities.closure.created",
        target=closure,
        data={"cancelled": [b.pk for b in cancelled], "emergency": is_emergency},
    )
    return closure, cancelled


@transaction.atomic
def closure_delete(*, closure: Closure, actor: User) -> None:
    """Withdraw a closure declared by mistake (cancelled bookings stay cancelled)."""
    ensure_manages(actor, closure.facility)
    audit_log(actor=actor, action="facilities.closure.deleted", target=closure, data={"reason": closure.reason})
    closure.delete()
