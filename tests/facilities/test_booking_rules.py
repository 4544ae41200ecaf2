"""facilities.booking_rules: the fee preview, the lottery confirmation and the week
view ask the same rules as booking_create, so a preview never offers a confirm button
that the booking then refuses; the form's numbers are bounded by the resource."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from facilities import booking_rules
from facilities.forms import BookingForm
from facilities.models import Booking, LotteryEntry
from portal.models import AuditLogEntry
from tests.factories.facilities import (
    create_equipment,
    create_facility,
    create_reduction,
    create_room,
    create_surcharges,
    create_won_entry,
    days_ahead,
    facility_staff,
)
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_BUTTON = 'name="action" value="confirm"'


@pytest.fixture
def site() -> dict[str, Any]:
    facility = create_facility(slug="central")
    member = UserFactory(relationship="resident")
    return {
        "facility": facility,
        "room": create_room(facility, capacity=24),
        "member": member,
        "group": create_group(members=(member,)),
    }


def book_url(resource: Any, day: datetime.date, slot: str = "18:00") -> str:
    """The English booking page, so that messages can be compared as written."""
    with translation.override("en"):
        url = reverse("facilities:book", args=["central", resource.slug])
    return url + f"?date={day.isoformat()}&slot={slot}"


def form_data(site: dict[str, Any], day: datetime.date, **overrides: Any) -> dict[str, Any]:
    data = {
        "date": day.isoformat(),
        "booker": f"group:{site['group'].pk}",
        "slots": ["18:00"],
        "purpose": "定例会",
        "expected_people": "10",
        "action": "preview",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def nothing_written(before: tuple[int, int]) -> bool:
    return (Booking.objects.count(), AuditLogEntry.objects.count()) == before


def counts() -> tuple[int, int]:
    return Booking.objects.count(), AuditLogEntry.objects.count()


def test_preview__more_people_than_the_room_holds__error_and_no_confirm(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["member"])
    day = days_ahead(9)
    response = client.post(book_url(site["room"], day), form_data(site, day, expected_people="30"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "The room holds up to 24 people." in html
    assert CONFIRM_BUTTON not in html
    assert 'id="fee-total"' not in html
    # Exactly the capacity is fine, and then the confirm button is there.
    response = client.post(book_url(site["room"], day), form_data(site, day, expected_people="24"))
    assert response.status_code == 200
    assert CONFIRM_BUTTON in response.content.decode()
    assert not Booking.objects.exists()


def test_preview__reduction_without_reason__error_and_no_confirm(client: Any, site: dict[str, Any]) -> None:
    exempt = create_reduction()
    client.force_login(site["member"])
    day = days_ahead(9)
    data = form_data(site, day, reduction_rule=str(exempt.pk), reduction_reason="  ")
    response = client.post(book_url(site["room"], day), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Say why the reduction applies" in html
    assert CONFIRM_BUTTON not in html
    response = client.post(book_url(site["room"], day), {**data, "reduction_reason": "公益活動の講座"})
    assert response.status_code == 200
    assert 'id="fee-total">0' in response.content.decode()
    assert CONFIRM_BUTTON in response.content.decode()


def _errors(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {field: [e["message"] for e in errors] for field, errors in form.errors.get_json_data().items()}


@pytest.mark.parametrize(
    ("case", "overrides"),
    [
        ("ok", {}),
        ("two slots", {"slots": ["13:00", "18:00"]}),
        ("not consecutive", {"slots": ["09:00", "18:00"]}),
        ("no slot", {"slots": []}),
        ("over capacity", {"expected_people": "25"}),
        ("huge people", {"expected_people": "1" + "0" * 30}),
        ("no people", {"expected_people": "0"}),
        ("reduction without reason", {"reduction_rule": "exempt", "reduction_reason": ""}),
        ("reduction with reason", {"reduction_rule": "exempt", "reduction_reason": "講座"}),
        ("group reduction as a person", {"reduction_rule": "exempt", "reduction_reason": "講座", "booker": "self"}),
        ("surcharges", {"surcharges": "all"}),
        ("as a person", {"booker": "self"}),
        ("over the monthly cap", {"slots": ["09:00", "13:00", "18:00"], "cap": 2}),
        ("beyond the window", {"days": 200}),
        ("beyond the window and no reason", {"days": 200, "reduction_rule": "exempt", "reduction_reason": ""}),
        ("past", {"days": -1}),
    ],
)
def test_preview_and_confirm_agree(client: Any, site: dict[str, Any], case: str, overrides: dict[str, Any]) -> None:
    """Over a table of inputs: the preview refuses exactly what confirm refuses, with the
    same errors, and when it shows a fee, confirm books at that fee."""
    overrides = dict(overrides)
    if overrides.pop("cap", None):
        policy = site["room"].effective_policy
        policy.monthly_cap = 2
        policy.save()
    day = days_ahead(overrides.pop("days", 9))
    if overrides.get("reduction_rule") == "exempt":
        overrides["reduction_rule"] = str(create_reduction(requires_approval=False).pk)
    if overrides.get("surcharges") == "all":
        overrides["surcharges"] = [str(s.pk) for s in create_surcharges(site["facility"])]
    client.force_login(site["member"])
    data = form_data(site, day, **overrides)
    before = counts()
    preview = client.post(book_url(site["room"], day), data)
    assert counts() == before
    confirm = client.post(book_url(site["room"], day), {**data, "action": "confirm"})
    if preview.status_code == 200:
        assert CONFIRM_BUTTON in preview.content.decode(), case
        assert confirm.status_code == 302, (case, _errors(confirm))
        assert Booking.objects.get().fee == preview.context["quote"].total
    else:
        assert preview.status_code == 400, case
        assert CONFIRM_BUTTON not in preview.content.decode(), case
        assert confirm.status_code == 400, case
        assert _errors(preview) == _errors(confirm), case
        assert counts() == before
    expected_ok = case in {"ok", "two slots", "reduction with reason", "surcharges", "as a person"}
    assert (preview.status_code == 200) == expected_ok, (case, _errors(preview))


def test_decide__reports_every_independent_problem(site: dict[str, Any]) -> None:
    exempt = create_reduction()
    request = booking_rules.BookingRequest(
        resource=site["room"],
        use_date=days_ahead(9),
        booker=booking_rules.Booker(person=site["member"]),
        slot_keys=["18:00"],
        expected_people=30,
        reduction_rule=exempt,
        reduction_reason="",
    )
    decision = booking_rules.decide(request)
    assert not decision.ok
    assert decision.quote is None
    assert set(decision.error.message_dict) == {"expected_people", "reduction_rule"}
    assert decision.codes == {"capacity", "reduction_group"}


# --- bounds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"days": "1000000"},
        {"quantity": "1000000000"},
        {"expected_people": "99999999999999999999"},
        {"days": "1000000", "quantity": "1000000", "expected_people": "1000000"},
        {"days": "9" * 5000},
    ],
)
@pytest.mark.parametrize("action", ["preview", "confirm"])
def test_equipment_form__huge_numbers__quick_400_nothing_written(
    client: Any, site: dict[str, Any], overrides: dict[str, str], action: str
) -> None:
    item = create_equipment(site["facility"], stock=2, loan_max_days=3)
    client.force_login(site["member"])
    day = days_ahead(4)
    data = {
        "date": day.isoformat(),
        "booker": "self",
        "quantity": "1",
        "days": "1",
        "purpose": "講演",
        "expected_people": "1",
        "action": action,
        **overrides,
    }
    before = counts()
    started = time.monotonic()
    response = client.post(book_url(item, day, "00:00"), data)
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    assert nothing_written(before)
    errors = _errors(response)
    if overrides.get("days") == "1000000":
        assert errors["days"] == ["Borrow for 1 to 3 days."]
    if overrides.get("quantity"):
        assert errors["quantity"] == ["There are 2 of this item."]
    assert CONFIRM_BUTTON not in response.content.decode()


@translation.override("en")
def test_booking_form__bounds_come_from_the_resource(site: dict[str, Any]) -> None:
    item = create_equipment(site["facility"], stock=2, loan_max_days=3)
    data = {"booker": "self", "purpose": "x", "expected_people": "1", "quantity": "2", "days": "3"}
    form = BookingForm(data, resource=item, slots=[], free_keys=set())
    assert form.is_valid(), form.errors
    form = BookingForm({**data, "quantity": "3", "days": "4"}, resource=item, slots=[], free_keys=set())
    assert not form.is_valid()
    assert form.errors["quantity"] == ["There are 2 of this item."]
    assert form.errors["days"] == ["Borrow for 1 to 3 days."]
    assert form.fields["days"].widget.attrs["max"] == 3
    room_form = BookingForm(
        {"booker": "self", "purpose": "x", "expected_people": "25", "slots": ["18:00"]},
        resource=site["room"],
        slots=[],
        free_keys=set(),
    )
    assert not room_form.is_valid()
    assert room_form.errors["expected_people"] == ["The room holds up to 24 people."]


def test_decide__huge_loan_refused_before_anything_is_built(site: dict[str, Any]) -> None:
    item = create_equipment(site["facility"], stock=2, loan_max_days=3)
    request = booking_rules.BookingRequest(
        resource=item,
        use_date=days_ahead(4),
        booker=booking_rules.Booker(person=site["member"]),
        days=10**9,
        quantity=10**9,
    )
    started = time.monotonic()
    decision = booking_rules.decide(request)
    assert time.monotonic() - started < 1
    assert decision.slots == []
    assert decision.codes == {"loan_days", "over_stock"}


# --- the week view and the lottery confirmation ----------------------------------------


def test_week_rules__later_days_are_those_decide_refuses_for_the_window(site: dict[str, Any]) -> None:
    person = UserFactory(relationship="resident")  # no group: the individual window (30 days)
    now = timezone.now()
    start, end = days_ahead(25), days_ahead(40)
    rules = booking_rules.week_rules(person, site["room"], start, end, now, manager=False)
    later = []
    for offset in range(25, 41):
        day = days_ahead(offset)
        request = booking_rules.BookingRequest(
            resource=site["room"],
            use_date=day,
            booker=booking_rules.Booker(person=person),
            slot_keys=["18:00"],
            expected_people=3,
        )
        assert rules.opens_later(day) == ("window" in booking_rules.decide(request, now=now).codes), day
        later.append(rules.opens_later(day))
    assert later[0] is False
    assert later[-1] is True


@pytest.fixture
def win(site: dict[str, Any]) -> LotteryEntry:
    hall = create_room(site["facility"], slug="hall", uses_lottery=True, capacity=100)
    staff = facility_staff(site["facility"], UserFactory())
    return create_won_entry(hall, actor=site["member"], staff=staff, group=site["group"])


def test_lottery_confirm__reduction_without_reason__error_and_no_confirm(
    client: Any, site: dict[str, Any], win: LotteryEntry
) -> None:
    exempt = create_reduction(requires_approval=False)
    client.force_login(site["member"])
    with translation.override("en"):
        url = reverse("facilities:entry-confirm", args=[win.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert CONFIRM_BUTTON in page.content.decode()
    data = {"action": "preview", "reduction_rule": str(exempt.pk), "reduction_reason": ""}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Say why the reduction applies" in html
    assert CONFIRM_BUTTON not in html
    confirm = client.post(url, {**data, "action": "confirm"})
    assert confirm.status_code == 400
    assert _errors(confirm) == _errors(response)
    assert not Booking.objects.exists()
    response = client.post(url, {**data, "reduction_reason": "子ども向け発表会"})
    assert response.status_code == 200
    assert 'id="fee-total">0' in response.content.decode()
    assert client.post(url, {**data, "action": "confirm", "reduction_reason": "子ども向け発表会"}).status_code == 302
    assert Booking.objects.get().fee == 0


def test_lottery_confirm__win_over_the_monthly_cap__problem_shown_without_confirm(
    client: Any, site: dict[str, Any], win: LotteryEntry
) -> None:
    policy = win.resource.effective_policy
    policy.monthly_cap = 1
    policy.save()
    Booking.objects.create(
        resource=site["room"],
        use_date=win.use_date,
        starts_at=win.starts_at - datetime.timedelta(days=1),
        ends_at=win.ends_at - datetime.timedelta(days=1),
        slot_count=1,
        group=site["group"],
        purpose="x",
        expected_people=3,
    )
    client.force_login(site["member"])
    with translation.override("en"):
        page = client.get(reverse("facilities:entry-confirm", args=[win.pk]))
    html = page.content.decode()
    assert "limit of 1 slots a month" in html
    assert CONFIRM_BUTTON not in html
