"""Writes for events: posting, sign-up with capacity and a waiting list, cancellation
with automatic promotion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import notifications
from groups import permissions as group_permissions
from groups.models import CommunityGroup, Event, EventRegistration, EventStatus, RegistrationStatus
from portal import permissions as portal_permissions
from portal import search
from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges
from portal.models import ActivityField, Department, User
from portal.workflow import ensure_unchanged, transition

__all__ = [
    "EVENT_FIELDS",
    "can_manage_event",
    "can_post_for_group",
    "event_cancel",
    "event_create",
    "event_update",
    "registration_cancel",
    "registration_create",
]

EVENT_FIELDS = (
    "title",
    "title_kana",
    "title_en",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "area",
    "audience",
    "fee",
    "capacity",
    "requires_signup",
    "signup_opens_at",
    "signup_closes_at",
    "accessibility",
    "contact",
)
EVENT_DATE_RANGES = dict.fromkeys(("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"), SCHEDULE)


def can_post_for_group(user: User, group: CommunityGroup) -> bool:
    """Registered groups' representatives and editors post events (read now)."""
    return group_permissions.can_post_for_group(user, group, fresh=True)


def can_manage_event(user: User, event: Event) -> bool:
    """The organising group's editors, the department's city staff (read now)."""
    return group_permissions.can_manage_event(user, event, fresh=True)


def _apply(event: Event, data: dict[str, Any]) -> list[str]:
    changed = [name for name in EVENT_FIELDS if name in data and getattr(event, name) != data[name]]
    check_date_ranges({name: data[name] for name in changed}, EVENT_DATE_RANGES)
    for name in changed:
        setattr(event, name, data[name])
    if not event.requires_signup:
        event.signup_opens_at = event.signup_closes_at = None
    event.full_clean(exclude=["fields"])
    return changed


@transaction.atomic
def event_create(
    *,
    actor: User,
    data: dict[str, Any],
    fields: Iterable[ActivityField] = (),
    group: CommunityGroup | None = None,
    department: Department | None = None,
) -> Event:
    if (group is None) == (department is None):
        raise ValidationError(_("An event has one organiser: a group or a department."))
    if group is not None and not can_post_for_group(actor, group):
        raise PermissionDenied
    if department is not None and not portal_permissions.is_city_staff(actor, department_id=department.pk):
        raise PermissionDenied
    event = Event(group=group, department=department, created_by=actor)
    _apply(event, data)
    if event.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("The event must start in the future.")})
    event.save()
    event.fields.set(list(fields))
    audit_log(actor=actor, action="groups.event.created", target=event)
    return event


@transaction.atomic
def event_update(
    *, event: Event, actor: User, data: dict[str, Any], fields: Iterable[ActivityField] | None = None
) -> Event:
    event = Event.objects.select_for_update(of=("self",)).select_related("group").get(pk=event.pk)
    if not can_manage_event(actor, event):
        raise PermissionDenied
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be changed."))
    old_capacity = event.capacity
    changed = _apply(event, data)
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if event.capacity is not None and event.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _("%(count)s people are already confirmed; the capacity cannot be lower.")
                % {"count": confirmed}
            }
        )
    event.save()
    if fields is not None:
        event.fields.set(list(fields))
        search.schedule(event)  # the fields alone may have changed (no save then)
    audit_log(actor=actor, action="groups.event.updated", target=event, data={"fields": changed})
    if event.capacity is None or (old_capacity is not None and event.capacity > old_capacity):
        _promote_waiting(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor: User, expected_status: str | None = None) -> Event:
    event = Event.objects.select_for_update(of=("self",)).select_related("group").get(pk=event.pk)
    if not can_manage_event(actor, event):
        raise PermissionDenied
    ensure_unchanged(event, expected_status)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event is already cancelled."))
    transition(event, EventStatus.CANCELLED, actor=actor, expected=expected_status)
    user_ids = list(
        event.registrations.filter(status__in=["confirmed", "waitlisted"]).values_list("user_id", flat=True)
    )
    transaction.on_commit(lambda: notifications.notify_event_cancelled(event_id=event.pk, user_ids=user_ids))
    return event


@transaction.atomic
def registration_create(*, event: Event, user: User, note: str = "") -> EventRegistration:
    """Sign up for an event: confirmed while places remain, otherwise on the waiting
    list. The event row is locked, so concurrent sign-ups never over-book."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.signup_is_open():
        raise ValidationError(_("Sign-up for this event is not open."), code="signup_closed")
    if event.registrations.filter(user=user, status__in=["confirmed", "waitlisted"]).exists():
        raise ValidationError(_("You have already signed up for this event."), code="duplicate")
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    registration = EventRegistration.objects.create(
        event=event,
        user=user,
        note=note[:500],
        status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
    )
    audit_log(actor=user, action="groups.eventregistration.created", target=event, data={"status": registration.status})
    return registration


def _promote_waiting(event: Event) -> list[EventRegistration]:
    """Move people from the waiting list, first come first served, while places remain.
    The caller holds the lock on the event."""
    promoted: list[EventRegistration] = []
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = None if event.capacity is None else event.capacity - confirmed
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")
    for registration in waiting if free is None else waiting[: max(free, 0)]:
        registration.promoted_at = timezone.now()
        transition(
            registration,
            RegistrationStatus.CONFIRMED,
            actor=None,
            action="promoted",
            data={"event": event.pk},
            update_fields=["promoted_at"],
        )
        promoted.append(registration)
    for registration in promoted:
        transaction.on_commit(lambda pk=registration.pk: notifications.notify_registration_promoted(registration_id=pk))
    return promoted


@transaction.atomic
def registration_cancel(*, registration: EventRegistration, actor: User) -> EventRegistration:
    """The participant (or an organiser) cancels; the first person waiting moves up."""
    event = Event.objects.select_for_update(of=("self",)).select_related("group").get(pk=registration.event_id)
    registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
    group_permissions.registration_policy.ensure(actor, "cancel", registration)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This sign-up is already cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.cancelled_at = timezone.now()
    transition(
        registration,
        RegistrationStatus.CANCELLED,
        actor=actor,
        data={"event": event.pk},
        update_fields=["cancelled_at"],
    )
    if was_confirmed and event.status == EventStatus.PUBLISHED and event.starts_at > timezone.now():
        _promote_waiting(event)
    return registration
