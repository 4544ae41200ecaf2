"""The window's staff pages: the queue, the staff proposal page (what is shown and hidden,
each form's POST effect and refusal), the department page, the decisions page, and the
committee review of proposals through portal's review pages (除斥, ranked summary)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CallStatus, MessageKind, Project, ProposalNote, ProposalRouting, ProposalStatus
from collaboration.services import thread
from collaboration.services import window as services
from portal.review_services import ranked_summary, reviewed_object_url, scoring_open
from tests.factories.collaboration import create_call, create_liaison, create_proposal, create_window_committee
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.subsidies.screening_setup import score

pytestmark = pytest.mark.django_db
P = ProposalStatus


@pytest.fixture(autouse=True)
def _no_staff_mfa(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def w() -> dict[str, Any]:
    staff = reviewing_staff()
    fukushi = DepartmentFactory(code="fukushi")
    kankyo = DepartmentFactory(code="kankyo")
    group = create_group(name="みどり子ども食堂の会")
    proposal = create_proposal(group=group, status=P.SUBMITTED, title="子ども食堂の拡充")
    services.proposal_route(actor=staff, proposal=proposal, department=fukushi, request="福祉課の協力範囲を")
    ProposalNote.objects.create(proposal=proposal, author=staff, body="内部メモ：予算要確認")
    return {
        "staff": staff,
        "fukushi": fukushi,
        "kankyo": kankyo,
        "group": group,
        "rep": group.memberships.get(role="representative").user,
        "proposal": proposal,
        "liaison": create_liaison(fukushi),
        "other_liaison": create_liaison(kankyo),
    }


def _url(proposal: Any) -> str:
    return reverse("collaboration:staff-proposal", args=[proposal.pk])


def test_queue_lists_submitted_and_consulting_drafts(client: Any, w: dict[str, Any]) -> None:
    consulting = create_proposal(
        w["proposal"].call, group=w["group"], title="相談中の案", consultation_requested_at=timezone.now()
    )
    create_proposal(w["proposal"].call, group=w["group"], title="ただの下書き")
    client.force_login(w["staff"])
    response = client.get(reverse("collaboration:staff-proposals"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "子ども食堂の拡充" in body
    assert consulting.title in body
    assert "ただの下書き" not in body
    assert "回答 0/1" in body
    filtered = client.get(reverse("collaboration:staff-proposals"), {"routing": "none"})
    assert "子ども食堂の拡充" not in filtered.content.decode()
    assert client.get(reverse("collaboration:staff-proposals"), {"status": "nope"}).status_code == 400


def test_staff_page_shows_everything_to_the_window(client: Any, w: dict[str, Any]) -> None:
    thread.message_post(actor=w["rep"], proposal=w["proposal"], body="よろしくお願いします")
    client.force_login(w["staff"])
    body = client.get(_url(w["proposal"])).content.decode()
    assert "内部メモ：予算要確認" in body
    assert "提案者には表示されません" in body
    assert "よろしくお願いします" in body
    assert "福祉課の協力範囲を" in body
    assert 'value="route"' in body
    assert 'value="decide"' in body


def test_the_liaison_answers_and_sees_notes_but_cannot_decide(client: Any, w: dict[str, Any]) -> None:
    client.force_login(w["liaison"])
    body = client.get(_url(w["proposal"])).content.decode()
    assert "内部メモ：予算要確認" in body
    assert 'value="decide"' not in body
    assert 'value="route"' not in body
    response = client.post(
        _url(w["proposal"]),
        {"action": "answer", "department": w["fukushi"].pk, "body": "食材の提供先を紹介できます"},
    )
    assert response.status_code == 302
    routing = ProposalRouting.objects.get(proposal=w["proposal"], department=w["fukushi"])
    assert routing.answer == "食材の提供先を紹介できます"
    assert w["proposal"].messages.filter(kind=MessageKind.DEPARTMENT).count() == 1
    refused = client.post(
        _url(w["proposal"]),
        {"action": "decide", "decision": P.NOT_ADOPTED, "reason": "x"},
    )
    assert refused.status_code == 403
    # answering for another department is not offered
    other = client.post(
        _url(w["proposal"]),
        {"action": "answer", "department": w["kankyo"].pk, "body": "x"},
    )
    assert other.status_code == 400


def test_others_get_404(client: Any, w: dict[str, Any]) -> None:
    for user in (w["other_liaison"], w["rep"], UserFactory()):
        client.force_login(user)
        assert client.get(_url(w["proposal"])).status_code == 404
        assert client.post(_url(w["proposal"]), {"action": "note", "body": "x"}).status_code == 404
    assert not ProposalNote.objects.filter(body="x").exists()


def test_note_and_message(client: Any, w: dict[str, Any]) -> None:
    client.force_login(w["staff"])
    assert client.post(_url(w["proposal"]), {"action": "note", "body": "電話で確認済み"}).status_code == 302
    assert ProposalNote.objects.filter(body="電話で確認済み").exists()
    assert client.post(_url(w["proposal"]), {"action": "message", "body": "資料を追加してください"}).status_code == 302
    assert w["proposal"].messages.filter(body="資料を追加してください").exists()
    assert client.post(_url(w["proposal"]), {"action": "message", "body": ""}).status_code == 400
    assert client.post(_url(w["proposal"]), {"action": "bogus"}).status_code == 400


def test_route_unroute_review_and_decide(client: Any, w: dict[str, Any]) -> None:
    proposal = w["proposal"]
    client.force_login(w["staff"])
    response = client.post(_url(proposal), {"action": "route", "department": w["kankyo"].pk, "request": "環境面の確認"})
    assert response.status_code == 302
    assert client.post(_url(proposal), {"action": "unroute", "department": w["kankyo"].pk}).status_code == 302
    assert not proposal.routings.filter(department=w["kankyo"]).exists()
    # no committee: refused with the message
    response = client.post(_url(proposal), {"action": "review", "seen_status": P.SUBMITTED})
    assert response.status_code == 400
    proposal.call.committee = create_window_committee()
    proposal.call.save()
    # stale: 409
    assert client.post(_url(proposal), {"action": "review", "seen_status": P.DRAFT}).status_code == 409
    assert client.post(_url(proposal), {"action": "review", "seen_status": P.SUBMITTED}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == P.IN_REVIEW
    at = (timezone.localtime() + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        _url(proposal),
        {
            "action": "presentation",
            "presentation_at": at,
            "presentation_place": "市役所 会議室",
            "seen_status": P.IN_REVIEW,
        },
    )
    assert response.status_code == 302
    # conditions are required for an adoption with conditions
    missing = client.post(
        _url(proposal),
        {
            "action": "decide",
            "decision": P.CONDITIONAL,
            "reason": "良い",
            "seen_status": P.IN_REVIEW,
        },
    )
    assert missing.status_code == 400
    stale = client.post(
        _url(proposal),
        {
            "action": "decide",
            "decision": P.ADOPTED,
            "reason": "良い",
            "seen_status": P.SUBMITTED,
        },
    )
    assert stale.status_code == 409
    ok = client.post(
        _url(proposal),
        {
            "action": "decide",
            "decision": P.CONDITIONAL,
            "reason": "地域の課題に合う",
            "conditions": "月次報告",
            "seen_status": P.IN_REVIEW,
        },
    )
    assert ok.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.conditions) == (P.CONDITIONAL, "月次報告")


def test_department_page_lists_unanswered_first(client: Any, w: dict[str, Any]) -> None:
    answered = create_proposal(group=w["group"], status=P.SUBMITTED, title="回答済みの提案")
    services.proposal_route(actor=w["staff"], proposal=answered, department=w["fukushi"], request="依頼")
    thread.message_post(actor=w["liaison"], proposal=answered, body="回答", department_id=w["fukushi"].pk)
    client.force_login(w["liaison"])
    body = client.get(reverse("collaboration:staff-department")).content.decode()
    assert body.index("子ども食堂の拡充") < body.index("回答済みの提案")
    client.force_login(w["other_liaison"])
    assert "子ども食堂の拡充" not in client.get(reverse("collaboration:staff-department")).content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("collaboration:staff-department")).status_code == 403


def test_decisions_page_publish(client: Any, w: dict[str, Any]) -> None:
    call = w["proposal"].call
    call.status = CallStatus.CLOSED
    call.save()
    url = reverse("collaboration:staff-call-decisions", args=[call.slug])
    client.force_login(w["staff"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"seen_status": CallStatus.CLOSED}).status_code == 400  # undecided
    services.decision_record(actor=w["staff"], proposal=w["proposal"], decision=P.NOT_ADOPTED, reason="対象外")
    assert client.post(url, {"seen_status": CallStatus.OPEN}).status_code == 409
    assert client.post(url, {"seen_status": CallStatus.CLOSED}).status_code == 302
    call.refresh_from_db()
    assert call.status == CallStatus.ANNOUNCED
    body = client.get(url).content.decode()
    assert "対象外" in body
    assert client.get(reverse("collaboration:staff-call-decisions", args=["nope"])).status_code == 404


# --- committee review through portal's pages ---------------------------------------------------


def test_review_excludes_a_member_of_the_group_and_ranks_scores(client: Any, w: dict[str, Any]) -> None:
    m1, m2 = UserFactory(), UserFactory()
    m3 = UserFactory()
    group_b = create_group(name="里山を守る会", members=(m3,))
    committee = create_window_committee(m1, m2, m3)
    call = create_call(committee=committee)
    a = create_proposal(call, group=w["group"], status=P.SUBMITTED, title="提案A")
    b = create_proposal(call, group=group_b, status=P.SUBMITTED, title="提案B")
    services.proposal_route(actor=w["staff"], proposal=a, department=w["fukushi"], request="依頼")
    thread.message_post(actor=w["liaison"], proposal=a, body="福祉課として協力可能", department_id=w["fukushi"].pk)
    ProposalNote.objects.create(proposal=a, author=w["staff"], body="秘密のメモ")
    for proposal in (a, b):
        services.review_send(actor=w["staff"], proposal=proposal)
    scoring_open(actor=w["staff"], committee=committee)
    client.force_login(m3)
    assert client.get(reviewed_object_url(committee, b)).status_code == 404
    page = client.get(reviewed_object_url(committee, a))
    assert page.status_code == 200
    body = page.content.decode()
    assert "福祉課として協力可能" in body
    assert "秘密のメモ" not in body
    for member, points in ((m1, 5), (m2, 4), (m3, 3)):
        score(member, committee, a, points)
    score(m1, committee, b, 2)
    summary = ranked_summary(committee, [a, b])
    assert [s.obj for s in summary] == [a, b]
    assert summary[0].count == 3
    assert summary[1].count == 1
    client.force_login(w["staff"])
    call.status = CallStatus.CLOSED
    call.save()
    body = client.get(reverse("collaboration:staff-call-decisions", args=[call.slug])).content.decode()
    assert body.index("提案A") < body.index("提案B")
    assert str(summary[0].average) in body
    assert Project.objects.count() == 0


def test_decisions_page_after_publication_with_a_project(client: Any, w: dict[str, Any]) -> None:
    call = w["proposal"].call
    call.status = CallStatus.CLOSED
    call.save()
    proposal = w["proposal"]
    proposal.status = P.IN_REVIEW
    proposal.save()
    services.decision_record(actor=w["staff"], proposal=proposal, decision=P.ADOPTED, reason="必要性が高い")
    services.decisions_publish(actor=w["staff"], call=call)
    client.force_login(w["staff"])
    response = client.get(reverse("collaboration:staff-call-decisions", args=[call.slug]))
    assert response.status_code == 200
    assert Project.objects.get(proposal=proposal).title == proposal.title
    body = client.get(_url(proposal)).content.decode()
    assert "提案者に公表済みです。" in body
    assert 'value="decide"' not in body
