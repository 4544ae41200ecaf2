"""Writes of the consultation desk: the slots, booking and asking, the desk's answers,
the outcome, the private record and its links. Every refusal is a `ValidationError`
with a code (or `PermissionDenied`); nothing is written on a refusal. Status moves go
through `portal.workflow.transition` (one audit entry each)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import (
    HOLDING_STATUSES,
    SLOT_MODES,
    Consultation,
    ConsultationMessage,
    ConsultationStatus,
    DeskSlot,
    Kind,
    Mode,
    Topic,
)
from consultations.notifications import notify_asker
from consultations.permissions import consultation_policy, is_desk_staff
from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges, fiscal_year
from portal.text import clean_text
from portal.workflow import ensure_unchanged, transition

__all__ = [
    "MAX_SLOTS_PER_BATCH",
    "MAX_UPCOMING_BOOKINGS",
    "consultation_answer",
    "consultation_ask",
    "consultation_book",
    "consultation_cancel",
    "consultation_finish",
    "consultation_link",
    "consultation_record",
    "consultation_reply",
    "consultation_resolve",
    "slot_close",
    "slots_open",
]

MAX_SLOTS_PER_BATCH = 200
MAX_BATCH_DAYS = 92
MAX_UPCOMING_BOOKINGS = 3
MESSAGE_LIMIT = 4000
S = ConsultationStatus


def _ensure_desk(actor: Any) -> None:
    if not is_desk_staff(actor):
        raise PermissionDenied


def _error(field: str | None, message: str, code: str) -> ValidationError:
    if field is None:
        return ValidationError(message, code=code)
    return ValidationError({field: ValidationError(message, code=code)})


# --- Slots -----------------------------------------------------------------------------------


@transaction.atomic
def slots_open(
    *,
    actor: Any,
    first_day: datetime.date,
    last_day: datetime.date,
    weekdays: Iterable[int],
    start_time: datetime.time,
    minutes: int,
    per_day: int,
    modes: Iterable[str],
    place: str,
) -> list[DeskSlot]:
    """Open slots on the given weekdays (0 = Monday) between the two days: `per_day`
    consecutive slots of `minutes` from `start_time`. A time that already has an open
    slot is skipped. At most MAX_SLOTS_PER_BATCH slots over MAX_BATCH_DAYS days."""
    _ensure_desk(actor)
    place = clean_text(place, field="place", limit=200, required=True, single_line=True)
    modes = set(modes)
    if not modes or not modes <= {m.value for m in SLOT_MODES}:
        raise _error("modes", _("Choose at least one way of holding the consultation."), "modes")
    days = sorted({int(d) for d in weekdays})
    if not days or not set(days) <= set(range(7)):
        raise _error("weekdays", _("Choose at least one day of the week."), "weekdays")
    if not 10 <= minutes <= 240:
        raise _error("minutes", _("A slot lasts between 10 and 240 minutes."), "minutes")
    if not 1 <= per_day <= 12:
        raise _error("per_day", _("Open between 1 and 12 slots a day."), "per_day")
    check_date_ranges({"first_day": first_day, "last_day": last_day}, {"first_day": SCHEDULE, "last_day": SCHEDULE})
    if last_day < first_day:
        raise _error("last_day", _("The last day is before the first day."), "order")
    if (last_day - first_day).days >= MAX_BATCH_DAYS:
        raise _error("last_day", _("Open slots for at most three months at a time."), "too_long")
    day_start = datetime.datetime.combine(datetime.date(2000, 1, 1), start_time)
    if day_start + datetime.timedelta(minutes=minutes * per_day) > datetime.datetime.combine(
        datetime.date(2000, 1, 2), datetime.time.min
    ):
        raise _error("per_day", _("The slots must end on the same day."), "past_midnight")
    now = timezone.now()
    times = []
    day = first_day
    while day <= last_day:
        if day.weekday() in days:
            start = timezone.make_aware(datetime.datetime.combine(day, start_time))
            times += [start + datetime.timedelta(minutes=minutes * n) for n in range(per_day)]
        day += datetime.timedelta(days=1)
    times = [t for t in times if t > now]
    if not times:
        raise _error(None, _("These days and times give no slot in the future."), "empty")
    if len(times) > MAX_SLOTS_PER_BATCH:
        raise _error(
            None, _("That would open more than %(limit)d slots at once.") % {"limit": MAX_SLOTS_PER_BATCH}, "too_many"
        )
    taken = set(DeskSlot.objects.filter(starts_at__in=times, is_closed=False).values_list("starts_at", flat=True))
    slots = [
        DeskSlot(
            starts_at=t,
            minutes=minutes,
            offers_in_person=Mode.IN_PERSON in modes,
            offers_phone=Mode.PHONE in modes,
            offers_online=Mode.ONLINE in modes,
            place=place,
            created_by=actor,
        )
        for t in times
        if t not in taken
    ]
    DeskSlot.objects.bulk_create(slots)
    audit_log(
        actor=actor,
        action="consultations.deskslot.opened",
        target=None,
        data={"count": len(slots), "first_day": first_day.isoformat(), "last_day": last_day.isoformat()},
    )
    return slots


@transaction.atomic
def slot_close(*, actor: Any, slot: DeskSlot) -> DeskSlot:
    """Close a free slot (it is no longer offered). A booked slot stays: cancel the
    booking first."""
    _ensure_desk(actor)
    slot = DeskSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.is_closed:
        raise _error(None, _("This slot is already closed."), "closed")
    if slot.consultations.filter(status__in=HOLDING_STATUSES).exists():
        raise _error(None, _("This slot is booked: it cannot be closed."), "booked")
    slot.is_closed = True
    slot.save(update_fields=["is_closed", "updated_at"])
    audit_log(actor=actor, action="consultations.deskslot.closed", target=slot)
    return slot


# --- Booking and asking ------------------------------------------------------------------------


def _group_for(actor: Any, group: Any) -> Any:
    """The group the person acts for: one they are a member of, or None."""
    if group is None:
        return None
    from groups.permissions import member_group_ids

    if group.pk not in member_group_ids(actor):
        raise _error("group", _("You can only consult on behalf of a group you are a member of."), "not_member")
    return group


def _topic(value: str, field: str = "topic") -> str:
    if value not in Topic.values:
        raise _error(field, _("Choose a topic."), "topic")
    return value


def _set_receipt(consultation: Consultation) -> None:
    year = fiscal_year(timezone.localdate(consultation.created_at))
    consultation.receipt_number = f"{year}-SD-{consultation.pk:05d}"
    consultation.save(update_fields=["receipt_number"])


@transaction.atomic
def consultation_book(
    *,
    actor: Any,
    slot: DeskSlot,
    topic: str,
    mode: str,
    message: str,
    group: Any = None,
    contact_phone: str = "",
) -> Consultation:
    """Book `slot`. The slot row is locked, and a unique constraint keeps one booking
    per slot even when two requests race."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    topic = _topic(topic)
    message = clean_text(message, field="message", limit=MESSAGE_LIMIT, required=True)
    contact_phone = clean_text(contact_phone, field="contact_phone", limit=20, single_line=True)
    group = _group_for(actor, group)
    slot = DeskSlot.objects.select_for_update().filter(pk=slot.pk).first()
    if slot is None or slot.is_closed:
        raise _error(None, _("This slot is no longer offered. Please choose another."), "closed")
    if slot.starts_at <= timezone.now():
        raise _error(None, _("This slot has already started. Please choose another."), "past")
    if mode not in slot.modes():
        raise _error("mode", _("This slot is not offered that way. Choose one of the ways shown."), "mode")
    if mode == Mode.PHONE:
        from groups.models import PHONE_VALIDATOR

        if not contact_phone:
            raise _error("contact_phone", _("Give the number the desk should call."), "required")
        try:
            PHONE_VALIDATOR(contact_phone)
        except ValidationError as error:
            raise ValidationError({"contact_phone": error.error_list}) from None
    if slot.consultations.filter(status__in=HOLDING_STATUSES).exists():
        raise _error(None, _("Someone has just booked this slot. Please choose another."), "taken")
    upcoming = Consultation.objects.filter(asker=actor, status=S.BOOKED, happens_at__gt=timezone.now()).count()
    if upcoming >= MAX_UPCOMING_BOOKINGS:
        raise _error(
            None,
            _("You already have %(count)d consultations booked. Please cancel one before booking another.")
            % {"count": upcoming},
            "too_many",
        )
    try:
        with transaction.atomic():
            consultation = Consultation.objects.create(
                kind=Kind.BOOKING,
                status=S.BOOKED,
                asker=actor,
                group=group,
                topic=topic,
                slot=slot,
                mode=mode,
                contact_phone=contact_phone if mode == Mode.PHONE else "",
                message=message,
                happens_at=slot.starts_at,
            )
    except IntegrityError:
        raise _error(None, _("Someone has just booked this slot. Please choose another."), "taken") from None
    _set_receipt(consultation)
    audit_log(actor=actor, action="consultations.consultation.booked", target=consultation, data={"slot": slot.pk})
    notify_asker("consultations/email/booked", consultation)
    return consultation


@transaction.atomic
def consultation_ask(*, actor: Any, topic: str, message: str, group: Any = None) -> Consultation:
    """Ask the desk a question in writing."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    topic = _topic(topic)
    message = clean_text(message, field="message", limit=MESSAGE_LIMIT, required=True)
    group = _group_for(actor, group)
    consultation = Consultation.objects.create(
        kind=Kind.QUESTION,
        status=S.ASKED,
        asker=actor,
        group=group,
        topic=topic,
        mode=Mode.WRITTEN,
        message=message,
        happens_at=timezone.now(),
    )
    _set_receipt(consultation)
    audit_log(actor=actor, action="consultations.consultation.asked", target=consultation)
    notify_asker("consultations/email/asked", consultation)
    return consultation


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update(of=("self",)).select_related("slot").get(pk=consultation.pk)


@transaction.atomic
def consultation_cancel(*, actor: Any, consultation: Consultation, expected_status: str | None = None) -> Consultation:
    """The asker cancels a booking before it starts, or withdraws an unanswered question."""
    consultation = _locked(consultation)
    consultation_policy.ensure(actor, "act", consultation)
    ensure_unchanged(consultation, expected_status)
    if consultation.is_booking and consultation.status == S.BOOKED and consultation.happens_at <= timezone.now():
        raise _error(None, _("The consultation has already started: it can no longer be cancelled."), "started")
    consultation.cancelled_at = timezone.now()
    transition(consultation, S.CANCELLED, actor=actor, update_fields=["cancelled_at"])
    if consultation.is_booking:
        notify_asker("consultations/email/cancelled", consultation)
    return consultation


def _clean_message(body: str) -> str:
    return clean_text(body, field="body", limit=MESSAGE_LIMIT, required=True)


@transaction.atomic
def consultation_answer(
    *, actor: Any, consultation: Consultation, body: str, expected_status: str | None = None
) -> ConsultationMessage:
    """The desk answers a written question (or the asker's reply); the asker is told by e-mail."""
    _ensure_desk(actor)
    body = _clean_message(body)
    consultation = _locked(consultation)
    ensure_unchanged(consultation, expected_status)
    transition(consultation, S.ANSWERED, actor=actor)
    answer = ConsultationMessage.objects.create(consultation=consultation, author=actor, from_desk=True, body=body)
    notify_asker("consultations/email/answered", consultation)
    return answer


@transaction.atomic
def consultation_reply(
    *, actor: Any, consultation: Consultation, body: str, expected_status: str | None = None
) -> ConsultationMessage:
    """The asker replies to the desk's answer, once."""
    body = _clean_message(body)
    consultation = _locked(consultation)
    consultation_policy.ensure(actor, "act", consultation)
    ensure_unchanged(consultation, expected_status)
    if consultation.messages.filter(from_desk=False).exists():
        raise _error(
            None, _("You have already replied once. If you need more help, please ask a new question."), "replied"
        )
    transition(consultation, S.REPLIED, actor=actor)
    return ConsultationMessage.objects.create(consultation=consultation, author=actor, from_desk=False, body=body)


@transaction.atomic
def consultation_resolve(*, actor: Any, consultation: Consultation, expected_status: str | None = None) -> Consultation:
    """The asker (or the desk) marks an answered question resolved."""
    consultation = _locked(consultation)
    if not (consultation_policy.can(actor, "act", consultation, fresh=True) or is_desk_staff(actor)):
        raise PermissionDenied
    transition(consultation, S.RESOLVED, actor=actor, expected=expected_status)
    return consultation


@transaction.atomic
def consultation_finish(
    *, actor: Any, consultation: Consultation, status: str, expected_status: str | None = None
) -> Consultation:
    """The desk marks a booking held (done) or the asker absent (no-show), once it has started."""
    _ensure_desk(actor)
    if status not in (S.DONE, S.NO_SHOW):
        raise _error(None, _("Choose whether the consultation was held."), "status")
    consultation = _locked(consultation)
    ensure_unchanged(consultation, expected_status)
    if consultation.status == S.BOOKED and consultation.happens_at > timezone.now():
        raise _error(None, _("The consultation has not started yet."), "not_started")
    transition(consultation, status, actor=actor)
    return consultation


RECORD_FIELDS = ("record_topic", "outcome", "follow_up_needed", "follow_up_by")


@transaction.atomic
def consultation_record(
    *,
    actor: Any,
    consultation: Consultation,
    record_topic: str,
    outcome: str,
    follow_up_needed: bool,
    follow_up_by: datetime.date | None,
) -> Consultation:
    """The desk's private record: the topic as discussed, the outcome, the follow-up."""
    _ensure_desk(actor)
    record_topic = _topic(record_topic, "record_topic")
    outcome = clean_text(outcome, field="outcome", limit=MESSAGE_LIMIT)
    if follow_up_needed and follow_up_by is None:
        raise _error("follow_up_by", _("Give the date by which to follow up."), "required")
    if follow_up_by is not None:
        check_date_ranges({"follow_up_by": follow_up_by}, {"follow_up_by": SCHEDULE})
    consultation = _locked(consultation)
    if consultation.status == S.CANCELLED:
        raise _error(None, _("A cancelled consultation has no record."), "cancelled")
    consultation.record_topic = record_topic
    consultation.outcome = outcome
    consultation.follow_up_needed = bool(follow_up_needed)
    consultation.follow_up_by = follow_up_by if follow_up_needed else None
    consultation.recorded_by = actor
    consultation.recorded_at = timezone.now()
    consultation.save(update_fields=[*RECORD_FIELDS, "recorded_by", "recorded_at", "updated_at"])
    audit_log(
        actor=actor,
        action="consultations.consultation.recorded",
        target=consultation,
        data={"fields": list(RECORD_FIELDS)},
    )
    return consultation


def _resolve(actor: Any, value: str, *, field: str, queryset: Any, lookup: str, missing: str) -> Any:
    value = clean_text(value, field=field, limit=100, single_line=True)
    if not value:
        return None
    found = queryset.filter(**{lookup: value}).first()
    if found is None:
        raise _error(field, missing % {"value": value}, "not_found")
    return found


@transaction.atomic
def consultation_link(
    *, actor: Any, consultation: Consultation, group: str = "", application: str = "", proposal: str = ""
) -> Consultation:
    """Link the consultation to a group (by its address name, the slug), a subsidy
    application and a collaboration proposal (by receipt number), each looked up among
    what the member of staff may see; an empty value removes the link."""
    from collaboration.permissions import proposal_policy
    from groups.permissions import group_policy
    from subsidies.permissions import application_policy

    _ensure_desk(actor)
    found = {
        "linked_group": _resolve(
            actor,
            group,
            field="group",
            queryset=group_policy.visible_to(actor),
            lookup="slug",
            missing=_("No group with the address name “%(value)s” was found."),
        ),
        "linked_application": _resolve(
            actor,
            application,
            field="application",
            queryset=application_policy.visible_to(actor),
            lookup="receipt_number",
            missing=_("No subsidy application with the receipt number “%(value)s” was found."),
        ),
        "linked_proposal": _resolve(
            actor,
            proposal,
            field="proposal",
            queryset=proposal_policy.visible_to(actor),
            lookup="receipt_number",
            missing=_("No collaboration proposal with the receipt number “%(value)s” was found."),
        ),
    }
    consultation = _locked(consultation)
    for name, value in found.items():
        setattr(consultation, name, value)
    consultation.save(update_fields=[*found, "updated_at"])
    audit_log(
        actor=actor,
        action="consultations.consultation.linked",
        target=consultation,
        data={name: str(value) if value else "" for name, value in found.items()},
    )
    return consultation
