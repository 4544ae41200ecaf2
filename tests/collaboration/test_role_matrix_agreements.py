"""Every agreements URL of the collaboration app for every role."""

from __future__ import annotations

from typing import Any

import pytest

from tests.roles import ROLES, Case, check_case

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    return {}


CASES: list[Case] = []


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], role: str, case: Case
) -> None:
    check_case(client, role_users, matrix_data, role, case)
