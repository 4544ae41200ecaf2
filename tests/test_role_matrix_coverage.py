"""Every URL pattern of the project has cases in a role matrix (tests/*/test_role_matrix.py),
which run them for every role in tests.roles.ROLES. A new URL fails this test until a case
for it is added (or it is listed in NO_ROLE_MATRIX with the reason)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import resolve
from django.utils import translation

from tests.collaboration import test_role_matrix_agreements as collaboration_agreements_matrix
from tests.collaboration import test_role_matrix_calls as collaboration_calls_matrix
from tests.collaboration import test_role_matrix_cases as collaboration_cases_matrix
from tests.collaboration import test_role_matrix_endorsements as collaboration_endorsements_matrix
from tests.collaboration import test_role_matrix_evaluations as collaboration_evaluations_matrix
from tests.collaboration import test_role_matrix_projects as collaboration_projects_matrix
from tests.collaboration import test_role_matrix_proposals as collaboration_proposals_matrix
from tests.collaboration import test_role_matrix_window as collaboration_window_matrix
from tests.consultations import test_role_matrix as consultations_matrix
from tests.facilities import test_role_matrix as facilities_matrix
from tests.groups import test_role_matrix as groups_matrix
from tests.groups import test_role_matrix_talent as groups_talent_matrix
from tests.portal import test_role_matrix as portal_matrix
from tests.portal import test_role_matrix_my as portal_my_matrix
from tests.portal import test_role_matrix_newsletter as portal_newsletter_matrix
from tests.portal import test_role_matrix_search as portal_search_matrix
from tests.roles import ROLES, url_names
from tests.subsidies import test_role_matrix_applications as subsidies_applications_matrix
from tests.subsidies import test_role_matrix_catalogue as subsidies_catalogue_matrix
from tests.subsidies import test_role_matrix_grants as subsidies_grants_matrix
from tests.subsidies import test_role_matrix_screening as subsidies_screening_matrix

pytestmark = pytest.mark.django_db

MATRICES = (
    portal_matrix,
    groups_matrix,
    facilities_matrix,
    subsidies_catalogue_matrix,
    subsidies_applications_matrix,
    subsidies_screening_matrix,
    subsidies_grants_matrix,
    collaboration_calls_matrix,
    collaboration_proposals_matrix,
    collaboration_window_matrix,
    collaboration_projects_matrix,
    collaboration_agreements_matrix,
    collaboration_evaluations_matrix,
    collaboration_endorsements_matrix,
    collaboration_cases_matrix,
    portal_search_matrix,
    portal_my_matrix,
    portal_newsletter_matrix,
    groups_talent_matrix,
    consultations_matrix,
)

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


@pytest.mark.parametrize("matrix", MATRICES, ids=lambda m: m.__name__.split(".")[1])
@pytest.mark.parametrize("role", ROLES)
def test_empty_post__refused_where_get_is_refused(
    client: Any, role_users: dict[str, Any], role: str, matrix: Any
) -> None:
    """Every page of the matrices, POSTed empty: a role refused the page (403, 404, or
    the log-in redirect) is refused the POST the same way (or 405: the page takes no
    POST), and nobody gets a 500. POST never grants what GET refuses."""
    data = matrix.build_matrix_data(role_users)
    client.raise_request_exception = False
    problems = []
    for case in matrix.CASES:
        if case.method != "get":
            continue
        if role_users[role] is not None:
            client.force_login(role_users[role])  # again: the log-out page's POST logs out
        with translation.override("ja"):
            url = case.url(data)
        expected = case.expected[role]
        response = client.post(url)
        refused = expected in (403, 404) or (expected == 302 and role == "anonymous")
        if refused and response.status_code not in (expected, 405):
            problems.append(f"{case} as {role}: POST {url} gave {response.status_code}, GET gives {expected}")
        elif response.status_code >= 500:
            problems.append(f"{case} as {role}: POST {url} gave {response.status_code}")
    assert not problems, "\n".join(problems)
