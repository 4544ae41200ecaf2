"""The window's list pages keep a constant number of queries as proposals grow: the
queue, the department page and a call's decisions page (with the ranked summary)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.models import CallStatus, ProposalStatus
from collaboration.services import thread
from collaboration.services import window as services
from portal.models import User
from tests.factories.collaboration import create_call, create_liaison, create_proposal, create_window_committee
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.subsidies.screening_setup import open_scoring, score

pytestmark = pytest.mark.django_db
P = ProposalStatus


@pytest.fixture(autouse=True)
def _no_staff_mfa(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def world() -> dict[str, Any]:
    member = UserFactory()
    committee = create_window_committee(member)
    open_scoring(committee)
    fukushi = DepartmentFactory(code="fukushi")
    return {
        "staff": reviewing_staff(),
        "committee": committee,
        "member": member,
        "call": create_call(committee=committee, status=CallStatus.CLOSED),
        "fukushi": fukushi,
        "liaison": create_liaison(fukushi),
    }


def _add(world: dict[str, Any], n: int) -> None:
    for _ in range(n):
        proposal = create_proposal(world["call"], group=create_group(), status=P.SUBMITTED)
        services.proposal_route(actor=world["staff"], proposal=proposal, department=world["fukushi"], request="依頼")
        thread.message_post(
            actor=User.objects.get(pk=world["liaison"].pk),
            proposal=proposal,
            body="回答",
            department_id=world["fukushi"].pk,
        )
        services.review_send(actor=world["staff"], proposal=proposal)
        score(world["member"], world["committee"], proposal, 4)
        services.decision_record(
            actor=world["staff"], proposal=proposal, decision=P.CONDITIONAL, reason="良い", conditions="報告"
        )
        # and a draft that asked for 事前相談
        create_proposal(world["call"], group=create_group(), consultation_requested_at=proposal.submitted_at)


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("staff", lambda w: reverse("collaboration:staff-proposals")),
        ("staff", lambda w: reverse("collaboration:staff-proposals") + f"?call={w['call'].pk}&routing=answered"),
        ("liaison", lambda w: reverse("collaboration:staff-department")),
        ("staff", lambda w: reverse("collaboration:staff-call-decisions", args=[w["call"].slug])),
    ],
    ids=["queue", "queue filtered", "department", "decisions"],
)
def test_constant_queries(client: Any, world: dict[str, Any], user: str, url: Any) -> None:
    client.force_login(world[user])
    client.get(url(world))  # warm the site's caches
    _add(world, 2)
    small = _count(client, url(world))
    _add(world, 5)
    large = _count(client, url(world))
    assert large == small
