"""Decisions on a state that changed since the page was opened are refused: two
people open the same page, the first decides, the second's POST (carrying the state
they saw in the hidden `seen_status`) gets 409 with the message from portal.workflow,
and nothing is written (status, audit log) or sent. A POST without `seen_status`
still works: it acts on the current state (see portal.forms.SeenStatusField)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from facilities import services
from facilities.models import Booking, BookingStatus, EntryStatus, LotteryEntry, PaymentStatus, RoundStatus
from portal.models import AuditLogEntry
from portal.workflow import ensure_unchanged
from tests.facilities.test_booking_service import book
from tests.facilities.test_booking_service import setup as setup
from tests.facilities.test_lottery import enter
from tests.facilities.test_lottery import lot as lot
from tests.factories.facilities import create_room, facility_staff
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def conflict_message(obj: Any, field: str = "status") -> str:
    """The message portal.workflow gives for `obj` as it is now in the database."""
    obj.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        ensure_unchanged(obj, "not-the-state", field=field)
    assert error.value.code == "stale"
    return error.value.messages[0]


def assert_conflict(response: Any, obj: Any, field: str = "status") -> None:
    assert response.status_code == 409
    assert escape(conflict_message(obj, field)) in response.content.decode()


def seen(response: Any, form: str) -> str:
    return response.context[form]["seen_status"].value()


@pytest.fixture
def two_staff(setup: dict[str, Any]) -> tuple[Client, Client]:
    other = facility_staff(setup["facility"], UserFactory())
    return as_user(setup["staff"]), as_user(other)


def staff_page(booking: Booking) -> str:
    return reverse("facilities:staff-booking", args=[booking.pk])


def pending_booking(setup: dict[str, Any]) -> Booking:
    return book(setup, resource=create_room(setup["facility"], slug="hall", requires_approval=True))


def open_twice(two_staff: tuple[Client, Client], booking: Booking, form: str) -> tuple[str, str]:
    """Both staff members open the booking's page: the state each form carries."""
    return tuple(seen(client.get(staff_page(booking)), form) for client in two_staff)  # type: ignore[return-value]


def test_staff_decide__second_decision_on_a_decided_booking__409_nothing_written(
    setup: dict[str, Any], two_staff: tuple[Client, Client]
) -> None:
    booking = pending_booking(setup)
    first, second = two_staff
    seen_first, seen_second = open_twice(two_staff, booking, "decision_form")
    assert seen_first == seen_second == BookingStatus.PENDING
    data = {"action": "decide", "decision": "approve", "note": ""}
    assert first.post(staff_page(booking), {**data, "seen_status": seen_first}).status_code == 302
    entries, sent = AuditLogEntry.objects.count(), len(mail.outbox)
    response = second.post(
        staff_page(booking), {"action": "decide", "decision": "reject", "note": "重複", "seen_status": seen_second}
    )
    assert_conflict(response, booking)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.decision_note == ""
    assert AuditLogEntry.objects.count() == entries
    assert len(mail.outbox) == sent
    # The page is drawn as it is now: no decision form any more.
    assert 'name="action" value="decide"' not in response.content.decode()


def test_staff_cancel__after_the_booker_cancelled__409(setup: dict[str, Any], two_staff: tuple[Client, Client]) -> None:
    booking = book(setup)
    staff, _other = two_staff
    seen_status = seen(staff.get(staff_page(booking)), "cancel_form")
    services.booking_cancel(booking=booking, actor=setup["member"])
    entries, sent = AuditLogEntry.objects.count(), len(mail.outbox)
    response = staff.post(staff_page(booking), {"action": "cancel", "reason": "設備故障", "seen_status": seen_status})
    assert_conflict(response, booking)
    assert booking.cancellation_kind == "user"
    assert AuditLogEntry.objects.count() == entries
    assert len(mail.outbox) == sent


def test_staff_pay__after_another_staff_member_cancelled__409(
    setup: dict[str, Any], two_staff: tuple[Client, Client]
) -> None:
    booking = book(setup)
    first, second = two_staff
    first.get(staff_page(booking))
    seen_payment = seen(second.get(staff_page(booking)), "payment_form")
    assert seen_payment == PaymentStatus.UNPAID
    response = first.post(staff_page(booking), {"action": "cancel", "reason": "設備故障", "seen_status": "confirmed"})
    assert response.status_code == 302
    entries = AuditLogEntry.objects.count()
    response = second.post(staff_page(booking), {"action": "pay", "method": "counter", "seen_status": seen_payment})
    assert_conflict(response, booking, "payment_status")
    assert booking.payment_status == PaymentStatus.CANCELLED
    assert booking.paid_at is None
    assert AuditLogEntry.objects.count() == entries


def test_staff_refund__recorded_twice__second_409(setup: dict[str, Any], two_staff: tuple[Client, Client]) -> None:
    booking = book(setup)
    services.booking_record_payment(booking=booking, actor=setup["staff"], method="counter")
    services.booking_cancel(booking=booking, actor=setup["staff"], kind="staff")
    first, second = two_staff
    seen_first, seen_second = open_twice(two_staff, booking, "refund_form")
    assert seen_first == seen_second == PaymentStatus.REFUND_DUE
    assert first.post(staff_page(booking), {"action": "refund", "seen_status": seen_first}).status_code == 302
    entries = AuditLogEntry.objects.count()
    response = second.post(staff_page(booking), {"action": "refund", "seen_status": seen_second})
    assert_conflict(response, booking, "payment_status")
    assert AuditLogEntry.objects.count() == entries
    assert AuditLogEntry.objects.filter(action="facilities.booking.refunded").count() == 1


def test_staff_decide__without_seen_status__acts_on_the_current_state(
    setup: dict[str, Any], two_staff: tuple[Client, Client]
) -> None:
    booking = pending_booking(setup)
    staff, _other = two_staff
    response = staff.post(staff_page(booking), {"action": "decide", "decision": "approve", "note": ""})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_staff_decide__seen_status_not_a_state__400_nothing_written(
    setup: dict[str, Any], two_staff: tuple[Client, Client]
) -> None:
    booking = pending_booking(setup)
    staff, _other = two_staff
    entries = AuditLogEntry.objects.count()
    response = staff.post(
        staff_page(booking), {"action": "decide", "decision": "approve", "note": "", "seen_status": "approved"}
    )
    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING
    assert AuditLogEntry.objects.count() == entries


def test_user_cancel__after_staff_cancelled__409(setup: dict[str, Any]) -> None:
    booking = book(setup)
    member = as_user(setup["member"])
    response = member.get(booking.get_absolute_url())
    seen_status = seen(response, "cancel_form")
    assert seen_status == BookingStatus.CONFIRMED
    services.booking_cancel(booking=booking, actor=setup["staff"], kind="staff", reason="設備故障")
    entries, sent = AuditLogEntry.objects.count(), len(mail.outbox)
    response = member.post(
        reverse("facilities:booking-cancel", args=[booking.pk]), {"reason": "都合", "seen_status": seen_status}
    )
    assert_conflict(response, booking)
    assert booking.cancellation_kind == "staff"
    assert booking.cancellation_reason == "設備故障"
    assert AuditLogEntry.objects.count() == entries
    assert len(mail.outbox) == sent


def test_user_cancel__without_seen_status__still_cancels(setup: dict[str, Any]) -> None:
    booking = book(setup)
    response = as_user(setup["member"]).post(reverse("facilities:booking-cancel", args=[booking.pk]), {"reason": ""})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


# --- Lottery ------------------------------------------------------------------------------

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def drawable(lot: dict[str, Any]) -> dict[str, Any]:
    """The lottery's entries closed and its draw time passed (the pages use the clock)."""
    now = timezone.now()
    round_ = lot["round"]
    round_.entries_open_at, round_.entries_close_at = now - 10 * HOUR, now - 2 * HOUR
    round_.draw_at, round_.confirm_by = now - HOUR, now + 100 * HOUR
    round_.save()
    for i in range(2):
        enter(lot, i, now=now - 5 * HOUR)
    lot["second_staff"] = facility_staff(lot["facility"], UserFactory())
    return lot


def lottery_page(lot: dict[str, Any]) -> str:
    return reverse("facilities:staff-lottery", args=[lot["round"].pk])


def test_staff_draw__drawn_twice__second_409(drawable: dict[str, Any]) -> None:
    first, second = as_user(drawable["staff"]), as_user(drawable["second_staff"])
    assert b'name="seen_status" value="planned"' in first.get(lottery_page(drawable)).content
    second.get(lottery_page(drawable))
    assert first.post(lottery_page(drawable), {"action": "draw", "seen_status": "planned"}).status_code == 302
    round_ = drawable["round"]
    round_.refresh_from_db()
    seed, entries = round_.seed, AuditLogEntry.objects.count()
    response = second.post(lottery_page(drawable), {"action": "draw", "seen_status": "planned"})
    assert_conflict(response, round_)
    assert round_.status == RoundStatus.DRAWN
    assert round_.seed == seed
    assert AuditLogEntry.objects.count() == entries


def test_staff_publish__published_twice__second_409_no_mail(drawable: dict[str, Any]) -> None:
    services.round_draw(round_=drawable["round"], actor=drawable["staff"], seed="fixed")
    first, second = as_user(drawable["staff"]), as_user(drawable["second_staff"])
    assert b'name="seen_status" value="drawn"' in first.get(lottery_page(drawable)).content
    second.get(lottery_page(drawable))
    mail.outbox.clear()
    assert first.post(lottery_page(drawable), {"action": "publish", "seen_status": "drawn"}).status_code == 302
    assert len(mail.outbox) == 2  # one per applicant
    entries = AuditLogEntry.objects.count()
    response = second.post(lottery_page(drawable), {"action": "publish", "seen_status": "drawn"})
    assert_conflict(response, drawable["round"])
    assert len(mail.outbox) == 2
    assert AuditLogEntry.objects.count() == entries


def test_staff_draw__without_seen_status__still_draws(drawable: dict[str, Any]) -> None:
    response = as_user(drawable["staff"]).post(lottery_page(drawable), {"action": "draw"})
    assert response.status_code == 302
    drawable["round"].refresh_from_db()
    assert drawable["round"].status == RoundStatus.DRAWN


@pytest.fixture
def won(drawable: dict[str, Any]) -> LotteryEntry:
    services.round_draw(round_=drawable["round"], actor=drawable["staff"], seed="fixed")
    services.round_publish(round_=drawable["round"], actor=drawable["staff"])
    return LotteryEntry.objects.select_related("user").get(rank=1)


def test_win_confirm__after_declining_in_another_tab__409_no_booking(won: LotteryEntry) -> None:
    tab1, tab2 = as_user(won.user), as_user(won.user)
    confirm = reverse("facilities:entry-confirm", args=[won.pk])
    seen_status = seen(tab2.get(confirm), "form")
    assert seen_status == EntryStatus.WON
    response = tab1.post(reverse("facilities:entry-decline", args=[won.pk]), {"seen_status": seen_status})
    assert response.status_code == 302
    entries, bookings = AuditLogEntry.objects.count(), Booking.objects.count()
    response = tab2.post(confirm, {"action": "confirm", "seen_status": seen_status, "reduction_reason": ""})
    assert_conflict(response, won)
    assert won.status == EntryStatus.DECLINED
    assert won.booking_id is None
    assert Booking.objects.count() == bookings
    assert AuditLogEntry.objects.count() == entries


def test_win_decline__after_confirming_in_another_tab__409(won: LotteryEntry) -> None:
    tab1, tab2 = as_user(won.user), as_user(won.user)
    confirm = reverse("facilities:entry-confirm", args=[won.pk])
    seen_status = seen(tab1.get(confirm), "form")
    assert b'name="seen_status" value="won"' in tab2.get(won.round.get_absolute_url()).content
    response = tab1.post(confirm, {"action": "confirm", "seen_status": seen_status, "reduction_reason": ""})
    assert response.status_code == 302
    entries = AuditLogEntry.objects.count()
    response = tab2.post(reverse("facilities:entry-decline", args=[won.pk]), {"seen_status": "won"})
    assert_conflict(response, won)
    assert won.status == EntryStatus.CONFIRMED
    assert AuditLogEntry.objects.count() == entries


def test_win_decline__without_seen_status__still_declines(won: LotteryEntry) -> None:
    response = as_user(won.user).post(reverse("facilities:entry-decline", args=[won.pk]))
    assert response.status_code == 302
    won.refresh_from_db()
    assert won.status == EntryStatus.DECLINED
