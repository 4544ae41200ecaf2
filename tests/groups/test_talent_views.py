"""Talent-bank pages: registration, requests, the coordinator's work, /my/ and search."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groups.models import CandidacyStatus, ProfileStatus, RequestStatus, TalentProfile, TalentRequest
from groups.talent_registry import coordinator_landing, my_talent
from portal import my_activity, search
from tests.factories.groups import create_group, default_taxonomy, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.talent import coordinator, create_helper, create_request, introduced_request, propose, skill

pytestmark = pytest.mark.django_db


def _profile_post(**overrides: Any) -> dict[str, Any]:
    _fields, areas = default_taxonomy()
    data = {
        "kind": "business",
        "display_name": "みどり会計事務所",
        "skills": [skill("accounting").pk],
        "areas": [areas[0].pk],
        "experience": "会計事務所です",
        "introduction": "会計相談を無料で受けます",
        "weekends": "on",
        "pro_bono": "on",
        "phone": "0467-00-0000",
    }
    data.update(overrides)
    return data


def test_register__post_creates_pending_profile(client: Any) -> None:
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("talent:profile-mine"), _profile_post())
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=user)
    assert profile.status == ProfileStatus.PENDING
    assert profile.kind == "business"


def test_register__bad_input__400_nothing_written(client: Any) -> None:
    client.force_login(UserFactory())
    response = client.post(reverse("talent:profile-mine"), _profile_post(display_name="二行\n名前", pro_bono=""))
    assert response.status_code == 400
    assert not TalentProfile.objects.exists()


def _city_staff() -> Any:
    from tests.roles import with_totp

    return with_totp(reviewing_staff())


def test_public_list__only_approved_and_filters(client: Any) -> None:
    create_helper(display_name="税理士K")
    create_helper(
        display_name="デザイナーM",
        skills=[skill("design")],
        pro_bono=False,
        fee_note="1点2万円",
        introduction="チラシとロゴを作ります",
    )
    create_helper(display_name="審査待ちのT", approved=False)
    search.rebuild(["groups.talent"])  # the test's transaction never commits
    body = client.get(reverse("talent:list")).content.decode()
    assert "税理士K" in body
    assert "デザイナーM" in body
    assert "審査待ちのT" not in body
    body = client.get(reverse("talent:list"), {"skill": "design"}).content.decode()
    assert "デザイナーM" in body
    assert "税理士K" not in body
    body = client.get(reverse("talent:list"), {"pro_bono": "on"}).content.decode()
    assert "デザイナーM" not in body
    body = client.get(reverse("talent:list"), {"q": "かいけい"}).content.decode()  # reading of 会計
    assert "税理士K" in body
    assert "デザイナーM" not in body


def test_public_list__counts_matches_this_year_and_total(client: Any) -> None:
    introduced_request()
    response = client.get(reverse("talent:list"))
    assert response.context["counts"]["total"] == 1
    assert response.context["counts"]["this_year"] == 1


def test_search_kind__indexes_only_approved_profiles() -> None:
    create_helper(display_name="公開の税理士")
    create_helper(display_name="審査中の税理士", approved=False)
    search.rebuild(["groups.talent"])
    titles = set(search.matching("税理士", kind="groups.talent").values_list("title", flat=True))
    assert titles == {"公開の税理士"}


def test_request_create__post_and_refusal(client: Any, role_users: dict[str, Any]) -> None:
    group = role_users["_group"]
    client.force_login(role_users["representative"])
    url = reverse("talent:request-create", args=[group.slug])
    data = {
        "title": "会計の相談",
        "skills": [skill("accounting").pk],
        "description": "決算書を作りたい",
        "period_start": "2099-01-01",
        "period_end": "2098-01-01",
        "budget": "0",
    }
    assert client.post(url, data).status_code == 400
    assert not TalentRequest.objects.exists()
    from django.utils import timezone

    today = timezone.localdate()
    data.update(period_start=today.isoformat(), period_end=today.replace(year=today.year + 1).isoformat())
    response = client.post(url, data)
    assert response.status_code == 302
    assert TalentRequest.objects.get().status == RequestStatus.SUBMITTED


def test_coordinator_flow_through_the_pages(client: Any) -> None:
    coord = coordinator()
    request = create_request()
    helper = create_helper()
    client.force_login(coord)
    response = client.post(
        reverse("talent:request-propose", args=[request.pk]), {"profile": helper.pk, "seen_status": "submitted"}
    )
    assert response.status_code == 302
    candidacy = request.candidacies.get()
    client.force_login(helper.user)
    page = client.get(request.get_absolute_url()).content.decode()
    assert request.group.contact_email not in page
    response = client.post(
        reverse("talent:candidacy-answer", args=[candidacy.pk]), {"decision": "accept", "seen_status": "proposed"}
    )
    assert response.status_code == 302
    client.force_login(coord)
    response = client.post(
        reverse("talent:candidacy-introduce", args=[candidacy.pk]), {"confirm": "on", "seen_status": "accepted"}
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.INTRODUCED
    client.force_login(helper.user)
    page = client.get(request.get_absolute_url()).content.decode()
    assert request.group.contact_email in page


def test_stale_decision__409_nothing_written(client: Any) -> None:
    coord = coordinator()
    request = create_request()
    client.force_login(coord)
    response = client.post(
        reverse("talent:request-close", args=[request.pk]),
        {"outcome": "unmatched", "note": "該当者なし", "seen_status": "proposed"},
    )
    assert response.status_code == 409
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_review__return_without_reason_400(client: Any) -> None:
    profile = create_helper(approved=False)
    client.force_login(_city_staff())
    url = reverse("talent:helper", args=[profile.pk])
    assert client.post(url, {"decision": "return", "seen_status": "pending"}).status_code == 400
    assert client.post(url, {"decision": "approve", "seen_status": "pending"}).status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.APPROVED


def test_review_page__contacts_for_coordinators_only(client: Any) -> None:
    profile = create_helper(phone="090-9999-0000")
    url = reverse("talent:helper", args=[profile.pk])
    client.force_login(_city_staff())
    assert "090-9999-0000" not in client.get(url).content.decode()
    client.force_login(coordinator())
    assert "090-9999-0000" in client.get(url).content.decode()


def test_my_activity__profile_candidacies_and_group_requests(
    client: Any, role_users: dict[str, Any], django_assert_num_queries: Any
) -> None:
    section = next(s for s in my_activity.sections() if s.key == "groups.talent")
    coord = coordinator()
    helper = create_helper(user=role_users["citizen"])
    request = create_request(group=role_users["_group"])
    propose(request, helper, coord)
    items = section.items(role_users["citizen"])
    assert [item["kind"] for item in items] == ["profile", "candidacy"]
    rep = role_users["representative"]
    assert [item["object"] for item in section.items(rep)] == [request]
    assert section.items(role_users["member"]) == []  # a plain member does not see the requests
    create_request(group=create_group(representative=rep))
    rep_again = type(rep).objects.get(pk=rep.pk)
    with django_assert_num_queries(4):
        assert len(my_talent(rep_again)) == 2


def test_coordinator_lands_on_the_queue(role_users: dict[str, Any]) -> None:
    assert coordinator_landing(role_users["coordinator"]) == (75, "talent:queue")
    assert coordinator_landing(role_users["citizen"]) is None
