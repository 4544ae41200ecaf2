"""What the proposals area registers with the rest of the portal when the app is ready
(audit labels)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "collaboration.proposal.created": _("Collaboration proposal started"),
    "collaboration.proposal.saved": _("Collaboration proposal saved"),
    "collaboration.proposal.submitted": _("Collaboration proposal submitted"),
    "collaboration.proposal.withdrawn": _("Collaboration proposal withdrawn"),
    "collaboration.proposal.message": _("Message written on a collaboration proposal"),
    "collaboration.proposal.consultation": _("Prior consultation asked for on a collaboration proposal"),
}


def register() -> None:
    from portal.audit import register_audit_actions

    register_audit_actions(ACTIONS)
