"""Collaboration proposals (協働事業提案), the proposer's side: start a draft (as a
registered group or, when the call allows it, as a business), edit it (C-05), submit it
with every rule checked and a receipt number (受付番号 K<year>-<seq>), and withdraw it.
The thread (messages, 事前相談) is `collaboration.services.thread`; routing, review and
decisions are the window area's.

Every status change goes through `portal.workflow.transition` with `PROPOSAL_WORKFLOW`."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import (
    PROPOSAL_WORKFLOW,
    Call,
    CallKind,
    Proposal,
    ProposalStatus,
    ProposerKind,
)
from collaboration.notifications import notify, proposer_recipients, url_or_empty, window_recipients
from collaboration.permissions import proposal_policy
from groups.models import CommunityGroup
from groups.permissions import editor_group_ids
from portal.audit import audit_log
from portal.workflow import check_transition, ensure_unchanged, transition

if TYPE_CHECKING:
    from portal.models import User

__all__ = [
    "PROPOSAL_FIELDS",
    "REQUIRED_ON_SUBMIT",
    "next_receipt_number",
    "proposal_start",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "submission_problems",
]

P = ProposalStatus
assert PROPOSAL_WORKFLOW is Proposal.WORKFLOWS["status"]

# The proposal's fields the proposer writes (C-05).
PROPOSAL_FIELDS = (
    "title",
    "existing_project",
    "issue",
    "content",
    "target",
    "roles",
    "budget_total",
    "cost_sharing",
    "starts_on",
    "ends_on",
    "schedule",
    "capability",
    "partners",
    "form",
)
REQUIRED_ON_SUBMIT = (
    "title",
    "issue",
    "content",
    "target",
    "roles",
    "cost_sharing",
    "starts_on",
    "ends_on",
    "schedule",
    "capability",
)
WITHDRAWABLE = frozenset({P.DRAFT, P.SUBMITTED, P.IN_REVIEW})
SINGLE_LINE = re.compile(r"[\r\n\x00]")


def _single_line(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if SINGLE_LINE.search(value):
        raise ValidationError(
            {field: ValidationError(_("%(field)s must be one line.") % {"field": label}, code="single_line")}
        )
    return value


# --- Start ------------------------------------------------------------------------------


@transaction.atomic
def proposal_start(
    *,
    actor: User,
    call: Call,
    group: CommunityGroup | None = None,
    business_name: str = "",
    title: str = "",
) -> Proposal:
    """A draft proposal to `call`: by `group` (its representative or an editor; the group
    must be registered) or, without a group, by the actor's business when the call takes
    proposals from businesses. Without a title the call's theme stands in for it until
    the proposer writes one."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.accepts_proposals():
        raise ValidationError(_("This call is not accepting proposals."), code="call_closed")
    title = _single_line(title, "title", _("The project title")) or call.title[:200]
    if len(title) > 200:
        raise ValidationError({"title": ValidationError(_("Write at most 200 characters."), code="max_length")})
    if group is not None:
        if group.pk not in editor_group_ids(actor):
            raise PermissionDenied
        if not group.is_registered_on(timezone.localdate()):
            raise ValidationError(
                _("Only registered groups may propose: renew the group's registration first."), code="not_registered"
            )
        proposal = Proposal(call=call, proposer_kind=ProposerKind.GROUP, group=group, created_by=actor, title=title)
    else:
        if not call.businesses_may_propose:
            raise ValidationError(_("This call takes proposals from registered groups only."), code="no_businesses")
        business_name = _single_line(business_name, "business_name", _("The business name"))
        if not business_name:
            raise ValidationError({"business_name": ValidationError(_("Give the business's name."), code="required")})
        proposal = Proposal(
            call=call,
            proposer_kind=ProposerKind.BUSINESS,
            business_name=business_name,
            created_by=actor,
            title=title,
        )
    if call.starts_on and call.ends_on:
        proposal.starts_on, proposal.ends_on = call.starts_on, call.ends_on
    proposal.full_clean()
    proposal.save()
    audit_log(
        actor=actor,
        action="collaboration.proposal.created",
        target=proposal,
        data={"call": call.pk, "proposer": proposal.proposer_kind},
    )
    return proposal


# --- Edit -------------------------------------------------------------------------------


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update(of=("self",)).select_related("call", "group").get(pk=proposal.pk)


@transaction.atomic
def proposal_update(
    *, actor: User, proposal: Proposal, data: Mapping[str, Any], expected_status: str | None = None
) -> Proposal:
    """Save the proposal's content (C-05) while it is a draft; an incomplete draft may
    be saved, everything is checked on submission."""
    proposal = _lock(proposal)
    ensure_unchanged(proposal, expected_status)
    proposal_policy.ensure(actor, "edit", proposal)
    if not proposal.editable:
        raise ValidationError(_("This proposal is submitted: it can no longer be changed."), code="not_editable")
    for name in ("title", "existing_project", "target"):
        if name in data:
            data = {
                **data,
                name: _single_line(data[name] or "", name, str(Proposal._meta.get_field(name).verbose_name)),
            }
    if "title" in data and not data["title"]:
        raise ValidationError({"title": ValidationError(_("Give the project's title."), code="required")})
    starts_on, ends_on = data.get("starts_on", proposal.starts_on), data.get("ends_on", proposal.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("The project must end on or after its first day."), code="period_order")}
        )
    form = data.get("form", proposal.form)
    if form is not None and not form.is_active:
        raise ValidationError({"form": ValidationError(_("Choose a form of collaboration in use."), code="form")})
    changed = []
    for name in PROPOSAL_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("budget_total",) and value is None:
            value = 0
        if isinstance(value, str):
            value = value.strip()
        if getattr(proposal, name) != value:
            setattr(proposal, name, value)
            changed.append(name)
    proposal.full_clean()
    if changed:
        proposal.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action="collaboration.proposal.saved", target=proposal, data={"fields": changed})
    return proposal


# --- Submit -----------------------------------------------------------------------------


def submission_problems(proposal: Proposal, *, now: datetime.datetime | None = None) -> list[ValidationError]:
    """Every reason the proposal cannot be submitted now, each with its code: call_closed,
    required, period, outside_period, budget_required, over_budget, under_budget,
    not_registered."""
    call = proposal.call
    problems: list[ValidationError] = []

    def add(message: str, code: str) -> None:
        problems.append(ValidationError(message, code=code))

    if not call.accepts_proposals(now):
        add(_("This call is not accepting proposals."), "call_closed")
    for name in REQUIRED_ON_SUBMIT:
        value = getattr(proposal, name)
        if value in (None, ""):
            add(
                _("Fill in “%(field)s”.") % {"field": Proposal._meta.get_field(name).verbose_name},
                "required",
            )
    if proposal.starts_on and proposal.ends_on:
        if proposal.ends_on < proposal.starts_on:
            add(_("The project must end on or after its first day."), "period")
        elif (call.starts_on and proposal.starts_on < call.starts_on) or (
            call.ends_on and proposal.ends_on > call.ends_on
        ):
            add(
                _("The project must take place within the call's period (%(start)s – %(end)s).")
                % {
                    "start": call.starts_on.isoformat() if call.starts_on else "",
                    "end": call.ends_on.isoformat() if call.ends_on else "",
                },
                "outside_period",
            )
    if call.kind == CallKind.THEME and call.budget_max:
        if not proposal.budget_total:
            add(_("Give the project's total budget."), "budget_required")
        elif proposal.budget_total > call.budget_max:
            add(
                _("The budget is above the call's range (at most %(max)s yen).") % {"max": f"{call.budget_max:,}"},
                "over_budget",
            )
        elif proposal.budget_total < call.budget_min:
            add(
                _("The budget is below the call's range (at least %(min)s yen).") % {"min": f"{call.budget_min:,}"},
                "under_budget",
            )
    if proposal.group_id:
        day = timezone.localdate(now) if now else timezone.localdate()
        if not proposal.group.is_registered_on(day):
            add(_("The group's registration is no longer valid: renew it before submitting."), "not_registered")
    return problems


def next_receipt_number(fiscal_year: int) -> str:
    """The next receipt number of the fiscal year (K2026-0001…), under a lock on the
    year's calls so that two submissions never get the same one."""
    list(Call.objects.select_for_update().filter(fiscal_year=fiscal_year).values_list("pk", flat=True))
    prefix = f"K{fiscal_year}-"
    numbers = Proposal.objects.filter(receipt_number__startswith=prefix).values_list("receipt_number", flat=True)
    seq = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{seq + 1:04d}"


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal, expected_status: str | None = None) -> Proposal:
    """Submit a draft: every rule is checked (`submission_problems`, all refusals raised
    together), the proposal gets its receipt number, and the proposer and the window are
    e-mailed a receipt."""
    proposal = _lock(proposal)
    ensure_unchanged(proposal, expected_status)
    proposal_policy.ensure(actor, "edit", proposal)
    check_transition(proposal, P.SUBMITTED)
    problems = submission_problems(proposal)
    if problems:
        raise ValidationError(problems)
    if not proposal.receipt_number:
        proposal.receipt_number = next_receipt_number(proposal.call.fiscal_year)
    proposal.submitted_at = timezone.now()
    transition(
        proposal,
        P.SUBMITTED,
        actor=actor,
        expected=expected_status,
        data={"receipt_number": proposal.receipt_number},
        update_fields=["receipt_number", "submitted_at"],
    )
    notify(
        "collaboration/email/proposals_submitted",
        proposer_recipients(proposal),
        proposal_id=proposal.pk,
        url=url_or_empty("collaboration:proposal", proposal.pk),
    )
    notify("collaboration/email/proposals_submitted_window", window_recipients(), proposal_id=proposal.pk, staff=True)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal: Proposal, expected_status: str | None = None) -> Proposal:
    """The proposer withdraws a draft, or a proposal before its decision."""
    proposal = _lock(proposal)
    ensure_unchanged(proposal, expected_status)
    proposal_policy.ensure(actor, "edit", proposal)
    if proposal.status not in WITHDRAWABLE:
        raise ValidationError(_("A decided proposal cannot be withdrawn."), code="decided")
    was_submitted = proposal.status != P.DRAFT
    transition(proposal, P.WITHDRAWN, actor=actor, expected=expected_status)
    if was_submitted:
        notify("collaboration/email/proposals_withdrawn", window_recipients(), proposal_id=proposal.pk, staff=True)
    return proposal
