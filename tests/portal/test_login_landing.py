"""After log-in each role lands on its work; an explicit `next` still wins."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import override_settings
from django.urls import reverse

from facilities.models import FacilityStaff
from portal.models import StaffRole, User
from portal.services import staff_assign
from tests.factories.facilities import create_facility
from tests.factories.groups import create_group
from tests.factories.portal import TEST_PASSWORD, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _user(role: str) -> User:
    user = UserFactory(email=f"{role}@landing.example.jp")
    if role == "city_staff":
        staff_assign(user=user, role=StaffRole.CITY_STAFF, department=DepartmentFactory(), actor=None)
    elif role == "centre_staff":
        staff_assign(user=user, role=StaffRole.CENTRE_STAFF, actor=None)
        FacilityStaff.objects.create(facility=create_facility(slug="central"), user=user)
    elif role == "reviewer":
        staff_assign(user=user, role=StaffRole.REVIEWER, actor=None)
    elif role == "superuser":
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    elif role == "representative":
        create_group(representative=user)
    elif role == "member":
        create_group(members=(user,))
    return user


def _login(client: Any, user: User, **query: str) -> Any:
    url = reverse("account_login")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(url, {"login": user.email, "password": TEST_PASSWORD})


@override_settings(STAFF_MFA_REQUIRED=False)
@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("citizen", "portal:my"),
        ("member", "groups:mine"),
        ("representative", "groups:mine"),
        ("reviewer", "portal:my"),
        ("centre_staff", "facilities:staff"),
        ("city_staff", "groups:review-queue"),
        ("superuser", "portal:staff-dashboard"),
    ],
)
def test_login__each_role_lands_on_its_work(client: Any, role: str, landing: str) -> None:
    response = _login(client, _user(role))
    assert response.status_code == 302
    assert response["Location"] == reverse(landing)
    assert client.get(response["Location"]).status_code == 200


@override_settings(STAFF_MFA_REQUIRED=False)
def test_login__next_still_wins(client: Any) -> None:
    response = _login(client, _user("city_staff"), next="/events/")
    assert response["Location"] == "/events/"


@override_settings(STAFF_MFA_REQUIRED=False)
def test_login__city_staff_who_is_also_a_member_lands_on_the_queue(client: Any) -> None:
    user = _user("city_staff")
    create_group(members=(user,))
    assert _login(client, user)["Location"] == reverse("groups:review-queue")


def test_login__landing_in_the_preferred_language(client: Any) -> None:
    user = _user("member")
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    assert _login(client, user)["Location"] == "/en/groups/mine/"


def test_login__staff_land_on_their_queue_after_the_second_factor(client: Any) -> None:
    user = _user("centre_staff")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = _login(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:staff")
