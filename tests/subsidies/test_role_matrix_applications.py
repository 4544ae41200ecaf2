"""Every subsidy-application URL for every role: the group's pages for its members
(editing for the representative and editors), staff pages for city staff, private
files for the group, city staff and committee members not excluded (除斥)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.roles import Case, check_roles, logged_in, matrix_params
from tests.subsidies.applying import applications_world

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return applications_world(role_users)


CITY = {"city_staff": 200, "superuser": 200}
GROUP = {"representative": 200, "member": 200}
OTHER_GROUP = {"other_representative": 200}


def _programme_url(name: str, key: str = "programme") -> Any:
    return lambda d: reverse(name, args=[d[key].fiscal_year, d[key].slug])


def _app_url(name: str, key: str) -> Any:
    return lambda d: reverse(name, args=[d[key].pk])


def _file_url(app: str, attachment: str) -> Any:
    return lambda d: reverse("subsidies:attachment", args=[d[app].pk, d[attachment].pk])


CASES = [
    # Starting: the representative's group already applied (its draft); the other
    # group's representative may start; others are told they edit no group (403).
    Case(
        "apply",
        _programme_url("subsidies:apply"),
        logged_in(403, representative=200, other_representative=200),
    ),
    Case(
        "apply, unknown programme",
        lambda d: reverse("subsidies:apply", args=[2026, "nowhere"]),
        logged_in(404),
    ),
    Case("my applications", lambda d: reverse("subsidies:my-applications"), logged_in(200)),
    Case("application (draft)", _app_url("subsidies:application", "draft"), logged_in(404, **GROUP, **CITY)),
    Case(
        "application (accepted)",
        _app_url("subsidies:application", "accepted"),
        logged_in(404, **OTHER_GROUP, **CITY),
    ),
    Case(
        "application edit",
        _app_url("subsidies:application-edit", "draft"),
        logged_in(404, representative=200, member=403, city_staff=403, superuser=403),
    ),
    # Staff edit paper applications they keyed in (窓口代行入力), the group too.
    Case(
        "application edit (counter)",
        _app_url("subsidies:application-edit", "counter"),
        logged_in(404, other_representative=200, **CITY),
    ),
    Case(
        "application submit",
        _app_url("subsidies:application-submit", "draft"),
        logged_in(404, representative=200, member=403, city_staff=403, superuser=403),
    ),
    Case(
        "application withdraw",
        _app_url("subsidies:application-withdraw", "accepted"),
        logged_in(404, other_representative=200, city_staff=403, superuser=403),
    ),
    Case(
        "attachment add",
        _app_url("subsidies:attachment-add", "draft"),
        logged_in(404, representative=200, member=403, city_staff=403, superuser=403),
    ),
    Case(
        "attachment delete (post)",
        lambda d: reverse("subsidies:attachment-delete", args=[d["draft"].pk, d["draft_attachment"].pk]),
        logged_in(404, representative=302, member=403, city_staff=403, superuser=403),
        method="post",
    ),
    Case(
        "attachment of a draft",
        _file_url("draft", "draft_attachment"),
        {**logged_in(404, **GROUP, **CITY), "anonymous": 404},
    ),
    # Accepted: the committee's members who are not excluded may open its files.
    Case(
        "attachment under review",
        _file_url("accepted", "accepted_attachment"),
        {**logged_in(404, **OTHER_GROUP, reviewer=200, **CITY), "anonymous": 404},
    ),
    Case(
        "attachment, reviewer excluded (除斥)",
        _file_url("excluded", "excluded_attachment"),
        {**logged_in(404, **CITY), "anonymous": 404},
    ),
    Case(
        "attachment, another committee",
        _file_url("elsewhere", "elsewhere_attachment"),
        {**logged_in(404, **CITY), "anonymous": 404},
    ),
    Case(
        "attachment, wrong application",
        lambda d: reverse("subsidies:attachment", args=[d["accepted"].pk, d["draft_attachment"].pk]),
        {**logged_in(404), "anonymous": 404},
    ),
    Case("staff queue", _programme_url("subsidies:staff-applications"), logged_in(403, **CITY)),
    Case(
        "staff queue filtered",
        lambda d: (
            reverse("subsidies:staff-applications", args=[d["programme"].fiscal_year, d["programme"].slug])
            + "?status=accepted&requested_min=1000"
        ),
        logged_in(403, **CITY),
    ),
    Case(
        "staff queue, unknown programme",
        lambda d: reverse("subsidies:staff-applications", args=[2026, "nowhere"]),
        logged_in(403, city_staff=404, superuser=404),
    ),
    Case("staff queue csv", _programme_url("subsidies:staff-applications-csv"), logged_in(403, **CITY)),
    Case("staff application", _app_url("subsidies:staff-application", "accepted"), logged_in(403, **CITY)),
    Case("staff counter entry", _programme_url("subsidies:staff-counter"), logged_in(403, **CITY)),
]


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(client: Any, role_users: dict[str, Any], case: Case, roles: tuple[str, ...]) -> None:
    check_roles(client, role_users, build_matrix_data(role_users), case, roles)
