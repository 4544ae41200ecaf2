"""Writes for volunteer openings and applications, and the profile contact relay."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import notifications
from groups import permissions as group_permissions
from groups.models import ApplicationStatus, CommunityGroup, VolunteerApplication, VolunteerOpening
from groups.services.events import can_post_for_group
from portal.audit import audit_log
from portal.dates import DEADLINE, check_date_ranges
from portal.models import User
from portal.workflow import ensure_unchanged, transition

__all__ = [
    "OPENING_FIELDS",
    "application_create",
    "application_decide",
    "application_withdraw",
    "contact_message_send",
    "opening_close",
    "opening_create",
    "opening_update",
]

OPENING_FIELDS = (
    "title",
    "description",
    "when",
    "place",
    "skills",
    "welcome_students",
    "people_needed",
    "deadline",
)


def _apply(opening: VolunteerOpening, data: dict[str, Any]) -> list[str]:
    changed = [name for name in OPENING_FIELDS if name in data and getattr(opening, name) != data[name]]
    check_date_ranges({name: data[name] for name in changed}, {"deadline": DEADLINE})
    for name in changed:
        setattr(opening, name, data[name])
    opening.full_clean()
    return changed


@transaction.atomic
def opening_create(*, group: CommunityGroup, actor: User, data: dict[str, Any]) -> VolunteerOpening:
    if not can_post_for_group(actor, group):
        raise PermissionDenied
    opening = VolunteerOpening(group=group, created_by=actor)
    _apply(opening, data)
    if opening.deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    opening.save()
    audit_log(actor=actor, action="groups.volunteeropening.created", target=opening)
    return opening


@transaction.atomic
def opening_update(*, opening: VolunteerOpening, actor: User, data: dict[str, Any]) -> VolunteerOpening:
    opening = VolunteerOpening.objects.select_for_update().select_related("group").get(pk=opening.pk)
    group_permissions.ensure_can_edit(actor, opening.group)
    changed = _apply(opening, data)
    opening.save()
    audit_log(actor=actor, action="groups.volunteeropening.updated", target=opening, data={"fields": changed})
    return opening


@transaction.atomic
def opening_close(*, opening: VolunteerOpening, actor: User) -> VolunteerOpening:
    opening = VolunteerOpening.objects.select_for_update().select_related("group").get(pk=opening.pk)
    group_permissions.ensure_can_edit(actor, opening.group)
    opening.is_closed = True
    opening.save(update_fields=["is_closed", "updated_at"])
    audit_log(actor=actor, action="groups.volunteeropening.closed", target=opening)
    return opening


@transaction.atomic
def application_create(*, opening: VolunteerOpening, user: User, message: str) -> VolunteerApplication:
    """A citizen applies with a message; the group is told by e-mail."""
    opening = VolunteerOpening.objects.select_for_update().select_related("group").get(pk=opening.pk)
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not opening.is_open() or not opening.group.is_currently_registered:
        raise ValidationError(_("This opening is no longer taking applications."), code="closed")
    if not message.strip():
        raise ValidationError({"message": _("Write a few words to the group.")})
    if opening.applications.filter(user=user).exclude(status=ApplicationStatus.WITHDRAWN).exists():
        raise ValidationError(_("You have already applied."), code="duplicate")
    application = VolunteerApplication.objects.create(opening=opening, user=user, message=message.strip()[:2000])
    audit_log(actor=user, action="groups.volunteerapplication.created", target=opening)
    transaction.on_commit(lambda: notifications.notify_volunteer_application(application_id=application.pk))
    return application


@transaction.atomic
def application_decide(
    *, application: VolunteerApplication, actor: User, accept: bool, reply: str = "", expected_status: str | None = None
) -> VolunteerApplication:
    """The group accepts or declines; the applicant is told by e-mail."""
    application = (
        VolunteerApplication.objects.select_for_update(of=("self",))
        .select_related("opening__group")
        .get(pk=application.pk)
    )
    group_permissions.application_policy.ensure(actor, "decide", application)
    ensure_unchanged(application, expected_status)
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been answered."), code="stale")
    application.reply = reply.strip()[:2000]
    application.decided_at = timezone.now()
    transition(
        application,
        ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED,
        actor=actor,
        expected=expected_status,
        data={"opening": application.opening_id},
        update_fields=["reply", "decided_at"],
    )
    transaction.on_commit(lambda: notifications.notify_volunteer_decision(application_id=application.pk))
    return application


@transaction.atomic
def application_withdraw(*, application: VolunteerApplication, actor: User) -> VolunteerApplication:
    application = VolunteerApplication.objects.select_for_update().get(pk=application.pk)
    group_permissions.application_policy.ensure(actor, "withdraw", application)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError(_("This application has already been withdrawn."))
    transition(application, ApplicationStatus.WITHDRAWN, actor=actor, data={"opening": application.opening_id})
    return application


def contact_message_send(*, group: CommunityGroup, name: str, email: str, message: str, sender: User | None) -> None:
    """Relay a visitor's message to the group's contact address, which the visitor
    never sees. The reply goes to the address the visitor gave."""
    if not group.is_currently_registered:
        raise ValidationError(_("This group cannot be contacted through the portal."))
    notifications.send_contact_message.enqueue(group_id=group.pk, name=name, email=email, message=message)
    audit_log(actor=sender, action="groups.communitygroup.contacted", target=group)
