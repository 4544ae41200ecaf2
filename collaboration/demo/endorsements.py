"""Demo data of the endorsements area (idempotent: natural keys).

rep@example.jp's group has requests in every state: submitted (one a 共催 flagged as
possibly nominal, C-24), an approved 後援 linked to the group's event on the portal (its
page shows 「みどり市後援」), an approved 共催 on a future date with a room booking that
gets the co-hosting 減免, a refused one with its reason, a withdrawn one, an approved
one whose 実施報告 is missing after the event, and one reported. Everything goes through
the services (with earlier "today"s for the past events)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.dates import fiscal_year
from portal.demo import DemoContext

BASE = {
    "purpose": "地域の子育て世帯の交流を深め、孤立を防ぐため。",
    "content": "親子で参加できる工作・読み聞かせ・相談コーナー。",
    "audience": "市内の子育て世帯",
    "expected_people": 80,
    "admission_charged": False,
    "fee_amount": 0,
    "past_endorsements": "",
    "accepts_conditions": True,
}

# key, kind, title, days from today (start), length in days, main benefit, final state
REQUESTS = [
    ("submitted", "endorsement", "子育て応援フェスタ2027", 60, 1, "trust", "submitted"),
    ("nominal", "cohosting", "親子ふれあい講座（全3回）", 50, 1, "fee_reduction", "submitted"),
    ("cohosting", "cohosting", "みどり市親子まつり", 45, 2, "joint", "approved"),
    ("refused", "endorsement", "手づくり雑貨フリーマーケット", 70, 1, "publicity", "refused"),
    ("withdrawn", "endorsement", "子育て講演会（延期）", 80, 1, "trust", "withdrawn"),
    ("revoked", "endorsement", "子育て世帯向け住宅相談会", 90, 1, "trust", "revoked"),
    ("report_due", "endorsement", "絵本の読み聞かせ会", -20, 1, "trust", "approved"),
    ("reported", "cohosting", "夏休み親子工作教室", -60, 2, "joint", "reported"),
]


def _submit(group: Any, rep: Any, kind: str, title: str, starts: datetime.date, days: int, benefit: str) -> Any:
    from collaboration.services.endorsements import LEAD_DAYS, endorsement_submit

    data = BASE | {
        "kind": kind,
        "event_title": title,
        "starts_on": starts,
        "ends_on": starts + datetime.timedelta(days=days - 1),
        "venue": "みどり市市民活動センター",
        "organisers": group.name,
        "main_benefit": benefit,
    }
    return endorsement_submit(group=group, actor=rep, data=data, today=starts - datetime.timedelta(days=LEAD_DAYS + 10))


def _approve(request: Any, staff: Any, conditions: str = "") -> Any:
    from collaboration.services.endorsements import endorsement_approve

    return endorsement_approve(
        request=request,
        actor=staff,
        purpose_ok=True,
        public_nature_ok=True,
        public_interest_ok=True,
        conditions=conditions,
    )


def _event_endorsement(group: Any, rep: Any, staff: Any) -> None:
    """An approved 後援 of the group's own event on the portal (written directly: the
    demo event is sooner than the 30 days a request needs)."""
    from collaboration.models import EndorsementRequest, EndorsementStatus

    event = group.events.order_by("starts_at").first()
    if event is None or EndorsementRequest.objects.filter(event=event).exists():
        return
    start = timezone.localtime(event.starts_at).date()
    request = EndorsementRequest.objects.create(
        kind="endorsement",
        group=group,
        event=event,
        receipt_number=f"demo-event-{event.pk}",
        created_by=rep,
        status=EndorsementStatus.SUBMITTED,
        event_title=event.title,
        starts_on=start,
        ends_on=timezone.localtime(event.ends_at).date(),
        venue=event.place,
        organisers=group.name,
        main_benefit="trust",
        **{k: v for k, v in BASE.items() if k not in ("audience",)},
        audience=event.audience or "市民",
    )
    request.receipt_number = f"K-{fiscal_year(start)}-{request.pk:05d}"
    request.save(update_fields=["receipt_number"])
    _approve(request, staff, "チラシに「みどり市後援」と表示してください。")


def _cohosting_booking(group: Any, rep: Any, request: Any) -> None:
    """A room booking on the approved 共催's first day with the co-hosting 減免 (confirmed
    without staff approval)."""
    from facilities.models import Booking, ReductionRule, Resource
    from facilities.services import booking_create
    from facilities.views.bookings import free_slot_keys

    rule = ReductionRule.objects.filter(evidence="cohosting", is_active=True).first()
    if rule is None or Booking.objects.filter(group=group, reduction_rule=rule).exists():
        return
    from facilities.availability import FacilityCalendar

    for room in Resource.objects.filter(kind="room", is_active=True, uses_lottery=False, requires_approval=False):
        day = FacilityCalendar(room.facility, request.starts_on, request.starts_on, resource=room).day(
            request.starts_on
        )
        if not day.is_open:
            continue
        free = sorted(free_slot_keys(room, day.slots, timezone.now()))
        if not free:
            continue
        try:
            with transaction.atomic():
                booking_create(
                    actor=rep,
                    resource=room,
                    use_date=request.starts_on,
                    slot_keys=[free[0]],
                    purpose=request.event_title,
                    expected_people=min(room.capacity or 10, 10),
                    group=group,
                    reduction_rule=rule,
                )
            return
        except ValidationError:
            continue


def seed(ctx: DemoContext) -> None:
    from collaboration.models import EndorsementRequest
    from collaboration.services.endorsements import (
        endorsement_refuse,
        endorsement_report,
        endorsement_revoke,
        endorsement_withdraw,
    )
    from groups.models import Membership, MembershipRole

    rep, staff = ctx.accounts.get("rep"), ctx.accounts.get("staff")
    if rep is None or staff is None:
        return
    membership = Membership.objects.filter(user=rep, role=MembershipRole.REPRESENTATIVE).select_related("group").first()
    if membership is None:
        return
    group = membership.group
    _event_endorsement(group, rep, staff)
    today = timezone.localdate()
    created = 0
    for _key, kind, title, offset, days, benefit, state in REQUESTS:
        existing = EndorsementRequest.objects.filter(group=group, event_title=title).first()
        if existing is not None:
            if title == "みどり市親子まつり":
                _cohosting_booking(group, rep, existing)
            continue
        starts = today + datetime.timedelta(days=offset)
        with transaction.atomic():
            request = _submit(group, rep, kind, title, starts, days, benefit)
            if state in ("approved", "reported", "revoked"):
                _approve(request, staff, "広報物の案を事前に協働推進課へ提出すること。" if kind == "cohosting" else "")
            if state == "refused":
                endorsement_refuse(
                    request=request,
                    actor=staff,
                    reason="物品の販売が主な目的であり、公益性が認められないため。",
                    purpose_ok=False,
                    public_nature_ok=True,
                    public_interest_ok=False,
                )
            if state == "withdrawn":
                endorsement_withdraw(request=request, actor=rep)
            if state == "revoked":
                endorsement_revoke(
                    request=request,
                    actor=staff,
                    reason="チラシに特定事業者の営業案内が含まれ、承認の条件に反するため。",
                )
            if state == "reported":
                endorsement_report(
                    request=request,
                    actor=rep,
                    participants=64,
                    summary="親子64名が参加。アンケートでは9割が「また参加したい」と回答。",
                    today=request.ends_on + datetime.timedelta(days=3),
                )
        created += 1
        if title == "みどり市親子まつり":
            _cohosting_booking(group, rep, request)
    ctx.log(f"collaboration: {created} 後援・共催 requests")
