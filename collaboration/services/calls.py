"""Calls for collaboration proposals (募集): the window creates and edits a call (a
department's 行政提案型 theme or the 市民提案型 window), publishes it, closes it and
reopens it. Every status change goes through `portal.workflow.transition` with
`CALL_WORKFLOW`; publishing the decisions (CLOSED → ANNOUNCED) is the window area's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import CALL_WORKFLOW, Call, CallKind, CallStatus
from collaboration.permissions import is_window_staff
from portal.audit import audit_log
from portal.workflow import check_transition, ensure_unchanged, transition

if TYPE_CHECKING:
    from portal.models import User

__all__ = ["CALL_FIELDS", "call_close", "call_create", "call_publish", "call_reopen", "call_update"]

assert CALL_WORKFLOW is Call.WORKFLOWS["status"]

# The fields staff write on a call.
CALL_FIELDS = (
    "kind",
    "slug",
    "fiscal_year",
    "department",
    "title",
    "title_en",
    "background",
    "background_en",
    "city_contribution",
    "city_contribution_en",
    "participation_criteria",
    "participation_criteria_en",
    "budget_min",
    "budget_max",
    "starts_on",
    "ends_on",
    "opens_at",
    "closes_at",
    "businesses_may_propose",
    "presentation_on",
    "presentation_place",
    "committee",
)


def _ensure_window(actor: Any) -> None:
    if not is_window_staff(actor):
        raise PermissionDenied


def _check_rules(call: Call) -> None:
    """The rules of a call beyond its fields: the order of the budget, the period and the
    acceptance window, and a deadline for a theme."""
    errors: dict[str, list[ValidationError]] = {}
    if call.budget_max < call.budget_min:
        errors.setdefault("budget_max", []).append(
            ValidationError(_("The budget's upper end must not be below its lower end."), code="budget_order")
        )
    if call.starts_on and call.ends_on and call.ends_on < call.starts_on:
        errors.setdefault("ends_on", []).append(
            ValidationError(_("The period must end on or after its first day."), code="period_order")
        )
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors.setdefault("closes_at", []).append(
            ValidationError(_("The deadline must be after the day proposals are accepted from."), code="window_order")
        )
    if call.kind == CallKind.THEME and call.closes_at is None:
        errors.setdefault("closes_at", []).append(
            ValidationError(_("A city-proposed theme needs a deadline."), code="deadline_required")
        )
    if errors:
        raise ValidationError(errors)


def _apply(call: Call, data: Mapping[str, Any]) -> None:
    for name in CALL_FIELDS:
        if name in data:
            setattr(call, name, data[name])


@transaction.atomic
def call_create(*, actor: User, data: Mapping[str, Any]) -> Call:
    """A new call, as a draft (nothing is public until it is published)."""
    _ensure_window(actor)
    call = Call(status=CallStatus.DRAFT)
    _apply(call, data)
    call.full_clean()
    _check_rules(call)
    call.save()
    audit_log(actor=actor, action="collaboration.call.created", target=call, data={"slug": call.slug})
    return call


@transaction.atomic
def call_update(*, actor: User, call: Call, data: Mapping[str, Any]) -> Call:
    """Change a call's text, dates, budget and committee (not once its decisions are published)."""
    _ensure_window(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status == CallStatus.ANNOUNCED:
        raise ValidationError(_("The decisions of this call are published: it can no longer change."), code="announced")
    before = {
        name: getattr(call, f"{name}_id" if name in ("department", "committee") else name) for name in CALL_FIELDS
    }
    _apply(call, data)
    call.full_clean()
    _check_rules(call)
    changed = [
        name
        for name in CALL_FIELDS
        if before[name] != getattr(call, f"{name}_id" if name in ("department", "committee") else name)
    ]
    if changed:
        call.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action="collaboration.call.updated", target=call, data={"fields": changed})
    return call


@transaction.atomic
def call_publish(*, actor: User, call: Call, expected_status: str | None = None) -> Call:
    """DRAFT → OPEN: the call appears on the public pages."""
    _ensure_window(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    ensure_unchanged(call, expected_status)
    check_transition(call, CallStatus.OPEN)
    _check_rules(call)
    call.published_at = timezone.now()
    transition(call, CallStatus.OPEN, actor=actor, expected=expected_status, update_fields=["published_at"])
    return call


@transaction.atomic
def call_close(*, actor: User, call: Call, expected_status: str | None = None) -> Call:
    """OPEN → CLOSED: no more proposals (e.g. before the deadline, or after it for review)."""
    _ensure_window(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    ensure_unchanged(call, expected_status)
    transition(call, CallStatus.CLOSED, actor=actor, expected=expected_status)
    return call


@transaction.atomic
def call_reopen(*, actor: User, call: Call, expected_status: str | None = None) -> Call:
    """CLOSED → OPEN again, while the deadline has not passed (move it first)."""
    _ensure_window(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    ensure_unchanged(call, expected_status)
    check_transition(call, CallStatus.OPEN)
    if call.closes_at and call.closes_at <= timezone.now():
        raise ValidationError(
            _("The deadline has passed: move the deadline before reopening the call."), code="deadline_passed"
        )
    transition(call, CallStatus.OPEN, actor=actor, expected=expected_status, action="reopened")
    return call
