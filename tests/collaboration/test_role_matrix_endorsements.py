"""Every endorsements URL of the collaboration app for every role: the group's requests
for its members (withdrawing and 実施報告 for the representative and editors), nothing
for other groups (404), the window's queue and decision page for the 協働推進課 window
(city staff of "kyodo" and the superuser)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.collaboration import create_endorsement
from tests.roles import Case, check_roles, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    past = timezone.localdate() - datetime.timedelta(days=3)
    return {
        "submitted": create_endorsement(role_users["_group"], event_title="子育てフェスタ"),
        "approved_past": create_endorsement(role_users["_group"], status="approved", starts_on=past, ends_on=past),
        "other": create_endorsement(role_users["_other_group"], kind="cohosting", main_benefit="fee_reduction"),
    }


WINDOW = {"city_staff": 200, "superuser": 200}
GROUP = {"representative": 200, "member": 200}


def _url(name: str, key: str) -> Any:
    return lambda d: reverse(name, args=[d[key].pk])


CASES = [
    Case("endorsement list", lambda d: reverse("collaboration:endorsement-list"), logged_in(200)),
    # Only a group's representative or editors request; others are told they edit no group.
    Case(
        "endorsement new",
        lambda d: reverse("collaboration:endorsement-new"),
        logged_in(403, representative=200, other_representative=200),
    ),
    Case("endorsement (own group)", _url("collaboration:endorsement", "submitted"), logged_in(404, **GROUP, **WINDOW)),
    Case(
        "endorsement (other group)",
        _url("collaboration:endorsement", "other"),
        logged_in(404, other_representative=200, **WINDOW),
    ),
    # Members and the window see the request but do not act for the group.
    Case(
        "endorsement withdraw",
        _url("collaboration:endorsement-withdraw", "submitted"),
        logged_in(404, representative=200, member=403, city_staff=403, superuser=403),
    ),
    Case(
        "endorsement report",
        _url("collaboration:endorsement-report", "approved_past"),
        logged_in(404, representative=200, member=403, city_staff=403, superuser=403),
    ),
    Case("staff endorsements", lambda d: reverse("collaboration:staff-endorsements"), logged_in(403, **WINDOW)),
    Case(
        "staff endorsement",
        _url("collaboration:staff-endorsement", "submitted"),
        logged_in(403, **WINDOW),
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


def test_city_staff_of_another_department_is_not_the_window(client: Any, role_users: dict[str, Any]) -> None:
    """City staff outside 協働推進課 (e.g. a department's 協働推進員) neither see the queue
    nor a group's request."""
    from collaboration.models import Liaison
    from portal.models import StaffRole
    from portal.services import staff_assign
    from tests.factories.portal import DepartmentFactory, UserFactory
    from tests.roles import with_totp

    data = build_matrix_data(role_users)
    department = DepartmentFactory(code="fukushi")
    liaison = with_totp(UserFactory())
    staff_assign(user=liaison, role=StaffRole.CITY_STAFF, department=department, actor=None)
    Liaison.objects.create(department=department, user=liaison)
    client.force_login(liaison)
    assert client.get(reverse("collaboration:staff-endorsements")).status_code == 403
    assert client.get(reverse("collaboration:staff-endorsement", args=[data["submitted"].pk])).status_code == 403
    assert client.get(data["submitted"].get_absolute_url()).status_code == 404
