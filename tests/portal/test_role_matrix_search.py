"""The site search for every role: public, the same for everyone."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.roles import Case, check_roles, expect, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return {}


CASES: list[Case] = [
    Case("search", lambda data: reverse("portal:search") + "?q=福祉", expect(200)),
    Case("search, empty", lambda data: reverse("portal:search"), expect(200)),
    Case("search, one kind", lambda data: reverse("portal:search") + "?q=ふくし&kind=groups.group", expect(200)),
    Case("search, English", lambda data: "/en" + reverse("portal:search") + "?q=ふくし", expect(200)),
    Case("search, bad kind", lambda data: reverse("portal:search") + "?kind=nope", expect(400)),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)
