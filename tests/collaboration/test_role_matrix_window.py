"""Every window URL of the collaboration app for every role, and the extra people: a
協働推進員 of the department the proposal is routed to, and one of another department."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import CallStatus, ProposalStatus
from collaboration.services import window as services
from tests.factories.collaboration import create_call, create_liaison, create_proposal
from tests.factories.groups import reviewing_staff
from tests.factories.portal import DepartmentFactory
from tests.roles import Case, check_roles, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    fukushi = DepartmentFactory(code="fukushi")
    call = create_call(status=CallStatus.CLOSED)
    proposal = create_proposal(call, group=role_users["_group"], status=ProposalStatus.SUBMITTED)
    services.proposal_route(actor=reviewing_staff(), proposal=proposal, department=fukushi, request="協力の可否")
    return {"call": call, "proposal": proposal, "fukushi": fukushi}


WINDOW = {"city_staff": 200, "superuser": 200}

CASES: list[Case] = [
    Case("window queue", lambda d: reverse("collaboration:staff-proposals"), logged_in(403, **WINDOW)),
    Case(
        "staff proposal page",
        lambda d: reverse("collaboration:staff-proposal", args=[d["proposal"].pk]),
        logged_in(404, **WINDOW),
    ),
    Case("department page", lambda d: reverse("collaboration:staff-department"), logged_in(403, **WINDOW)),
    Case(
        "call decisions",
        lambda d: reverse("collaboration:staff-call-decisions", args=[d["call"].slug]),
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


def test_liaison_of_the_routed_department(client: Any, matrix_data: dict[str, Any]) -> None:
    client.force_login(create_liaison(matrix_data["fukushi"]))
    proposal_url = reverse("collaboration:staff-proposal", args=[matrix_data["proposal"].pk])
    assert client.get(proposal_url).status_code == 200
    assert client.get(reverse("collaboration:staff-department")).status_code == 200
    assert client.get(reverse("collaboration:staff-proposals")).status_code == 403
    decisions = reverse("collaboration:staff-call-decisions", args=[matrix_data["call"].slug])
    assert client.get(decisions).status_code == 403


def test_liaison_of_another_department(client: Any, matrix_data: dict[str, Any]) -> None:
    client.force_login(create_liaison(DepartmentFactory(code="kankyo_seisaku")))
    proposal_url = reverse("collaboration:staff-proposal", args=[matrix_data["proposal"].pk])
    assert client.get(proposal_url).status_code == 404
    assert client.post(proposal_url, {"action": "note", "body": "x"}).status_code == 404
    assert client.get(reverse("collaboration:staff-department")).status_code == 200
    assert client.get(reverse("collaboration:staff-proposals")).status_code == 403
