"""Booking rules in one place: whether a resource can be booked on a day, by whom, for
which slots, and at what fee.

`decide()` takes a `BookingRequest` and returns a `Decision`: the slots, the fee (a
`fees.Quote` with the reduction the booking will record) and every field error found.
The fee preview and the lottery win confirmation show those errors instead of a confirm
button; `booking_create` calls the same function under its locks and raises them. The
week view asks `week_rules()` which days are open to this person (booking window and
lottery), and the booking form takes its upper bounds from `form_bounds()`.

Who may act for a group or a department (permissions) stays in the service: this module
checks the rules that hold once the booker is known."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities import fees, reduction_evidence
from facilities.availability import ONE_DAY, FacilityCalendar, Slot, aware
from facilities.models import (
    CITY_USE,
    CITY_USE_LABEL,
    Booking,
    BookingPolicy,
    BookingStatus,
    LotteryRound,
    ReductionEvidence,
    ReductionRule,
    Resource,
    RoundStatus,
    Surcharge,
)
from portal.dates import SCHEDULE
from portal.models import Department, Relationship, User

__all__ = [
    "CITY_USE",
    "MAX_LOAN_DAYS",
    "MAX_PEOPLE",
    "MAX_QUANTITY",
    "Booker",
    "BookingRequest",
    "BoundValidator",
    "Decision",
    "WeekRules",
    "booking_horizon",
    "decide",
    "ensure_active",
    "entry_request",
    "entry_slot_key",
    "field_error",
    "form_bounds",
    "is_resident",
    "lottery_round_blocking",
    "lottery_rounds_holding",
    "monthly_slots_used",
    "select_slots",
    "week_rules",
]

RESIDENT_RELATIONSHIPS = (Relationship.RESIDENT, Relationship.WORKER, Relationship.STUDENT)

# Hard ceilings, whatever a resource says (the model validators allow no more).
MAX_PEOPLE = 10_000
MAX_QUANTITY = 1000
MAX_LOAN_DAYS = 31


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A ValidationError on one field that keeps its code (for tests and callers)."""
    return ValidationError({field: ValidationError(message, code=code)})


def is_resident(user: User | None) -> bool:
    """市内 rate for people who live, work or study in the city."""
    return user is not None and user.relationship in RESIDENT_RELATIONSHIPS


# --- bounds shared with the form ------------------------------------------------------


def _people_limit(resource: Resource) -> int:
    return min(resource.capacity or MAX_PEOPLE, MAX_PEOPLE)


def _quantity_limit(resource: Resource) -> int:
    return min(resource.stock, MAX_QUANTITY)


def _days_limit(resource: Resource) -> int:
    return min(resource.loan_max_days, MAX_LOAN_DAYS)


def _people_message(resource: Resource) -> str:
    if resource.capacity:
        return _("The room holds up to %(capacity)s people.") % {"capacity": _people_limit(resource)}
    return _("Enter at most %(limit)s people.") % {"limit": MAX_PEOPLE}


def _quantity_message(resource: Resource) -> str:
    return _("There are %(stock)s of this item.") % {"stock": _quantity_limit(resource)}


def _days_message(resource: Resource) -> str:
    return _("Borrow for 1 to %(days)s days.") % {"days": _days_limit(resource)}


def form_bounds(resource: Resource) -> dict[str, tuple[int, Callable[[], str]]]:
    """The upper bound of each number on the booking form, with its message: people by
    the room's capacity, quantity by the stock, days by the longest loan."""
    return {
        "expected_people": (_people_limit(resource), lambda: _people_message(resource)),
        "quantity": (_quantity_limit(resource), lambda: _quantity_message(resource)),
        "days": (_days_limit(resource), lambda: _days_message(resource)),
    }


class BoundValidator(MaxValueValidator):
    """A MaxValueValidator whose message comes from this module (translated when used)."""

    def __init__(self, limit: int, message: Callable[[], str]) -> None:
        super().__init__(limit)
        self.make_message = message

    def __call__(self, value: Any) -> None:
        if value is not None and value > self.limit_value:
            raise ValidationError(self.make_message(), code="max_value")


# --- the booking window and lottery months ------------------------------------------


def lottery_rounds_holding(
    resource: Resource, months: Iterable[datetime.date], now: datetime.datetime
) -> dict[datetime.date, LotteryRound]:
    """The lottery rounds that hold these months of a lottery resource back from
    first-come booking: until the results are published and the confirmation deadline
    has passed."""
    if not resource.uses_lottery:
        return {}
    rounds = LotteryRound.objects.filter(
        facility_id=resource.facility_id, use_month__in=set(months), resources=resource
    )
    return {r.use_month: r for r in rounds if not (r.status == RoundStatus.PUBLISHED and now >= r.confirm_by)}


def lottery_round_blocking(resource: Resource, use_date: datetime.date, now: datetime.datetime) -> LotteryRound | None:
    """The round holding back the month of `use_date`, if any."""
    month = use_date.replace(day=1)
    return lottery_rounds_holding(resource, [month], now).get(month)


def advance_days(policy: BookingPolicy, *, as_group: bool) -> int | None:
    """How many days ahead a registered group (or anyone else) may book; None when
    only groups may book and this is not a group."""
    if as_group:
        return policy.group_advance_days
    return policy.individual_advance_days if policy.individuals_may_book else None


def booking_horizon(user: Any, resource: Resource) -> int:
    """How many days ahead this person can book the resource: the registered-group
    window for members of a registered group, the individual window otherwise (-1 when
    only groups may book); anonymous visitors see the group window."""
    policy = resource.effective_policy
    if not user.is_authenticated:
        return policy.group_advance_days
    from groups.permissions import bookable_groups

    as_group = bookable_groups(user).exists()
    days = advance_days(policy, as_group=as_group)
    return -1 if days is None else days


@dataclass
class WeekRules:
    """What the week view needs to know of the rules: the last day this person may book
    (None: no limit, for the facility's staff) and the lottery rounds holding months."""

    last_bookable: datetime.date | None
    held: dict[datetime.date, LotteryRound]
    horizon: int | None

    def blocking_round(self, day: datetime.date) -> LotteryRound | None:
        return self.held.get(day.replace(day=1))

    def opens_later(self, day: datetime.date) -> bool:
        return self.last_bookable is not None and day > self.last_bookable


def week_rules(
    user: Any, resource: Resource, start: datetime.date, end: datetime.date, now: datetime.datetime, *, manager: bool
) -> WeekRules:
    horizon = None if manager else booking_horizon(user, resource)
    today = timezone.localdate(now)
    last = None if horizon is None else today + datetime.timedelta(days=horizon)
    held = lottery_rounds_holding(resource, {start.replace(day=1), end.replace(day=1)}, now)
    return WeekRules(last_bookable=last, held=held, horizon=horizon)


# --- one request, decided --------------------------------------------------------------


@dataclass(frozen=True)
class Booker:
    """For whom: one registered group, one city department, or one person."""

    group: Any = None
    department: Department | None = None
    person: User | None = None

    @property
    def resident(self) -> bool:
        return self.group is not None or self.department is not None or is_resident(self.person)


@dataclass
class BookingRequest:
    resource: Resource
    use_date: datetime.date
    booker: Booker
    slot_keys: Sequence[str] = ()
    expected_people: int = 1
    quantity: int = 1
    days: int = 1
    surcharges: Sequence[Surcharge] = ()
    reduction_rule: ReductionRule | None = None
    reduction_reason: str = ""
    from_lottery: bool = False  # a lottery win: no booking window, no lottery hold


@dataclass
class Decision:
    """The outcome: the slots and fee when bookable, or the errors."""

    request: BookingRequest
    errors: list[ValidationError] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    quote: fees.Quote | None = None
    # The reduction reason the rule's evidence gave (facilities.reduction_evidence), if any.
    evidence_reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error(self) -> ValidationError:
        """All errors as one ValidationError (field errors by field)."""
        if len(self.errors) == 1:
            return self.errors[0]
        merged: dict[str, list[ValidationError]] = {}
        for error in self.errors:
            if hasattr(error, "error_dict"):
                for name, items in error.error_dict.items():
                    merged.setdefault(name, []).extend(items)
            else:
                merged.setdefault("__all__", []).extend(error.error_list)
        return ValidationError(merged)

    @property
    def codes(self) -> set[str]:
        """The codes of every error (for tests and callers that branch on them)."""
        codes = set()
        for error in self.errors:
            groups = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
            codes.update(item.code for items in groups for item in items)
        return codes

    def raise_for_errors(self) -> None:
        if self.errors:
            raise self.error

    # What the booking records.
    @property
    def starts_at(self) -> datetime.datetime:
        return self.slots[0].starts_at

    @property
    def ends_at(self) -> datetime.datetime:
        return self.slots[-1].ends_at

    @property
    def slot_count(self) -> int:
        return len(self.slots)

    @property
    def quantity(self) -> int:
        return 1 if self.request.resource.is_room else self.request.quantity

    @property
    def reduction_reason(self) -> str:
        if self.request.booker.department is not None:
            return CITY_USE
        return self.evidence_reason or self.request.reduction_reason.strip()

    @property
    def status(self) -> str:
        request = self.request
        rule = request.reduction_rule
        # A reduction whose evidence was found (e.g. the city's approved 共催) needs no
        # approval of its own: the city has already decided.
        needs_approval = request.resource.requires_approval or bool(
            rule and rule.requires_approval and not self.evidence_reason
        )
        if needs_approval and request.booker.department is None:
            return BookingStatus.PENDING
        return BookingStatus.CONFIRMED


def ensure_active(resource: Resource) -> bool:
    if not resource.is_active or not resource.facility.is_active:
        raise ValidationError(_("This resource cannot be booked."), code="inactive")
    return True


def _check_booker(request: BookingRequest, now: datetime.datetime) -> None:
    booker, policy = request.booker, request.resource.effective_policy
    if booker.group is not None and not booker.group.is_registered_on(request.use_date):
        raise ValidationError(
            _("The group’s registration is not valid on the day of use, so it cannot book as a group."),
            code="not_registered",
        )
    if booker.person is not None and not policy.individuals_may_book and not request.from_lottery:
        raise ValidationError(_("Only registered groups may book this resource."), code="groups_only")


def _check_date_range(request: BookingRequest, now: datetime.datetime) -> bool:
    """The date is a plausible one (portal.dates.SCHEDULE), whoever books: city use and
    lottery wins have no booking window, but no booking is made for year 1 or 9999."""
    messages = SCHEDULE.errors(request.use_date, today=timezone.localdate(now))
    if messages:
        raise field_error("use_date", messages[0], "date_out_of_range")
    return True


def _check_window(request: BookingRequest, now: datetime.datetime) -> None:
    today, use_date = timezone.localdate(now), request.use_date
    if use_date < today:
        raise field_error("use_date", _("This date has passed."), "past")
    if request.from_lottery:
        return
    booker, policy = request.booker, request.resource.effective_policy
    # City use has no window; a person where only groups may book is told so by _check_booker.
    days = None if booker.department is not None else advance_days(policy, as_group=booker.group is not None)
    if days is not None and use_date > today + datetime.timedelta(days=days):
        raise field_error(
            "use_date",
            _("Bookings for this date are not open yet: you can book up to %(days)s days ahead.") % {"days": days},
            "window",
        )
    blocking = lottery_round_blocking(request.resource, use_date, now)
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


def _check_people(request: BookingRequest, now: datetime.datetime) -> None:
    people = request.expected_people
    if not 1 <= people <= _people_limit(request.resource):
        raise field_error("expected_people", _people_message(request.resource), "capacity")


def _evidence_message(evidence: str) -> str:
    if evidence == ReductionEvidence.COHOSTING:
        return _(
            "This reduction applies only to events the city has agreed to co-host: your group has no approved "
            "co-hosting for an event on this day. Ask the city to co-host it first, or choose another reduction."
        )
    return _("This reduction needs evidence that is not on record for your group on this day.")


def _check_fee_options(request: BookingRequest, now: datetime.datetime) -> str:
    """Surcharges and the reduction; returns the reduction reason the rule's evidence
    gives (a rule with `evidence` applies only when the registered check finds it for the
    booker's group on the day of use), else ""."""
    facility_id = request.resource.facility_id
    if any(s.facility_id != facility_id or not s.is_active for s in request.surcharges):
        raise field_error("surcharges", _("Choose surcharges of this facility."), "surcharge")
    rule = request.reduction_rule
    if rule is None:
        return ""
    if not rule.is_active or rule.facility_id not in (None, facility_id):
        raise field_error("reduction_rule", _("This reduction does not apply here."), "reduction")
    if rule.registered_groups_only and request.booker.group is None:
        raise field_error("reduction_rule", _("This reduction is for registered groups only."), "reduction_group")
    if rule.evidence and request.booker.department is None:
        found = reduction_evidence.find_evidence(rule.evidence, request.booker.group, request.use_date)
        if not found:
            raise field_error("reduction_rule", _evidence_message(rule.evidence), "reduction_evidence")
        return found
    if not request.reduction_reason.strip():
        raise field_error(
            "reduction_reason",
            _("Say why the reduction applies (e.g. the event and who it is for)."),
            "reduction_reason",
        )
    return ""


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


def _room_slots(request: BookingRequest, now: datetime.datetime) -> list[Slot]:
    resource = request.resource
    calendar = FacilityCalendar(resource.facility, request.use_date, request.use_date, resource=resource)
    slots = select_slots(resource, calendar, request.use_date, request.slot_keys, resource.effective_policy)
    if slots[0].starts_at <= now:
        raise field_error("slots", _("This time slot has already begun."), "past")
    return slots


def _loan_days(request: BookingRequest, now: datetime.datetime) -> list[Slot]:
    """Equipment: one slot per day of the loan, checked before anything is built."""
    resource, days, use_date = request.resource, request.days, request.use_date
    errors = {}
    if not 1 <= days <= _days_limit(resource):
        errors["days"] = ValidationError(_days_message(resource), code="loan_days")
    if not 1 <= request.quantity <= _quantity_limit(resource):
        errors["quantity"] = ValidationError(_quantity_message(resource), code="over_stock")
    if errors:
        raise ValidationError(errors)
    first = FacilityCalendar(resource.facility, use_date, use_date, resource=resource).day(use_date)
    if not first.is_open:
        raise ValidationError(
            _("The facility is closed on this day: %(reason)s.") % {"reason": first.closed_reason}, code="closed"
        )
    midnights = [aware(use_date + i * ONE_DAY, datetime.time.min) for i in range(days + 1)]
    return [Slot(i, midnights[i], midnights[i + 1], str(use_date + i * ONE_DAY)) for i in range(days)]


def _check_free(request: BookingRequest, slots: list[Slot]) -> None:
    """Nothing already booked in the way (rooms), or enough of the item left each day."""
    resource = request.resource
    overlapping = Booking.objects.active().filter(resource=resource).overlapping(slots[0].starts_at, slots[-1].ends_at)
    if resource.is_room:
        if overlapping.exists():
            raise field_error("slots", _("This time slot is already booked."), "taken")
        return
    loans = list(overlapping.values_list("starts_at", "ends_at", "quantity"))
    for slot in slots:
        used = sum(q for s, e, q in loans if s < slot.ends_at and e > slot.starts_at)
        if used + request.quantity > resource.stock:
            raise field_error(
                "quantity",
                _("Only %(left)s of this item are free on %(day)s.")
                % {"left": max(resource.stock - used, 0), "day": slot.label},
                "over_stock",
            )


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - ONE_DAY


def monthly_slots_used(booker: Booker, day: datetime.date) -> int:
    """Slots the group (or person) holds in the month of `day`."""
    first, last = month_bounds(day)
    mine = Booking.objects.active().on_dates(first, last)
    if booker.group is not None:
        mine = mine.filter(group=booker.group)
    else:
        mine = mine.filter(group__isnull=True, department__isnull=True, user=booker.person)
    return mine.aggregate(total=Sum("slot_count"))["total"] or 0


def _check_monthly_cap(request: BookingRequest, count: int) -> None:
    if request.booker.department is not None:
        return  # city use has no cap
    cap = request.resource.effective_policy.monthly_cap
    used = monthly_slots_used(request.booker, request.use_date)
    if used + count > cap:
        raise ValidationError(
            _("This would exceed the limit of %(cap)s slots a month (%(used)s already booked).")
            % {"cap": cap, "used": used},
            code="monthly_cap",
        )


def _quote(request: BookingRequest, slots: list[Slot]) -> fees.Quote:
    quote = fees.quote(
        request.resource,
        slots,
        resident=request.booker.resident,
        surcharges=request.surcharges,
        reduction=request.reduction_rule,
        quantity=1 if request.resource.is_room else request.quantity,
    )
    if request.booker.department is not None:  # city use is free
        quote.reduction = quote.base + quote.surcharge
        quote.lines.append((str(CITY_USE_LABEL), -quote.reduction))
    return quote


def _collect(errors: list[ValidationError], check: Callable[[], Any]) -> Any:
    try:
        return check()
    except ValidationError as error:
        errors.append(error)
        return None


def decide(request: BookingRequest, *, now: datetime.datetime | None = None) -> Decision:
    """Check every rule for `request` and price it. Independent checks all run, so the
    person sees every problem at once; the ones that need valid slots run only then."""
    now = now or timezone.now()
    resource = request.resource
    decision = Decision(request=request)
    errors = decision.errors
    if not _collect(errors, lambda: ensure_active(resource)):
        return decision
    if not _collect(errors, lambda: _check_date_range(request, now)):
        return decision  # nothing else can be computed for such a date
    for check in (_check_booker, _check_window, _check_people):
        _collect(errors, lambda check=check: check(request, now))
    decision.evidence_reason = _collect(errors, lambda: _check_fee_options(request, now)) or ""
    select = _room_slots if resource.is_room else _loan_days
    slots = _collect(errors, lambda: select(request, now))
    if not slots:
        return decision
    decision.slots = slots
    _collect(errors, lambda: _check_free(request, slots))
    _collect(errors, lambda: _check_monthly_cap(request, len(slots)))
    if not errors:
        decision.quote = _quote(request, slots)
    return decision


def entry_slot_key(entry: Any) -> str:
    """The slot a lottery entry won, as a booking's slot key."""
    return timezone.localtime(entry.starts_at).strftime("%H:%M")


def entry_request(
    entry: Any,
    *,
    surcharges: Sequence[Surcharge] = (),
    reduction_rule: ReductionRule | None = None,
    reduction_reason: str = "",
) -> BookingRequest:
    """The booking a lottery win confirms (当選確認), for the preview of its fee."""
    return BookingRequest(
        resource=entry.resource,
        use_date=entry.use_date,
        booker=Booker(group=entry.group) if entry.group_id else Booker(person=entry.user),
        slot_keys=[entry_slot_key(entry)],
        expected_people=entry.expected_people,
        surcharges=surcharges,
        reduction_rule=reduction_rule,
        reduction_reason=reduction_reason,
        from_lottery=True,
    )
