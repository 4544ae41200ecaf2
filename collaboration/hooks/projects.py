"""What the projects area registers with the rest of the portal when the app is ready
(audit labels, bench pages, daily jobs, hooks into other apps)."""

from __future__ import annotations


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from collaboration.bench import project_pages
    from collaboration.daily import register_daily_job
    from collaboration.services.projects import send_reminders
    from portal.audit import register_audit_actions
    from portal.bench import BENCH_PAGES

    register_audit_actions(
        {
            "collaboration.project.created": _("Collaboration project: added to the registry"),
            "collaboration.project.updated": _("Collaboration project: edited"),
            "collaboration.project.partners_set": _("Collaboration project: partners changed"),
            "collaboration.project.progress": _("Collaboration project: progress changed"),
            "collaboration.project.entry_added": _("Collaboration project: entry added to the partners' log"),
            "collaboration.project.subsidy_linked": _("Collaboration project: subsidy application linked"),
            "collaboration.project.checkin_reminder": _("Collaboration project: periodic check reminder sent"),
            "collaboration.project.review_reminder": _("Collaboration project: partnership review reminder sent"),
            "collaboration.project.active": _("Collaboration project: under way"),
            "collaboration.project.completed": _("Collaboration project: completed"),
            "collaboration.project.discontinued": _("Collaboration project: discontinued"),
        },
        data_labels={"due": _("due on"), "receipt_number": _("receipt number")},
    )
    if project_pages not in BENCH_PAGES:
        BENCH_PAGES.append(project_pages)
    register_daily_job(send_reminders)
