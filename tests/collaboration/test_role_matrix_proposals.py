"""Every proposals URL of the collaboration app for every role.

A group's proposal: its members see it, the representative (and editors) change it,
the window (city staff of 協働推進課, the superuser) sees it but does not write for the
proposer; other groups, citizens and committee members get 404 (the committee reads
proposals through portal's review pages). A business proposal is its account's.
Extra users in their own tests: a 協働推進員 of the routed department (sees it) and of
another department (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import Liaison, ProposalRouting
from portal.models import Department, StaffRole
from portal.services import staff_assign
from tests.factories.collaboration import create_call, create_proposal
from tests.factories.portal import UserFactory
from tests.roles import Case, check_roles, logged_in, matrix_params, with_totp

pytestmark = pytest.mark.django_db

VIEW = {"member": 200, "representative": 200, "city_staff": 200, "superuser": 200}
EDIT = {"member": 403, "representative": 200, "city_staff": 403, "superuser": 403}


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    call = create_call(slug="matrix-proposals")
    groups_only = create_call(slug="matrix-groups-only", businesses_may_propose=False)
    return {
        "call": call,
        "groups_only": groups_only,
        "draft": create_proposal(call, group=role_users["_group"]),
        "business": create_proposal(call, user=role_users["citizen"]),
    }


def _proposal(name: str, key: str = "draft") -> Any:
    return lambda data: reverse(name, args=[data[key].pk])


CASES: list[Case] = [
    Case("my proposals", lambda data: reverse("collaboration:my-proposals"), logged_in(200)),
    Case(
        "proposal start (businesses may propose)",
        lambda data: reverse("collaboration:proposal-start", args=[data["call"].slug]),
        logged_in(200),
    ),
    Case(
        "proposal start (groups only)",
        lambda data: reverse("collaboration:proposal-start", args=[data["groups_only"].slug]),
        logged_in(403, representative=200, other_representative=200),
    ),
    Case("proposal", _proposal("collaboration:proposal"), logged_in(404, **VIEW)),
    Case("proposal edit", _proposal("collaboration:proposal-edit"), logged_in(404, **EDIT)),
    Case("proposal submit", _proposal("collaboration:proposal-submit"), logged_in(404, **EDIT)),
    Case("proposal withdraw", _proposal("collaboration:proposal-withdraw"), logged_in(404, **EDIT)),
    Case("proposal message", _proposal("collaboration:proposal-message"), logged_in(404, **EDIT)),
    Case("proposal consultation", _proposal("collaboration:proposal-consultation"), logged_in(404, **EDIT)),
    Case(
        "business proposal",
        _proposal("collaboration:proposal", "business"),
        logged_in(404, citizen=200, city_staff=200, superuser=200),
    ),
    Case(
        "business proposal edit",
        _proposal("collaboration:proposal-edit", "business"),
        logged_in(404, citizen=200, city_staff=403, superuser=403),
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


def _liaison(code: str, email: str) -> tuple[Any, Department]:
    user = with_totp(UserFactory(email=email))
    department = Department.objects.create(code=code, name=code)
    staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
    Liaison.objects.create(department=department, user=user)
    return user, department


def test_role_matrix__liaisons_of_routed_and_other_department(client: Any, matrix_data: dict[str, Any]) -> None:
    """The 協働推進員 of a department the proposal is routed to sees it (but does not
    write for the proposer); the 協働推進員 of another department gets 404."""
    routed_user, routed = _liaison("fukushi", "liaison@test.example.jp")
    other_user, _other = _liaison("kankyo", "liaison2@test.example.jp")
    proposal = matrix_data["draft"]
    ProposalRouting.objects.create(proposal=proposal, department=routed)
    client.force_login(routed_user)
    assert client.get(reverse("collaboration:proposal", args=[proposal.pk])).status_code == 200
    assert client.get(reverse("collaboration:proposal-edit", args=[proposal.pk])).status_code == 403
    client.force_login(other_user)
    for name in ("collaboration:proposal", "collaboration:proposal-edit", "collaboration:proposal-message"):
        assert client.get(reverse(name, args=[proposal.pk])).status_code == 404
