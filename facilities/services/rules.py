"""Booking rules: a facility's, and a resource's own rules that replace them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from facilities.models import BookingPolicy, Facility, Resource
from facilities.permissions import ensure_manages
from portal.audit import audit_log
from portal.models import User

__all__ = ["policy_clear", "policy_update"]

POLICY_FIELDS = (
    "group_advance_days",
    "individual_advance_days",
    "individuals_may_book",
    "min_slots",
    "max_slots",
    "monthly_cap",
    "cancellation_deadline_days",
    "full_refund_days",
    "late_refund_percent",
)


@transaction.atomic
def policy_update(
    *, facility: Facility, actor: User, data: dict[str, Any], resource: Resource | None = None
) -> BookingPolicy:
    """Change the facility's rules, or (with `resource`) the resource's own rules,
    created from the facility's on first use."""
    ensure_manages(actor, facility)
    if resource is not None and resource.facility_id != facility.pk:
        raise PermissionDenied
    if resource is None:
        policy = BookingPolicy.objects.select_for_update().get(pk=facility.policy_id)
    elif resource.policy_id is None:
        policy = BookingPolicy(name=f"{facility.name} {resource.name}")
    else:
        policy = BookingPolicy.objects.select_for_update().get(pk=resource.policy_id)
    for name in POLICY_FIELDS:
        setattr(policy, name, data[name])
    policy.full_clean()
    policy.save()
    if resource is not None and resource.policy_id != policy.pk:
        resource.policy = policy
        resource.save(update_fields=["policy", "updated_at"])
    audit_log(
        actor=actor,
        action="facilities.policy.changed",
        target=resource or facility,
        data={name: data[name] for name in POLICY_FIELDS},
    )
    return policy


@transaction.atomic
def policy_clear(*, resource: Resource, actor: User) -> None:
    """The resource follows its facility's rules again."""
    ensure_manages(actor, resource.facility)
    own = resource.policy
    resource.policy = None
    resource.save(update_fields=["policy", "updated_at"])
    if own is not None and not own.facilities.exists() and not own.resources.exists():
        own.delete()
    audit_log(actor=actor, action="facilities.policy.cleared", target=resource)
