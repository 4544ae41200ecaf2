"""Who may manage which facility, and who may see or change a booking or lottery entry.

City staff (and superusers) manage every facility; centre staff (指定管理者) manage
only the facilities they are attached to by `FacilityStaff`. A booking's party is the
person who booked and the members of the booking group. Each rule is written once, in a
policy (`portal.policies.PermissionPolicy`) that gives both the queryset and the check
on one object; the functions below are thin calls into them."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied

from facilities.models import Booking, Facility, FacilityStaff, LotteryEntry, LotteryRound
from groups.permissions import member_group_ids
from portal.permissions import is_centre_staff, is_city_staff
from portal.policies import EVERYTHING, NOTHING, PermissionPolicy, Rule, Where, user_fact


def managed_facility_ids(user: Any) -> set[int] | None:
    """Ids of the facilities the user manages; None means all of them."""
    if not user.is_authenticated:
        return set()
    if is_city_staff(user):
        return None
    return user_fact(
        user,
        "managed_facilities",
        lambda: (
            set(FacilityStaff.objects.filter(user=user).values_list("facility_id", flat=True))
            if is_centre_staff(user)
            else set()
        ),
    )


def manages(user: Any, path: str) -> Rule:
    """The facility at `path` (e.g. "resource__facility_id") is one the user manages."""
    ids = managed_facility_ids(user)
    return EVERYTHING if ids is None else Where(path, "in", ids)


def party(user: Any) -> Rule:
    """The person who booked, or a member of the booking group."""
    if not user.is_authenticated:
        return NOTHING
    return Where("user_id", "exact", user.pk) | Where("group_id", "in", member_group_ids(user))


class FacilityPolicy(PermissionPolicy[Facility]):
    """view: every facility in the public catalogue, and those the user manages.
    manage: city staff all, centre staff their own."""

    model = Facility
    actions: ClassVar[tuple[str, ...]] = ("view", "manage")

    def rule(self, user: Any, action: str) -> Rule:
        if action == "view":
            return Where("is_active", "exact", True) | manages(user, "pk")
        return manages(user, "pk")


class BookingPolicy(PermissionPolicy[Booking]):
    """view: the party and the facility's staff. act (cancel online, record attendance
    as the booker): the party. manage (decide, payment, refund, cancel at the
    counter): the facility's staff."""

    model = Booking
    actions: ClassVar[tuple[str, ...]] = ("view", "act", "manage", "attend")

    def rule(self, user: Any, action: str) -> Rule:
        if action == "act":
            return party(user)
        if action == "manage":
            return manages(user, "resource__facility_id")
        # view, attend (attendance is recorded by the party or the facility's staff)
        return party(user) | manages(user, "resource__facility_id")


class LotteryEntryPolicy(PermissionPolicy[LotteryEntry]):
    """view and act (withdraw, confirm, decline): for a group entry the group's members,
    for a personal entry the person."""

    model = LotteryEntry
    actions: ClassVar[tuple[str, ...]] = ("view", "act")

    def rule(self, user: Any, action: str) -> Rule:
        if not user.is_authenticated:
            return NOTHING
        personal = Where("group_id", "isnull", True) & Where("user_id", "exact", user.pk)
        return personal | Where("group_id", "in", member_group_ids(user))


class LotteryRoundPolicy(PermissionPolicy[LotteryRound]):
    """view: every round (the lottery pages are public). manage: the facility's staff."""

    model = LotteryRound
    actions: ClassVar[tuple[str, ...]] = ("view", "manage")

    def rule(self, user: Any, action: str) -> Rule:
        return EVERYTHING if action == "view" else manages(user, "facility_id")


facility_policy = FacilityPolicy()
booking_policy = BookingPolicy()
entry_policy = LotteryEntryPolicy()
round_policy = LotteryRoundPolicy()


def can_manage_facility(user: Any, facility: Facility | int) -> bool:
    if isinstance(facility, int):
        facility = Facility(pk=facility)
    return facility_policy.can(user, "manage", facility)


def is_facility_staff(user: Any) -> bool:
    """City staff, or centre staff of at least one facility."""
    return facility_policy.user_has_any_permission(user, "manage")


def ensure_manages(user: Any, facility: Facility | int) -> None:
    if not can_manage_facility(user, facility):
        raise PermissionDenied


def is_booking_party(user: Any, booking: Booking, *, fresh: bool = False) -> bool:
    return booking_policy.can(user, "act", booking, fresh=fresh)


def can_view_booking(user: Any, booking: Booking) -> bool:
    return booking_policy.can(user, "view", booking)


def is_entry_owner(user: Any, entry: LotteryEntry, *, fresh: bool = False) -> bool:
    return entry_policy.can(user, "act", entry, fresh=fresh)
