"""Role matrix: /my/ (every signed-in role sees their own page; anonymous goes to log-in)
and the withdrawal of a volunteer application from it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groups.services import application_create
from tests.factories.volunteering import create_opening
from tests.roles import Case, check_roles, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    opening = create_opening(group=role_users["_group"])
    application = application_create(opening=opening, user=role_users["citizen"], message="土曜日なら参加できます。")
    return {"application": application}


CASES: list[Case] = [
    Case("my activity", lambda data: reverse("portal:my"), logged_in(200)),
    # The applicant withdraws (back to /my/); the group's representative sees the
    # application but may not withdraw it; everyone else does not see it.
    Case(
        "volunteer application withdraw",
        lambda data: reverse("groups:application-withdraw", args=[data["application"].pk]),
        logged_in(404, citizen=302, representative=403),
        method="post",
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
