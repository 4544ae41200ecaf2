"""Every URL pattern of the project has cases in a role matrix (tests/*/test_role_matrix.py),
which run them for every role in tests.roles.ROLES. A new URL fails this test until a case
for it is added (or it is listed in NO_ROLE_MATRIX with the reason)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import resolve
from django.utils import translation

from tests.facilities import test_role_matrix as facilities_matrix
from tests.groups import test_role_matrix as groups_matrix
from tests.portal import test_role_matrix as portal_matrix
from tests.roles import url_names

pytestmark = pytest.mark.django_db

MATRICES = (portal_matrix, groups_matrix, facilities_matrix)

# URLs without a role-matrix case, each with the reason.
NO_ROLE_MATRIX: dict[str, str] = {}


def view_name(url: str) -> str:
    """The URL name of a case's address, in the language its prefix names (/en/…)."""
    path = url.split("?")[0]
    with translation.override("en" if path.startswith("/en/") else "ja"):
        return resolve(path).view_name


def test_every_url_has_a_role_matrix_case(role_users: dict[str, Any]) -> None:
    covered: set[str] = set()
    for matrix in MATRICES:
        data = matrix.build_matrix_data(role_users)
        covered |= {view_name(case.url(data)) for case in matrix.CASES}
    missing = url_names() - covered - set(NO_ROLE_MATRIX)
    assert not missing, f"add role-matrix cases (tests/<app>/test_role_matrix.py) for: {sorted(missing)}"
    assert not set(NO_ROLE_MATRIX) & covered, "a URL in NO_ROLE_MATRIX has cases: remove it there"
