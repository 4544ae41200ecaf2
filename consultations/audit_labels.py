"""Readable labels for the audit-log action codes of the consultation desk."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "consultations.deskslot.opened": _("Consultation slots opened"),
    "consultations.deskslot.closed": _("Consultation slot closed"),
    "consultations.consultation.booked": _("Consultation booked"),
    "consultations.consultation.asked": _("Question asked in writing"),
    "consultations.consultation.cancelled": _("Consultation cancelled"),
    "consultations.consultation.answered": _("Question answered by the desk"),
    "consultations.consultation.replied": _("Asker replied to the desk's answer"),
    "consultations.consultation.resolved": _("Question marked resolved"),
    "consultations.consultation.done": _("Consultation held"),
    "consultations.consultation.no_show": _("Consultation: the person did not come"),
    "consultations.consultation.recorded": _("Consultation record saved"),
    "consultations.consultation.linked": _("Consultation linked to a group, application or proposal"),
}
DATA_LABELS = {
    "linked_group": _("Linked group"),
    "linked_application": _("Linked subsidy application"),
    "linked_proposal": _("Linked collaboration proposal"),
    "first_day": _("First day"),
    "last_day": _("Last day"),
}
