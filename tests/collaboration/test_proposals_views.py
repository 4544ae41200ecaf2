"""The proposer's pages: start, edit, submit, withdraw, the proposal's page with its
thread (never the staff's notes), 事前相談, the decision only once published."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import (
    MessageKind,
    Proposal,
    ProposalMessage,
    ProposalNote,
    ProposalRouting,
    ProposalStatus,
)
from portal.models import Department
from tests.collaboration.calls_setup import draft
from tests.factories.collaboration import create_call, create_proposal

pytestmark = pytest.mark.django_db

P = ProposalStatus


@pytest.fixture
def s(role_users: dict[str, Any]) -> dict[str, Any]:
    return {"call": create_call(), "group": role_users["_group"], "rep": role_users["representative"]}


def test_start__as_group__creates_draft(client: Any, s: dict[str, Any]) -> None:
    client.force_login(s["rep"])
    url = reverse("collaboration:proposal-start", args=[s["call"].slug])
    response = client.post(url, {"proposer": str(s["group"].pk), "title": "空き家カフェ"})
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("collaboration:proposal-edit", args=[proposal.pk])
    assert proposal.group == s["group"]


def test_start__as_business__needs_name(client: Any, role_users: dict[str, Any], s: dict[str, Any]) -> None:
    client.force_login(role_users["citizen"])
    url = reverse("collaboration:proposal-start", args=[s["call"].slug])
    assert client.post(url, {"proposer": "business", "title": "植樹"}).status_code == 400
    assert not Proposal.objects.exists()
    assert client.post(url, {"proposer": "business", "business_name": "みどり商事", "title": "植樹"}).status_code == 302
    assert Proposal.objects.get().business_name == "みどり商事"


def test_start__another_groups_id__refused(client: Any, role_users: dict[str, Any], s: dict[str, Any]) -> None:
    client.force_login(s["rep"])
    url = reverse("collaboration:proposal-start", args=[s["call"].slug])
    response = client.post(url, {"proposer": str(role_users["_other_group"].pk), "title": "x"})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_start__closed_call__400(client: Any, s: dict[str, Any]) -> None:
    call = create_call(status="closed")
    client.force_login(s["rep"])
    url = reverse("collaboration:proposal-start", args=[call.slug])
    assert client.get(url).status_code == 400
    assert client.post(url, {"proposer": str(s["group"].pk), "title": "x"}).status_code == 400
    assert not Proposal.objects.exists()


def test_edit_then_submit(client: Any, s: dict[str, Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"])
    client.force_login(s["rep"])
    data = {
        "title": "新しい題名",
        "issue": "課題",
        "content": "内容",
        "target": "高齢者",
        "roles": "役割",
        "budget_total": "400000",
        "cost_sharing": "分担",
        "starts_on": s["call"].starts_on.isoformat(),
        "ends_on": s["call"].ends_on.isoformat(),
        "schedule": "予定",
        "capability": "実績",
        "action": "submit",
    }
    response = client.post(reverse("collaboration:proposal-edit", args=[proposal.pk]), data)
    assert response.url == reverse("collaboration:proposal-submit", args=[proposal.pk])
    proposal.refresh_from_db()
    assert proposal.title == "新しい題名"
    submit_url = reverse("collaboration:proposal-submit", args=[proposal.pk])
    assert client.get(submit_url).context["problems"] == []
    response = client.post(submit_url, {"seen_status": "draft"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == P.SUBMITTED
    assert proposal.receipt_number
    # submitted: the edit page sends back to the proposal, a second submission is stale
    assert client.get(reverse("collaboration:proposal-edit", args=[proposal.pk])).status_code == 302
    assert client.post(submit_url, {"seen_status": "draft"}).status_code == 409


def test_submit__problems_listed_and_400(client: Any, s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"], budget_total=5_000_000)
    client.force_login(s["rep"])
    url = reverse("collaboration:proposal-submit", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert "submission-problems" in page
    assert client.post(url, {"seen_status": "draft"}).status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == P.DRAFT


def test_edit__line_break_in_title__400(client: Any, s: dict[str, Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"])
    client.force_login(s["rep"])
    response = client.post(reverse("collaboration:proposal-edit", args=[proposal.pk]), {"title": "a\nb"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert "\n" not in proposal.title


def test_withdraw(client: Any, s: dict[str, Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"], status=P.SUBMITTED)
    client.force_login(s["rep"])
    url = reverse("collaboration:proposal-withdraw", args=[proposal.pk])
    assert client.post(url, {"seen_status": "draft"}).status_code == 409
    assert client.post(url, {"seen_status": "submitted"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == P.WITHDRAWN


def test_detail__thread_answers_never_notes(client: Any, role_users: dict[str, Any], s: dict[str, Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"], status=P.SUBMITTED)
    department = Department.objects.create(code="fukushi", name="福祉課")
    ProposalRouting.objects.create(proposal=proposal, department=department)
    ProposalMessage.objects.create(proposal=proposal, author=s["rep"], body="よろしくお願いします")
    ProposalMessage.objects.create(
        proposal=proposal, kind=MessageKind.DEPARTMENT, department=department, body="福祉課として協力できます"
    )
    ProposalNote.objects.create(proposal=proposal, body="内部メモ：予算に懸念")
    client.force_login(role_users["member"])
    response = client.get(proposal.get_absolute_url())
    page = response.content.decode()
    assert "よろしくお願いします" in page
    assert "福祉課として協力できます" in page
    assert [m.body for m in response.context["answers"]] == ["福祉課として協力できます"]
    assert "内部メモ" not in page
    assert reverse("collaboration:proposal-message", args=[proposal.pk]) not in page  # members read only


def test_detail__decision_only_when_published(client: Any, s: dict[str, Any]) -> None:
    proposal = create_proposal(
        s["call"],
        group=s["group"],
        status=P.CONDITIONAL,
        decision_reason="効果が見込める",
        conditions="中間報告を出すこと",
        presentation_at=timezone.now(),
        presentation_place="第1会議室",
    )
    client.force_login(s["rep"])
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "第1会議室" in page
    assert "効果が見込める" not in page
    assert "中間報告を出すこと" not in page
    Proposal.objects.filter(pk=proposal.pk).update(decision_published_at=timezone.now())
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "効果が見込める" in page
    assert "中間報告を出すこと" in page


def test_message_and_consultation(client: Any, s: dict[str, Any], mailoutbox: list[Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"])
    client.force_login(s["rep"])
    response = client.post(reverse("collaboration:proposal-message", args=[proposal.pk]), {"body": "質問です"})
    assert response.status_code == 302
    response = client.post(
        reverse("collaboration:proposal-consultation", args=[proposal.pk]), {"consultation-body": "相談したい"}
    )
    assert response.status_code == 302
    kinds = list(proposal.messages.values_list("kind", flat=True))
    assert kinds == [MessageKind.MESSAGE, MessageKind.CONSULTATION]
    proposal.refresh_from_db()
    assert proposal.consultation_requested_at is not None
    assert client.post(reverse("collaboration:proposal-message", args=[proposal.pk]), {"body": ""}).status_code == 400


def test_consultation__after_submission__400(client: Any, s: dict[str, Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"], status=P.SUBMITTED)
    client.force_login(s["rep"])
    response = client.post(
        reverse("collaboration:proposal-consultation", args=[proposal.pk]), {"consultation-body": "相談したい"}
    )
    assert response.status_code == 400
    assert not proposal.messages.exists()


def test_my_proposals__groups_and_business(client: Any, role_users: dict[str, Any], s: dict[str, Any]) -> None:
    mine = create_proposal(s["call"], group=s["group"])
    create_proposal(s["call"], group=role_users["_other_group"])
    business = create_proposal(s["call"], user=s["rep"])
    client.force_login(s["rep"])
    response = client.get(reverse("collaboration:my-proposals"))
    assert {p for p, _editor in response.context["rows"]} == {mine, business}
    assert all(editor for _p, editor in response.context["rows"])
    client.force_login(role_users["member"])
    rows = client.get(reverse("collaboration:my-proposals")).context["rows"]
    assert [(p, editor) for p, editor in rows] == [(mine, False)]
