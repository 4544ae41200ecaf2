"""Consultation desk: slots written straight to the database (a slot has no workflow),
consultations built through the services."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from consultations import services
from consultations.models import Consultation, DeskSlot, Mode, Topic

_minutes = itertools.count(0)


def create_slot(
    *,
    days: int = 3,
    hour: int = 10,
    minutes: int = 60,
    modes: tuple[str, ...] = (Mode.IN_PERSON, Mode.PHONE, Mode.ONLINE),
    is_closed: bool = False,
) -> DeskSlot:
    """A slot `days` from today (negative: in the past), each at a distinct minute."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    start += datetime.timedelta(minutes=next(_minutes) % 600)
    return DeskSlot.objects.create(
        starts_at=start,
        minutes=minutes,
        offers_in_person=Mode.IN_PERSON in modes,
        offers_phone=Mode.PHONE in modes,
        offers_online=Mode.ONLINE in modes,
        place="市民活動センター 相談室",
        is_closed=is_closed,
    )


def book(
    user: Any, slot: DeskSlot | None = None, *, topic: str = Topic.START, mode: str = Mode.IN_PERSON, **kwargs: Any
) -> Consultation:
    return services.consultation_book(
        actor=user,
        slot=slot or create_slot(),
        topic=topic,
        mode=mode,
        message=kwargs.pop("message", "活動の始め方を相談したいです。"),
        **kwargs,
    )


def ask(
    user: Any, *, topic: str = Topic.RUNNING, message: str = "規約の見本はありますか。", **kwargs: Any
) -> Consultation:
    return services.consultation_ask(actor=user, topic=topic, message=message, **kwargs)


def held(staff: Any, user: Any, *, topic: str = Topic.START) -> Consultation:
    """A booking whose time has come, marked held by the desk."""
    consultation = book(user, topic=topic)
    move_to_past(consultation)
    return services.consultation_finish(actor=staff, consultation=consultation, status="done")


def move_to_past(consultation: Consultation, *, days: int = 1) -> Consultation:
    """Time passes: the booking's slot (and so the booking) is now `days` ago."""
    delta = datetime.timedelta(days=days + 5)
    DeskSlot.objects.filter(pk=consultation.slot_id).update(starts_at=consultation.slot.starts_at - delta)
    Consultation.objects.filter(pk=consultation.pk).update(happens_at=consultation.happens_at - delta)
    consultation.refresh_from_db()
    consultation.slot.refresh_from_db()
    return consultation
