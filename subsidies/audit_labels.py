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
}

DATA_LABELS: dict[str, object] = {}
