"""Readable labels for the audit-log action codes the facilities app writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "facilities.booking.created": _("Booking made"),
    "facilities.booking.confirmed": _("Booking approved"),
    "facilities.booking.rejected": _("Booking not approved"),
    "facilities.booking.cancelled": _("Booking cancelled"),
    "facilities.booking.cancelled.user": _("Booking cancelled by the user"),
    "facilities.booking.cancelled.staff": _("Booking cancelled by staff"),
    "facilities.booking.cancelled.closure": _("Booking cancelled because of a closure"),
    "facilities.booking.paid": _("Booking fee paid"),
    "facilities.booking.refunded": _("Booking fee refunded"),
    "facilities.booking.refund_due": _("Refund due for a cancelled booking"),
    "facilities.booking.payment_cancelled": _("Payment no longer due (booking cancelled)"),
    "facilities.booking.attendance": _("Attendance recorded"),
    "facilities.closure.created": _("Closure set"),
    "facilities.closure.deleted": _("Closure removed"),
    "facilities.policy.changed": _("Booking rules changed"),
    "facilities.policy.cleared": _("Room's own booking rules removed"),
    "facilities.lottery.created": _("Lottery round set up"),
    "facilities.lottery.entered": _("Lottery entry made"),
    "facilities.lottery.withdrawn": _("Lottery entry withdrawn"),
    "facilities.lottery.drawn": _("Lottery drawn"),
    "facilities.lottery.published": _("Lottery results published"),
    "facilities.lottery.confirmed": _("Lottery win confirmed as a booking"),
    "facilities.lottery.declined": _("Lottery win declined"),
    "facilities.lottery.won": _("Lottery entry won"),
    "facilities.lottery.lost": _("Lottery entry not drawn"),
    "facilities.lottery.lapsed": _("Lottery win lapsed (not confirmed in time)"),
}

DATA_LABELS = {
    "refund": _("Refund (yen)"),
    "method": _("Payment method"),
    "fee": _("Fee (yen)"),
    "amount": _("Amount (yen)"),
    "people": _("People who came"),
    "cancelled": _("Bookings cancelled"),
    "emergency": _("Emergency"),
    "booking": _("Booking"),
    "month": _("Month of use"),
    "seed": _("Random seed"),
    "digest": _("Result digest"),
    "entries": _("Entries"),
}
