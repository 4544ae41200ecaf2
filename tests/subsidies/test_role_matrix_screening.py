"""Every screening URL for every role: portal's committee-review pages (with subsidy
applications) and the 公開審査 pages of the subsidies app.

The reviewer role is a member of the committee; the chair is someone else, so the
chair's pages are city staff's here. Two more users are checked in
test_role_matrix__excluded_and_other_committee: a reviewer excluded from the group's
application (a member of the committee and of the applying group) and a reviewer of
another committee."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.services import membership_add
from portal.models import StaffRole
from portal.review_services import reviewed_object_url
from portal.services import staff_assign
from subsidies.models import PresentationSlot
from subsidies.services.screening import schedule_publish
from tests.factories.groups import reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme
from tests.roles import Case, check_roles, expect, logged_in, matrix_params, with_totp
from tests.subsidies.screening_setup import create_committee, create_reviewed_programme

pytestmark = pytest.mark.django_db


def _reviewer(email: str) -> Any:
    user = with_totp(UserFactory(email=email))
    staff_assign(user=user, role=StaffRole.REVIEWER, actor=None)
    return user


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    excluded = _reviewer("excluded-reviewer@test.example.jp")
    membership_add(group=role_users["_group"], user=excluded, role="member", actor=None)
    other_reviewer = _reviewer("other-committee@test.example.jp")
    committee = create_committee(chair=UserFactory(), members=[role_users["reviewer"], excluded])
    create_committee(chair=UserFactory(), members=[other_reviewer], name="別の審査会")
    programme, (application, other_application) = create_reviewed_programme(
        committee, [role_users["_group"], role_users["_other_group"]]
    )
    day = timezone.now() + datetime.timedelta(days=20)
    for i, app in enumerate((application, other_application)):
        PresentationSlot.objects.create(
            application=app, starts_at=day + datetime.timedelta(minutes=20 * i), minutes=15, place="会議室"
        )
    schedule_publish(actor=reviewing_staff(), programme=programme)
    return {
        "committee": committee,
        "programme": programme,
        "unpublished": create_programme(committee=committee),
        "application": application,
        "other_application": other_application,
        "excluded_reviewer": excluded,
        "other_committee_reviewer": other_reviewer,
    }


STAFF = {"city_staff": 200, "superuser": 200}
COMMITTEE = {"reviewer": 200, **STAFF}


def _committee_url(name: str) -> Any:
    return lambda d: reverse(f"portal:{name}", args=[d["committee"].pk])


CASES = [
    Case("review home", lambda d: reverse("portal:review-home"), logged_in(200)),
    Case("review committee", _committee_url("review-committee"), logged_in(404, **COMMITTEE)),
    Case(
        "review object",
        lambda d: reviewed_object_url(d["committee"], d["application"]),
        logged_in(404, **COMMITTEE),
    ),
    Case(
        "review object, missing",
        lambda d: reverse("portal:review-object", args=[d["committee"].pk, 1, 999999]),
        logged_in(404),
    ),
    Case("review manage", _committee_url("review-manage"), logged_in(404, reviewer=403, **STAFF)),
    Case("review summary", _committee_url("review-summary"), logged_in(404, reviewer=403, **STAFF)),
    Case("review summary csv", _committee_url("review-summary-csv"), logged_in(404, reviewer=403, **STAFF)),
    Case(
        "review score (post), scoring not open",
        lambda d: reviewed_object_url(d["committee"], d["application"]),
        logged_in(404, reviewer=400, city_staff=403, superuser=403),
        method="post",
        data={"action": "score"},
    ),
    Case(
        "review manage open (post), stale",
        _committee_url("review-manage"),
        logged_in(404, reviewer=403, city_staff=409, superuser=409),
        method="post",
        data={"action": "open", "seen_status": "scoring"},
    ),
    Case(
        "staff presentations",
        lambda d: reverse("subsidies:staff-presentations", args=[d["programme"].fiscal_year, d["programme"].slug]),
        logged_in(403, **STAFF),
    ),
    Case(
        "staff presentations, missing programme",
        lambda d: reverse("subsidies:staff-presentations", args=[d["programme"].fiscal_year, "nowhere"]),
        logged_in(403, city_staff=404, superuser=404),
    ),
    Case(
        "public screening",
        lambda d: reverse("subsidies:screening", args=[d["programme"].fiscal_year, d["programme"].slug]),
        expect(200),
    ),
    Case(
        "public screening, not published",
        lambda d: reverse("subsidies:screening", args=[d["unpublished"].fiscal_year, d["unpublished"].slug]),
        expect(404),
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


EXTRA_CASES = [
    # (user, url, expected)
    ("excluded_reviewer", lambda d: reverse("portal:review-home"), 200),
    ("excluded_reviewer", _committee_url("review-committee"), 200),
    ("excluded_reviewer", lambda d: reviewed_object_url(d["committee"], d["application"]), 404),
    ("excluded_reviewer", lambda d: reviewed_object_url(d["committee"], d["other_application"]), 200),
    ("excluded_reviewer", _committee_url("review-manage"), 403),
    ("excluded_reviewer", _committee_url("review-summary"), 403),
    ("excluded_reviewer", _committee_url("review-summary-csv"), 403),
    (
        "excluded_reviewer",
        lambda d: reverse("subsidies:staff-presentations", args=[d["programme"].fiscal_year, d["programme"].slug]),
        403,
    ),
    ("other_committee_reviewer", lambda d: reverse("portal:review-home"), 200),
    ("other_committee_reviewer", _committee_url("review-committee"), 404),
    ("other_committee_reviewer", lambda d: reviewed_object_url(d["committee"], d["application"]), 404),
    ("other_committee_reviewer", lambda d: reviewed_object_url(d["committee"], d["other_application"]), 404),
    ("other_committee_reviewer", _committee_url("review-manage"), 404),
    ("other_committee_reviewer", _committee_url("review-summary"), 404),
    ("other_committee_reviewer", _committee_url("review-summary-csv"), 404),
]


def test_role_matrix__excluded_and_other_committee(client: Any, matrix_data: dict[str, Any]) -> None:
    problems = []
    for who, url_of, expected in EXTRA_CASES:
        client.force_login(matrix_data[who])
        url = url_of(matrix_data)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            want = expected if method == "get" or expected != 200 else status
            if method == "post" and expected in (403, 404) and status == 405:
                continue
            if status != want:
                problems.append(f"{who}: {method.upper()} {url} gave {status}, expected {want}")
    # The excluded reviewer's committee page does not list the application.
    client.force_login(matrix_data["excluded_reviewer"])
    body = client.get(reverse("portal:review-committee", args=[matrix_data["committee"].pk])).content.decode()
    assert matrix_data["application"].title not in body
    assert matrix_data["other_application"].title in body
    assert not problems, "\n".join(problems)
