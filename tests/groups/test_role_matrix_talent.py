"""Every talent-bank URL for every role, and who sees what: a helper only their own
candidacies, a group's editors only their requests, contact details nowhere public."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groups.services import talent as services
from tests.factories.portal import UserFactory
from tests.factories.talent import coordinator, create_helper, create_request, propose
from tests.roles import Case, check_roles, expect, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The citizen is a helper, proposed for the group's request (`request`) and
    introduced on another (`introduced`); `accepted` waits for an introduction."""
    group = role_users["_group"]
    coord = coordinator(email="matrix-coord@test.example.jp")
    citizen_helper = create_helper(user=role_users["citizen"], phone="090-0000-1111")
    other_helper = create_helper(user=UserFactory(), display_name="社労士S")
    pending_helper = create_helper(user=UserFactory(), approved=False, display_name="審査待ちのT")
    request = create_request(group=group)
    proposed = propose(request, citizen_helper, coord)
    introduced = create_request(group=group, title="広報チラシのデザイン")
    services.candidacy_answer(
        candidacy=propose(introduced, citizen_helper, coord), actor=citizen_helper.user, accept=True
    )
    services.candidacy_introduce(candidacy=introduced.candidacies.get(), actor=coord)
    waiting = create_request(group=group, title="労務の相談")
    accepted = propose(waiting, other_helper, coord)
    services.candidacy_answer(candidacy=accepted, actor=other_helper.user, accept=True)
    return {
        "group": group,
        "request": request,
        "introduced": introduced,
        "proposed": proposed,
        "accepted": accepted,
        "other_helper": other_helper,
        "pending_helper": pending_helper,
    }


def _pk(name: str, key: str) -> Any:
    return lambda d: reverse(f"talent:{name}", args=[d[key].pk])


MATCHERS = {"coordinator": 302, "superuser": 302}
REVIEWERS = {"centre_staff": 200, "coordinator": 200, "city_staff": 200, "superuser": 200}

CASES = [
    Case("talent list", lambda d: reverse("talent:list"), expect(200)),
    Case("my talent profile", lambda d: reverse("talent:profile-mine"), logged_in(200)),
    Case(
        "withdraw profile",
        lambda d: reverse("talent:profile-withdraw"),
        logged_in(403, citizen=302),
        method="post",
        data={"confirm": "on"},
    ),
    Case(
        "request create",
        lambda d: reverse("talent:request-create", args=[d["group"].slug]),
        logged_in(403, representative=200),
    ),
    Case(
        "request",
        _pk("request", "request"),
        logged_in(404, citizen=200, representative=200, coordinator=200, superuser=200),
    ),
    Case(
        "request cancel",
        _pk("request-cancel", "request"),
        logged_in(404, citizen=403, representative=302, coordinator=403, superuser=403),
        method="post",
        data={"confirm": "on"},
    ),
    Case(
        "request propose",
        _pk("request-propose", "request"),
        # No helper number in a static case: a coordinator gets past the permission
        # check to the form's 400 (test_propose_case_posts_a_real_helper proposes one).
        logged_in(404, citizen=403, representative=403, coordinator=400, superuser=400),
        method="post",
        data={"message": "お願いします"},
    ),
    Case(
        "request close",
        _pk("request-close", "request"),
        logged_in(404, citizen=403, representative=403, **MATCHERS),
        method="post",
        data={"outcome": "unmatched", "note": "該当者なし"},
    ),
    Case(
        "request feedback",
        _pk("request-feedback", "introduced"),
        logged_in(404, citizen=302, representative=302, coordinator=403, superuser=403),
        method="post",
        data={"rating": "5", "comment": "助かりました"},
    ),
    Case(
        "candidacy answer",
        _pk("candidacy-answer", "proposed"),
        logged_in(404, citizen=302, coordinator=403, superuser=403),
        method="post",
        data={"decision": "accept"},
    ),
    Case(
        "candidacy introduce",
        _pk("candidacy-introduce", "accepted"),
        logged_in(404, **MATCHERS),
        method="post",
        data={"confirm": "on"},
    ),
    Case("coordinator queue", lambda d: reverse("talent:queue"), logged_in(403, coordinator=200, superuser=200)),
    Case("bank", lambda d: reverse("talent:bank"), logged_in(403, **REVIEWERS)),
    Case("helper review", _pk("helper", "pending_helper"), logged_in(403, **REVIEWERS)),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)


def test_propose_case_posts_a_real_helper(client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]) -> None:
    client.force_login(role_users["coordinator"])
    url = reverse("talent:request-propose", args=[matrix_data["request"].pk])
    response = client.post(url, {"profile": matrix_data["other_helper"].pk, "message": ""})
    assert response.status_code == 302
    assert matrix_data["request"].candidacies.filter(profile=matrix_data["other_helper"]).exists()


def test_helper_sees_only_their_candidacies(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]
) -> None:
    client.force_login(role_users["citizen"])
    response = client.get(reverse("talent:request", args=[matrix_data["request"].pk]))
    body = response.content.decode()
    assert "社労士S" not in body  # another candidate is not shown to a helper
    assert matrix_data["group"].contact_email not in body  # not introduced on this request
    other = client.get(reverse("talent:request", args=[matrix_data["accepted"].request_id]))
    assert other.status_code == 404


def test_group_editor_sees_only_its_requests(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]
) -> None:
    client.force_login(role_users["other_representative"])
    assert client.get(reverse("talent:request", args=[matrix_data["request"].pk])).status_code == 404
    client.force_login(role_users["representative"])
    body = client.get(reverse("talent:request", args=[matrix_data["request"].pk])).content.decode()
    assert role_users["citizen"].email not in body  # the candidate's contact before introduction


def test_contacts_only_after_introduction(client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]) -> None:
    client.force_login(role_users["representative"])
    body = client.get(reverse("talent:request", args=[matrix_data["introduced"].pk])).content.decode()
    assert role_users["citizen"].email in body
    assert "090-0000-1111" in body
    client.force_login(role_users["citizen"])
    body = client.get(reverse("talent:request", args=[matrix_data["introduced"].pk])).content.decode()
    assert matrix_data["group"].contact_email in body


def test_contact_details_appear_nowhere_public(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]
) -> None:
    from portal import search

    search.rebuild(["groups.talent"])  # the test's transaction never commits
    helper = role_users["citizen"]
    pages = [reverse("talent:list"), reverse("talent:list") + "?q=税理士", reverse("portal:search") + "?q=税理士"]
    for url in pages:
        body = client.get(url).content.decode()
        assert helper.email not in body, url
        assert "090-0000-1111" not in body, url
        assert helper.full_name not in body, url
    assert "審査待ちのT" not in client.get(reverse("talent:list")).content.decode()
    assert "税理士K" in client.get(reverse("talent:list") + "?q=ぜいりし").content.decode()  # found, anonymised
