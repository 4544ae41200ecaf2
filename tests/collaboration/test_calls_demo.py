"""The calls area's demo (collaboration.demo.calls.seed): the three calls of this fiscal
year, the closed theme's submitted proposals for the window's demo, rep's drafts with
their 事前相談; idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.demo import calls as demo
from collaboration.models import Call, CallStatus, MessageKind, Proposal, ProposalStatus, ProposerKind
from portal.demo import DemoContext
from portal.models import Department
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_seed__calls_proposals_and_idempotent(role_users: dict[str, Any]) -> None:
    for code in ("fukushi", "kankyo_seisaku"):
        Department.objects.create(code=code, name=code)
    ctx = DemoContext(log=lambda message: None)
    ctx.accounts.update(
        staff=role_users["city_staff"],
        rep=role_users["representative"],
        business=UserFactory(),
        reviewer=role_users["reviewer"],
    )
    demo.seed(ctx)
    counts = (Call.objects.count(), Proposal.objects.count())
    demo.seed(ctx)
    assert (Call.objects.count(), Proposal.objects.count()) == counts
    theme = Call.objects.get(slug=demo.OPEN_THEME_SLUG)
    assert theme.status == CallStatus.OPEN
    assert theme.accepts_proposals()
    assert [c.weight for c in theme.committee.score_sheet.criteria.all()] == [40, 30, 30]
    assert theme.committee.members.count() == 3
    window = Call.objects.get(slug=demo.CITIZEN_WINDOW_SLUG)
    assert window.closes_at is None
    assert window.accepts_proposals()
    closed = Call.objects.get(slug=demo.CLOSED_THEME_SLUG)
    assert closed.status == CallStatus.CLOSED
    submitted = closed.proposals.filter(status=ProposalStatus.SUBMITTED)
    assert submitted.filter(group=role_users["_group"]).count() == 1
    assert submitted.filter(proposer_kind=ProposerKind.BUSINESS).count() == 1
    assert all(p.receipt_number for p in submitted)
    drafts = Proposal.objects.filter(created_by=role_users["representative"], status=ProposalStatus.DRAFT)
    assert drafts.count() == 2
    for draft in drafts:
        kinds = list(draft.messages.values_list("kind", flat=True))
        assert kinds == [MessageKind.CONSULTATION, MessageKind.MESSAGE]
