"""The page cache on the public pages of facilities: no page stays stale after the
writes that concern it (tests/pagecache.py warms every page before each write, so each
check can fail)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from facilities import services
from facilities.availability import week_start
from facilities.models import BookingFeedToken, FeeRate, LotteryRound, OpeningHours
from tests.factories.facilities import (
    create_equipment,
    create_facility,
    create_lottery_round,
    create_room,
    days_ahead,
    facility_staff,
)
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.pagecache import assert_signed_in_never_served, check_writes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture(autouse=True)
def _run_on_commit_at_once() -> None:
    """Overrides the facilities' fixture of that name: here the after-commit callbacks
    (the page cache's invalidation among them) wait for tests.pagecache.commit(), as
    they wait for the commit in production."""


@pytest.fixture
def site() -> dict[str, Any]:
    facility = create_facility(slug="central")
    member = UserFactory(relationship="resident")
    room = create_room(facility, uses_lottery=True)
    return {
        "facility": facility,
        "room": room,
        "projector": create_equipment(facility),
        "member": member,
        "group": create_group(members=(member,)),
        "staff": facility_staff(facility, UserFactory()),
    }


def _week_pages(resource: Any, day: datetime.date) -> list[str]:
    url = resource.get_absolute_url()
    start = week_start(day)
    return [url, f"{url}?week={start.isoformat()}", f"{url}?week={(start + datetime.timedelta(days=7)).isoformat()}"]


def _book(site: dict[str, Any], resource: Any, day: datetime.date, slot: str) -> Any:
    return services.booking_create(
        actor=site["member"],
        resource=resource,
        use_date=day,
        slot_keys=[slot],
        purpose="勉強会",
        expected_people=3,
        group=site["group"],
    )


def test_facilities__no_stale_page_after_the_writes_that_concern_it(client: Any, site: dict[str, Any]) -> None:
    facility, room, projector, staff = site["facility"], site["room"], site["projector"], site["staff"]
    day = days_ahead(8)
    round_ = create_lottery_round(
        facility,
        [room],
        entries_open_at=timezone.now() - datetime.timedelta(days=3),
        entries_close_at=timezone.now() - datetime.timedelta(days=2),
        draw_at=timezone.now() - datetime.timedelta(days=1),
    )
    services.round_draw(round_=round_, actor=staff, seed="s", now=round_.draw_at)
    later = (timezone.localdate().replace(day=1) + datetime.timedelta(days=93)).replace(day=1)
    # A round taking entries: its page has no form (nor token) for anonymous visitors.
    taking_entries = create_lottery_round(facility, [room], use_month=later)
    feed = BookingFeedToken.objects.create(user=site["member"])
    pages = [
        reverse("facilities:list"),
        reverse("facilities:list") + "?kind=room",
        "/en" + reverse("facilities:list"),
        facility.get_absolute_url(),
        *_week_pages(room, day),
        *_week_pages(projector, day),
        reverse("facilities:lottery-list"),
        round_.get_absolute_url(),
        taking_entries.get_absolute_url(),
        reverse("facilities:feed", args=[feed.token]),
    ]
    state: dict[str, Any] = {}

    def book() -> None:
        state["booking"] = _book(site, room, day, "18:00")

    def cancel() -> None:
        services.booking_cancel(booking=state["booking"], actor=site["member"])

    def storm_closure() -> None:
        services.closure_create(
            facility=facility,
            actor=staff,
            starts_on=day,
            ends_on=day,
            reason="台風のため臨時休館",
            reason_en="Closed for the typhoon",
            is_emergency=True,
        )

    def equipment_loan() -> None:
        services.booking_create(
            actor=site["member"],
            resource=projector,
            use_date=day,
            slot_keys=[],
            days=2,
            quantity=1,
            purpose="勉強会",
            expected_people=3,
            group=site["group"],
        )

    def opening_hours() -> None:  # as the facility's admin page saves its inline
        hours = OpeningHours.objects.get(facility=facility, weekday=days_ahead(1).weekday())
        hours.closes = datetime.time(20, 0)
        hours.save()

    def fee() -> None:  # as the resource's admin page saves its inline
        rate = FeeRate.objects.filter(resource=room).order_by("pk").first()
        rate.resident_fee = 4321
        rate.save()

    def room_added() -> None:  # as the admin saves a new resource with its fees
        create_room(facility, slug="hall", name="多目的ホール", capacity=120)

    def rules() -> None:
        data = {name: getattr(facility.policy, name) for name in services.rules.POLICY_FIELDS}
        data["max_slots"] = 1
        services.policy_update(facility=facility, actor=staff, data=data)

    def new_round() -> None:
        now = timezone.now()
        services.round_create(
            facility=facility,
            actor=staff,
            use_month=(timezone.localdate().replace(day=1) + datetime.timedelta(days=124)).replace(day=1),
            entries_open_at=now + datetime.timedelta(days=1),
            entries_close_at=now + datetime.timedelta(days=5),
            draw_at=now + datetime.timedelta(days=6),
            confirm_by=now + datetime.timedelta(days=10),
            entries_per_applicant=2,
            resources=[room],
        )

    def publish() -> None:
        services.round_publish(round_=LotteryRound.objects.get(pk=round_.pk), actor=staff)

    check_writes(
        client,
        pages,
        [
            ("a booking made", book),
            ("a booking cancelled", cancel),
            ("an equipment loan made", equipment_loan),
            ("a storm closure", storm_closure),
            ("opening hours changed", opening_hours),
            ("a fee changed", fee),
            ("the booking rules changed", rules),
            ("a room added", room_added),
            ("a lottery round created", new_round),
            ("a lottery round published", publish),
        ],
    )


def test_facilities__signed_in_visitor_never_served_from_the_cache(client: Any, site: dict[str, Any]) -> None:
    room = site["room"]
    pages = [reverse("facilities:list"), site["facility"].get_absolute_url(), *_week_pages(room, days_ahead(8))]
    assert_signed_in_never_served(client, site["member"], pages)
