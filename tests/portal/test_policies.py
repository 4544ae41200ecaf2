"""Permission policies (portal.policies): one rule gives both the queryset and the
object check, so for every policy, action and role the two answers agree; views built on
`PolicyObjectMixin` answer 404 when not visible and 403 when visible but not allowed."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse

from facilities import services as facility_services
from facilities.models import Booking, Facility, LotteryEntry, LotteryRound
from facilities.permissions import booking_policy, entry_policy, facility_policy, round_policy
from facilities.services.rules import policy_update
from groups.models import CommunityGroup, Event, EventRegistration, VolunteerApplication, VolunteerOpening
from groups.permissions import application_policy, event_policy, group_policy, opening_policy, registration_policy
from groups.services import application_create, event_create, group_withdraw, registration_create
from portal.models import Department, User
from portal.policies import EVERYTHING, NOTHING, AnyOf, Where
from subsidies.models import Application as SubsidyApplication
from subsidies.models import Channel
from subsidies.permissions import application_policy as subsidy_application_policy
from subsidies.services.applications import application_create as subsidy_application_create
from tests.facilities.test_lottery import make_round
from tests.factories.events import event_data
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import apply_for_group, create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme
from tests.factories.volunteering import create_opening
from tests.roles import ROLES

pytestmark = pytest.mark.django_db


# --- Rules ----------------------------------------------------------------------------------


def test_rules__simplify__everything_and_nothing_absorb() -> None:
    rule = Where("user_id", "exact", 1)
    assert (rule | EVERYTHING) is EVERYTHING
    assert (rule & NOTHING) is NOTHING
    assert (rule | NOTHING) == rule
    assert (rule & EVERYTHING) == rule
    assert Where("group_id", "in", set()) is NOTHING
    assert isinstance(rule | Where("group_id", "in", {2}), AnyOf)


def test_rules__unknown_lookup__refused() -> None:
    with pytest.raises(ValueError, match="Unsupported lookup"):
        Where("user_id", "icontains", "x")


def test_policy__unknown_action__refused(role_users: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="no action"):
        booking_policy.instances_user_has_permission_for(role_users["citizen"], "delete")


# --- Predicate and queryset agree -----------------------------------------------------------


@pytest.fixture
def policy_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """Objects of every kind in the states that matter, made through the services."""
    group, other_group = role_users["_group"], role_users["_other_group"]
    rep, other_rep, citizen = role_users["representative"], role_users["other_representative"], role_users["citizen"]
    pending = apply_for_group(applicant=UserFactory())
    leaving = create_group(representative=UserFactory())
    closed_opening = create_opening(group=leaving)
    group_withdraw(group=leaving, actor=leaving.memberships.get().user)
    opening = create_opening(group=group)
    other_opening = create_opening(group=other_group)
    application_create(opening=opening, user=citizen, message="参加したいです。")
    application_create(opening=other_opening, user=role_users["member"], message="手伝えます。")
    event = event_create(actor=rep, group=group, data=event_data(requires_signup=True))
    other_event = event_create(actor=other_rep, group=other_group, data=event_data(requires_signup=True))
    registration_create(event=event, user=citizen, note="")
    registration_create(event=other_event, user=role_users["member"], note="")
    event_create(
        actor=role_users["city_staff"], department=Department.objects.get(code="kyodo"), data=event_data(title="講座")
    )
    facility, other = create_facility(slug="central"), create_facility(slug="east")
    create_facility(slug="closed-down", is_active=False)
    room, room_x = create_room(facility), create_room(other, slug="room-x")
    hall = create_room(facility, slug="hall", uses_lottery=True, capacity=100)
    facility_staff(facility, role_users["centre_staff"])
    for actor, resource, booking_group in ((rep, room, group), (other_rep, room_x, other_group)):
        facility_services.booking_create(
            actor=actor,
            resource=resource,
            use_date=days_ahead(10),
            slot_keys=["09:00"],
            purpose="定例会",
            expected_people=5,
            group=booking_group,
        )
    round_, other_round = make_round(facility, [hall]), make_round(other, [])
    night = facility.divisions.get(name="夜間")
    for actor, entry_group, day in ((rep, group, 3), (citizen, None, 4)):
        facility_services.entry_create(
            actor=actor,
            round_=round_,
            resource=hall,
            use_date=round_.use_month + datetime.timedelta(days=day),
            division=night,
            purpose="発表会",
            expected_people=40,
            group=entry_group,
        )
    # Subsidy applications: the group's online draft and a paper one keyed in by staff.
    programme = create_programme()
    for applicant_group, actor, channel in (
        (group, rep, Channel.ONLINE),
        (other_group, role_users["city_staff"], Channel.COUNTER),
    ):
        subsidy_application_create(
            programme=programme,
            category=programme.categories.first(),
            group=applicant_group,
            actor=actor,
            title="講座",
            channel=channel,
        )
    return {"pending": pending, "closed_opening": closed_opening, "round": round_, "other_round": other_round}


POLICIES = [
    (group_policy, CommunityGroup),
    (event_policy, Event),
    (registration_policy, EventRegistration),
    (opening_policy, VolunteerOpening),
    (application_policy, VolunteerApplication),
    (facility_policy, Facility),
    (booking_policy, Booking),
    (entry_policy, LotteryEntry),
    (round_policy, LotteryRound),
    (subsidy_application_policy, SubsidyApplication),
]


def _fresh_user(role_users: dict[str, Any], role: str) -> Any:
    """A new user object, as a request would load it (no cached facts)."""
    user = role_users[role]
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


@pytest.mark.parametrize(("policy", "model"), POLICIES, ids=[type(p).__name__ for p, _m in POLICIES])
def test_policy__predicate_and_queryset__agree_for_every_role(
    role_users: dict[str, Any], policy_data: dict[str, Any], policy: Any, model: Any
) -> None:
    objects = list(model._default_manager.all())
    assert len(objects) >= 2
    answers: set[bool] = set()
    for role in ROLES:
        for action in policy.actions:
            user = _fresh_user(role_users, role)
            allowed = set(policy.instances_user_has_permission_for(user, action).values_list("pk", flat=True))
            for obj in objects:
                can = policy.can(user, action, obj)
                answers.add(can)
                assert can == (obj.pk in allowed), f"{type(policy).__name__} {action} as {role} on {obj!r}"
    assert answers == {True, False}, "the data should give both answers"


def test_booking_policy__party__is_booker_or_group_member(
    role_users: dict[str, Any], policy_data: dict[str, Any]
) -> None:
    group = role_users["_group"]
    booking = Booking.objects.get(group=group)
    expected = {"representative": True, "member": True}
    for role in ROLES:
        user = _fresh_user(role_users, role)
        assert booking_policy.can(user, "act", booking) == expected.get(role, False), role
        assert (booking in Booking.objects.of_user(user)) == expected.get(role, False), role


def test_event_policy__manage__same_as_managed_by(role_users: dict[str, Any], policy_data: dict[str, Any]) -> None:
    """`can_manage_event` and `Event.objects.managed_by` come from the one rule."""
    from groups.permissions import can_manage_event

    for role in ROLES:
        user = _fresh_user(role_users, role)
        managed = set(Event.objects.managed_by(user))
        for event in Event.objects.all():
            assert can_manage_event(user, event) == (event in managed), (role, event)
    city_staff = _fresh_user(role_users, "city_staff")
    assert {e.title for e in Event.objects.managed_by(city_staff)} == {"講座"}


def test_policy__ensure__rereads_membership(role_users: dict[str, Any], policy_data: dict[str, Any]) -> None:
    """Services check with fresh facts: a member removed since the facts were loaded is refused."""
    member = _fresh_user(role_users, "member")
    booking = Booking.objects.get(group=role_users["_group"])
    assert booking_policy.can(member, "act", booking)
    role_users["_group"].memberships.filter(user=member).delete()
    assert booking_policy.can(member, "act", booking)  # cached for this request
    with pytest.raises(PermissionDenied):
        booking_policy.ensure(member, "act", booking)


def test_policy_rule__costs_one_query_per_request_user(
    role_users: dict[str, Any], policy_data: dict[str, Any], django_assert_num_queries: Any
) -> None:
    user = _fresh_user(role_users, "member")
    bookings = list(Booking.objects.select_related("resource"))
    with django_assert_num_queries(1):  # the user's memberships, once
        for booking in bookings:
            booking_policy.can(user, "act", booking)
            booking_policy.can(user, "act", booking)


# --- Views: 404 when not visible, 403 when visible but not allowed --------------------------

VIEW_CASES = [
    # (name, role, url, expected)
    ("pending group, outsider", "citizen", lambda d: reverse("groups:manage", args=[d["pending"].slug]), 404),
    ("group edit, plain member", "member", lambda d: reverse("groups:edit", args=[d["group"].slug]), 403),
    ("group edit, anonymous", "anonymous", lambda d: reverse("groups:edit", args=[d["group"].slug]), 302),
    ("event edit, outsider", "citizen", lambda d: reverse("groups:event-edit", args=[d["event"].pk]), 403),
    ("event edit, plain member", "member", lambda d: reverse("groups:event-edit", args=[d["event"].pk]), 403),
    (
        "opening of a withdrawn group, outsider",
        "citizen",
        lambda d: d["closed_opening"].get_absolute_url(),
        404,
    ),
    ("opening edit, plain member", "member", lambda d: reverse("groups:opening-edit", args=[d["opening"].pk]), 403),
    ("booking, outsider", "citizen", lambda d: d["booking"].get_absolute_url(), 404),
    ("booking, anonymous", "anonymous", lambda d: d["booking"].get_absolute_url(), 302),
    ("staff booking, other centre", "centre_staff", lambda d: d["other_booking_staff_url"], 404),
    ("staff booking, not staff", "citizen", lambda d: d["other_booking_staff_url"], 403),
    ("lottery entry, outsider", "other_representative", lambda d: d["entry_confirm_url"], 404),
    ("staff lottery, other centre", "centre_staff", lambda d: d["other_round_url"], 403),
    ("rules, other centre", "centre_staff", lambda d: reverse("facilities:staff-policy", args=["east"]), 403),
]


@pytest.fixture
def view_data(role_users: dict[str, Any], policy_data: dict[str, Any]) -> dict[str, Any]:
    group = role_users["_group"]
    return {
        **policy_data,
        "group": group,
        "event": Event.objects.get(group=group),
        "opening": VolunteerOpening.objects.get(group=group),
        "booking": Booking.objects.get(group=group),
        "other_booking_staff_url": reverse(
            "facilities:staff-booking", args=[Booking.objects.get(group=role_users["_other_group"]).pk]
        ),
        "entry_confirm_url": reverse("facilities:entry-confirm", args=[LotteryEntry.objects.get(group=group).pk]),
        "other_round_url": reverse("facilities:staff-lottery", args=[policy_data["other_round"].pk]),
    }


@pytest.mark.parametrize(("name", "role", "url", "expected"), VIEW_CASES, ids=[c[0] for c in VIEW_CASES])
def test_policy_views__not_visible_404__not_allowed_403(
    client: Any, role_users: dict[str, Any], view_data: dict[str, Any], name: str, role: str, url: Any, expected: int
) -> None:
    if role_users[role] is not None:
        client.force_login(role_users[role])
    response = client.get(url(view_data))
    assert response.status_code == expected, name
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))


def test_policy_views__hidden_booking__same_answer_as_missing(
    client: Any, role_users: dict[str, Any], view_data: dict[str, Any]
) -> None:
    client.force_login(role_users["centre_staff"])
    hidden = client.get(view_data["other_booking_staff_url"])
    missing = client.get(reverse("facilities:staff-booking", args=[999_999]))
    assert hidden.status_code == missing.status_code == 404
    assert _without_nonces(hidden.content) == _without_nonces(missing.content)


def _without_nonces(html: bytes) -> bytes:
    # The language switch links to this very address in the other language.
    return re.sub(rb'(nonce|value)="[^"]*"|href="[^"]*"(?= lang=)', b"", html)


def test_booking_policy__attend__party_and_facility_staff(
    role_users: dict[str, Any], policy_data: dict[str, Any]
) -> None:
    """The attendance button and `booking_record_attendance` use this one action."""
    booking = Booking.objects.get(group=role_users["_group"])
    booking_policy.ensure(_fresh_user(role_users, "centre_staff"), "attend", booking)
    with pytest.raises(PermissionDenied):
        booking_policy.ensure(_fresh_user(role_users, "citizen"), "attend", booking)


# --- No builtin PermissionError -------------------------------------------------------------


def test_policy_update__resource_of_another_facility__permission_denied(role_users: dict[str, Any]) -> None:
    facility, other = create_facility(), create_facility()
    room_x = create_room(other, slug="room-x")
    with pytest.raises(PermissionDenied):
        policy_update(
            facility=facility, actor=role_users["city_staff"], data={}, resource=room_x
        )  # not PermissionError (a 500)


def test_app_code__raises_no_builtin_permission_error() -> None:
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for app in ("portal", "groups", "facilities", "collaboration", "subsidies")
        for path in (root / app).rglob("*.py")
        if "raise PermissionError" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


# --- The admin ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["citizen", "reviewer", "centre_staff"])
def test_admin__signed_in_without_admin_rights__one_403_page(
    client: Any, role_users: dict[str, Any], role: str
) -> None:
    """No loop through /admin/login/ and the log-in page: one clear answer."""
    client.force_login(role_users[role])
    for url in (reverse("admin:index"), reverse("admin:login") + "?next=/admin/", "/admin/portal/news/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain == []
        assert response.status_code == 403
        html = response.content.decode()
        assert "管理画面は市の職員用です" in html
        assert f'href="{reverse("portal:home")}"' in html


def test_admin__anonymous__sent_to_log_in_once(client: Any) -> None:
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 200
    assert [url for url, _status in response.redirect_chain][-1].startswith(reverse("account_login"))


def test_staff_dashboard__admin_link_only_for_who_can_use_it(client: Any, role_users: dict[str, Any]) -> None:
    admin_url = reverse("admin:index")
    client.force_login(role_users["centre_staff"])
    assert f'href="{admin_url}"' not in client.get(reverse("portal:staff-dashboard")).content.decode()
    client.force_login(role_users["city_staff"])
    assert f'href="{admin_url}"' in client.get(reverse("portal:staff-dashboard")).content.decode()


def test_policy__anonymous_sees_public_rows_only(policy_data: dict[str, Any]) -> None:
    anonymous = AnonymousUser()
    assert not booking_policy.visible_to(anonymous).exists()
    assert policy_data["pending"] not in group_policy.visible_to(anonymous)
    assert set(facility_policy.visible_to(anonymous)) == set(Facility.objects.filter(Q(is_active=True)))
