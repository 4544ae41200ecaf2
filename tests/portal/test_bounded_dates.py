"""Dates are bounded everywhere: forms, services, query parameters and the database.

An event starting on 0001-01-01 used to be stored, shifted into 1 BC by Tokyo's local
mean time offset, and then every page showing it failed (500) for everyone."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from facilities import services as facility_services
from facilities.models import Booking
from groups import services
from groups.forms import GroupProfileForm, OpeningForm
from groups.models import CommunityGroup, Event, VolunteerOpening
from portal import dates
from tests.factories.events import create_event
from tests.factories.facilities import book_for_group, create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.volunteering import create_opening, opening_data
from tests.groups.test_event_views import _post_data

pytestmark = pytest.mark.django_db

TOKYO = datetime.timezone(datetime.timedelta(hours=9))


# --- portal.dates ---------------------------------------------------------------------


def test_date_range__schedule__today_inside_far_dates_outside() -> None:
    today = timezone.localdate()
    assert dates.SCHEDULE.contains(today)
    assert dates.SCHEDULE.contains(today + datetime.timedelta(days=365))
    assert not dates.SCHEDULE.contains(datetime.date(9999, 12, 31))
    assert not dates.SCHEDULE.contains(datetime.date(1, 1, 1))
    assert not dates.SCHEDULE.contains(datetime.datetime(1, 1, 1, tzinfo=datetime.UTC))  # no OverflowError
    assert not dates.SCHEDULE.contains(datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC))


def test_date_range__founding__meiji_to_today() -> None:
    assert dates.FOUNDING.contains(datetime.date(1868, 1, 1))
    assert not dates.FOUNDING.contains(datetime.date(1867, 12, 31))
    assert not dates.FOUNDING.contains(timezone.localdate() + datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-27", datetime.date(2026, 11, 27)),
        ("", None),
        (None, None),
        ("0001-01-01", None),
        ("9999-12-31", None),
        ("2026-13-01", None),
        ("2026-11-27\x00", None),
        ("20261127", None),
        ("x" * 100_000, None),
    ],
)
def test_parse_query_date(value: str | None, expected: datetime.date | None) -> None:
    assert dates.parse_query_date(value) == expected


# --- The listed 500s, now 400 with a message ------------------------------------------


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "2026-02-30"])
def test_week_view__out_of_range_week__400_with_message(client: Any, week: str) -> None:
    facility = create_facility(slug="central")
    create_room(facility)
    response = client.get(reverse("facilities:resource", args=["central", "room-a"]), {"week": week})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


@pytest.mark.parametrize("name", ["groups:event-list", "groups:event-feed"])
@pytest.mark.parametrize("param", ["end", "start"])
def test_events__far_end_or_start__400(client: Any, name: str, param: str) -> None:
    create_event()
    for value in ("9999-12-31", "0001-01-01"):
        response = client.get(reverse(name), {param: value})
        assert response.status_code == 400, (param, value)
        assert ("2100-12-31" if value > "2" else "2000-01-01") in response.content.decode()  # the accepted range


def test_events__month_out_of_range__400_with_message(client: Any) -> None:
    response = client.get(reverse("groups:event-list"), {"month": "9999-12"})
    assert response.status_code == 400
    assert "YYYY-MM" in response.content.decode()


def test_book__year_one_date__400_with_message(client: Any) -> None:
    facility = create_facility(slug="central")
    create_room(facility)
    client.force_login(UserFactory())
    url = reverse("facilities:book", args=["central", "room-a"])
    for value in ("0001-01-04", "9999-12-31"):
        response = client.get(url, {"date": value, "slot": "09:00"})
        assert response.status_code == 400
        assert "alert-danger" in response.content.decode()
    response = client.post(url + "?date=0001-01-04", {"purpose": "x", "expected_people": 1})
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_policy_page__nul_byte_in_resource__404(client: Any) -> None:
    facility = create_facility(slug="central")
    create_room(facility)
    client.force_login(facility_staff(facility, UserFactory()))
    url = reverse("facilities:staff-policy", args=["central"])
    assert client.get(url, {"resource": "room-a\x00"}).status_code == 404
    assert client.get(url, {"resource": "room-a"}).status_code == 200


# --- Forms, services and the database refuse implausible dates -------------------------


@pytest.mark.parametrize("field", ["starts_at", "signup_opens_at"])
def test_event_form__year_one__400_and_nothing_stored(client: Any, field: str) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    client.force_login(rep)
    data = _post_data(requires_signup=True)
    data[field] = "0001-01-01T00:00"
    response = client.post(reverse("groups:event-create", args=[group.slug]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Event.objects.exists()


def test_event_edit__ending_in_9999__refused(client: Any) -> None:
    event = create_event()
    client.force_login(event.group.memberships.get(role="representative").user)
    data = _post_data(title=event.title)
    data["ends_at"] = "9999-12-31T23:00"
    response = client.post(reverse("groups:event-edit", args=[event.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"]
    event.refresh_from_db()
    assert event.ends_at.year < 9999


def test_event_service__year_one__field_error() -> None:
    event = create_event()
    actor = event.group.memberships.get(role="representative").user
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event, actor=actor, data={"signup_opens_at": datetime.datetime(1, 1, 1, tzinfo=TOKYO)}
        )
    assert "signup_opens_at" in caught.value.message_dict


def test_event_constraint__year_one_refused_by_database() -> None:
    event = create_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(
            starts_at=datetime.datetime(1, 1, 1, 1, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(1, 1, 1, 3, tzinfo=datetime.UTC),
        )


def test_group_form__founded_in_9999__refused() -> None:
    form = GroupProfileForm(data={"founded_on": "9999-01-01"})
    assert form.errors["founded_on"]
    form = GroupProfileForm(data={"founded_on": "1990-04-01"})
    assert "founded_on" not in form.errors


def test_group_service__founded_in_9999__refused_and_constraint_holds() -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    with pytest.raises(ValidationError) as caught:
        services.group_update(group=group, actor=rep, data={"founded_on": datetime.date(9999, 1, 1)})
    assert "founded_on" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityGroup.objects.filter(pk=group.pk).update(founded_on=datetime.date(1, 1, 1))


@pytest.mark.parametrize("deadline", ["9999-12-31", "2001-01-01"])
def test_opening_edit__deadline_far_or_past__refused(client: Any, deadline: str) -> None:
    opening = create_opening()
    client.force_login(opening.group.memberships.get(role="representative").user)
    data = {**opening_data(), "deadline": deadline, "welcome_students": "on"}
    response = client.post(reverse("groups:opening-edit", args=[opening.pk]), data)
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["deadline"]
    opening.refresh_from_db()
    assert opening.deadline == opening_data()["deadline"]


def test_opening_service__past_deadline_on_edit__refused() -> None:
    opening = create_opening()
    rep = opening.group.memberships.get(role="representative").user
    with pytest.raises(ValidationError) as caught:
        services.opening_update(
            opening=opening, actor=rep, data={"deadline": timezone.localdate() - datetime.timedelta(days=1)}
        )
    assert "deadline" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerOpening.objects.filter(pk=opening.pk).update(deadline=datetime.date(9999, 12, 31))


def test_opening_form__deadline_today__accepted() -> None:
    form = OpeningForm(data={**opening_data(), "deadline": timezone.localdate().isoformat()})
    assert form.is_valid(), form.errors


def test_booking_constraint__year_one_refused_by_database() -> None:
    facility = create_facility()
    room = create_room(facility)
    booking = book_for_group(room, create_group(representative=UserFactory()), days=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=booking.pk).update(use_date=datetime.date(1, 1, 4))


# --- Staff booking page: field errors survive the re-render --------------------------


@pytest.mark.parametrize(
    ("action", "form_name", "field"),
    [("decide", "decision_form", "decision"), ("pay", "payment_form", "method")],
)
def test_staff_booking__invalid_form__field_errors_shown(client: Any, action: str, form_name: str, field: str) -> None:
    facility = create_facility(slug="central")
    room = create_room(facility, requires_approval=action == "decide")
    booking = book_for_group(room, create_group(representative=UserFactory()), days=5)
    client.force_login(facility_staff(facility, UserFactory()))
    response = client.post(reverse("facilities:staff-booking", args=[booking.pk]), {"action": action, field: "bogus"})
    assert response.status_code == 400
    form = response.context[form_name]
    assert form.is_bound
    assert form.errors[field]
    assert str(form.errors[field][0]) in response.content.decode()


def test_closure_and_round_services__far_dates__field_errors() -> None:
    facility = create_facility()
    staff = facility_staff(facility, UserFactory())
    with pytest.raises(ValidationError) as caught:
        facility_services.closure_create(
            facility=facility,
            actor=staff,
            starts_on=days_ahead(1),
            ends_on=datetime.date(9999, 12, 31),
            reason="点検",
        )
    assert "ends_on" in caught.value.message_dict
    hall = create_room(facility, slug="hall", uses_lottery=True)
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        facility_services.round_create(
            facility=facility,
            actor=staff,
            use_month=datetime.date(1, 1, 1),
            entries_open_at=now,
            entries_close_at=now + datetime.timedelta(days=3),
            draw_at=now + datetime.timedelta(days=4),
            confirm_by=now + datetime.timedelta(days=8),
            entries_per_applicant=3,
            resources=[hall],
        )
    assert "use_month" in caught.value.message_dict


@pytest.mark.skipif(connection.vendor != "sqlite", reason="inserts bad rows with SQLite's check constraints off")
def test_migration__bad_rows_brought_into_range() -> None:
    """Rows stored before the constraints existed are repaired, so the migration runs."""
    import importlib

    from django.apps import apps

    fix = importlib.import_module("groups.migrations.0009_dates_in_plausible_range").bring_dates_into_range
    event = create_event(requires_signup=True)
    opening = create_opening()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            Event.objects.filter(pk=event.pk).update(
                starts_at=datetime.datetime(1, 1, 1, 1, tzinfo=datetime.UTC),
                signup_opens_at=datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
            )
            VolunteerOpening.objects.filter(pk=opening.pk).update(deadline=datetime.date(9999, 12, 31))
            CommunityGroup.objects.filter(pk=event.group_id).update(founded_on=datetime.date(9999, 1, 1))
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")
    fix(apps, None)
    event.refresh_from_db()
    opening.refresh_from_db()
    assert event.status == "cancelled"
    assert event.starts_at.year == 2000
    assert event.signup_opens_at is None
    assert opening.is_closed
    assert opening.deadline == datetime.date(2000, 1, 1)
    assert CommunityGroup.objects.get(pk=event.group_id).founded_on is None


def test_every_date_field_of_every_form_is_bounded() -> None:
    """Forms with a date or datetime field use BoundedDatesMixin (portal.forms)."""
    import importlib

    from django import forms

    from portal.forms import BoundedDatesMixin

    unbounded = []
    for module_name in ("portal.forms", "groups.forms", "facilities.forms"):
        for name, value in vars(importlib.import_module(module_name)).items():
            if not (isinstance(value, type) and issubclass(value, forms.BaseForm)):
                continue
            has_dates = any(isinstance(f, forms.DateField | forms.DateTimeField) for f in value.base_fields.values())
            if has_dates and not issubclass(value, BoundedDatesMixin):
                unbounded.append(f"{module_name}.{name}")
    assert not unbounded
