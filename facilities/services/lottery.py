"""The lottery (抽選): entries in a window, a reproducible draw, publication, and
confirmation of wins by a deadline; then the rest opens first-come.

The draw is a pure function of the stored seed and the entries: for every slot, each
entry (in id order) gets a number from a generator seeded with the round's seed and
the slot; entries are ranked by priority class, then by that number. Anyone with the
seed can recompute it (`round_verify`), and a SHA-256 digest of the result is stored."""

from __future__ import annotations

import datetime
import hashlib
import random
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities import booking_rules, notifications
from facilities.availability import FacilityCalendar
from facilities.models import (
    Booking,
    BookingMode,
    EntryStatus,
    Facility,
    LotteryEntry,
    LotteryRound,
    PriorityClass,
    ReductionRule,
    Resource,
    RoundPhase,
    RoundStatus,
    Surcharge,
    TimeDivision,
)
from facilities.permissions import ensure_manages, is_entry_owner
from facilities.services.bookings import booking_create, field_error, is_resident
from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges
from portal.models import User
from portal.workflow import ensure_unchanged, transition, transition_many

__all__ = [
    "draw_order",
    "entry_confirm",
    "entry_create",
    "entry_decline",
    "entry_withdraw",
    "lapse_unconfirmed",
    "result_digest",
    "round_create",
    "round_draw",
    "round_publish",
    "round_verify",
    "run_due_draws",
]


def _entry_owner_now(user: User, entry: LotteryEntry) -> bool:
    return is_entry_owner(user, entry, fresh=True)


@transaction.atomic
def entry_create(
    *,
    actor: User,
    round_: LotteryRound,
    resource: Resource,
    use_date: datetime.date,
    division: TimeDivision,
    purpose: str,
    expected_people: int,
    group: Any = None,
    now: datetime.datetime | None = None,
) -> LotteryEntry:
    from groups.models import CommunityGroup
    from groups.permissions import current_role

    now = now or timezone.now()
    round_ = LotteryRound.objects.select_related("facility").get(pk=round_.pk)
    if not round_.is_taking_entries(now):
        raise ValidationError(_("This lottery is not taking entries now."), code="closed")
    if not round_.resources.filter(pk=resource.pk).exists():
        raise field_error("resource", _("This room is not part of the lottery."), "resource")
    if not round_.use_month <= use_date <= round_.month_end:
        raise field_error("use_date", _("Choose a day in the month of the lottery."), "month")
    if division.facility_id != round_.facility_id:
        raise field_error("division", _("Choose a time division of this facility."), "division")
    day = FacilityCalendar(round_.facility, use_date, use_date, resource=resource).day(use_date)
    if not day.is_open:
        raise field_error(
            "use_date", _("The facility is closed on this day: %(reason)s.") % {"reason": day.closed_reason}, "closed"
        )
    slot = next((s for s in day.slots if s.division_id == division.pk), None)
    if slot is None:
        raise field_error("division", _("This time division is not available on that day."), "division")
    if resource.capacity and expected_people > resource.capacity:
        raise field_error(
            "expected_people",
            _("The room holds up to %(capacity)s people.") % {"capacity": resource.capacity},
            "capacity",
        )
    if group is not None:
        group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
        if current_role(actor, group) is None:
            raise PermissionDenied
        if not group.is_registered_on(use_date):
            raise ValidationError(
                _("The group’s registration is not valid on the day of use, so it cannot enter as a group."),
                code="not_registered",
            )
        priority = PriorityClass.REGISTERED_GROUP
        mine = LotteryEntry.objects.filter(round=round_, group=group)
    else:
        if not resource.effective_policy.individuals_may_book:
            raise ValidationError(_("Only registered groups may book this resource."), code="groups_only")
        User.objects.select_for_update().only("pk").get(pk=actor.pk)
        priority = PriorityClass.RESIDENT if is_resident(actor) else PriorityClass.OTHER
        mine = LotteryEntry.objects.filter(round=round_, group__isnull=True, user=actor)
    if mine.exclude(status=EntryStatus.WITHDRAWN).count() >= round_.entries_per_applicant:
        raise ValidationError(
            _("You have used all %(cap)s entries for this lottery.") % {"cap": round_.entries_per_applicant},
            code="entry_cap",
        )
    entry = LotteryEntry(
        round=round_,
        resource=resource,
        division=division,
        use_date=use_date,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        user=actor,
        group=group,
        priority=priority,
        purpose=purpose,
        expected_people=expected_people,
    )
    entry.full_clean(exclude=["round", "resource", "division", "user", "group", "booking"])
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already entered for this slot."), code="duplicate") from error
    audit_log(actor=actor, action="facilities.lottery.entered", target=entry)
    return entry


@transaction.atomic
def entry_withdraw(*, entry: LotteryEntry, actor: User, now: datetime.datetime | None = None) -> LotteryEntry:
    entry = LotteryEntry.objects.select_for_update(of=("self",)).select_related("round").get(pk=entry.pk)
    if not _entry_owner_now(actor, entry):
        raise PermissionDenied
    if entry.status != EntryStatus.ENTERED or not entry.round.is_taking_entries(now):
        raise ValidationError(_("Entries can be withdrawn only while the lottery takes entries."), code="closed")
    transition(entry, EntryStatus.WITHDRAWN, actor=actor)
    return entry


def draw_order(seed: str, entries: Iterable[LotteryEntry]) -> dict[int, int]:
    """Rank (1 = winner) of every entry, per slot: priority class first, then a number
    drawn from a generator seeded by the seed and the slot, entries taken in id order."""
    by_slot: dict[tuple[int, str], list[LotteryEntry]] = defaultdict(list)
    for entry in entries:
        by_slot[(entry.resource_id, entry.starts_at.isoformat())].append(entry)
    ranks: dict[int, int] = {}
    for (resource_id, start), competing in sorted(by_slot.items()):
        rng = random.Random(f"{seed}:{resource_id}:{start}")  # noqa: S311 - reproducibility, not secrecy
        keyed = [(entry.priority, rng.random(), entry.pk) for entry in sorted(competing, key=lambda e: e.pk)]
        for rank, (_priority, _number, pk) in enumerate(sorted(keyed), start=1):
            ranks[pk] = rank
    return ranks


def result_digest(seed: str, ranks: dict[int, int]) -> str:
    text = seed + "\n" + "\n".join(f"{pk}:{rank}" for pk, rank in sorted(ranks.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def _drawable(round_: LotteryRound) -> Sequence[LotteryEntry]:
    return list(round_.entries.exclude(status=EntryStatus.WITHDRAWN).order_by("pk"))


def _draw(
    round_: LotteryRound,
    *,
    actor: User | None,
    seed: str | None,
    now: datetime.datetime,
    expected_status: str | None = None,
) -> LotteryRound:
    if round_.status != RoundStatus.PLANNED:
        raise ValidationError(_("This lottery has already been drawn."), code="drawn")
    if now < round_.draw_at or now < round_.entries_close_at:
        raise ValidationError(
            _("The draw is set for %(time)s.") % {"time": timezone.localtime(round_.draw_at)}, code="early"
        )
    round_.seed = seed or secrets.token_hex(16)
    entries = _drawable(round_)
    ranks = draw_order(round_.seed, entries)
    for entry in entries:
        entry.rank = ranks[entry.pk]
    LotteryEntry.objects.bulk_update(entries, ["rank"])
    winners = [entry.pk for entry in entries if entry.rank == 1]
    drawn = round_.entries.filter(status=EntryStatus.ENTERED).order_by("pk")
    transition_many(drawn.filter(pk__in=winners), EntryStatus.WON, actor=actor, data={"round": round_.pk})
    transition_many(drawn.exclude(pk__in=winners), EntryStatus.LOST, actor=actor, data={"round": round_.pk})
    round_.result_digest = result_digest(round_.seed, ranks)
    round_.drawn_at, round_.drawn_by = now, actor
    transition(
        round_,
        RoundStatus.DRAWN,
        actor=actor,
        expected=expected_status,
        data={"seed": round_.seed, "digest": round_.result_digest, "entries": len(entries)},
        update_fields=["seed", "result_digest", "drawn_at", "drawn_by"],
    )
    return round_


@transaction.atomic
def round_draw(
    *,
    round_: LotteryRound,
    actor: User,
    seed: str | None = None,
    now: datetime.datetime | None = None,
    expected_status: str | None = None,
) -> LotteryRound:
    round_ = LotteryRound.objects.select_for_update().select_related("facility").get(pk=round_.pk)
    ensure_manages(actor, round_.facility)
    ensure_unchanged(round_, expected_status)
    return _draw(round_, actor=actor, seed=seed, now=now or timezone.now(), expected_status=expected_status)


def round_verify(round_: LotteryRound) -> bool:
    """Recompute the draw from the stored seed and compare it with the stored ranks."""
    if not round_.seed:
        return False
    entries = _drawable(round_)
    ranks = draw_order(round_.seed, entries)
    stored = {entry.pk: entry.rank for entry in entries}
    return stored == ranks and result_digest(round_.seed, ranks) == round_.result_digest


@transaction.atomic
def round_publish(
    *,
    round_: LotteryRound,
    actor: User | None,
    now: datetime.datetime | None = None,
    expected_status: str | None = None,
) -> LotteryRound:
    round_ = LotteryRound.objects.select_for_update().select_related("facility").get(pk=round_.pk)
    if actor is not None:
        ensure_manages(actor, round_.facility)
    ensure_unchanged(round_, expected_status)
    if round_.status != RoundStatus.DRAWN:
        raise ValidationError(_("Only a drawn lottery can be published."), code="not_drawn")
    round_.published_at = now or timezone.now()
    transition(round_, RoundStatus.PUBLISHED, actor=actor, expected=expected_status, update_fields=["published_at"])
    user_ids = sorted(set(round_.entries.exclude(status=EntryStatus.WITHDRAWN).values_list("user_id", flat=True)))
    transaction.on_commit(
        lambda: [notifications.notify_lottery_result(round_id=round_.pk, user_id=uid) for uid in user_ids]
    )
    return round_


def run_due_draws(now: datetime.datetime | None = None) -> list[LotteryRound]:
    """Draw every round whose draw time has come (run by `facilities_daily`). Results
    wait for staff to review and publish."""
    now = now or timezone.now()
    drawn = []
    for pk in LotteryRound.objects.filter(status=RoundStatus.PLANNED, draw_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            round_ = LotteryRound.objects.select_for_update().get(pk=pk)
            if round_.status == RoundStatus.PLANNED:
                drawn.append(_draw(round_, actor=None, seed=None, now=now))
    return drawn


@transaction.atomic
def entry_confirm(
    *,
    entry: LotteryEntry,
    actor: User,
    surcharges: Iterable[Surcharge] = (),
    reduction_rule: ReductionRule | None = None,
    reduction_reason: str = "",
    now: datetime.datetime | None = None,
    expected_status: str | None = None,
) -> Booking:
    """当選確認: the winner books the slot they won, before the deadline."""
    now = now or timezone.now()
    entry = (
        LotteryEntry.objects.select_for_update(of=("self",))
        .select_related("round", "resource__facility", "division", "group", "user")
        .get(pk=entry.pk)
    )
    if not _entry_owner_now(actor, entry):
        raise PermissionDenied
    ensure_unchanged(entry, expected_status)
    if entry.status != EntryStatus.WON or entry.round.phase(now) != RoundPhase.CONFIRMING:
        raise ValidationError(_("This win can no longer be confirmed."), code="not_won")
    booking = booking_create(
        actor=actor,
        resource=entry.resource,
        use_date=entry.use_date,
        slot_keys=[booking_rules.entry_slot_key(entry)],
        purpose=entry.purpose,
        expected_people=entry.expected_people,
        group=entry.group,
        person=None if entry.group_id else entry.user,
        surcharges=surcharges,
        reduction_rule=reduction_rule,
        reduction_reason=reduction_reason,
        lottery_entry=entry,
        now=now,
    )
    entry.booking = booking
    transition(
        entry,
        EntryStatus.CONFIRMED,
        actor=actor,
        expected=expected_status,
        data={"booking": booking.pk},
        update_fields=["booking"],
    )
    return booking


@transaction.atomic
def entry_decline(*, entry: LotteryEntry, actor: User, expected_status: str | None = None) -> LotteryEntry:
    entry = LotteryEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if not _entry_owner_now(actor, entry):
        raise PermissionDenied
    ensure_unchanged(entry, expected_status)
    if entry.status != EntryStatus.WON:
        raise ValidationError(_("Only a win can be declined."), code="not_won")
    transition(entry, EntryStatus.DECLINED, actor=actor, expected=expected_status)
    return entry


@transaction.atomic
def lapse_unconfirmed(now: datetime.datetime | None = None, *, actor: User | None = None) -> int:
    """Wins not confirmed by the deadline lapse (run daily by `facilities_daily`),
    each with its own audit entry."""
    now = now or timezone.now()
    due = LotteryEntry.objects.filter(
        status=EntryStatus.WON, round__status=RoundStatus.PUBLISHED, round__confirm_by__lte=now
    ).order_by("pk")
    return len(transition_many(due.select_for_update(of=("self",)), EntryStatus.LAPSED, actor=actor))


ROUND_DATE_RANGES = dict.fromkeys(
    ("use_month", "entries_open_at", "entries_close_at", "draw_at", "confirm_by"), SCHEDULE
)


@transaction.atomic
def round_create(
    *,
    facility: Facility,
    actor: User,
    use_month: datetime.date,
    entries_open_at: datetime.datetime,
    entries_close_at: datetime.datetime,
    draw_at: datetime.datetime,
    confirm_by: datetime.datetime,
    entries_per_applicant: int,
    resources: Sequence[Resource],
) -> LotteryRound:
    """Set up a lottery round for rooms of one facility booked by time division."""
    ensure_manages(actor, facility)
    check_date_ranges(
        {
            "use_month": use_month,
            "entries_open_at": entries_open_at,
            "entries_close_at": entries_close_at,
            "draw_at": draw_at,
            "confirm_by": confirm_by,
        },
        ROUND_DATE_RANGES,
    )
    if facility.booking_mode != BookingMode.DIVISIONS:
        raise ValidationError(_("Lotteries allocate time divisions: this facility books by the hour."), code="mode")
    if not resources:
        raise field_error("resources", _("Choose at least one room."), "resources")
    if any(r.facility_id != facility.pk or not r.is_room or not r.uses_lottery for r in resources):
        raise field_error("resources", _("Choose rooms of this facility that are allocated by lottery."), "resources")
    if entries_close_at <= timezone.now():
        raise field_error("entries_close_at", _("The entry period must end in the future."), "past")
    round_ = LotteryRound(
        facility=facility,
        use_month=use_month,
        entries_open_at=entries_open_at,
        entries_close_at=entries_close_at,
        draw_at=draw_at,
        confirm_by=confirm_by,
        entries_per_applicant=entries_per_applicant,
    )
    round_.full_clean(exclude=["resources"])
    round_.save()
    round_.resources.set(resources)
    audit_log(actor=actor, action="facilities.lottery.created", target=round_, data={"month": use_month.isoformat()})
    return round_
