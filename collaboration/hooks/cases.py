"""What the cases area registers with the rest of the portal when the app is ready
(audit labels, bench pages, daily jobs, hooks into other apps)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "collaboration.case.created": _("Collaboration case written"),
    "collaboration.case.updated": _("Collaboration case changed"),
    "collaboration.case.published": _("Collaboration case published in the case library"),
    "collaboration.case.unpublished": _("Collaboration case taken off the case library"),
    "collaboration.case.photo_added": _("Photo added to a collaboration case"),
    "collaboration.case.photo_deleted": _("Photo removed from a collaboration case"),
    # The admin (collaboration.admin, portal.services.record_save)
    "collaboration.collaborationform.created": _("Form of collaboration created"),
    "collaboration.collaborationform.updated": _("Form of collaboration changed"),
    "collaboration.collaborationform.deleted": _("Form of collaboration deleted"),
    "collaboration.liaison.created": _("Collaboration liaison named"),
    "collaboration.liaison.updated": _("Collaboration liaison changed"),
    "collaboration.liaison.deleted": _("Collaboration liaison removed"),
    "collaboration.casereporter.created": _("Collaboration reporter named"),
    "collaboration.casereporter.updated": _("Collaboration reporter changed"),
    "collaboration.casereporter.deleted": _("Collaboration reporter removed"),
}

DATA_LABELS = {
    "alt": _("Alternative text"),
    "size": _("Size in pixels"),
}


def bench_pages() -> list[tuple[str, str]]:
    """The case library's public pages measured by `make bench` (portal.bench)."""
    from django.urls import reverse

    from collaboration.models import CaseStudy

    pages = [("case library", reverse("collaboration:case-list"))]
    case = (
        CaseStudy.objects.filter(published_at__isnull=False)
        .select_related("form")
        .order_by("-published_at", "pk")
        .first()
    )
    if case is not None:
        pages.append(("case library, filtered", reverse("collaboration:case-list") + f"?form={case.form.code}"))
        pages.append(("case page", case.get_absolute_url()))
    return pages


def register() -> None:
    from portal import bench as portal_bench
    from portal.audit import register_audit_actions
    from portal.models import StaffRole
    from portal.permissions import register_role_permissions

    register_audit_actions(ACTIONS, data_labels=DATA_LABELS)
    # City staff read the cases in the admin (narrowed by `case_policy`: drafts for the
    # window only) and publish them through the actions calling the services.
    register_role_permissions(StaffRole.CITY_STAFF, ["collaboration.view_casestudy", "collaboration.view_casephoto"])
    if bench_pages not in portal_bench.BENCH_PAGES:
        portal_bench.BENCH_PAGES.append(bench_pages)
