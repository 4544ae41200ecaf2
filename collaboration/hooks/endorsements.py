"""What the endorsements area registers with the rest of the portal when the app is ready
(audit labels, bench pages, daily jobs, hooks into other apps):

- the co-hosting 減免 of the facilities app (`facilities.reduction_evidence`, kind
  "cohosting"): the city's approved 共催 of the booker's group's event on the day;
- the event page's badges (`groups.event_badges`): 「みどり市後援」「みどり市共催」;
- a daily job listing approved requests whose 実施報告 is missing."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "collaboration.endorsement.submitted": _("Endorsement or co-hosting request submitted"),
    "collaboration.endorsement.approved": _("Endorsement or co-hosting request approved"),
    "collaboration.endorsement.refused": _("Endorsement or co-hosting request refused"),
    "collaboration.endorsement.withdrawn": _("Endorsement or co-hosting request withdrawn"),
    "collaboration.endorsement.revoked": _("Endorsement or co-hosting approval revoked"),
    "collaboration.endorsement.reported": _("Event report filed for an endorsement or co-hosting event"),
}
DATA_LABELS = {
    "receipt_number": _("Receipt number"),
    "nominal": _("Possibly nominal co-hosting"),
    "participants": _("Participants"),
    "conditions": _("Conditions of approval"),
}


def missing_reports() -> list[str]:
    """The daily job: approved requests whose event is over without a 実施報告."""
    from collaboration.models import EndorsementRequest
    from collaboration.selectors_endorsements import report_due_q

    rows = EndorsementRequest.objects.filter(report_due_q()).values_list("receipt_number", "event_title", "ends_on")
    return [f"Report (実施報告) missing: {number} {title} ({ends_on:%Y-%m-%d})" for number, title, ends_on in rows]


def bench_pages() -> list[tuple[str, ...]]:
    from collaboration.models import EndorsementRequest

    pages: list[tuple[str, ...]] = [
        ("endorsements staff queue", reverse("collaboration:staff-endorsements"), "staff@example.jp"),
        ("endorsements (group)", reverse("collaboration:endorsement-list"), "rep@example.jp"),
    ]
    approved = EndorsementRequest.objects.filter(status="approved", event__isnull=False).first()
    if approved and approved.event_id:
        pages.append(("event page with a 後援 badge", reverse("groups:event-detail", args=[approved.event_id])))
    return pages


def register() -> None:
    from collaboration.daily import register_daily_job
    from collaboration.selectors_endorsements import event_badges
    from collaboration.services.endorsements import cohosting_evidence
    from facilities.reduction_evidence import register_evidence_check
    from groups.event_badges import register_badge_provider
    from portal.audit import register_audit_actions
    from portal.bench import BENCH_PAGES

    register_audit_actions(ACTIONS, data_labels=DATA_LABELS)
    register_evidence_check("cohosting", cohosting_evidence)
    register_badge_provider(event_badges)
    register_daily_job(missing_reports)
    if bench_pages not in BENCH_PAGES:
        BENCH_PAGES.append(bench_pages)
