"""Readable labels for the audit-log action codes the window area writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "collaboration.proposal.routed": _("Collaboration proposal routed to a department"),
    "collaboration.proposal.unrouted": _("Routing of a collaboration proposal taken back"),
    "collaboration.proposal.in_review": _("Collaboration proposal sent to the review committee"),
    "collaboration.proposal.presentation": _("Proposer invited to the public presentation"),
    "collaboration.proposal.adopted": _("Collaboration proposal adopted"),
    "collaboration.proposal.conditional": _("Collaboration proposal adopted with conditions"),
    "collaboration.proposal.not_adopted": _("Collaboration proposal not adopted"),
    "collaboration.proposal.decision_changed": _("Decision on a collaboration proposal changed"),
    "collaboration.proposal.decision_published": _("Decision on a collaboration proposal published"),
    "collaboration.call.decisions_published": _("Decisions of a call published"),
    "collaboration.project.from_proposal": _("Collaboration project created from an adopted proposal"),
}

DATA_LABELS = {
    "request": _("What the department is asked"),
    "reason": _("Reason"),
    "conditions": _("Conditions"),
    "decision": _("Decision"),
    "proposals": _("Proposals"),
}
