"""subsidies' section of /my/ (portal.my_activity): the applications of the person's
groups, each with its state and next step (one query, whatever their number)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from groups.permissions import editor_group_ids
from portal import my_activity
from portal.my_activity import Row

MY_ITEMS = 50


def _next_step(application: Any, may_edit: bool) -> Row:
    """The step and, for the group's representative and editors, the page to take it on."""
    row = _step(application)
    return row if may_edit else Row(row.obj, row.next_step, "", row.due)


def _step(application: Any) -> Row:
    from subsidies.models import ApplicationStatus, ReportStatus

    status, programme = application.status, application.programme
    if status == ApplicationStatus.DRAFT:
        return Row(
            application, _("Finish and submit the application."), "subsidies:application-edit", programme.call_closes_at
        )
    if status == ApplicationStatus.RETURNED:
        return Row(application, _("Correct the application and submit it again."), "subsidies:application-edit")
    if status == ApplicationStatus.SUBMITTED:
        return Row(application, _("Waiting for the city's completeness check."))
    if status == ApplicationStatus.ACCEPTED:
        return Row(application, _("Under review: the decision will be announced."), "", programme.decision_on)
    if status == ApplicationStatus.ADOPTED:
        return Row(application, _("Adopted: wait for the grant decision."))
    if status == ApplicationStatus.GRANTED:
        if application.report_status in (None, ReportStatus.DRAFT, ReportStatus.RETURNED):
            return Row(application, _("Submit the report."), "subsidies:report", programme.report_due_on)
        return Row(application, _("Report sent: waiting for the city to confirm the amount."))
    return Row(application, _("Nothing more to do."))


def application_rows(user: Any) -> list[Row]:
    from groups.models import Membership
    from subsidies.models import Application
    from subsidies.permissions import application_policy

    queryset = Application.objects.select_related("programme", "group").annotate(report_status=F("report__status"))
    applications = (
        application_policy.visible_to(user, queryset)
        .filter(group_id__in=Membership.objects.filter(user=user).values("group_id"))
        .order_by("-programme__fiscal_year", "-created_at", "-pk")[:MY_ITEMS]
    )
    editors = editor_group_ids(user)
    return [_next_step(application, application.group_id in editors) for application in applications]


def register() -> None:
    my_activity.register(
        my_activity.Section(
            key="subsidies.applications",
            title=_("Subsidy applications"),
            order=50,
            template="subsidies/includes/_my_applications.html",
            items=application_rows,
            empty_text=_("Your groups have no subsidy application."),
            more_url="subsidies:my-applications",
        )
    )
