"""Facilities for tests: open every day 9:00–21:30 unless told otherwise, with
午前/午後/夜間 divisions (or hourly slots), fees, and lendable equipment."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from facilities.models import (
    BookingPolicy,
    EntryStatus,
    Facility,
    FacilityStaff,
    FeeRate,
    LotteryEntry,
    LotteryRound,
    OpeningHours,
    ReductionRule,
    Resource,
    Surcharge,
    TimeDivision,
)
from portal.models import StaffRole, User
from portal.services import staff_assign

T = datetime.time
_counter = {"n": 0}


def create_facility(
    *,
    mode: str = "divisions",
    closed_weekdays: tuple[int, ...] = (),
    holiday_policy: str = "open",
    year_end_closure: bool = False,
    policy: dict[str, Any] | None = None,
    **overrides: Any,
) -> Facility:
    _counter["n"] += 1
    n = _counter["n"]
    facility = Facility.objects.create(
        slug=overrides.pop("slug", f"centre-{n}"),
        name=overrides.pop("name", f"テスト市民活動センター{n}"),
        address="みどり市中央1-1",
        booking_mode=mode,
        holiday_policy=holiday_policy,
        year_end_closure=year_end_closure,
        policy=BookingPolicy.objects.create(name=f"rules {n}", **(policy or {})),
        **overrides,
    )
    for weekday in range(7):
        closed = weekday in closed_weekdays
        OpeningHours.objects.create(
            facility=facility, weekday=weekday, opens=None if closed else T(9), closes=None if closed else T(21, 30)
        )
    if mode == "divisions":
        for name, starts, ends in (("午前", T(9), T(12)), ("午後", T(13), T(17)), ("夜間", T(18), T(21, 30))):
            TimeDivision.objects.create(facility=facility, name=name, name_en=name, starts=starts, ends=ends)
    return facility


def create_room(facility: Facility, *, slug: str = "room-a", fee: int = 600, **overrides: Any) -> Resource:
    room = Resource.objects.create(
        facility=facility,
        slug=slug,
        kind="room",
        category=overrides.pop("category", "meeting_room"),
        name=overrides.pop("name", f"会議室{slug}"),
        capacity=overrides.pop("capacity", 20),
        **overrides,
    )
    if facility.booking_mode == "divisions":
        for index, division in enumerate(facility.divisions.order_by("starts")):
            FeeRate.objects.create(
                resource=room,
                division=division,
                resident_fee=fee + 100 * index,
                non_resident_fee=(fee + 100 * index) * 2,
            )
    else:
        FeeRate.objects.create(resource=room, division=None, resident_fee=fee, non_resident_fee=fee * 2)
    return room


def create_equipment(
    facility: Facility, *, slug: str = "projector", stock: int = 2, fee: int = 200, **overrides: Any
) -> Resource:
    item = Resource.objects.create(
        facility=facility,
        slug=slug,
        kind="equipment",
        category=overrides.pop("category", "projector"),
        name=overrides.pop("name", "プロジェクター"),
        stock=stock,
        loan_max_days=overrides.pop("loan_max_days", 3),
        **overrides,
    )
    FeeRate.objects.create(resource=item, division=None, resident_fee=fee, non_resident_fee=fee * 2)
    return item


def create_surcharges(facility: Facility) -> tuple[Surcharge, Surcharge]:
    admission = Surcharge.objects.create(facility=facility, name="入場料を徴収", name_en="Admission", percent=100)
    heating = Surcharge.objects.create(facility=facility, name="冷暖房", name_en="Heating", amount_per_slot=200)
    return admission, heating


def create_reduction(**overrides: Any) -> ReductionRule:
    defaults = {"name": "登録団体の公益活動", "percent": 100, "registered_groups_only": True, "requires_approval": True}
    return ReductionRule.objects.create(**{**defaults, **overrides})


def facility_staff(facility: Facility, user: User) -> User:
    """Centre staff of `facility`, with TOTP set up (staff must use two factors)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    staff_assign(user=user, role=StaffRole.CENTRE_STAFF, actor=None)
    FacilityStaff.objects.get_or_create(facility=facility, user=user)
    return User.objects.get(pk=user.pk)


def days_ahead(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def book_for_group(room: Resource, group: Any, *, days: int = 10, slot: str = "09:00") -> Any:
    """A booking of one slot by the group's representative, through the service."""
    from facilities.services import booking_create

    return booking_create(
        actor=group.memberships.get(role="representative").user,
        resource=room,
        use_date=days_ahead(days),
        slot_keys=[slot],
        purpose="定例会",
        expected_people=5,
        group=group,
    )


def create_lottery_round(facility: Facility, rooms: list[Resource], **overrides: Any) -> LotteryRound:
    """A round taking entries now, for use the month after next; draw tomorrow,
    winners confirm within five days."""
    now = timezone.now()
    fields = {
        "facility": facility,
        "use_month": (timezone.localdate().replace(day=1) + datetime.timedelta(days=62)).replace(day=1),
        "entries_open_at": now - datetime.timedelta(hours=1),
        "entries_close_at": now + datetime.timedelta(days=1),
        "draw_at": now + datetime.timedelta(days=1),
        "confirm_by": now + datetime.timedelta(days=5),
        **overrides,
    }
    round_ = LotteryRound.objects.create(**fields)
    round_.resources.set(rooms)
    return round_


def create_won_entry(
    resource: Resource, *, actor: User, staff: User, group: Any, use_month: datetime.date | None = None
) -> LotteryEntry:
    """A group's entry for `resource` that won a drawn and published lottery (the
    round's only entry), now waiting for its confirmation by `actor`."""
    from facilities import services

    now = timezone.now()
    round_ = create_lottery_round(resource.facility, [resource], **({"use_month": use_month} if use_month else {}))
    entry = services.entry_create(
        actor=actor,
        round_=round_,
        resource=resource,
        use_date=round_.use_month + datetime.timedelta(days=9),
        division=resource.facility.divisions.get(name="夜間"),
        purpose="発表会",
        expected_people=50,
        group=group,
    )
    LotteryRound.objects.filter(pk=round_.pk).update(
        entries_open_at=now - datetime.timedelta(hours=3),
        entries_close_at=now - datetime.timedelta(hours=2),
        draw_at=now - datetime.timedelta(hours=1),
    )
    round_.refresh_from_db()
    services.round_draw(round_=round_, actor=staff, seed="s")
    services.round_publish(round_=round_, actor=staff)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WON
    return entry
