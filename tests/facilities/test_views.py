"""The facilities pages through the client: week view, booking with the fee preview,
bad input, my bookings and calendar, counter booking, staff actions, lottery pages,
occupancy CSV."""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from facilities import services
from facilities.availability import week_start
from facilities.models import Booking, BookingStatus, Closure, EntryStatus, LotteryEntry, LotteryRound
from portal.dates import wareki
from portal.models import AuditLogEntry
from tests.factories.facilities import create_equipment, create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site() -> dict[str, Any]:
    facility = create_facility(slug="central")
    member = UserFactory(relationship="resident")
    return {
        "facility": facility,
        "room": create_room(facility),
        "member": member,
        "group": create_group(members=(member,)),
        "staff": facility_staff(facility, UserFactory()),
    }


def _study_session(site: dict[str, Any]) -> Booking:
    """The member's group books the room for a 勉強会 of three (800 yen) in eight days."""
    return services.booking_create(
        actor=site["member"],
        resource=site["room"],
        use_date=days_ahead(8),
        slot_keys=["18:00"],
        purpose="勉強会",
        expected_people=3,
        group=site["group"],
    )


def book_url(site: dict[str, Any], day: datetime.date, slot: str = "18:00") -> str:
    return reverse("facilities:book", args=["central", site["room"].slug]) + f"?date={day.isoformat()}&slot={slot}"


def form_data(site: dict[str, Any], day: datetime.date, **overrides: Any) -> dict[str, Any]:
    data = {
        "date": day.isoformat(),
        "booker": f"group:{site['group'].pk}",
        "slots": ["18:00"],
        "purpose": "定例会",
        "expected_people": "10",
        "action": "confirm",
    }
    data.update(overrides)
    return data


def test_week_view__states_and_links(client: Any, site: dict[str, Any]) -> None:
    from portal.dates import holiday_name

    # A day whose next day is an ordinary weekday of the same week (the closure shows there).
    day = next(
        d
        for d in (days_ahead(n) for n in range(8, 22))
        if d.weekday() < 4 and not holiday_name(d) and not holiday_name(d + datetime.timedelta(days=1))
    )
    Closure.objects.create(
        facility=site["facility"],
        starts_on=day + datetime.timedelta(days=1),
        ends_on=day + datetime.timedelta(days=1),
        reason="館内整備",
    )
    services.booking_create(
        actor=site["member"],
        resource=site["room"],
        use_date=day,
        slot_keys=["18:00"],
        purpose="x",
        expected_people=3,
        group=site["group"],
    )
    url = site["room"].get_absolute_url() + f"?week={day.isoformat()}"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "館内整備" in html
    assert "slot-booked" in html
    assert book_url(site, day, "13:00").replace("&", "&amp;") in html
    assert book_url(site, day, "18:00").replace("&", "&amp;") not in html
    assert f"?week={(week_start(day) + datetime.timedelta(days=7)).isoformat()}" in html
    client.force_login(site["member"])
    assert "slot-mine" in client.get(url).content.decode()
    far = site["room"].get_absolute_url() + f"?week={days_ahead(120).isoformat()}"
    assert "slot-later" in client.get(far).content.decode()


def test_week_view__bad_week_is_400(client: Any, site: dict[str, Any]) -> None:
    assert client.get(site["room"].get_absolute_url() + "?week=2026-02-31").status_code == 400


def test_booking_flow__preview_shows_fee_then_confirm_books(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["member"])
    day = days_ahead(9)
    response = client.get(book_url(site, day))
    assert response.status_code == 200
    checked = re.findall(r"<input[^>]*name=\"slots\"[^>]*>", response.content.decode())
    assert [tag for tag in checked if "checked" in tag] == [tag for tag in checked if 'value="18:00"' in tag]
    assert len(checked) == 3
    preview = client.post(book_url(site, day), form_data(site, day, action="preview"))
    assert preview.status_code == 200
    assert 'id="fee-total">800' in preview.content.decode()
    assert not Booking.objects.exists()
    response = client.post(book_url(site, day), form_data(site, day))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == booking.get_absolute_url()
    assert booking.fee == 800
    assert booking.group == site["group"]
    detail = client.get(booking.get_absolute_url()).content.decode()
    assert "800" in detail
    assert "定例会" in detail


@pytest.mark.parametrize(
    ("overrides", "days"),
    [
        ({"slots": ["10:00"]}, 9),
        ({"slots": []}, 9),
        ({"expected_people": "0"}, 9),
        ({"expected_people": "abc"}, 9),
        ({"purpose": ""}, 9),
        ({"booker": "group:999999"}, 9),
        ({}, -1),
        ({}, 200),
    ],
)
def test_booking_bad_input__400_and_nothing_written(
    client: Any, site: dict[str, Any], overrides: dict[str, Any], days: int
) -> None:
    client.force_login(site["member"])
    day = days_ahead(days)
    before = AuditLogEntry.objects.count()
    response = client.post(book_url(site, day), form_data(site, day, **overrides))
    assert response.status_code == 400
    assert not Booking.objects.exists()
    assert AuditLogEntry.objects.count() == before


def test_booking_another_groups_name__refused(client: Any, site: dict[str, Any]) -> None:
    other = create_group()
    client.force_login(site["member"])
    day = days_ahead(9)
    assert client.post(book_url(site, day), form_data(site, day, booker=f"group:{other.pk}")).status_code == 400
    assert not Booking.objects.exists()


def test_booking_page__bad_date_400(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["member"])
    url = reverse("facilities:book", args=["central", site["room"].slug])
    assert client.get(url + "?date=nope").status_code == 400
    assert client.post(url, {"date": "2026-99-01"}).status_code == 400


def test_taken_slot__second_user_gets_a_clear_400(client: Any, site: dict[str, Any]) -> None:
    day = days_ahead(9)
    client.force_login(site["member"])
    client.post(book_url(site, day), form_data(site, day))
    other = UserFactory(relationship="resident")
    client.force_login(other)
    response = client.post(book_url(site, day), form_data(site, day, booker="self"))
    assert response.status_code == 400
    assert Booking.objects.count() == 1


def test_equipment_booking_through_the_form(client: Any, site: dict[str, Any]) -> None:
    item = create_equipment(site["facility"], stock=2)
    client.force_login(site["member"])
    day = days_ahead(4)
    url = reverse("facilities:book", args=["central", item.slug]) + f"?date={day.isoformat()}&slot=00:00"
    data = {
        "date": day.isoformat(),
        "booker": "self",
        "quantity": "3",
        "days": "1",
        "purpose": "講演",
        "expected_people": "1",
        "action": "confirm",
    }
    assert client.post(url, data).status_code == 400
    data["quantity"] = "2"
    assert client.post(url, data).status_code == 302
    assert Booking.objects.get().quantity == 2


def test_my_bookings_cancel_and_calendar_feed(client: Any, site: dict[str, Any]) -> None:
    booking = services.booking_create(
        actor=site["member"],
        resource=site["room"],
        use_date=days_ahead(10),
        slot_keys=["09:00"],
        purpose="役員会",
        expected_people=4,
        group=site["group"],
    )
    colleague = UserFactory()
    from groups.services import membership_add

    membership_add(group=site["group"], user=colleague, role="member", actor=None)
    client.force_login(colleague)
    page = client.get(reverse("facilities:my-bookings")).content.decode()
    assert booking.get_absolute_url() in page
    assert client.post(reverse("facilities:feed-reset")).status_code == 302
    token = colleague.booking_feed.token
    client.logout()
    feed = client.get(reverse("facilities:feed", args=[token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"{site['facility'].name} {site['room'].name}"]
    client.force_login(colleague)
    client.post(reverse("facilities:feed-reset"))
    assert client.get(reverse("facilities:feed", args=[token])).status_code == 404
    response = client.post(reverse("facilities:booking-cancel", args=[booking.pk]), {"reason": "予定変更"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_counter_booking_by_staff(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["staff"])
    day = days_ahead(9)
    url = reverse("facilities:staff-book", args=["central", site["room"].slug]) + f"?date={day.isoformat()}"
    data = {
        "date": day.isoformat(),
        "channel": "phone",
        "group_name": site["group"].name,
        "slots": ["18:00"],
        "purpose": "定例会",
        "expected_people": "10",
        "action": "confirm",
    }
    assert client.post(url, {**data, "group_name": "ない団体"}).status_code == 400
    assert client.post(url, {**data, "person_email": site["member"].email}).status_code == 400  # two bookers
    response = client.post(url, data)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:staff-booking", args=[booking.pk])
    assert booking.channel == "phone"
    assert booking.entered_by == site["staff"]
    assert booking.group == site["group"]


def test_staff_booking_page_actions(client: Any, site: dict[str, Any]) -> None:
    booking = services.booking_create(
        actor=site["member"],
        resource=site["room"],
        use_date=days_ahead(10),
        slot_keys=["09:00"],
        purpose="役員会",
        expected_people=4,
        group=site["group"],
    )
    url = reverse("facilities:staff-booking", args=[booking.pk])
    client.force_login(site["staff"])
    assert client.post(url, {"action": "pay", "method": "cash"}).status_code == 400
    assert client.post(url, {"action": "nonsense"}).status_code == 400
    assert client.post(url, {"action": "pay", "method": "counter"}).status_code == 302
    assert client.post(url, {"action": "cancel", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "cancel", "reason": "設備故障"}).status_code == 302
    booking.refresh_from_db()
    assert booking.payment_status == "refund_due"
    assert booking.refund_amount == 600
    assert client.post(url, {"action": "refund"}).status_code == 302
    booking.refresh_from_db()
    assert booking.payment_status == "refunded"


def test_closure_page__declares_and_cancels(client: Any, site: dict[str, Any]) -> None:
    day = days_ahead(2)
    services.booking_create(
        actor=site["member"],
        resource=site["room"],
        use_date=day,
        slot_keys=["09:00"],
        purpose="x",
        expected_people=4,
        group=site["group"],
    )
    client.force_login(site["staff"])
    url = reverse("facilities:staff-closures", args=["central"])
    bad = {
        "starts_on": day.isoformat(),
        "ends_on": (day - datetime.timedelta(days=1)).isoformat(),
        "reason": "台風",
        "confirm": "on",
    }
    assert client.post(url, bad).status_code == 400
    assert client.post(url, {**bad, "ends_on": day.isoformat(), "confirm": ""}).status_code == 400
    assert not Closure.objects.exists()
    assert client.post(url, {**bad, "ends_on": day.isoformat(), "is_emergency": "on"}).status_code == 302
    assert Booking.objects.get().status == BookingStatus.CANCELLED


def test_policy_page(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["staff"])
    url = reverse("facilities:staff-policy", args=["central"])
    data = {
        "group_advance_days": "60",
        "individual_advance_days": "14",
        "individuals_may_book": "on",
        "min_slots": "1",
        "max_slots": "2",
        "monthly_cap": "8",
        "cancellation_deadline_days": "2",
        "full_refund_days": "7",
        "late_refund_percent": "0",
    }
    assert client.post(url, {**data, "min_slots": "3"}).status_code == 400
    assert client.post(url, data).status_code == 302
    site["facility"].policy.refresh_from_db()
    assert site["facility"].policy.group_advance_days == 60


def test_lottery_pages__enter_draw_publish_confirm(client: Any, site: dict[str, Any]) -> None:
    hall = create_room(site["facility"], slug="hall", uses_lottery=True, capacity=100)
    now = timezone.now()
    use_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    round_ = LotteryRound.objects.create(
        facility=site["facility"],
        use_month=use_month,
        entries_open_at=now - datetime.timedelta(hours=1),
        entries_close_at=now + datetime.timedelta(days=1),
        draw_at=now + datetime.timedelta(days=1),
        confirm_by=now + datetime.timedelta(days=5),
    )
    round_.resources.set([hall])
    client.force_login(site["member"])
    evening = site["facility"].divisions.get(name="夜間")
    data = {
        "booker": f"group:{site['group'].pk}",
        "resource": hall.pk,
        "use_date": (use_month + datetime.timedelta(days=3)).isoformat(),
        "division": evening.pk,
        "purpose": "発表会",
        "expected_people": "40",
    }
    url = round_.get_absolute_url()
    assert client.post(url, {**data, "use_date": use_month.replace(day=1).isoformat()[:8] + "40"}).status_code == 400
    assert client.post(url, {**data, "expected_people": "500"}).status_code == 400
    assert client.post(url, data).status_code == 302
    entry = LotteryEntry.objects.get()
    LotteryRound.objects.filter(pk=round_.pk).update(
        entries_open_at=now - datetime.timedelta(days=2),
        entries_close_at=now - datetime.timedelta(hours=2),
        draw_at=now - datetime.timedelta(hours=1),
    )
    staff_url = reverse("facilities:staff-lottery", args=[round_.pk])
    client.force_login(site["staff"])
    assert client.post(staff_url, {"action": "publish"}).status_code == 400  # not drawn yet
    assert client.post(staff_url, {"action": "draw"}).status_code == 302
    assert "alert-success" in client.post(staff_url, {"action": "verify"}).content.decode()
    assert client.post(staff_url, {"action": "publish"}).status_code == 302
    client.force_login(site["member"])
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WON
    confirm_url = reverse("facilities:entry-confirm", args=[entry.pk])
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert 'id="fee-total"' in page.content.decode()
    response = client.post(confirm_url, {"action": "confirm"})
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert booking.channel == "lottery"
    other = UserFactory()
    client.force_login(other)
    assert client.get(confirm_url).status_code == 404


def test_occupancy_csv(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["staff"])
    response = client.get(reverse("facilities:staff-occupancy-csv") + "?year=2026")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 12 * 2  # header + month × (weekday, weekend)
    assert rows[1][1] == site["facility"].name
    assert client.get(reverse("facilities:staff-occupancy-csv") + "?year=abc").status_code == 400
    assert client.get(reverse("facilities:staff-occupancy") + "?year=1").status_code == 400


def test_resource_rules__own_rules_then_back_to_the_facilitys(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["staff"])
    url = reverse("facilities:staff-policy", args=["central"])
    data = {
        "resource": "room-a",
        "group_advance_days": "30",
        "individual_advance_days": "7",
        "min_slots": "1",
        "max_slots": "1",
        "monthly_cap": "4",
        "cancellation_deadline_days": "1",
        "full_refund_days": "3",
        "late_refund_percent": "0",
    }
    assert client.post(url, {**data, "resource": "no-such-room"}).status_code == 404
    assert client.post(url, data).status_code == 302
    site["room"].refresh_from_db()
    assert site["room"].effective_policy.group_advance_days == 30
    assert site["facility"].policy.group_advance_days == 90
    with pytest.raises(ValidationError):
        services.booking_create(
            actor=site["member"],
            resource=site["room"],
            use_date=days_ahead(31),
            slot_keys=["09:00"],
            purpose="x",
            expected_people=2,
            group=site["group"],
        )
    assert client.post(url, {"resource": "room-a", "action": "clear"}).status_code == 302
    site["room"].refresh_from_db()
    assert site["room"].policy is None


def test_city_staff_keep_the_catalogue_in_the_admin(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    assert client.get(reverse("admin:facilities_facility_changelist")).status_code == 200
    # Lottery rounds are set up on the staff page, through round_create's checks.
    response = client.get(reverse("admin:facilities_lotteryround_changelist"))
    assert response.status_code == 200
    assert reverse("facilities:staff") in response.content.decode()
    assert client.get(reverse("admin:facilities_lotteryround_add")).status_code == 403
    client.force_login(role_users["centre_staff"])
    assert client.get(reverse("admin:facilities_lotteryround_add")).status_code == 403


def test_week_view_for_staff__who_booked_and_counter_links(client: Any, site: dict[str, Any]) -> None:
    day = days_ahead(8)
    booking = services.booking_create(
        actor=site["member"],
        resource=site["room"],
        use_date=day,
        slot_keys=["18:00"],
        purpose="x",
        expected_people=3,
        group=site["group"],
    )
    url = site["room"].get_absolute_url() + f"?week={day.isoformat()}"
    client.force_login(site["staff"])
    html = client.get(url).content.decode()
    assert site["group"].name in html
    assert reverse("facilities:staff-booking", args=[booking.pk]) in html
    assert reverse("facilities:staff-book", args=["central", "room-a"]) in html
    other_staff = facility_staff(create_facility(), UserFactory())
    client.force_login(other_staff)
    html = client.get(url).content.decode()
    assert site["group"].name not in html
    assert reverse("facilities:staff-book", args=["central", "room-a"]) not in html


def test_account_export_lists_own_bookings(client: Any, site: dict[str, Any]) -> None:
    _study_session(site)
    client.force_login(site["member"])
    data = client.get(reverse("portal:account-export")).json()
    assert [b["purpose"] for b in data["facility_bookings"]] == ["勉強会"]


def test_week_view__catalogue_cache_follows_edits(client: Any, site: dict[str, Any]) -> None:
    day = days_ahead(8)
    url = site["room"].get_absolute_url() + f"?week={day.isoformat()}"
    assert "600" in client.get(url).content.decode()
    rate = site["room"].fee_rates.order_by("division__starts").first()
    rate.resident_fee = 650
    rate.save()
    hours = site["facility"].opening_hours.get(weekday=day.weekday())
    hours.opens = hours.closes = None
    hours.save()
    html = client.get(url).content.decode()
    assert "650" in html
    assert "slot-closed" in html


def test_permit_of_use__for_confirmed_bookings(client: Any, site: dict[str, Any]) -> None:
    booking = _study_session(site)
    client.force_login(site["member"])
    url = reverse("facilities:booking-permit", args=[booking.pk])
    html = client.get(url).content.decode()
    assert "使用許可書" in html
    assert f"{booking.use_date:%Y}-{booking.pk:06d}" in html
    assert site["group"].name in html
    assert "800円" in html
    services.booking_cancel(booking=booking, actor=site["member"])
    assert client.get(url).status_code == 404


def test_permit_of_use_pdf__same_facts_for_the_party_only(client: Any, site: dict[str, Any]) -> None:
    booking = _study_session(site)
    client.force_login(site["member"])
    page = client.get(reverse("facilities:booking-permit", args=[booking.pk])).content.decode()
    url = reverse("facilities:booking-permit-pdf", args=[booking.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert "/" not in response["Content-Disposition"].split("''", 1)[1]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    starts = timezone.localtime(booking.starts_at)
    for expected in (
        "使用許可書",
        f"第{booking.use_date:%Y}-{booking.pk:06d}号",
        wareki(timezone.localdate()),
        f"{wareki(booking.use_date)}（",
        f"{starts:%H:%M}～",
        f"{site['group'].name} 様",
        site["facility"].name,
        site["room"].name,
        "勉強会",
        "3人",
        "800円",
    ):
        assert expected in text, expected
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(site["member"])
    services.booking_cancel(booking=booking, actor=site["member"])
    assert client.get(url).status_code == 404


def test_staff_home__counts_the_bookings_awaiting_approval_per_facility(
    client: Any, role_users: dict[str, Any]
) -> None:
    """Each facility the staff member manages, with its own pending bookings counted
    (a confirmed booking, or another facility's pending one, is not)."""
    from tests.facilities.test_booking_service import book

    member = role_users["member"]
    group = member.memberships.get().group
    first, second = create_facility(), create_facility(slug="east", name="東センター")
    staff = facility_staff(first, role_users["centre_staff"])
    facility_staff(second, staff)
    hall = create_room(first, slug="hall", requires_approval=True)
    book({"member": member, "group": group, "room": hall})
    book({"member": member, "group": group, "room": hall}, slot_keys=["09:00"])
    book({"member": member, "group": group, "room": create_room(first, slug="small")})  # confirmed at once
    book({"member": member, "group": group, "room": create_room(second, slug="east-hall", requires_approval=True)})
    client.force_login(staff)
    html = client.get(reverse("facilities:staff")).content.decode()
    counts = dict(re.findall(r'<a href="[^"]+">([^<]+)</a></th>\s*<td>(\d+)</td>', html))
    assert counts == {first.name: "2", second.name: "1"}
