"""Every agreements URL of the collaboration app for every role: the agreement pages for
the project's partners (the group's representative; the window's staff act for the
window's department) and the staff who manage the project; 404 for everyone else,
a partner of another project included; drafting for managers only (403 for the
others, who see the published project)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories.collaboration import build_agreements_world
from tests.roles import Case, check_roles, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    return build_agreements_world(role_users)


INSIDERS = {"representative": 200, "city_staff": 200, "superuser": 200}
MANAGERS = {"city_staff": 200, "superuser": 200}


def _pk(name: str, key: str, *, suffix: str = "") -> Any:
    return lambda d: reverse(name, args=[d[key].pk]) + suffix


CASES: list[Case] = [
    Case("agreement", _pk("collaboration:agreement", "agreement"), logged_in(404, **INSIDERS)),
    Case(
        "agreement, other project's",
        _pk("collaboration:agreement", "other_agreement"),
        logged_in(404, other_representative=200, **MANAGERS),
    ),
    Case("agreement, circulating", _pk("collaboration:agreement", "circulating"), logged_in(404, **INSIDERS)),
    Case("agreement, missing", lambda d: reverse("collaboration:agreement", args=[999_999]), logged_in(404)),
    Case("agreement PDF", _pk("collaboration:agreement-pdf", "agreement"), logged_in(404, **INSIDERS)),
    Case(
        "agreement PDF, other project's",
        _pk("collaboration:agreement-pdf", "other_agreement"),
        logged_in(404, other_representative=200, **MANAGERS),
    ),
    Case(
        "agreement new",
        lambda d: reverse("collaboration:agreement-new", args=[d["bare_project"].slug]),
        logged_in(403, **MANAGERS),
    ),
    Case(
        "agreement new, unknown project",
        lambda d: reverse("collaboration:agreement-new", args=["nowhere"]),
        logged_in(404),
    ),
    Case(
        "agreement new (post) as a partner",
        lambda d: reverse("collaboration:agreement-new", args=[d["bare_project"].slug]),
        logged_in(403, city_staff=400, superuser=400),
        method="post",
        data={"title": ""},
    ),
    Case(
        "agreement edit", _pk("collaboration:agreement-edit", "draft"), logged_in(404, representative=403, **MANAGERS)
    ),
    Case(
        "agreement edit, in force (back to the agreement)",
        _pk("collaboration:agreement-edit", "agreement"),
        logged_in(404, representative=403, city_staff=302, superuser=302),
    ),
    Case(
        "agreement confirm (post)",
        _pk("collaboration:agreement", "circulating"),
        logged_in(404, representative=400, city_staff=400, superuser=403),
        method="post",
        data={"action": "confirm", "partner": "", "seen_status": "circulating"},
    ),
    Case(
        "agreement circulate (post) by a partner",
        _pk("collaboration:agreement", "draft"),
        logged_in(404, representative=403, city_staff=302, superuser=302),
        method="post",
        data={"action": "circulate", "seen_status": "draft"},
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


def test_liaison_of_another_department__404(client: Any, role_users: dict[str, Any]) -> None:
    """A 協働推進員 (city staff) of a department that is not a partner nor in charge."""
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
    assert client.get(reverse("collaboration:agreement", args=[data["agreement"].pk])).status_code == 404
    assert client.get(reverse("collaboration:agreement-pdf", args=[data["agreement"].pk])).status_code == 404
    new = reverse("collaboration:agreement-new", args=[data["bare_project"].slug])
    assert client.get(new).status_code == 403
