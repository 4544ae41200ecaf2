"""Every grants-area URL for every role: staff pages for city staff only (403 for the
others, the log-in page for anonymous users); the group's pages for its representative
and editors (403 for plain members and staff, 404 for everyone else); the notices
(PDF) for the group's members and city staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.roles import Case, check_roles, logged_in, matrix_params
from tests.subsidies.grants_flow import build_grants_world

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    data = build_grants_world(role_users)
    programme = data["decide_app"].programme
    data["year"], data["slug"] = programme.fiscal_year, programme.slug
    return data


CITY = {"city_staff": 200, "superuser": 200}
GROUP_EDIT = {"representative": 200, "member": 403, "city_staff": 403, "superuser": 403}
GROUP_VIEW = {"representative": 200, "member": 200, "city_staff": 200, "superuser": 200}


def staff_case(name: str, url: Any, **overrides: int) -> Case:
    return Case(name, url, logged_in(403, **{**CITY, **overrides}))


def _url(name: str, key: str) -> Any:
    return lambda d: reverse(name, args=[d[key].pk])


CASES = [
    staff_case("decisions", lambda d: reverse("subsidies:staff-decisions", args=[d["year"], d["slug"]])),
    staff_case(
        "decisions, unknown programme",
        lambda d: reverse("subsidies:staff-decisions", args=[d["year"], "nowhere"]),
        city_staff=404,
        superuser=404,
    ),
    staff_case(
        "publish decisions", lambda d: reverse("subsidies:staff-decisions-publish", args=[d["year"], d["slug"]])
    ),
    staff_case("decide", _url("subsidies:staff-decide", "decide_app")),
    staff_case("decide, other group's", _url("subsidies:staff-decide", "other_granted_app")),
    staff_case(
        "decide, missing",
        lambda d: reverse("subsidies:staff-decide", args=[999_999]),
        city_staff=404,
        superuser=404,
    ),
    Case(
        "decide (post) reject",
        _url("subsidies:staff-decide", "decide_app"),
        logged_in(403, city_staff=302, superuser=302),
        method="post",
        data={"decision": "reject", "reason": "予算の都合", "seen_status": "accepted"},
    ),
    staff_case("grant", _url("subsidies:staff-grant", "grant_app")),
    staff_case("payment", _url("subsidies:staff-payment", "payment")),
    staff_case(
        "payment, missing", lambda d: reverse("subsidies:staff-payment", args=[999_999]), city_staff=404, superuser=404
    ),
    staff_case("change", _url("subsidies:staff-change", "change")),
    staff_case("report", _url("subsidies:staff-report", "report")),
    staff_case("overdue reports", lambda d: reverse("subsidies:staff-reports-overdue")),
    staff_case("confirm", _url("subsidies:staff-confirm", "reported_app")),
    staff_case("refund", _url("subsidies:staff-refunded", "confirmation")),
    Case("grant notice (PDF)", _url("subsidies:grant-pdf", "granted_app"), logged_in(404, **GROUP_VIEW)),
    Case(
        "grant notice (PDF), other group's",
        _url("subsidies:grant-pdf", "other_granted_app"),
        logged_in(404, other_representative=200, **CITY),
    ),
    Case(
        "grant notice (PDF), not granted yet",
        _url("subsidies:grant-pdf", "grant_app"),
        logged_in(404),
    ),
    Case(
        "confirmation notice (PDF)", _url("subsidies:confirmation-pdf", "confirmed_app"), logged_in(404, **GROUP_VIEW)
    ),
    Case(
        "confirmation notice (PDF), not confirmed yet",
        _url("subsidies:confirmation-pdf", "granted_app"),
        logged_in(404),
    ),
    Case("advance request", _url("subsidies:advance-request", "granted_app"), logged_in(404, **GROUP_EDIT)),
    Case(
        "advance request, other group's",
        _url("subsidies:advance-request", "other_granted_app"),
        logged_in(404, other_representative=200, city_staff=403, superuser=403),
    ),
    Case(
        "advance request (post)",
        _url("subsidies:advance-request", "granted_app"),
        logged_in(404, representative=302, member=403, city_staff=403, superuser=403),
        method="post",
        data={"amount": "1000"},
    ),
    Case("change request", _url("subsidies:change-request", "granted_app"), logged_in(404, **GROUP_EDIT)),
    Case("report", _url("subsidies:report", "granted_app"), logged_in(404, **GROUP_EDIT)),
    Case("report, submitted", _url("subsidies:report", "reported_app"), logged_in(404, **GROUP_EDIT)),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)
