"""Readable labels for the audit-log action codes the groups app writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTIONS = {
    "groups.attachment.added": _("Group document added"),
    "groups.communitygroup.applied": _("Group registration applied for"),
    "groups.communitygroup.updated": _("Group details updated"),
    "groups.communitygroup.approved": _("Group registration approved"),
    "groups.communitygroup.returned": _("Group application returned for changes"),
    "groups.communitygroup.rejected": _("Group registration refused"),
    "groups.communitygroup.resubmitted": _("Group application resubmitted"),
    "groups.communitygroup.renewed": _("Group registration renewed"),
    "groups.communitygroup.lapsed": _("Group registration lapsed"),
    "groups.communitygroup.pending": _("Group application awaiting review"),
    "groups.communitygroup.registered": _("Group registration approved"),
    "groups.communitygroup.withdrawn": _("Group withdrew"),
    "groups.communitygroup.contacted": _("Message sent to a group"),
    "groups.membership.created": _("Member added"),
    "groups.membership.joined": _("Member joined by invitation"),
    "groups.membership.role_changed": _("Member's role changed"),
    "groups.membership.handed_over": _("Representative handed over"),
    "groups.membership.left": _("Member left"),
    "groups.membership.removed": _("Member removed"),
    "groups.invitation.created": _("Member invited"),
    "groups.event.created": _("Event posted"),
    "groups.event.updated": _("Event updated"),
    "groups.event.cancelled": _("Event cancelled"),
    "groups.eventregistration.created": _("Signed up for an event"),
    "groups.eventregistration.promoted": _("Moved up from the waiting list"),
    "groups.eventregistration.confirmed": _("Event sign-up confirmed"),
    "groups.eventregistration.cancelled": _("Event sign-up cancelled"),
    "groups.volunteeropening.created": _("Volunteer opening posted"),
    "groups.volunteeropening.updated": _("Volunteer opening updated"),
    "groups.volunteeropening.closed": _("Volunteer opening closed"),
    "groups.volunteerapplication.created": _("Applied to volunteer"),
    "groups.volunteerapplication.accepted": _("Volunteer application accepted"),
    "groups.volunteerapplication.declined": _("Volunteer application declined"),
    "groups.volunteerapplication.withdrawn": _("Volunteer application withdrawn"),
}

DATA_LABELS = {
    "kind": pgettext_lazy("audit log detail", "Kind"),
    "until": _("Registered until"),
    "to_user": _("New representative (user ID)"),
}
