"""Demo data of the facilities app: two centres with rooms and equipment, rules, fees
and reductions, bookings in the past and future at a realistic occupancy (about 70% on
weekday evenings), and a lottery round taking entries. center@example.jp is staff of
the central centre. With `--scale` 10 or more, ten years of bookings (about 500,000)
for `make bench`."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from facilities.availability import FacilityCalendar
from facilities.models import (
    Booking,
    BookingChannel,
    BookingPolicy,
    BookingStatus,
    CancellationKind,
    Facility,
    FacilityStaff,
    FeeRate,
    LotteryRound,
    OpeningHours,
    PaymentMethod,
    PaymentStatus,
    ReductionRule,
    Resource,
    Surcharge,
    TimeDivision,
)
from portal.demo import DemoContext

T = datetime.time

FACILITIES: list[dict[str, Any]] = [
    {
        "slug": "central",
        "name": "みどり市民活動センター",
        "name_kana": "ミドリシミンカツドウセンター",
        "name_en": "Midori Civic Activity Centre",
        "kind": "centre",
        "address": "みどり県みどり市中央1-2-3 みどり市役所別館2階",
        "address_en": "2F City Hall Annex, 1-2-3 Chuo, Midori City, Midori Prefecture",
        "access": "みどり駅東口から徒歩5分。市役所駐車場をご利用ください（2時間無料）。",
        "access_en": "5 minutes' walk from the east exit of Midori Station. Parking at City Hall (2 hours free).",
        "phone": "0120-000-123",
        "email": "center@example.jp",
        "description": "市民活動団体の打合せ、作業、発表の場です。"
        "指定管理者（NPO法人みどり市民ネット）が運営しています。",
        "description_en": "Meeting, work and presentation space for civic-activity groups, run by its designated "
        "manager, the NPO Midori Civic Net.",
        "services": "市民活動の相談、団体の立ち上げ支援、情報提供、団体同士の交流・ネットワークづくり、"
        "事務局支援（印刷・作業）",
        "services_en": "Advice on civic activity, help setting up groups, information, networking between "
        "groups, and secretariat support (printing, work space).",
        "booking_mode": "divisions",
        "holiday_policy": "next_day",
        "hours": {day: (T(9), T(21, 30)) for day in (1, 2, 3, 4, 5, 6)} | {0: None},
        "divisions": [
            ("午前", "Morning", T(9), T(12)),
            ("午後", "Afternoon", T(13), T(17)),
            ("夜間", "Evening", T(18), T(21, 30)),
        ],
        "resources": [
            (
                "room-a",
                "room",
                "meeting_room",
                "会議室A",
                "Meeting room A",
                24,
                48,
                "ホワイトボード、プロジェクター用スクリーン",
                True,
                False,
                (600, 700, 800),
            ),
            (
                "room-b",
                "room",
                "meeting_room",
                "会議室B",
                "Meeting room B",
                12,
                24,
                "ホワイトボード",
                True,
                False,
                (400, 500, 600),
            ),
            (
                "room-c",
                "room",
                "meeting_room",
                "会議室C",
                "Meeting room C",
                8,
                16,
                "ホワイトボード",
                False,
                False,
                (300, 400, 400),
            ),
            (
                "workroom",
                "room",
                "workspace",
                "作業室",
                "Work room",
                8,
                30,
                "作業台、裁断機、紙折り機",
                True,
                False,
                (300, 300, 300),
            ),
            (
                "washitsu",
                "room",
                "japanese_room",
                "和室",
                "Japanese-style room",
                20,
                36,
                "座卓、座布団、キッズスペース",
                False,
                True,
                (500, 600, 700),
            ),
            (
                "hall",
                "room",
                "hall",
                "多目的ホール",
                "Multi-purpose hall",
                120,
                180,
                "音響設備、プロジェクター、ステージ",
                True,
                True,
                (2000, 2500, 3000),
            ),
            (
                "projector",
                "equipment",
                "projector",
                "プロジェクター",
                "Projector",
                None,
                None,
                "HDMI接続、スクリーン付き",
                False,
                False,
                (200,),
            ),
            (
                "printer",
                "equipment",
                "printer",
                "印刷機（輪転機）",
                "Printing machine",
                None,
                None,
                "A3まで、製版1回100円別",
                False,
                False,
                (0,),
            ),
            (
                "grass-cutter",
                "equipment",
                "garden_tools",
                "草刈機",
                "Grass cutter",
                None,
                None,
                "刈払機（混合燃料）、防護メガネ付き",
                False,
                False,
                (0,),
            ),
            (
                "van",
                "equipment",
                "vehicle",
                "公用車（ワゴン車）",
                "Official vehicle (van)",
                None,
                None,
                "8人乗り。運転者の免許証の写しが必要です",
                False,
                False,
                (0,),
            ),
        ],
        "stock": {"projector": 3, "printer": 1, "grass-cutter": 2, "van": 1},
    },
    {
        "slug": "east",
        "name": "みどり市東部地区センター",
        "name_kana": "ミドリシトウブチクセンター",
        "name_en": "Midori East District Centre",
        "kind": "district",
        "address": "みどり県みどり市東町4-5-6",
        "address_en": "4-5-6 Higashimachi, Midori City, Midori Prefecture",
        "access": "東町バス停から徒歩2分。駐車場20台。",
        "access_en": "2 minutes' walk from the Higashimachi bus stop. Parking for 20 cars.",
        "phone": "0120-000-456",
        "email": "east-center@example.jp",
        "description": "地域の活動拠点です。1時間単位で予約できます。",
        "description_en": "The district's base for local activity, booked by the hour.",
        "services": "地域活動の相談、地域づくり協議会の事務局、サロン",
        "services_en": "Advice on local activity, the community council's office, and a drop-in salon.",
        "booking_mode": "hourly",
        "holiday_policy": "closed",
        "hours": {day: (T(9), T(22)) for day in range(7)},
        "divisions": [],
        "resources": [
            ("hall-1", "room", "hall", "集会室1", "Assembly room 1", 60, 90, "音響設備", True, False, (500,)),
            ("hall-2", "room", "hall", "集会室2", "Assembly room 2", 40, 60, "音響設備", True, False, (400,)),
            ("meeting-1", "room", "meeting_room", "会議室1", "Meeting room 1", 12, 20, "", True, False, (200,)),
            ("meeting-2", "room", "meeting_room", "会議室2", "Meeting room 2", 12, 20, "", True, False, (200,)),
            ("meeting-3", "room", "meeting_room", "会議室3", "Meeting room 3", 8, 15, "", False, False, (150,)),
            ("meeting-4", "room", "meeting_room", "会議室4", "Meeting room 4", 8, 15, "", False, False, (150,)),
            ("kitchen", "room", "kitchen", "調理室", "Cooking room", 16, 50, "調理台4台", True, False, (400,)),
            (
                "salon",
                "room",
                "free_space",
                "交流室（キッズスペース付き）",
                "Salon with kids' space",
                20,
                40,
                "キッズスペース、授乳室",
                True,
                True,
                (0,),
            ),
            ("music", "room", "free_space", "音楽室", "Music room", 15, 35, "ピアノ、防音", False, False, (300,)),
            ("craft", "room", "workspace", "工作室", "Craft room", 12, 30, "作業台、工具", True, False, (200,)),
        ],
        "stock": {},
    },
]

SURCHARGES = [
    ("入場料等を徴収する催し", "Events charging admission", 100, 0),
    ("冷暖房の使用", "Air conditioning or heating", 0, 200),
]
REDUCTIONS = [
    (
        "登録団体の公益活動（全額免除）",
        "Registered group's public-interest activity (exempt)",
        100,
        "登録団体が公益的な活動に使うとき",
        "When a registered group uses the room for public-interest activity",
    ),
    (
        "市との共催事業（5割減額）",
        "Event co-hosted with the city (half)",
        50,
        "市が共催を承認した催し",
        "Events the city has agreed to co-host",
    ),
]
PURPOSES = [
    "定例会",
    "役員会",
    "講座の準備",
    "子育てサロン",
    "勉強会",
    "練習",
    "交流会",
    "作業（会報の印刷）",
    "打合せ",
    "研修会",
]

# The fittings of the demo rooms and items in English, by their Japanese text.
FITTINGS_EN = {
    "8人乗り。運転者の免許証の写しが必要です": "Seats 8. A copy of the driver's licence is required",
    "A3まで、製版1回100円別": "Up to A3; 100 yen extra per master",
    "HDMI接続、スクリーン付き": "HDMI input, with a screen",
    "キッズスペース、授乳室": "Kids' space, nursing room",
    "ピアノ、防音": "Piano, soundproofed",
    "ホワイトボード": "Whiteboard",
    "ホワイトボード、プロジェクター用スクリーン": "Whiteboard, projector screen",
    "作業台、工具": "Workbenches, tools",
    "作業台、裁断機、紙折り機": "Workbenches, paper cutter, folding machine",
    "刈払機（混合燃料）、防護メガネ付き": "Brush cutter (mixed fuel), with safety glasses",
    "座卓、座布団、キッズスペース": "Low tables, floor cushions, kids' space",
    "調理台4台": "4 cooking stations",
    "音響設備": "Sound system",
    "音響設備、プロジェクター、ステージ": "Sound system, projector, stage",
}

BENCH_SCALE = 10  # from this scale on, ten years of bookings for `make bench`


# The demo representative's group holds a few slots a month, well under the monthly
# cap (12 by default, counted over every facility), so that rep@ can still book for
# the group in the coming months.
REP_SLOTS_PER_MONTH = 4
DEMO_GROUP_ADVANCE_DAYS = 120


def _facility(spec: dict[str, Any]) -> Facility:
    keys = (
        "name",
        "name_kana",
        "name_en",
        "kind",
        "address",
        "address_en",
        "access",
        "access_en",
        "phone",
        "email",
        "description",
        "description_en",
        "services",
        "services_en",
        "booking_mode",
        "holiday_policy",
    )
    facility = Facility.objects.filter(slug=spec["slug"]).first()
    if facility is None:
        # Registered groups book about four months ahead, so the next three months are
        # always open to them whatever the day of the month.
        policy = BookingPolicy.objects.create(name=spec["name"], group_advance_days=DEMO_GROUP_ADVANCE_DAYS)
        facility = Facility.objects.create(
            slug=spec["slug"], policy=policy, order=FACILITIES.index(spec), **{k: spec[k] for k in keys}
        )
    for weekday in range(7):
        hours = spec["hours"].get(weekday)
        OpeningHours.objects.update_or_create(
            facility=facility,
            weekday=weekday,
            defaults={"opens": hours[0] if hours else None, "closes": hours[1] if hours else None},
        )
    divisions = {}
    for name, name_en, starts, ends in spec["divisions"]:
        divisions[name], _ = TimeDivision.objects.update_or_create(
            facility=facility, starts=starts, defaults={"name": name, "name_en": name_en, "ends": ends}
        )
    for order, row in enumerate(spec["resources"]):
        slug, kind, category, name, name_en, capacity, area, fittings, barrier_free, kids, fees = row
        resource, _ = Resource.objects.update_or_create(
            facility=facility,
            slug=slug,
            defaults={
                "kind": kind,
                "category": category,
                "name": name,
                "name_en": name_en,
                "capacity": capacity,
                "floor_area": area,
                "equipment": fittings,
                "equipment_en": FITTINGS_EN.get(fittings, ""),
                "barrier_free": barrier_free,
                "kids_space": kids,
                "stock": spec["stock"].get(slug, 1),
                "order": order,
                "uses_lottery": slug == "hall",
                "requires_approval": slug == "van",
                "loan_max_days": 3 if kind == "equipment" else 1,
            },
        )
        if len(fees) == len(divisions) and divisions:
            for fee, division in zip(fees, divisions.values(), strict=True):
                FeeRate.objects.update_or_create(
                    resource=resource,
                    division=division,
                    defaults={"resident_fee": fee, "non_resident_fee": fee * 2},
                )
        else:
            FeeRate.objects.update_or_create(
                resource=resource, division=None, defaults={"resident_fee": fees[0], "non_resident_fee": fees[0] * 2}
            )
    for order, (name, name_en, percent, amount) in enumerate(SURCHARGES):
        Surcharge.objects.update_or_create(
            facility=facility,
            name=name,
            defaults={"name_en": name_en, "percent": percent, "amount_per_slot": amount, "order": order},
        )
    return facility


def _bookings(ctx: DemoContext, facilities: list[Facility]) -> int:
    """Bookings from `years` back to three months ahead, slot by slot: weekday evenings
    about 70% booked, other slots less; some cancelled; past ones paid and attended."""
    from groups.models import CommunityGroup

    if Booking.objects.filter(resource__facility__in=facilities).exists():
        return 0
    rng = random.Random(2026)
    today = timezone.localdate()
    years = 10 if ctx.scale >= BENCH_SCALE else 0
    # The bench's ten years hold about 500,000 bookings: busy rooms see many
    # cancellations and re-bookings, so a cancelled row exists for ~40% of slots.
    cancel_rate = 0.4 if years else 0.08
    start = today - datetime.timedelta(days=365 * years + 60)
    end = today + datetime.timedelta(days=90)
    rep_group = CommunityGroup.objects.filter(memberships__user=ctx.accounts.get("rep"), status="registered").first()
    # Other groups' bookings are drawn at random: never the demo group's, which gets
    # only its REP_SLOTS_PER_MONTH below.
    groups = list(
        CommunityGroup.objects.registered()
        .exclude(pk=rep_group.pk if rep_group else None)
        .order_by("pk")
        .values_list("pk", flat=True)[:300]
    )
    people = [u.pk for key, u in ctx.accounts.items() if key in ("citizen", "member")]
    now = timezone.now()
    batch: list[Booking] = []
    created = 0
    rep_slots: dict[datetime.date, int] = {}  # the demo group's slots a month, over both facilities
    for facility in facilities:
        rates = {
            (r.resource_id, r.division_id): r.resident_fee for r in FeeRate.objects.filter(resource__facility=facility)
        }
        rooms = list(facility.resources.filter(kind="room"))
        calendar = FacilityCalendar(facility, start, end)
        for day in calendar.days():
            if not day.is_open:
                continue
            weekend = day.is_weekend
            future = day.date >= today
            for room in rooms:
                if room.uses_lottery and day.date.replace(day=1) > today.replace(day=1):
                    continue  # the hall's coming months go to the lottery
                for slot in day.slots:
                    evening = slot.starts_at.hour >= 18
                    chance = 0.72 if (evening and not weekend) else (0.55 if not weekend else 0.45)
                    if future:
                        chance *= max(0.15, 1 - (day.date - today).days / 100)
                    if rng.random() < cancel_rate:  # booked once, then cancelled
                        batch.append(_row(room, day.date, slot, rng, groups, people, rates, now, cancelled=True))
                    if rng.random() >= chance:
                        continue
                    month = day.date.replace(day=1)
                    if rep_group and rng.random() < 0.01 and rep_slots.get(month, 0) < REP_SLOTS_PER_MONTH:
                        group_id = rep_group.pk
                        rep_slots[month] = rep_slots.get(month, 0) + 1
                    else:
                        group_id = rng.choice(groups) if groups and rng.random() < 0.85 else None
                    batch.append(_row(room, day.date, slot, rng, groups, people, rates, now, group_id=group_id))
                    if len(batch) >= 5000:
                        Booking.objects.bulk_create(batch)
                        created += len(batch)
                        batch = []
    Booking.objects.bulk_create(batch)
    return created + len(batch)


def _row(room, use_date, slot, rng, groups, people, rates, now, *, group_id=None, cancelled=False):
    if not cancelled and group_id is None and not people:
        group_id = rng.choice(groups) if groups else None
    user_id = None if group_id else (rng.choice(people) if people else None)
    if cancelled:
        group_id = rng.choice(groups) if groups else None
        user_id = None
    fee = rates.get((room.pk, slot.division_id), rates.get((room.pk, None), 0))
    past = slot.ends_at <= now
    reduction = fee if (group_id and rng.random() < 0.3) else 0
    total = fee - reduction
    if cancelled:
        payment = PaymentStatus.CANCELLED if total else PaymentStatus.NOT_REQUIRED
    elif not total:
        payment = PaymentStatus.NOT_REQUIRED
    else:
        payment = PaymentStatus.PAID if past or rng.random() < 0.4 else PaymentStatus.UNPAID
    return Booking(
        resource_id=room.pk,
        use_date=use_date,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        slot_count=1,
        is_exclusive=not cancelled,
        status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
        group_id=group_id,
        user_id=user_id,
        channel=BookingChannel.COUNTER if rng.random() < 0.2 else BookingChannel.ONLINE,
        purpose=rng.choice(PURPOSES),
        expected_people=max(1, min(room.capacity or 10, rng.randint(3, 30))),
        actual_people=rng.randint(2, room.capacity or 10) if past and not cancelled and rng.random() < 0.9 else None,
        is_resident_rate=True,
        fee_base=fee,
        fee_reduction=reduction,
        fee=total,
        reduction_reason="登録団体の公益活動" if reduction else "",
        payment_status=payment,
        payment_method=PaymentMethod.COUNTER if payment == PaymentStatus.PAID else "",
        paid_at=slot.starts_at - datetime.timedelta(days=3) if payment == PaymentStatus.PAID else None,
        cancelled_at=slot.starts_at - datetime.timedelta(days=5) if cancelled else None,
        cancellation_kind=CancellationKind.USER if cancelled else "",
    )


def _lottery(facility: Facility) -> None:
    """A round for the hall taking entries now, for use the month after next."""
    now = timezone.now()
    today = timezone.localdate()
    use_month = (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    if LotteryRound.objects.filter(facility=facility, use_month=use_month).exists():
        return
    round_ = LotteryRound.objects.create(
        facility=facility,
        use_month=use_month,
        entries_open_at=now - datetime.timedelta(days=3),
        entries_close_at=now + datetime.timedelta(days=7),
        draw_at=now + datetime.timedelta(days=7, hours=1),
        confirm_by=now + datetime.timedelta(days=14),
        entries_per_applicant=10,
    )
    round_.resources.set(facility.resources.filter(uses_lottery=True))


@transaction.atomic
def seed_facilities(ctx: DemoContext) -> None:
    facilities = [_facility(spec) for spec in FACILITIES]
    for order, (name, name_en, percent, description, description_en) in enumerate(REDUCTIONS):
        ReductionRule.objects.update_or_create(
            facility=None,
            name=name,
            defaults={
                "name_en": name_en,
                "percent": percent,
                "description": description,
                "description_en": description_en,
                "order": order,
                "registered_groups_only": True,
                "requires_approval": True,
                "evidence": "cohosting" if name == "市との共催事業（5割減額）" else "",
            },
        )
    if "center" in ctx.accounts:
        FacilityStaff.objects.get_or_create(facility=facilities[0], user=ctx.accounts["center"])
    created = _bookings(ctx, facilities)
    _lottery(facilities[0])
    ctx.log(
        f"facilities: {len(facilities)} facilities, {Resource.objects.count()} rooms and items, "
        f"{created} bookings created ({Booking.objects.count()} in all)"
    )
