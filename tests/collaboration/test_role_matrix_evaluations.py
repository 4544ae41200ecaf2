"""Every evaluations URL of the collaboration app for every role: the rounds of a
project and a round's page for its partners and the staff who manage it (404 for
everyone else, a partner of another project included); the published results are on
the public project page."""

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

CASES: list[Case] = [
    Case(
        "evaluation rounds",
        lambda d: reverse("collaboration:evaluation-rounds", args=[d["ended_project"].slug]),
        logged_in(404, **INSIDERS),
    ),
    Case(
        "evaluation rounds, other project's",
        lambda d: reverse("collaboration:evaluation-rounds", args=[d["other_project"].slug]),
        logged_in(404, other_representative=200, **MANAGERS),
    ),
    Case(
        "evaluation rounds, open (post) by a partner",
        lambda d: reverse("collaboration:evaluation-rounds", args=[d["ended_project"].slug]),
        logged_in(404, representative=403, city_staff=400, superuser=400),
        method="post",
        data={"fiscal_year": "", "is_final": "1"},
    ),
    Case(
        "evaluation round",
        lambda d: reverse("collaboration:evaluation-round", args=[d["round"].pk]),
        logged_in(404, **INSIDERS),
    ),
    Case(
        "evaluation round, released",
        lambda d: reverse("collaboration:evaluation-round", args=[d["released_round"].pk]),
        logged_in(404, **INSIDERS),
    ),
    Case(
        "evaluation round, other project's",
        lambda d: reverse("collaboration:evaluation-round", args=[d["other_round"].pk]),
        logged_in(404, other_representative=200, **MANAGERS),
    ),
    Case(
        "evaluation round, release (post) by a partner",
        lambda d: reverse("collaboration:evaluation-round", args=[d["round"].pk]),
        logged_in(404, representative=403, city_staff=400, superuser=400),
        method="post",
        data={"action": "release", "confirm": "on"},
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
    assert client.get(reverse("collaboration:evaluation-round", args=[data["round"].pk])).status_code == 404
    rounds = reverse("collaboration:evaluation-rounds", args=[data["ended_project"].slug])
    assert client.get(rounds).status_code == 404
