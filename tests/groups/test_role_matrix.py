"""Every groups URL for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groups.services import attachment_add
from tests.factories.groups import apply_for_group
from tests.factories.portal import UserFactory
from tests.roles import Case, check_roles, expect, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    group = role_users["_group"]
    attachment = attachment_add(
        group=group,
        actor=role_users["representative"],
        kind="rules",
        upload=SimpleUploadedFile("rules.pdf", b"%PDF-1.4\n", "application/pdf"),
    )
    from groups.services import membership_invite

    invitation = membership_invite(
        group=group, actor=role_users["representative"], email="invitee@example.jp", role="member"
    )
    from groups.services import event_create
    from tests.factories.events import event_data

    event = event_create(
        actor=role_users["representative"], group=group, data=event_data(capacity=5, requires_signup=True)
    )
    from tests.factories.volunteering import create_opening

    return {
        "opening": create_opening(group=group),
        "event": event,
        "group": group,
        "pending": apply_for_group(applicant=UserFactory()),
        "attachment": attachment,
        "invitation": invitation,
    }


def _url(name: str, key: str = "group") -> Any:
    return lambda d: reverse(f"groups:{name}", args=[d[key].slug])


STAFF = {"city_staff": 200, "superuser": 200}
MEMBERS = {"representative": 200, "member": 200, **STAFF}
REP_ONLY = {"representative": 200}

CASES = [
    Case("directory", lambda d: reverse("groups:list"), expect(200)),
    Case("directory search", lambda d: reverse("groups:list") + "?q=福祉", expect(200)),
    Case("profile", _url("detail"), expect(200)),
    Case("pending profile", _url("detail", "pending"), expect(404, **STAFF)),
    Case("missing profile", lambda d: reverse("groups:detail", args=["no-such-group"]), expect(404)),
    Case("register", lambda d: reverse("groups:register"), logged_in(200)),
    Case("my groups", lambda d: reverse("groups:mine"), logged_in(200)),
    Case("manage", _url("manage"), logged_in(403, **MEMBERS)),
    Case("manage pending", _url("manage", "pending"), logged_in(404, **STAFF)),
    Case("edit", _url("edit"), logged_in(403, **REP_ONLY)),
    Case("members", _url("members"), logged_in(403, **MEMBERS)),
    Case(
        "members invite (post)",
        _url("members"),
        logged_in(403, representative=302),
        method="post",
        data={"action": "invite", "email": "x@example.jp", "role": "member"},
    ),
    Case("invitation", lambda d: reverse("groups:invitation", args=[d["invitation"].token]), logged_in(200)),
    Case("resubmit", _url("resubmit"), logged_in(403, **REP_ONLY)),
    Case("renew", _url("renew"), logged_in(403, **REP_ONLY)),
    Case("withdraw", _url("withdraw"), logged_in(403, **REP_ONLY)),
    Case(
        "attachment",
        lambda d: reverse("groups:attachment", args=[d["group"].slug, d["attachment"].pk]),
        logged_in(403, **MEMBERS),
    ),
    Case("events", lambda d: reverse("groups:event-list"), expect(200)),
    Case("events calendar", lambda d: reverse("groups:event-list") + "?month=2026-12", expect(200)),
    Case("events feed", lambda d: reverse("groups:event-feed"), expect(200)),
    Case("event", lambda d: d["event"].get_absolute_url(), expect(200)),
    Case("event ics", lambda d: reverse("groups:event-ics", args=[d["event"].pk]), expect(200)),
    Case("missing event", lambda d: reverse("groups:event-detail", args=[999999]), expect(404)),
    Case("post event", _url("event-create"), logged_in(403, representative=200)),
    Case("post department event", lambda d: reverse("groups:department-event-create"), logged_in(403, **STAFF)),
    Case(
        "edit event",
        lambda d: reverse("groups:event-edit", args=[d["event"].pk]),
        logged_in(403, **REP_ONLY, superuser=200),
    ),
    Case(
        "participants",
        lambda d: reverse("groups:event-participants", args=[d["event"].pk]),
        logged_in(403, **REP_ONLY, superuser=200),
    ),
    Case(
        "participants csv",
        lambda d: reverse("groups:event-participants-csv", args=[d["event"].pk]),
        logged_in(403, **REP_ONLY, superuser=200),
    ),
    Case(
        "cancel event",
        lambda d: reverse("groups:event-cancel", args=[d["event"].pk]),
        logged_in(403, **REP_ONLY, superuser=200),
    ),
    Case("sign up", lambda d: reverse("groups:event-signup", args=[d["event"].pk]), logged_in(302), method="post"),
    Case(
        "cancel sign-up (none)",
        lambda d: reverse("groups:event-signup-cancel", args=[d["event"].pk]),
        logged_in(404),
        method="post",
    ),
    Case("openings", lambda d: reverse("groups:opening-list"), expect(200)),
    Case("opening", lambda d: d["opening"].get_absolute_url(), expect(200)),
    Case(
        "apply (empty)",
        lambda d: reverse("groups:opening-apply", args=[d["opening"].pk]),
        logged_in(400),
        method="post",
    ),
    Case("post opening", _url("opening-create"), logged_in(403, representative=200)),
    Case("edit opening", lambda d: reverse("groups:opening-edit", args=[d["opening"].pk]), logged_in(403, **REP_ONLY)),
    Case(
        "close opening", lambda d: reverse("groups:opening-close", args=[d["opening"].pk]), logged_in(403, **REP_ONLY)
    ),
    Case(
        "opening applications",
        lambda d: reverse("groups:opening-applications", args=[d["opening"].pk]),
        logged_in(403, **REP_ONLY),
    ),
    Case("contact", _url("contact"), expect(200)),
    Case("contact pending", _url("contact", "pending"), expect(404, **STAFF)),
    Case("open data", lambda d: reverse("groups:opendata"), expect(200)),
    Case("open data groups csv", lambda d: reverse("groups:opendata-groups-csv"), expect(200)),
    Case("open data groups json", lambda d: reverse("groups:opendata-groups-json"), expect(200)),
    Case("open data events csv", lambda d: reverse("groups:opendata-events-csv"), expect(200)),
    Case("review queue", lambda d: reverse("groups:review-queue"), logged_in(403, **STAFF)),
    Case("review", _url("review", "pending"), logged_in(403, **STAFF)),
    Case(
        "review decision",
        _url("review", "pending"),
        logged_in(403, city_staff=400, superuser=400),
        method="post",
        data={"decision": "return", "reason": "", "seen_status": "pending"},
    ),
    Case(
        "withdraw (post)",
        _url("withdraw"),
        logged_in(403, representative=400),
        method="post",
        data={},
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
