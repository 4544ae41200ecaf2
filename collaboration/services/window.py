"""The 協働推進課 window's handling of submitted proposals: routing to departments
(担当課協議), sending to the third-party committee, the invitation to the 公開プレゼンテーション,
the decision with its reason, and the publication of a call's decisions together, which
turns every adopted proposal into a project.

Messages, department answers and private notes go through `collaboration.services.thread`.
Every refusal is a `ValidationError` with a code; nothing is written on a refusal.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import (
    ADOPTED_STATUSES,
    DECIDED_STATUSES,
    Call,
    CallStatus,
    CollaborationForm,
    Domain,
    PartnerKind,
    Project,
    ProjectPartner,
    ProjectStatus,
    Proposal,
    ProposalRouting,
    ProposalStatus,
    ProposerKind,
)
from collaboration.notifications import department_recipients, notify, proposer_recipients, url_or_empty
from collaboration.permissions import is_window_staff, proposal_policy
from portal.audit import audit_log
from portal.dates import fiscal_year, fiscal_year_start
from portal.models import Department
from portal.text import clean_text
from portal.workflow import ensure_unchanged, transition

__all__ = [
    "DEFAULT_FORM_CODE",
    "ROUTABLE_STATUSES",
    "decision_record",
    "decisions_blockers",
    "decisions_publish",
    "presentation_invite",
    "project_from_proposal",
    "proposal_route",
    "proposal_unroute",
    "review_send",
]

P = ProposalStatus
DEFAULT_FORM_CODE = "kyodo-itaku"  # 協働委託
# A proposal may be routed once submitted, and while a draft whose proposer asked for 事前相談.
ROUTABLE_STATUSES = frozenset({P.DRAFT, P.SUBMITTED, P.IN_REVIEW, *DECIDED_STATUSES})
UNDECIDED_STATUSES = frozenset({P.SUBMITTED, P.IN_REVIEW})
MAX_REQUEST = 2000
MAX_REASON = 4000
MAX_PLACE = 200


def _ensure_window(actor: Any, proposal: Proposal | None = None) -> None:
    allowed = proposal_policy.can(actor, "decide", proposal) if proposal is not None else is_window_staff(actor)
    if not allowed:
        raise PermissionDenied


def _text(value: str | None, *, field: str, limit: int, required: bool, message: str, single_line: bool = False) -> str:
    return clean_text(
        value, field=field, limit=limit, required=required, single_line=single_line, required_message=message
    )


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)


def _ensure_not_published(proposal: Proposal) -> None:
    call = proposal.call
    if proposal.decision_published_at is not None or (call.decisions_published_at is not None and not call.is_rolling):
        raise ValidationError(
            _("The decisions of this call have been published: this proposal can no longer be changed."),
            code="published",
        )


def _proposal_url(proposal: Proposal) -> str:
    return url_or_empty("collaboration:proposal", proposal.pk)


def _staff_url(proposal: Proposal) -> str:
    return url_or_empty("collaboration:staff-proposal", proposal.pk)


# --- Routing (担当課協議) -------------------------------------------------------------------------


@transaction.atomic
def proposal_route(*, actor: Any, proposal: Proposal, department: Department, request: str) -> ProposalRouting:
    """The window routes the proposal to a department with what it is asked; the
    department's 協働推進員 (or its contact address) are told."""
    _ensure_window(actor, proposal)
    request = _text(
        request,
        field="request",
        limit=MAX_REQUEST,
        required=True,
        message=_("Write what the department is asked."),
    )
    locked = _lock(proposal)
    if locked.status not in ROUTABLE_STATUSES or (
        locked.status == P.DRAFT and locked.consultation_requested_at is None
    ):
        raise ValidationError(
            _("A proposal is routed once submitted, or as a draft that asked for prior consultation."),
            code="not_routable",
        )
    _ensure_not_published(locked)
    if ProposalRouting.objects.filter(proposal=locked, department=department).exists():
        raise ValidationError(
            {"department": ValidationError(_("The proposal is already routed to this department."), code="routed")}
        )
    routing = ProposalRouting.objects.create(proposal=locked, department=department, routed_by=actor, request=request)
    audit_log(
        actor=actor,
        action="collaboration.proposal.routed",
        target=locked,
        data={"department": department.pk, "request": request},
    )
    notify(
        "collaboration/email/window_routed",
        department_recipients(department.pk),
        proposal_id=locked.pk,
        department_name=str(department),
        request=request,
        url=_staff_url(locked),
    )
    return routing


@transaction.atomic
def proposal_unroute(*, actor: Any, proposal: Proposal, department: Department) -> None:
    """Take back a routing the department has not answered yet."""
    _ensure_window(actor, proposal)
    locked = _lock(proposal)
    routing = ProposalRouting.objects.select_for_update().filter(proposal=locked, department=department).first()
    if routing is None:
        raise ValidationError(_("This proposal is not routed to that department."), code="not_routed")
    if routing.answered_at is not None:
        raise ValidationError(
            _("The department has answered: the routing can no longer be taken back."), code="answered"
        )
    routing.delete()
    audit_log(actor=actor, action="collaboration.proposal.unrouted", target=locked, data={"department": department.pk})


# --- Review, presentation, decision -------------------------------------------------------------


@transaction.atomic
def review_send(*, actor: Any, proposal: Proposal, expected_status: str | None = None) -> Proposal:
    """Send a submitted proposal to the call's third-party committee (SUBMITTED →
    IN_REVIEW); members who belong to the proposing group are excluded (除斥)."""
    from portal.review_services import conflicts_detect

    _ensure_window(actor, proposal)
    locked = _lock(proposal)
    ensure_unchanged(locked, expected_status)
    if locked.call.committee_id is None:
        raise ValidationError(
            _("The call names no review committee: name one before sending proposals to review."),
            code="no_committee",
        )
    transition(locked, P.IN_REVIEW, actor=actor, expected=expected_status)
    conflicts_detect(committee=locked.call.committee, objects=[locked], actor=actor)
    return locked


@transaction.atomic
def presentation_invite(
    *,
    actor: Any,
    proposal: Proposal,
    at: datetime.datetime | None,
    place: str,
    expected_status: str | None = None,
) -> Proposal:
    """Invite the proposer to the 公開プレゼンテーション (a proposal under review)."""
    _ensure_window(actor, proposal)
    place = _text(
        place,
        field="presentation_place",
        limit=MAX_PLACE,
        required=True,
        message=_("Give the place of the presentation."),
        single_line=True,
    )
    if at is None:
        raise ValidationError(
            {"presentation_at": ValidationError(_("Give the date and time of the presentation."), code="required")}
        )
    locked = _lock(proposal)
    ensure_unchanged(locked, expected_status)
    if locked.status != P.IN_REVIEW:
        raise ValidationError(_("Proposers are invited to present while under review."), code="not_in_review")
    locked.presentation_at = at
    locked.presentation_place = place
    locked.save(update_fields=["presentation_at", "presentation_place", "updated_at"])
    audit_log(
        actor=actor,
        action="collaboration.proposal.presentation",
        target=locked,
        data={"at": at.isoformat(), "place": place},
    )
    notify(
        "collaboration/email/window_presentation",
        proposer_recipients(locked),
        proposal_id=locked.pk,
        at=timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
        place=place,
        url=_proposal_url(locked),
    )
    return locked


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    proposal: Proposal,
    decision: str,
    reason: str,
    conditions: str = "",
    expected_status: str | None = None,
) -> Proposal:
    """Record (or correct, until the call's decisions are published) the decision:
    adopted, adopted with conditions, or not adopted, always with its reason (for a
    proposal not adopted, 「反映できない理由」); conditions for an adoption with conditions.
    The proposer is told when the call's decisions are published."""
    _ensure_window(actor, proposal)
    if decision not in DECIDED_STATUSES:
        raise ValidationError({"decision": ValidationError(_("Choose a decision."), code="invalid")})
    message = (
        _("Give the reason the proposal cannot be adopted: the proposer is told.")
        if decision == P.NOT_ADOPTED
        else _("Give the reason for the decision: the proposer is told.")
    )
    reason = _text(reason, field="reason", limit=MAX_REASON, required=True, message=message)
    conditions = _text(
        conditions,
        field="conditions",
        limit=MAX_REASON,
        required=decision == P.CONDITIONAL,
        message=_("Give the conditions of the adoption."),
    )
    if decision != P.CONDITIONAL:
        conditions = ""
    locked = _lock(proposal)
    ensure_unchanged(locked, expected_status)
    _ensure_not_published(locked)
    locked.decision_reason = reason
    locked.conditions = conditions
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    fields = ["decision_reason", "conditions", "decided_at", "decided_by"]
    if locked.status == decision:
        locked.save(update_fields=[*fields, "updated_at"])
        audit_log(
            actor=actor,
            action="collaboration.proposal.decision_changed",
            target=locked,
            data={"decision": decision, "reason": reason, "conditions": conditions},
        )
    else:
        transition(
            locked,
            decision,
            actor=actor,
            expected=expected_status,
            data={"reason": reason, "conditions": conditions},
            update_fields=fields,
        )
    return locked


# --- Publishing the decisions together ----------------------------------------------------------


def decisions_blockers(call: Call) -> list[str]:
    """Why the call's decisions cannot be published now (empty when they can)."""
    problems = []
    if call.is_rolling and call.status == CallStatus.OPEN:
        # An all-year window publishes the decisions made so far, as a batch.
        if not call.proposals.filter(status__in=DECIDED_STATUSES, decision_published_at__isnull=True).exists():
            problems.append(_("There is no new decision to publish."))
        return problems
    if call.decisions_published_at is not None or call.status == CallStatus.ANNOUNCED:
        problems.append(_("The decisions of this call are already published."))
        return problems
    if call.status != CallStatus.CLOSED:
        problems.append(_("Close the call before publishing its decisions."))
    undecided = call.proposals.filter(status__in=UNDECIDED_STATUSES).count()
    if undecided:
        problems.append(
            _("%(count)d submitted proposal(s) have no decision yet.") % {"count": undecided},
        )
    return problems


@transaction.atomic
def decisions_publish(*, actor: Any, call: Call, expected_status: str | None = None) -> list[Project]:
    """Publish every decision of the call together (Decidim's "publish answers"): each
    decided proposal's decision becomes visible to its proposer, who is e-mailed it with
    its reason and conditions; the call moves to ANNOUNCED; every adopted proposal (with
    or without conditions) becomes a project. Refused while a submitted proposal is
    undecided."""
    _ensure_window(actor)
    locked = Call.objects.select_for_update().get(pk=call.pk)
    ensure_unchanged(locked, expected_status)
    if locked.is_rolling and locked.status == CallStatus.OPEN:
        return _publish_batch(actor=actor, call=locked)
    if locked.decisions_published_at is not None:
        raise ValidationError(_("The decisions of this call are already published."), code="published")
    proposals = list(
        Proposal.objects.select_for_update(of=("self",))
        .filter(call=locked)
        .exclude(status__in=[P.DRAFT, P.WITHDRAWN])
        .select_related("group", "created_by", "form")
        .order_by("receipt_number", "pk")
    )
    undecided = [p for p in proposals if p.status in UNDECIDED_STATUSES]
    if undecided:
        raise ValidationError(
            _("%(count)d submitted proposal(s) have no decision yet: decide them before publishing.")
            % {"count": len(undecided)},
            code="undecided",
        )
    now = timezone.now()
    locked.decisions_published_at = now
    transition(
        locked,
        CallStatus.ANNOUNCED,
        actor=actor,
        data={"proposals": len(proposals)},
        update_fields=["decisions_published_at"],
    )
    return _publish_proposals(actor=actor, proposals=proposals, now=now)


def _publish_batch(*, actor: Any, call: Call) -> list[Project]:
    """An all-year 市民提案型 window: publish together the decisions made since the last
    batch; the window stays open and undecided proposals wait for the next batch."""
    proposals = list(
        Proposal.objects.select_for_update(of=("self",))
        .filter(call=call, status__in=DECIDED_STATUSES, decision_published_at__isnull=True)
        .select_related("group", "created_by", "form")
        .order_by("receipt_number", "pk")
    )
    if not proposals:
        raise ValidationError(_("There is no new decision to publish."), code="nothing")
    now = timezone.now()
    call.decisions_published_at = now
    call.save(update_fields=["decisions_published_at", "updated_at"])
    audit_log(
        actor=actor,
        action="collaboration.call.decisions_published",
        target=call,
        data={"proposals": len(proposals), "batch": True},
    )
    return _publish_proposals(actor=actor, proposals=proposals, now=now)


def _publish_proposals(*, actor: Any, proposals: list[Proposal], now: Any) -> list[Project]:
    projects = []
    for proposal in proposals:
        proposal.decision_published_at = now
        proposal.save(update_fields=["decision_published_at", "updated_at"])
        audit_log(
            actor=actor,
            action="collaboration.proposal.decision_published",
            target=proposal,
            data={"decision": proposal.status},
        )
        if proposal.status in ADOPTED_STATUSES:
            projects.append(project_from_proposal(actor=actor, proposal=proposal))
        notify(
            "collaboration/email/window_decision",
            proposer_recipients(proposal),
            proposal_id=proposal.pk,
            decision=proposal.get_status_display(),
            status=proposal.status,
            reason=proposal.decision_reason,
            conditions=proposal.conditions,
            url=_proposal_url(proposal),
        )
    return projects


def _unique_slug(base: str) -> str:
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def project_from_proposal(*, actor: Any, proposal: Proposal) -> Project:
    """The project an adopted proposal becomes (in preparation, published in the
    registry): its title, summary, dates, budget and cost sharing, the proposed form
    (協働委託 by default), domain ③, the call's department in charge, and as partners the
    proposer and the call's and routed departments. Called by `decisions_publish`."""
    if proposal.status not in ADOPTED_STATUSES:
        raise ValidationError(_("Only an adopted proposal becomes a project."), code="not_adopted")
    existing = Project.objects.filter(proposal=proposal).first()
    if existing is not None:
        return existing
    call = proposal.call
    starts_on = proposal.starts_on or call.starts_on or fiscal_year_start(call.fiscal_year)
    ends_on = proposal.ends_on or call.ends_on
    if ends_on is not None and ends_on < starts_on:
        ends_on = None
    form = proposal.form or CollaborationForm.objects.get(code=DEFAULT_FORM_CODE)
    summary = (proposal.issue or proposal.content or "")[:2000]
    project = Project.objects.create(
        slug=_unique_slug(f"{call.fiscal_year}-proposal-{proposal.pk}"),
        title=proposal.title,
        summary=summary,
        form=form,
        domain=Domain.JOINT,
        department=call.department,
        proposal=proposal,
        fiscal_year=fiscal_year(starts_on),
        starts_on=starts_on,
        ends_on=ends_on,
        budget_total=proposal.budget_total,
        cost_sharing=proposal.cost_sharing,
        status=ProjectStatus.PLANNED,
        is_published=True,
    )
    order = 0
    if proposal.proposer_kind == ProposerKind.GROUP:
        ProjectPartner.objects.create(project=project, kind=PartnerKind.GROUP, group=proposal.group, order=order)
    else:
        ProjectPartner.objects.create(
            project=project,
            kind=PartnerKind.BUSINESS,
            name=proposal.business_name or str(proposal.created_by),
            contact=proposal.created_by,
            order=order,
        )
    department_ids = [call.department_id]
    for department_id in proposal.routings.order_by("pk").values_list("department_id", flat=True):
        if department_id not in department_ids:
            department_ids.append(department_id)
    for department_id in department_ids:
        order += 1
        ProjectPartner.objects.create(
            project=project, kind=PartnerKind.DEPARTMENT, department_id=department_id, order=order
        )
    audit_log(actor=actor, action="collaboration.project.from_proposal", target=project, data={"proposal": proposal.pk})
    return project
