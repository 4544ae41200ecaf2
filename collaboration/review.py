"""The committee review adapter for collaboration proposals (`portal.review_services`).

The applicants of a proposal are the members of the proposing group, or the business's
account: a committee member among them is excluded from it automatically (除斥). The
committee reviews the proposals under review or decided in the calls that name it. The
generic review pages (`portal.review_views`) show a proposal with
`collaboration/window/review_summary.html`: its content and the departments' answers,
never the staff's private notes.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import models
from django.urls import reverse

from collaboration.models import REVIEWED_PROPOSAL_STATUSES, Proposal
from collaboration.permissions import proposal_policy
from groups.models import Membership
from portal.models_review import ReviewCommittee
from portal.review_services import ReviewFile


class ProposalReviewAdapter:
    summary_template = "collaboration/window/review_summary.html"

    def applicant_user_ids(self, obj: Proposal) -> Collection[int]:
        if obj.group_id:
            return set(Membership.objects.filter(group_id=obj.group_id).values_list("user_id", flat=True))
        return {obj.created_by_id}

    def applicant_name(self, obj: Proposal) -> str:
        return obj.proposer_name

    def objects_for(self, committee: ReviewCommittee) -> models.QuerySet[Proposal]:
        return proposals_for_committee(committee).order_by("receipt_number", "pk")

    def object_title(self, obj: Proposal) -> str:
        return f"{obj.receipt_number or ''} {obj.title}".strip()

    def staff_url(self, obj: Proposal, user: Any) -> str | None:
        """The staff proposal page, for the window."""
        if not proposal_policy.can(user, "decide", obj):
            return None
        return reverse("collaboration:staff-proposal", args=[obj.pk])

    def files(self, obj: Proposal) -> list[ReviewFile]:
        return []


def proposals_for_committee(committee: ReviewCommittee) -> models.QuerySet[Proposal]:
    """The proposals a committee reviews: under review or decided, in the calls naming it."""
    return Proposal.objects.filter(call__committee=committee, status__in=REVIEWED_PROPOSAL_STATUSES).select_related(
        "call", "group", "form"
    )
