"""Who may manage which facility, and who may see or change a booking.

City staff (and superusers) manage every facility; centre staff (指定管理者) manage
only the facilities they are attached to by `FacilityStaff`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from facilities.models import Booking, Facility, FacilityStaff
from portal.permissions import is_centre_staff, is_city_staff


def managed_facility_ids(user: Any) -> set[int] | None:
    """Ids of the facilities the user manages; None means all of them."""
    if not user.is_authenticated:
        return set()
    if is_city_staff(user):
        return None
    cached = user.__dict__.get("_managed_facilities")
    if cached is None:
        cached = (
            set(FacilityStaff.objects.filter(user=user).values_list("facility_id", flat=True))
            if is_centre_staff(user)
            else set()
        )
        user.__dict__["_managed_facilities"] = cached
    return cached


def can_manage_facility(user: Any, facility: Facility | int) -> bool:
    facility_id = facility if isinstance(facility, int) else facility.pk
    ids = managed_facility_ids(user)
    return ids is None or facility_id in ids


def is_facility_staff(user: Any) -> bool:
    """City staff, or centre staff of at least one facility."""
    ids = managed_facility_ids(user)
    return ids is None or bool(ids)


def ensure_manages(user: Any, facility: Facility | int) -> None:
    if not can_manage_facility(user, facility):
        raise PermissionDenied


def is_booking_party(user: Any, booking: Booking) -> bool:
    """The person who booked, or a member of the booking group."""
    if not user.is_authenticated:
        return False
    if booking.user_id == user.pk:
        return True
    if booking.group_id:
        from groups.permissions import group_role

        return group_role(user, booking.group) is not None  # type: ignore[arg-type]
    return False


def can_view_booking(user: Any, booking: Booking) -> bool:
    return is_booking_party(user, booking) or can_manage_facility(user, booking.resource.facility_id)
