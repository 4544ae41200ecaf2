"""facilities' sections of /my/ (portal.my_activity): the person's (and their groups')
coming bookings, and their lottery entries, each with its state and next step."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import my_activity

MY_ITEMS = 50
# A group that books a room every week has a hundred coming bookings: /my/ shows the
# next ones and links to /bookings/, which lists them all by month.
MY_BOOKINGS = 10


def bookings(user: Any) -> list[Any]:
    from facilities.models import ACTIVE_STATUSES, Booking

    return list(
        Booking.objects.of_user(user)
        .filter(use_date__gte=timezone.localdate(), status__in=ACTIVE_STATUSES)
        .select_related("resource__facility", "group")
        .order_by("starts_at", "pk")[:MY_BOOKINGS]
    )


def lottery_entries(user: Any) -> list[Any]:
    from facilities.models import EntryStatus
    from facilities.permissions import entry_policy

    return list(
        entry_policy.visible_to(user)
        .exclude(status=EntryStatus.WITHDRAWN)
        .filter(use_date__gte=timezone.localdate())
        .select_related("round", "resource__facility", "group")
        .order_by("starts_at", "pk")[:MY_ITEMS]
    )


def register() -> None:
    my_activity.register(
        my_activity.Section(
            key="facilities.bookings",
            title=_("Facility bookings"),
            order=40,
            template="facilities/includes/_my_bookings.html",
            items=bookings,
            empty_text=_("You have no coming booking."),
            more_url="facilities:my-bookings",
        ),
        my_activity.Section(
            key="facilities.lottery",
            title=_("Lottery entries"),
            order=45,
            template="facilities/includes/_my_lottery.html",
            items=lottery_entries,
            empty_text=_("You have no lottery entry for a coming date."),
            more_url="facilities:lottery-list",
        ),
    )
