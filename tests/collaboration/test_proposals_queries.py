"""Query counts of the proposer's list and a proposal's page do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.models import MessageKind, ProposalMessage, ProposalStatus
from tests.factories.collaboration import create_call, create_proposal

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_my_proposals__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    rep, group = role_users["representative"], role_users["_group"]
    statuses = [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW]

    def grow(n: int) -> None:
        for i in range(n):
            create_proposal(create_call(), group=group, status=statuses[i % 3])
            create_proposal(create_call(), user=rep)  # a business proposal of the same user
            create_proposal(create_call(), group=role_users["_other_group"])

    client.force_login(rep)
    url = reverse("collaboration:my-proposals")
    grow(2)
    small = _count(client, url)
    grow(6)
    assert _count(client, url) == small


def test_proposal_page__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    rep = role_users["representative"]
    proposal = create_proposal(group=role_users["_group"])

    def grow(n: int) -> None:
        for i in range(n):
            ProposalMessage.objects.create(
                proposal=proposal, author=rep, kind=[MessageKind.MESSAGE, MessageKind.CONSULTATION][i % 2], body="x"
            )

    client.force_login(rep)
    grow(2)
    small = _count(client, proposal.get_absolute_url())
    grow(6)
    assert _count(client, proposal.get_absolute_url()) == small
