"""The committee review adapter for subsidy applications (`portal.review_services`).

The applicants of an application are the members of the applying group: a committee
member among them is excluded from it automatically (除斥). The name shown to members
is the group's, unless the committee reviews anonymously.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db import models

from groups.models import Membership
from portal.models_review import ReviewCommittee
from subsidies.models import REVIEWED_STATUSES, Application


class SubsidyReviewAdapter:
    def applicant_user_ids(self, obj: Application) -> Collection[int]:
        return set(Membership.objects.filter(group_id=obj.group_id).values_list("user_id", flat=True))

    def applicant_name(self, obj: Application) -> str:
        return obj.group.name


def applications_for_committee(committee: ReviewCommittee) -> models.QuerySet[Application]:
    """The applications a committee reviews: accepted at the completeness check (and
    later), in the programmes that name the committee."""
    return Application.objects.filter(programme__committee=committee, status__in=REVIEWED_STATUSES).select_related(
        "programme", "category", "group"
    )
