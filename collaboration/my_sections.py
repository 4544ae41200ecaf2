"""collaboration's sections of /my/ (portal.my_activity): the proposals of the person's
groups (and their own business ones), and their groups' 後援・共催 requests, each with
its state and next step."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.permissions import editor_group_ids
from portal import my_activity
from portal.my_activity import Row

MY_ITEMS = 50


def _proposal_row(proposal: Any, may_edit: bool) -> Row:
    from collaboration.models import ProposalStatus as P

    if proposal.status == P.DRAFT:
        return Row(proposal, _("Finish the proposal and submit it."), "collaboration:proposal-edit" if may_edit else "")
    if proposal.status in (P.SUBMITTED, P.IN_REVIEW):
        return Row(proposal, _("Waiting for the city's review; answer any message from the window."))
    if proposal.status in (P.ADOPTED, P.CONDITIONAL):
        return Row(proposal, _("Adopted: the window will contact you to plan the project."))
    return Row(proposal, _("Nothing more to do."))


def proposal_rows(user: Any) -> list[Row]:
    from collaboration.models import Proposal
    from groups.models import Membership

    proposals = (
        Proposal.objects.filter(
            models.Q(group_id__in=Membership.objects.filter(user=user).values("group_id"))
            | models.Q(proposer_kind="business", created_by_id=user.pk)
        )
        .exclude(status="withdrawn")
        .select_related("call", "group")
        .order_by("-call__fiscal_year", "-created_at", "-pk")[:MY_ITEMS]
    )
    editors = editor_group_ids(user)
    return [
        _proposal_row(proposal, proposal.group_id in editors if proposal.group_id else True) for proposal in proposals
    ]


def _endorsement_row(request: Any, today: Any, may_edit: bool) -> Row:
    from collaboration.models import EndorsementStatus as E

    if request.status == E.SUBMITTED:
        return Row(request, _("Waiting for the city's decision."))
    if request.status == E.APPROVED:
        if request.reported_at is None and request.ends_on < today:
            action = "collaboration:endorsement-report" if may_edit else ""
            return Row(request, _("Send the report on how the event went."), action)
        if request.reported_at is None:
            return Row(request, _("Approved: send the report after the event."))
        return Row(request, _("Report sent: nothing more to do."))
    return Row(request, _("Nothing more to do."))


def endorsement_rows(user: Any) -> list[Row]:
    from collaboration.models import EndorsementRequest
    from groups.models import Membership

    requests = (
        EndorsementRequest.objects.filter(group_id__in=Membership.objects.filter(user=user).values("group_id"))
        .exclude(status="withdrawn")
        .select_related("group")
        .order_by("-starts_on", "-pk")[:MY_ITEMS]
    )
    today, editors = timezone.localdate(), editor_group_ids(user)
    return [_endorsement_row(request, today, request.group_id in editors) for request in requests]


def register() -> None:
    my_activity.register(
        my_activity.Section(
            key="collaboration.proposals",
            title=_("Collaboration proposals"),
            order=60,
            template="collaboration/includes/_my_proposals.html",
            items=proposal_rows,
            empty_text=_("You have no collaboration proposal."),
            more_url="collaboration:my-proposals",
        ),
        my_activity.Section(
            key="collaboration.endorsements",
            title=_("Endorsement and co-hosting requests"),
            order=70,
            template="collaboration/includes/_my_endorsements.html",
            items=endorsement_rows,
            empty_text=_("Your groups have no endorsement or co-hosting request."),
            more_url="collaboration:endorsement-list",
        ),
    )
