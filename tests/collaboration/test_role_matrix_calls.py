"""Every calls URL of the collaboration app for every role: the public pages (the
front, the calls, a call; a draft call only for the window) and the window's call
management (city staff of 協働推進課 and the superuser; other staff are refused)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import CallStatus
from portal.models import Department, StaffRole
from portal.services import staff_assign
from tests.factories.collaboration import create_call
from tests.factories.portal import UserFactory
from tests.roles import Case, check_roles, expect, logged_in, matrix_params, with_totp

pytestmark = pytest.mark.django_db

WINDOW = {"city_staff": 200, "superuser": 200}


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    return {
        "call": create_call(slug="matrix-open"),
        "draft_call": create_call(slug="matrix-draft", status=CallStatus.DRAFT, published_at=None),
    }


def _staff(name: str, key: str | None = None) -> Any:
    if key is None:
        return lambda data: reverse(name)
    return lambda data: reverse(name, args=[data[key].pk])


CASES: list[Case] = [
    Case("collaboration index", lambda data: reverse("collaboration:index"), expect(200)),
    Case("call list", lambda data: reverse("collaboration:call-list"), expect(200)),
    Case("open call", lambda data: data["call"].get_absolute_url(), expect(200)),
    Case("draft call", lambda data: data["draft_call"].get_absolute_url(), expect(404, **WINDOW)),
    Case("staff calls", _staff("collaboration:staff-calls"), logged_in(403, **WINDOW)),
    Case("staff call new", _staff("collaboration:staff-call-new"), logged_in(403, **WINDOW)),
    Case("staff call edit", _staff("collaboration:staff-call-edit", "call"), logged_in(403, **WINDOW)),
    Case("staff call status", _staff("collaboration:staff-call-status", "draft_call"), logged_in(403, **WINDOW)),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)


def test_role_matrix__city_staff_of_another_department__not_window(client: Any, matrix_data: dict[str, Any]) -> None:
    """City staff of another department (even a 協働推進員) do not manage calls."""
    user = with_totp(UserFactory(email="fukushi-staff@test.example.jp"))
    department = Department.objects.create(code="fukushi", name="福祉課")
    staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
    client.force_login(user)
    assert client.get(reverse("collaboration:staff-calls")).status_code == 403
    assert client.get(reverse("collaboration:staff-call-edit", args=[matrix_data["call"].pk])).status_code == 403
    assert client.get(matrix_data["draft_call"].get_absolute_url()).status_code == 404
    assert client.get(matrix_data["call"].get_absolute_url()).status_code == 200
