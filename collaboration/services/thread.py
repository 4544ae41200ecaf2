"""A proposal's thread (shared by the proposer's pages and the staff pages): messages
between the proposer and the staff concerned, the request for 事前相談, the departments'
answers (担当課協議), and the staff's private notes.

Who may write what:
- the proposer (`proposal_policy` "edit": the group's representative and editors, or
  the business's account) writes messages, and asks for 事前相談 while the proposal is a
  draft;
- the window and the routed departments (`proposal_policy` "answer") write messages;
  a routed department's 協働推進員 or city staff write its answer (`department=`);
- the window and the routed departments add private notes, never shown to the
  proposer.
A withdrawn proposal's thread is closed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import MessageKind, Proposal, ProposalMessage, ProposalNote, ProposalRouting, ProposalStatus
from collaboration.notifications import department_recipients, notify, proposer_recipients, window_recipients
from collaboration.permissions import answering_department_ids, is_window_staff, proposal_policy
from portal.audit import audit_log
from portal.text import clean_text

__all__ = ["consultation_request", "message_post", "note_add"]

MAX_BODY = 4000


def _clean_body(body: str) -> str:
    return clean_text(body, field="body", limit=MAX_BODY, required=True, required_message=_("Write a message."))


def _ensure_open(proposal: Proposal) -> None:
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ValidationError(_("This proposal was withdrawn: its thread is closed."), code="closed")


def message_post(
    *,
    actor: Any,
    proposal: Proposal,
    body: str,
    department_id: int | None = None,
) -> ProposalMessage:
    """Post a message in the thread. With `department_id`, staff answer for a routed
    department (担当課協議)."""
    proposer = proposal_policy.can(actor, "edit", proposal)
    staff = proposal_policy.can(actor, "answer", proposal)
    if not (proposer or staff):
        raise PermissionDenied
    body = _clean_body(body)
    kind = MessageKind.MESSAGE
    if department_id is not None:
        routed = ProposalRouting.objects.filter(proposal=proposal, department_id=department_id).first()
        if routed is None:
            raise ValidationError(_("This proposal is not routed to that department."), code="not_routed")
        if not (is_window_staff(actor) or department_id in answering_department_ids(actor)):
            raise PermissionDenied
        kind = MessageKind.DEPARTMENT
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        _ensure_open(locked)
        message = ProposalMessage.objects.create(
            proposal=locked, kind=kind, author=actor, department_id=department_id, body=body
        )
        if kind == MessageKind.DEPARTMENT:
            ProposalRouting.objects.filter(proposal=locked, department_id=department_id).update(
                answer=body, answered_at=timezone.now(), answered_by=actor
            )
        audit_log(actor=actor, action=f"collaboration.proposal.{kind}", target=locked, data={"message": message.pk})
        if staff and not proposer:
            notify("collaboration/email/thread_message", proposer_recipients(locked), proposal_id=locked.pk)
        else:
            notify("collaboration/email/thread_message", _staff_recipients(locked), proposal_id=locked.pk, staff=True)
    return message


def consultation_request(*, actor: Any, proposal: Proposal, body: str) -> ProposalMessage:
    """The proposer asks the 協働推進課 window for 事前相談 before submitting; the request
    and the answers stay in the proposal's thread."""
    if not proposal_policy.can(actor, "edit", proposal):
        raise PermissionDenied
    body = _clean_body(body)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != ProposalStatus.DRAFT:
            raise ValidationError(_("Prior consultation is asked for before submitting."), code="not_draft")
        message = ProposalMessage.objects.create(
            proposal=locked, kind=MessageKind.CONSULTATION, author=actor, body=body
        )
        if locked.consultation_requested_at is None:
            locked.consultation_requested_at = timezone.now()
            locked.save(update_fields=["consultation_requested_at", "updated_at"])
        audit_log(actor=actor, action="collaboration.proposal.consultation", target=locked)
        notify("collaboration/email/consultation", window_recipients(), proposal_id=locked.pk, staff=True)
    return message


def note_add(*, actor: Any, proposal: Proposal, body: str) -> ProposalNote:
    """A private note of the staff on the proposal."""
    if not proposal_policy.can(actor, "answer", proposal):
        raise PermissionDenied
    body = _clean_body(body)
    with transaction.atomic():
        note = ProposalNote.objects.create(proposal=proposal, author=actor, body=body)
        audit_log(actor=actor, action="collaboration.proposal.note", target=proposal, data={"note": note.pk})
    return note


def _staff_recipients(proposal: Proposal) -> list[tuple[str, str]]:
    found = dict(window_recipients())
    for department_id in proposal.routings.values_list("department_id", flat=True):
        found.update(department_recipients(department_id))
    return sorted(found.items())
