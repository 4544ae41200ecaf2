"""The facilities app's pages for `make bench`."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from facilities.models import Facility, LotteryRound, Resource


def facility_pages() -> list[tuple[str, str]]:
    pages = [
        ("facilities list", reverse("facilities:list")),
        ("facilities filtered", reverse("facilities:list") + "?kind=room&capacity=10&barrier_free=on"),
    ]
    facility = Facility.objects.filter(is_active=True).order_by("order", "pk").first()
    if facility is None:
        return pages
    pages.append(("facility detail", facility.get_absolute_url()))
    today = timezone.localdate()
    for label, resource in (
        (
            "division room",
            Resource.objects.filter(facility__booking_mode="divisions", kind="room").order_by("pk").first(),
        ),
        ("hourly room", Resource.objects.filter(facility__booking_mode="hourly", kind="room").order_by("pk").first()),
        ("equipment", Resource.objects.filter(kind="equipment").order_by("pk").first()),
    ):
        if resource is None:
            continue
        url = resource.get_absolute_url()
        pages.append((f"week view, {label}", url))
        pages.append(
            (f"week view, {label}, a year ago", f"{url}?week={(today - datetime.timedelta(days=364)).isoformat()}")
        )
    round_ = LotteryRound.objects.order_by("-use_month").first()
    pages.append(("lotteries", reverse("facilities:lottery-list")))
    if round_:
        pages.append(("lottery round", round_.get_absolute_url()))
    return pages


def signed_in_pages() -> list[tuple[str, ...]]:
    """Signed-in pages: the bookings of the demo citizen who has booked the most (some
    twenty thousand at scale 10), and the centre staff's pages of the busiest facility."""
    pages: list[tuple[str, ...]] = [
        ("my bookings", reverse("facilities:my-bookings"), "citizen@example.jp"),
        ("staff facilities", reverse("facilities:staff"), "center@example.jp"),
    ]
    facility = Facility.objects.filter(is_active=True).order_by("order", "pk").first()
    if facility is not None:
        pages.append(
            (
                "staff bookings of a facility",
                reverse("facilities:staff-bookings", args=[facility.slug]),
                "center@example.jp",
            )
        )
    return pages
