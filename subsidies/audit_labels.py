"""Readable labels for the audit-log action codes the subsidies app writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "subsidies.application.submitted": _("Subsidy application submitted"),
    "subsidies.application.returned": _("Subsidy application returned for correction"),
    "subsidies.application.accepted": _("Subsidy application accepted for review"),
    "subsidies.application.adopted": _("Subsidy application adopted"),
    "subsidies.application.rejected": _("Subsidy application not adopted"),
    "subsidies.application.granted": _("Subsidy granted"),
    "subsidies.application.confirmed": _("Subsidy amount confirmed"),
    "subsidies.application.withdrawn": _("Subsidy application withdrawn"),
    "subsidies.payment.paid": _("Subsidy payment made"),
    "subsidies.payment.refused": _("Subsidy payment refused"),
    "subsidies.change.approved": _("Change to a subsidised project approved"),
    "subsidies.change.refused": _("Change to a subsidised project refused"),
    "subsidies.change.withdrawn": _("Change request withdrawn"),
    "subsidies.report.submitted": _("Subsidy report submitted"),
    "subsidies.report.accepted": _("Subsidy report accepted"),
    "subsidies.report.returned": _("Subsidy report returned for correction"),
    "subsidies.confirmation.refunded": _("Subsidy refund received"),
    # grants area
    "subsidies.application.decision_undone": _("Subsidy decision taken back before publication"),
    "subsidies.programme.decisions_published": _("Subsidy decisions published"),
    "subsidies.payment.requested": _("Advance payment requested"),
    "subsidies.change.requested": _("Change to a subsidised project requested"),
    "subsidies.change.notified": _("Minor change to a subsidised project notified"),
    "subsidies.report.attachment_added": _("File attached to a subsidy report"),
}

DATA_LABELS: dict[str, object] = {}
