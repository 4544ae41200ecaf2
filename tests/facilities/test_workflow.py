"""Every status and payment change in facilities goes through portal.workflow:
audited with the old and new state, illegal moves refused, lapses audited per row."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from facilities import services
from facilities.models import EntryStatus, LotteryEntry, PaymentStatus
from portal.models import AuditLogEntry
from tests.facilities.test_booking_service import book
from tests.facilities.test_booking_service import setup as setup
from tests.facilities.test_lottery import HOUR, draw, enter
from tests.facilities.test_lottery import lot as lot

pytestmark = pytest.mark.django_db


def moves(action: str) -> list[tuple[str, str, str, str]]:
    return [
        (e.target_id, e.data["field"], e.data["old"], e.data["new"])
        for e in AuditLogEntry.objects.filter(action=action).order_by("pk")
    ]


def test_payment_and_refund__audited_with_old_and_new(setup: dict[str, Any]) -> None:
    booking = book(setup)
    pk = str(booking.pk)
    services.booking_record_payment(booking=booking, actor=setup["staff"], method="counter")
    assert moves("facilities.booking.paid") == [(pk, "payment_status", "unpaid", "paid")]
    services.booking_cancel(booking=booking, actor=setup["staff"], kind="staff")
    assert moves("facilities.booking.cancelled.staff") == [(pk, "status", "confirmed", "cancelled")]
    assert moves("facilities.booking.refund_due") == [(pk, "payment_status", "paid", "refund_due")]
    services.booking_record_refund(booking=booking, actor=setup["staff"])
    assert moves("facilities.booking.refunded") == [(pk, "payment_status", "refund_due", "refunded")]


def test_unpaid_cancelled__payment_move_audited(setup: dict[str, Any]) -> None:
    booking = services.booking_cancel(booking=book(setup), actor=setup["member"])
    assert booking.payment_status == PaymentStatus.CANCELLED
    assert moves("facilities.booking.payment_cancelled") == [(str(booking.pk), "payment_status", "unpaid", "cancelled")]


def test_decide__stale_state_refused(setup: dict[str, Any]) -> None:
    from tests.factories.facilities import create_room

    room = create_room(setup["facility"], slug="hall", requires_approval=True)
    pending = book(setup, resource=room)
    with pytest.raises(ValidationError) as error:
        services.booking_decide(booking=pending, actor=setup["staff"], approve=True, expected_status="confirmed")
    assert error.value.code == "stale"
    pending.refresh_from_db()
    assert pending.status == "pending"
    services.booking_decide(booking=pending, actor=setup["staff"], approve=True, expected_status="pending")
    assert moves("facilities.booking.confirmed") == [(str(pending.pk), "status", "pending", "confirmed")]


def test_draw_publish_lapse__every_entry_and_round_move_audited(lot: dict[str, Any]) -> None:
    entries = [enter(lot, 0), enter(lot, 1), enter(lot, 2)]
    round_ = draw(lot)
    assert moves("facilities.lottery.drawn") == [(str(round_.pk), "status", "planned", "drawn")]
    won = moves("facilities.lottery.won")
    lost = moves("facilities.lottery.lost")
    assert len(won) == 1
    assert len(lost) == 2
    assert {m[0] for m in won + lost} == {str(e.pk) for e in entries}
    services.round_publish(round_=round_, actor=lot["staff"])
    assert moves("facilities.lottery.published") == [(str(round_.pk), "status", "drawn", "published")]
    assert services.lapse_unconfirmed(now=round_.confirm_by + HOUR) == 1
    winner = LotteryEntry.objects.get(rank=1)
    assert moves("facilities.lottery.lapsed") == [(str(winner.pk), "status", "won", "lapsed")]


def test_entry__illegal_moves_refused(lot: dict[str, Any]) -> None:
    entry = enter(lot, 0)
    round_ = draw(lot)
    services.round_publish(round_=round_, actor=lot["staff"])
    services.lapse_unconfirmed(now=round_.confirm_by + HOUR)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.LAPSED
    with pytest.raises(ValidationError):
        services.entry_decline(entry=entry, actor=entry.user)
    with pytest.raises(ValidationError):
        services.round_publish(round_=round_, actor=lot["staff"])
