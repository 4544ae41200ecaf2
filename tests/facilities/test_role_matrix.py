"""Every facilities URL for every role. Centre staff manage only their own facility."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from facilities import services
from facilities.models import BookingFeedToken, LotteryRound
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.roles import Case, check_roles, expect, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    facility = create_facility(slug="central")
    other = create_facility(slug="east")
    room = create_room(facility)
    hall = create_room(facility, slug="hall", uses_lottery=True, capacity=100)
    create_room(other, slug="room-x")
    facility_staff(facility, role_users["centre_staff"])
    booking = services.booking_create(
        actor=role_users["representative"],
        resource=room,
        use_date=days_ahead(10),
        slot_keys=["09:00"],
        purpose="定例会",
        expected_people=5,
        group=role_users["_group"],
    )
    other_booking = services.booking_create(
        actor=role_users["other_representative"],
        resource=other.resources.get(),
        use_date=days_ahead(10),
        slot_keys=["09:00"],
        purpose="定例会",
        expected_people=5,
        group=role_users["_other_group"],
    )
    now = timezone.now()
    use_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    round_ = LotteryRound.objects.create(
        facility=facility,
        use_month=use_month,
        entries_open_at=now - datetime.timedelta(hours=1),
        entries_close_at=now + datetime.timedelta(days=1),
        draw_at=now + datetime.timedelta(days=1),
        confirm_by=now + datetime.timedelta(days=5),
    )
    round_.resources.set([hall])
    entry = services.entry_create(
        actor=role_users["representative"],
        round_=round_,
        resource=hall,
        use_date=use_month + datetime.timedelta(days=3),
        division=facility.divisions.get(name="夜間"),
        purpose="発表会",
        expected_people=40,
        group=role_users["_group"],
    )
    return {
        "feed": BookingFeedToken.objects.create(user=role_users["representative"]),
        "facility": facility,
        "other": other,
        "room": room,
        "booking": booking,
        "other_booking": other_booking,
        "round": round_,
        "entry": entry,
        "day": days_ahead(12),
    }


PARTY = {"representative": 200, "member": 200}
FACILITY_STAFF = {"centre_staff": 200, "city_staff": 200, "superuser": 200}
ALL_STAFF = {"city_staff": 200, "superuser": 200}


def staff_case(name: str, url: Any, **overrides: int) -> Case:
    return Case(name, url, logged_in(403, **{**FACILITY_STAFF, **overrides}))


CASES = [
    Case("catalogue", lambda d: reverse("facilities:list"), expect(200)),
    Case(
        "catalogue filtered",
        lambda d: reverse("facilities:list") + "?kind=room&capacity=10&barrier_free=on",
        expect(200),
    ),
    Case("catalogue bad filter", lambda d: reverse("facilities:list") + "?capacity=abc", expect(400)),
    Case("facility", lambda d: d["facility"].get_absolute_url(), expect(200)),
    Case("missing facility", lambda d: reverse("facilities:facility", args=["nowhere"]), expect(404)),
    Case("week view", lambda d: d["room"].get_absolute_url() + "?week=2026-12-07", expect(200)),
    Case("lotteries", lambda d: reverse("facilities:lottery-list"), expect(200)),
    Case("lottery", lambda d: d["round"].get_absolute_url(), expect(200)),
    Case(
        "book form",
        lambda d: reverse("facilities:book", args=["central", "room-a"]) + f"?date={d['day']}",
        logged_in(200),
    ),
    Case("my bookings", lambda d: reverse("facilities:my-bookings"), logged_in(200)),
    # The calendar address is the secret (calendar apps cannot log in): whoever has it reads it.
    Case("bookings calendar", lambda d: reverse("facilities:feed", args=[d["feed"].token]), expect(200)),
    Case(
        "bookings calendar, unknown address",
        lambda d: reverse("facilities:feed", args=["00000000-0000-0000-0000-000000000000"]),
        expect(404),
    ),
    Case("calendar address (post)", lambda d: reverse("facilities:feed-reset"), logged_in(302), method="post"),
    Case("booking", lambda d: d["booking"].get_absolute_url(), logged_in(404, **PARTY, **FACILITY_STAFF)),
    Case(
        "permit of use",
        lambda d: reverse("facilities:booking-permit", args=[d["booking"].pk]),
        logged_in(404, **PARTY, **FACILITY_STAFF),
    ),
    Case(
        "permit of use (PDF)",
        lambda d: reverse("facilities:booking-permit-pdf", args=[d["booking"].pk]),
        logged_in(404, **PARTY, **FACILITY_STAFF),
    ),
    Case(
        "other facility's booking",
        lambda d: d["other_booking"].get_absolute_url(),
        logged_in(404, other_representative=200, **ALL_STAFF),
    ),
    Case(
        "booking cancel (post)",
        lambda d: reverse("facilities:booking-cancel", args=[d["booking"].pk]),
        logged_in(404, representative=302, member=302, centre_staff=403, city_staff=403, superuser=403),
        method="post",
    ),
    Case(
        "booking attendance (post) before use",
        lambda d: reverse("facilities:booking-attendance", args=[d["booking"].pk]),
        logged_in(404, representative=400, member=400, centre_staff=400, city_staff=400, superuser=400),
        method="post",
        data={"people": "5"},
    ),
    Case(
        "lottery win confirm",
        lambda d: reverse("facilities:entry-confirm", args=[d["entry"].pk]),
        logged_in(404, **PARTY),
    ),
    Case(
        "lottery entry withdraw (post)",
        lambda d: reverse("facilities:entry-withdraw", args=[d["entry"].pk]),
        logged_in(404, representative=302, member=302),
        method="post",
    ),
    Case(
        "lottery entry decline (post)",
        lambda d: reverse("facilities:entry-decline", args=[d["entry"].pk]),
        logged_in(404, representative=303, member=303),
        method="post",
    ),
    staff_case("staff home", lambda d: reverse("facilities:staff")),
    staff_case("staff bookings", lambda d: reverse("facilities:staff-bookings", args=["central"])),
    staff_case(
        "staff bookings, other facility",
        lambda d: reverse("facilities:staff-bookings", args=["east"]),
        centre_staff=403,
    ),
    staff_case("closures", lambda d: reverse("facilities:staff-closures", args=["central"])),
    staff_case(
        "closures, other facility", lambda d: reverse("facilities:staff-closures", args=["east"]), centre_staff=403
    ),
    staff_case("rules", lambda d: reverse("facilities:staff-policy", args=["central"])),
    staff_case("rules, other facility", lambda d: reverse("facilities:staff-policy", args=["east"]), centre_staff=403),
    staff_case("staff booking", lambda d: reverse("facilities:staff-booking", args=[d["booking"].pk])),
    # Not visible to the centre staff of another facility: 404, as on the booking's own page.
    staff_case(
        "staff booking, other facility",
        lambda d: reverse("facilities:staff-booking", args=[d["other_booking"].pk]),
        centre_staff=404,
    ),
    staff_case(
        "counter booking form",
        lambda d: reverse("facilities:staff-book", args=["central", "room-a"]) + f"?date={d['day']}",
    ),
    staff_case(
        "counter booking form, other facility",
        lambda d: reverse("facilities:staff-book", args=["east", "room-x"]) + f"?date={d['day']}",
        centre_staff=403,
    ),
    staff_case("set up a lottery", lambda d: reverse("facilities:staff-lottery-create", args=["central"])),
    staff_case(
        "set up a lottery, other facility",
        lambda d: reverse("facilities:staff-lottery-create", args=["east"]),
        centre_staff=403,
    ),
    staff_case("staff lottery", lambda d: reverse("facilities:staff-lottery", args=[d["round"].pk])),
    staff_case("occupancy", lambda d: reverse("facilities:staff-occupancy")),
    staff_case("occupancy csv", lambda d: reverse("facilities:staff-occupancy-csv") + "?year=2026"),
    Case(
        "staff booking cancel (post), other facility",
        lambda d: reverse("facilities:staff-booking", args=[d["other_booking"].pk]),
        logged_in(403, centre_staff=404, city_staff=302, superuser=302),
        method="post",
        data={"action": "cancel", "reason": "点検"},
    ),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)
