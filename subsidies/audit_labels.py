"""Readable labels for the audit-log action codes the subsidies app writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "subsidies.application.created": _("Subsidy application started"),
    "subsidies.application.keyed_in": _("Paper subsidy application keyed in by staff"),
    "subsidies.application.saved": _("Subsidy application saved"),
    "subsidies.application.attachment_added": _("Attachment added to a subsidy application"),
    "subsidies.application.attachment_deleted": _("Attachment removed from a subsidy application"),
    "subsidies.application.submitted": _("Subsidy application submitted"),
    "subsidies.application.returned": _("Subsidy application returned for correction"),
    "subsidies.application.accepted": _("Subsidy application accepted for review"),
    "subsidies.application.adopted": _("Subsidy application adopted"),
    "subsidies.application.rejected": _("Subsidy application not adopted"),
    "subsidies.application.granted": _("Subsidy granted (grant decision)"),
    "subsidies.application.confirmed": _("Subsidy amount confirmed"),
    "subsidies.application.withdrawn": _("Subsidy application withdrawn"),
    "subsidies.payment.paid": _("Subsidy payment made"),
    "subsidies.payment.refused": _("Subsidy payment refused"),
    "subsidies.change.approved": _("Change to a subsidised project approved"),
    "subsidies.change.refused": _("Change to a subsidised project refused"),
    "subsidies.change.withdrawn": _("Change request withdrawn"),
    # catalogue (admin edits, portal.services.record_save)
    "subsidies.programme.created": _("Subsidy programme created"),
    "subsidies.programme.updated": _("Subsidy programme changed"),
    "subsidies.programme.deleted": _("Subsidy programme deleted"),
    "subsidies.programmecategory.created": _("Subsidy category created"),
    "subsidies.programmecategory.updated": _("Subsidy category changed"),
    "subsidies.programmecategory.deleted": _("Subsidy category deleted"),
    "subsidies.outsidegrant.created": _("Outside grant added"),
    "subsidies.outsidegrant.updated": _("Outside grant changed"),
    "subsidies.outsidegrant.deleted": _("Outside grant removed"),
    "subsidies.report.submitted": _("Subsidy report submitted"),
    "subsidies.report.accepted": _("Subsidy report accepted"),
    "subsidies.report.returned": _("Subsidy report returned for correction"),
    "subsidies.confirmation.refunded": _("Subsidy refund received"),
    "subsidies.programme.presentations_saved": _("Presentation schedule saved"),
    "subsidies.programme.schedule_published": _("Presentation schedule published"),
    "subsidies.programme.schedule_unpublished": _("Presentation schedule unpublished"),
    "subsidies.programme.screening_results_published": _("Public screening results published"),
    "subsidies.programme.screening_results_unpublished": _("Public screening results unpublished"),
    # grants area
    "subsidies.application.decision_undone": _("Subsidy decision taken back before publication"),
    "subsidies.programme.decisions_published": _("Subsidy decisions published"),
    "subsidies.payment.requested": _("Advance payment requested"),
    "subsidies.change.requested": _("Change to a subsidised project requested"),
    "subsidies.change.notified": _("Minor change to a subsidised project notified"),
    "subsidies.report.attachment_added": _("File attached to a subsidy report"),
}

DATA_LABELS: dict[str, object] = {}
