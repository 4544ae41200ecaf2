from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from groups.models import Membership
from portal.models import ActivityField, AuditLogEntry, InfoPage, News, User
from portal.permissions import is_centre_staff, is_city_staff, is_reviewer

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "admin@example.jp",
    "staff@example.jp",
    "center@example.jp",
    "reviewer@example.jp",
    "rep@example.jp",
    "member@example.jp",
    "citizen@example.jp",
]


def _counts() -> tuple[int, ...]:
    from facilities.models import Booking, LotteryRound, Resource

    models = (User, News, InfoPage, ActivityField, Membership, AuditLogEntry, Resource, Booking, LotteryRound)
    return tuple(model.objects.count() for model in models)


@override_settings(DEMO_DATA_ALLOWED=True)
def test_seed_demo__loads_every_role_and_is_idempotent(client: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    first = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert _counts() == first
    users = {u.email: u for u in User.objects.filter(email__in=DEMO_EMAILS)}
    assert set(users) == set(DEMO_EMAILS)
    assert all(u.check_password("demo-pass-2026") for u in users.values())
    assert users["admin@example.jp"].is_superuser
    assert is_city_staff(users["staff@example.jp"])
    assert is_centre_staff(users["center@example.jp"])
    assert is_reviewer(users["reviewer@example.jp"])
    assert Membership.objects.get(user=users["rep@example.jp"]).role == "representative"
    assert Membership.objects.get(user=users["member@example.jp"]).role == "member"
    assert ActivityField.objects.filter(name="教育文化").exists()
    from portal.pdf import city_sender

    assert city_sender() == ["みどり市長 緑川一郎"]  # the sender of official notices
    # ~150 registered groups over the fields like seed 002's table, and applications to review.
    from groups.models import CommunityGroup

    assert CommunityGroup.objects.registered().count() >= 150
    assert CommunityGroup.objects.registered().filter(fields__slug="education-culture").count() == 63
    assert CommunityGroup.objects.registered().filter(fields__slug="sports").count() == 25
    assert CommunityGroup.objects.pending_review().count() == 3
    rep_group = Membership.objects.get(user=users["rep@example.jp"]).group
    assert rep_group.is_currently_registered
    for slug in ("civic-activity", "collaboration", "accessibility", "privacy"):
        assert client.get(f"/pages/{slug}/").status_code == 200
    _check_facilities(users)
    _check_subsidies(users, client)
    _check_collaboration(users)
    # A demo account can really log in (verified e-mail).
    response = client.post("/accounts/login/", {"login": "citizen@example.jp", "password": "demo-pass-2026"})
    assert response.status_code == 302


@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo__refused_when_not_allowed() -> None:
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo")
    assert not User.objects.exists()


@override_settings(DEMO_DATA_ALLOWED=True)
def test_seed_demo__scale_multiplies_volume() -> None:
    call_command("seed_demo", scale=2, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert News.objects.count() == 20


def _check_subsidies(users: dict[str, User], client: Any) -> None:
    """This year's 市民活動応援補助金 taking applications; 地域づくり活動支援交付金 with its
    cycle complete (rep@'s group granted, confirmed below the award with a refund due);
    last year's results published; reviewer3@ excluded from one application."""
    from django.urls import reverse
    from django.utils import timezone

    from portal.dates import fiscal_year
    from portal.models_review import ConflictDeclaration, Review
    from subsidies.models import Application, ApplicationStatus, Programme, RefundStatus

    year = fiscal_year(timezone.localdate())
    open_call = Programme.objects.get(fiscal_year=year, slug="oen")
    assert open_call.call_is_open()
    assert {c.name for c in open_call.categories.all()} == {"スタートアップ部門", "ステップアップ部門"}
    done = Programme.objects.get(fiscal_year=year, slug="chiiki")
    assert not done.call_is_open()
    assert done.decisions_published
    statuses = sorted(done.applications.values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "confirmed", "rejected"]
    rep_group = Membership.objects.get(user=users["rep@example.jp"]).group
    granted = Application.objects.get(programme=done, group=rep_group)
    assert granted.status == ApplicationStatus.CONFIRMED
    assert granted.confirmation.amount < granted.grant.amount
    assert granted.confirmation.refund_due > 0
    assert granted.confirmation.refund_status == RefundStatus.DUE
    assert Programme.objects.get(fiscal_year=year - 1, slug="oen").decisions_published
    exclusions = ConflictDeclaration.objects.filter(member__user__email="reviewer3@example.jp", automatic=True)
    assert exclusions.filter(content_type__model="application").exists()
    for excluded in exclusions:
        assert not Review.objects.filter(
            member=excluded.member, content_type=excluded.content_type, object_id=excluded.object_id
        ).exists()
    client.force_login(users["rep@example.jp"])
    for name in ("subsidies:grant-pdf", "subsidies:confirmation-pdf"):
        response = client.get(reverse(name, args=[granted.pk]))
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
    client.logout()
    assert granted.receipt_number in client.get(reverse("subsidies:results", args=[year])).content.decode()


def _check_collaboration(users: dict[str, User]) -> None:
    """An open theme, proposals in every state (one adopted with conditions, one not
    adopted with its reason), about 30 projects over every form and domain with
    agreements and published evaluations, 後援・共催 requests in each state, a dozen cases."""
    from collaboration.models import (
        Agreement,
        AgreementStatus,
        Call,
        CallKind,
        CaseStudy,
        CollaborationForm,
        EndorsementRequest,
        EndorsementStatus,
        EvaluationRound,
        Project,
        Proposal,
        ProposalStatus,
    )

    assert any(c.accepts_proposals() for c in Call.objects.filter(kind=CallKind.THEME))
    assert any(c.is_rolling and c.accepts_proposals() for c in Call.objects.filter(kind=CallKind.CITIZEN))
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert {ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.CONDITIONAL} <= statuses
    assert Proposal.objects.filter(status=ProposalStatus.NOT_ADOPTED, decision_published_at__isnull=False).exclude(
        decision_reason=""
    )
    projects = Project.objects.all()
    assert projects.count() >= 30
    assert set(projects.values_list("form_id", flat=True)) >= set(
        CollaborationForm.objects.values_list("pk", flat=True)
    )
    assert set(projects.values_list("domain", flat=True)) == {1, 2, 3, 4, 5}
    assert Agreement.objects.filter(status=AgreementStatus.IN_FORCE).count() >= 10
    assert EvaluationRound.objects.filter(released_at__isnull=False).exists()
    assert set(EndorsementRequest.objects.values_list("status", flat=True)) == set(EndorsementStatus.values)
    assert CaseStudy.objects.filter(published_at__isnull=False).count() >= 12
    rep_group = Membership.objects.get(user=users["rep@example.jp"]).group
    assert Project.objects.filter(partners__group=rep_group).exists()


def _check_facilities(users: dict[str, User]) -> None:
    """Two centres, center@ manages only the first; bookings at about 70% on weekday
    evenings over the last weeks; a lottery round taking entries."""
    import datetime

    from django.utils import timezone

    from facilities.availability import FacilityCalendar
    from facilities.models import Booking, Facility, LotteryRound
    from facilities.permissions import can_manage_facility

    central, east = Facility.objects.order_by("order")
    assert (central.booking_mode, east.booking_mode) == ("divisions", "hourly")
    assert Facility.objects.count() == 2
    assert central.resources.count() + east.resources.count() == 20
    center = User.objects.get(email="center@example.jp")
    assert can_manage_facility(center, central)
    assert not can_manage_facility(center, east)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=56)
    rooms = list(central.resources.filter(kind="room", uses_lottery=False))
    evenings = [
        slot.starts_at
        for day in FacilityCalendar(central, start, today - datetime.timedelta(days=1)).days()
        if day.is_open and day.date.weekday() < 5 and not day.holiday
        for slot in day.slots
        if slot.starts_at.hour >= 18
    ]
    booked = Booking.objects.filter(resource__in=rooms, status="confirmed", starts_at__in=evenings).count()
    rate = booked / (len(evenings) * len(rooms))
    assert 0.6 <= rate <= 0.8, rate
    assert Booking.objects.filter(use_date__gt=today).exists()
    assert any(r.is_taking_entries() for r in LotteryRound.objects.filter(facility=central))


def _months_ahead(today: Any, count: int) -> list[Any]:
    import datetime

    months, first = [], today.replace(day=1)
    for _ in range(count):
        first = (first + datetime.timedelta(days=32)).replace(day=1)
        months.append(first)
    return months


def _free_room_slot(booker: Any, rooms: list[Any], month: Any, now: Any) -> Any:
    """The first room slot in `month` that the rules let `booker` book, or None."""
    import datetime

    from facilities import booking_rules
    from facilities.availability import FacilityCalendar

    last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    for room in rooms:
        for day in FacilityCalendar(room.facility, month, last, resource=room).days():
            for slot in day.slots:
                request = booking_rules.BookingRequest(
                    resource=room, use_date=day.date, booker=booker, slot_keys=[slot.key], expected_people=5
                )
                decision = booking_rules.decide(request, now=now)
                if decision.ok:
                    return room, day.date, slot.key
                if "monthly_cap" in decision.codes:
                    return None  # the group is over its cap this month: no slot will do
    return None


@override_settings(DEMO_DATA_ALLOWED=True)
def test_seed_demo__rep_can_book_for_the_group_in_each_of_the_next_three_months() -> None:
    from django.utils import timezone

    from facilities import booking_rules, services
    from facilities.models import Facility

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    rep = User.objects.get(email="rep@example.jp")
    group = Membership.objects.get(user=rep).group
    assert group.name == "みどり子育てネットワーク"
    central = Facility.objects.order_by("order").first()
    rooms = list(central.resources.filter(kind="room", uses_lottery=False).order_by("order", "pk"))
    now = timezone.now()
    for month in _months_ahead(timezone.localdate(now), 3):
        found = _free_room_slot(booking_rules.Booker(group=group), rooms, month, now)
        assert found is not None, (month, booking_rules.monthly_slots_used(booking_rules.Booker(group=group), month))
        room, day, key = found
        booking = services.booking_create(
            actor=rep, resource=room, use_date=day, slot_keys=[key], purpose="定例会", expected_people=5, group=group
        )
        assert booking.group == group
