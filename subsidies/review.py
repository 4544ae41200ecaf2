"""The committee review adapter for subsidy applications (`portal.review_services`).

The applicants of an application are the members of the applying group: a committee
member among them is excluded from it automatically (除斥). The name shown to members
is the group's, unless the committee reviews anonymously. The generic review pages
(`portal.review_views`) show an application with `subsidies/screening/review_summary.html`:
the project, the planned budget, the computed amounts and the attachments.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import models
from django.urls import NoReverseMatch, reverse

from groups.models import Membership
from portal.models_review import ReviewCommittee
from portal.review_services import ReviewFile
from subsidies.models import REVIEWED_STATUSES, Application
from subsidies.permissions import application_policy


class SubsidyReviewAdapter:
    summary_template = "subsidies/screening/review_summary.html"

    def applicant_user_ids(self, obj: Application) -> Collection[int]:
        return set(Membership.objects.filter(group_id=obj.group_id).values_list("user_id", flat=True))

    def applicant_name(self, obj: Application) -> str:
        return obj.group.name

    def objects_for(self, committee: ReviewCommittee) -> models.QuerySet[Application]:
        return applications_for_committee(committee).order_by("receipt_number", "pk")

    def object_title(self, obj: Application) -> str:
        return f"{obj.receipt_number or ''} {obj.title}".strip()

    def for_summary(self, queryset: models.QuerySet[Application]) -> models.QuerySet[Application]:
        """What the ranked summary reads of an application: its receipt number, title and group's name."""
        return queryset.select_related(None).select_related("group").only("receipt_number", "title", "group__name")

    def staff_url(self, obj: Application, user: Any) -> str | None:
        """The staff application page, for those who decide on applications (city staff)."""
        if not application_policy.can(user, "decide", obj):
            return None
        return reverse("subsidies:staff-application", args=[obj.pk])

    def files(self, obj: Application) -> list[ReviewFile]:
        """The application's own attachments (not the report's), each through the
        permission-checked attachment view."""
        found = []
        for attachment in obj.attachments.filter(for_report=False).order_by("kind", "pk"):
            try:
                url = attachment.get_absolute_url()
            except NoReverseMatch:  # the attachment view is not installed: name only
                url = ""
            found.append(ReviewFile(name=attachment.original_name, url=url))
        return found


def applications_for_committee(committee: ReviewCommittee) -> models.QuerySet[Application]:
    """The applications a committee reviews: accepted at the completeness check (and
    later), in the programmes that name the committee."""
    return Application.objects.filter(programme__committee=committee, status__in=REVIEWED_STATUSES).select_related(
        "programme", "category", "group"
    )
