"""Reads of the window area (the staff queue, the department page, a call's decisions),
each in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from collaboration.models import (
    REVIEWED_PROPOSAL_STATUSES,
    Call,
    MessageKind,
    Proposal,
    ProposalMessage,
    ProposalRouting,
    ProposalStatus,
)
from collaboration.permissions import answering_department_ids, proposal_policy

P = ProposalStatus


def queue_queryset(user: Any) -> models.QuerySet[Proposal]:
    """The window's queue: every proposal once submitted, and the drafts whose proposer
    asked for 事前相談, with their routing counts."""
    qs = Proposal.objects.filter(
        models.Q(status__in=[s for s in P.values if s != P.DRAFT])
        | models.Q(status=P.DRAFT, consultation_requested_at__isnull=False)
    )
    qs = proposal_policy.instances_user_has_permission_for(user, "decide", qs)
    return (
        qs.select_related("call", "group")
        .annotate(
            routing_count=models.Count("routings", distinct=True),
            answered_count=models.Count(
                "routings", filter=models.Q(routings__answered_at__isnull=False), distinct=True
            ),
        )
        .order_by("-call__fiscal_year", "call__pk", "status", "receipt_number", "pk")
    )


def status_counts(queryset: models.QuerySet[Proposal]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every state present in `queryset` (one query)."""
    rows = dict(
        queryset.order_by()
        .values_list("status")
        .annotate(n=models.Count("pk", distinct=True))
        .values_list("status", "n")
    )
    return [(value, label, rows[value]) for value, label in P.choices if rows.get(value)]


def staff_proposal_or_404(user: Any, pk: int) -> Proposal:
    """The proposal for the staff page: the window's, or a routed department's staff's
    ("answer"); 404 for anyone else (the proposer has their own page)."""
    qs = proposal_policy.instances_user_has_permission_for(user, "answer", proposal_policy.base_queryset())
    proposal = qs.select_related("created_by", "call__committee").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def thread_of(proposal: Proposal) -> list[ProposalMessage]:
    return list(proposal.messages.select_related("author", "department").order_by("created_at", "pk"))


def routings_of(proposal: Proposal) -> list[ProposalRouting]:
    return list(proposal.routings.select_related("department", "routed_by", "answered_by").order_by("pk"))


def department_routings(user: Any) -> models.QuerySet[ProposalRouting]:
    """The routings of the user's departments (as 協働推進員 or city staff), unanswered first."""
    departments = answering_department_ids(user)
    return (
        ProposalRouting.objects.filter(department_id__in=departments)
        .exclude(proposal__status=P.WITHDRAWN)
        .select_related("proposal", "proposal__call", "proposal__group", "department")
        .order_by(models.F("answered_at").asc(nulls_first=True), "-created_at", "pk")
    )


def call_or_404(slug: str) -> Call:
    call = Call.objects.select_related("department", "committee").filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def call_decision_rows(call: Call) -> list[Proposal]:
    """The call's proposals after submission, with what the decisions page shows."""
    return list(
        call.proposals.exclude(status__in=[P.DRAFT, P.WITHDRAWN])
        .select_related("group", "decided_by", "project")
        .order_by("receipt_number", "pk")
    )


def reviewed(rows: list[Proposal]) -> list[Proposal]:
    return [p for p in rows if p.status in REVIEWED_PROPOSAL_STATUSES]


__all__ = [
    "MessageKind",
    "call_decision_rows",
    "call_or_404",
    "department_routings",
    "queue_queryset",
    "reviewed",
    "routings_of",
    "staff_proposal_or_404",
    "status_counts",
    "thread_of",
]
