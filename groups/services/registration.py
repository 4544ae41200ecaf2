"""Writes for groups: registration, review, renewal, lapse, withdrawal, members."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import notifications
from groups import permissions as group_permissions
from groups.models import (
    AttachmentKind,
    CommunityGroup,
    GroupAttachment,
    GroupStatus,
    Membership,
    MembershipInvitation,
    MembershipRole,
)
from portal import dates, search
from portal import permissions as portal_permissions
from portal.audit import audit_log
from portal.dates import FOUNDING, check_date_ranges
from portal.models import ActivityField, Area, SiteConfiguration, User
from portal.workflow import transition, transition_many

DECLARATIONS = ("declares_non_profit", "declares_not_religious", "declares_not_political", "declares_not_electoral")

# Fields of the registration form that a service copies onto the group.
PROFILE_FIELDS = (
    "name",
    "name_kana",
    "organisation_form",
    "corporate_number",
    "founded_on",
    "purpose",
    "activities",
    "meeting_place",
    "meeting_schedule",
    "member_count",
    "member_count_local",
    "representative_name",
    "representative_kana",
    "contact_name",
    "contact_kana",
    "contact_email",
    "contact_phone",
    "address",
    "website",
    "sns",
    "disclosed_fields",
)

ATTACHMENT_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

# One account may have this many applications awaiting the city (pending or returned
# for correction) and send this many in 24 hours: every application e-mails staff.
MAX_OPEN_APPLICATIONS = 3
MAX_APPLICATIONS_PER_DAY = 5


def _apply_profile(
    group: CommunityGroup,
    data: dict[str, Any],
    fields: Iterable[ActivityField] | None,
    areas: Iterable[Area] | None,
) -> list[str]:
    check_date_ranges(
        {name: data[name] for name in ("founded_on",) if name in data and getattr(group, name) != data[name]},
        {"founded_on": FOUNDING},
    )
    changed = []
    for name in PROFILE_FIELDS:
        if name in data and getattr(group, name) != data[name]:
            setattr(group, name, data[name])
            changed.append(name)
    group.full_clean(exclude=["slug", "fields", "areas"])
    if fields is not None and not list(fields):
        raise ValidationError({"fields": _("Choose at least one activity field.")})
    if areas is not None and not list(areas):
        raise ValidationError({"areas": _("Choose at least one area.")})
    return changed


def _set_taxonomies(
    group: CommunityGroup, fields: Iterable[ActivityField] | None, areas: Iterable[Area] | None
) -> None:
    if fields is not None:
        group.fields.set(fields)
    if areas is not None:
        group.areas.set(areas)
    if fields is not None or areas is not None:
        search.schedule(group)  # a many-to-many change saves nothing


def validate_attachment(upload: UploadedFile) -> str:
    """Type and size checks for a private attachment; returns the content type."""
    if upload.size is None or upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("A file may be at most 5 MB."), code="attachment_size")
    head = upload.read(8)
    upload.seek(0)
    content_type = upload.content_type or ""
    signatures = {
        "application/pdf": (b"%PDF",),
        "image/jpeg": (b"\xff\xd8\xff",),
        "image/png": (b"\x89PNG",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
    }
    if content_type not in ATTACHMENT_TYPES or not head.startswith(signatures[content_type]):
        raise ValidationError(_("Upload a PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx) file."), code="attachment_type")
    return content_type


def attachment_add(*, group: CommunityGroup, actor: User, kind: str, upload: UploadedFile) -> GroupAttachment:
    if kind not in AttachmentKind.values:
        raise ValidationError(_("Choose the kind of document."))
    content_type = validate_attachment(upload)
    attachment = GroupAttachment(
        group=group,
        kind=kind,
        original_name=(upload.name or "file")[:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    audit_log(actor=actor, action="groups.attachment.added", target=group, data={"kind": kind})
    return attachment


def _check_application_limits(applicant: User) -> None:
    """Refuses an application beyond the per-account limits. The applicant's row is
    locked, so that parallel requests from one account are counted one after another."""
    User.objects.select_for_update().filter(pk=applicant.pk).first()
    mine = CommunityGroup.objects.filter(applicant=applicant)
    if mine.filter(status__in=[GroupStatus.PENDING, GroupStatus.RETURNED]).count() >= MAX_OPEN_APPLICATIONS:
        raise ValidationError(
            _(
                "You already have %(count)d applications waiting for the city. "
                "Please wait for a decision on them before applying again."
            )
            % {"count": MAX_OPEN_APPLICATIONS},
            code="too_many_applications",
        )
    since = timezone.now() - datetime.timedelta(days=1)
    if mine.filter(created_at__gte=since).count() >= MAX_APPLICATIONS_PER_DAY:
        raise ValidationError(
            _("You have sent %(count)d applications in the last 24 hours. Please try again tomorrow.")
            % {"count": MAX_APPLICATIONS_PER_DAY},
            code="too_many_applications",
        )


@transaction.atomic
def group_apply(
    *,
    applicant: User,
    data: dict[str, Any],
    fields: Iterable[ActivityField],
    areas: Iterable[Area],
    attachments: Iterable[tuple[str, UploadedFile]] = (),
) -> CommunityGroup:
    """A citizen applies to register a group (団体登録). The applicant becomes the
    group's representative account; staff review the application."""
    if not applicant.is_authenticated:
        raise PermissionDenied
    _check_application_limits(applicant)
    missing = [name for name in DECLARATIONS if not data.get(name)]
    if missing:
        raise ValidationError(
            {name: _("You must confirm this condition to register.") for name in missing}, code="declaration"
        )
    fields, areas = list(fields), list(areas)
    group = CommunityGroup(slug=f"new-{uuid.uuid4().hex[:12]}", applicant=applicant, status=GroupStatus.PENDING)
    _apply_profile(group, data, fields, areas)
    for name in DECLARATIONS:
        setattr(group, name, True)
    now = timezone.now()
    group.declared_at = group.submitted_at = now
    group.save()
    group.slug = str(group.pk)
    group.save(update_fields=["slug"])
    _set_taxonomies(group, fields, areas)
    Membership.objects.create(user=applicant, group=group, role=MembershipRole.REPRESENTATIVE)
    for kind, upload in attachments:
        attachment_add(group=group, actor=applicant, kind=kind, upload=upload)
    audit_log(actor=applicant, action="groups.communitygroup.applied", target=group)
    transaction.on_commit(lambda: notifications.notify_staff_of_application(group_id=group.pk))
    return group


@transaction.atomic
def group_update(
    *,
    group: CommunityGroup,
    actor: User,
    data: dict[str, Any],
    fields: Iterable[ActivityField] | None = None,
    areas: Iterable[Area] | None = None,
) -> CommunityGroup:
    """The representative or an editor changes the group's profile."""
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    group_permissions.ensure_can_edit(actor, group)
    if group.status in (GroupStatus.REJECTED, GroupStatus.WITHDRAWN):
        raise ValidationError(_("This group can no longer be changed."))
    fields = list(fields) if fields is not None else None
    areas = list(areas) if areas is not None else None
    changed = _apply_profile(group, data, fields, areas)
    group.save()
    _set_taxonomies(group, fields, areas)
    audit_log(actor=actor, action="groups.communitygroup.updated", target=group, data={"fields": changed})
    return group


def _decide(
    group: CommunityGroup, *, actor: User, new_status: str, note: str, action: str, expected_status: str | None
) -> CommunityGroup:
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if not portal_permissions.is_city_staff(actor):
        raise PermissionDenied
    group.decided_by, group.decided_at, group.review_note = actor, timezone.now(), note
    fields = ["decided_by", "decided_at", "review_note"]
    if new_status == GroupStatus.REGISTERED:
        group.registered_until = dates.fiscal_year_end(dates.fiscal_year(timezone.localdate()))
        fields.append("registered_until")
    transition(
        group,
        new_status,
        actor=actor,
        expected=expected_status,
        action=action,
        data={"note": note} if note else {},
        update_fields=fields,
    )
    transaction.on_commit(lambda: notifications.notify_group_decision(group_id=group.pk, event=new_status))
    return group


@transaction.atomic
def group_approve(*, group: CommunityGroup, actor: User, expected_status: str | None = None) -> CommunityGroup:
    return _decide(
        group,
        actor=actor,
        new_status=GroupStatus.REGISTERED,
        note="",
        action="approved",
        expected_status=expected_status,
    )


@transaction.atomic
def group_return(
    *, group: CommunityGroup, actor: User, reason: str, expected_status: str | None = None
) -> CommunityGroup:
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the group what to correct.")})
    return _decide(
        group,
        actor=actor,
        new_status=GroupStatus.RETURNED,
        note=reason.strip(),
        action="returned",
        expected_status=expected_status,
    )


@transaction.atomic
def group_reject(
    *, group: CommunityGroup, actor: User, reason: str, expected_status: str | None = None
) -> CommunityGroup:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    return _decide(
        group,
        actor=actor,
        new_status=GroupStatus.REJECTED,
        note=reason.strip(),
        action="rejected",
        expected_status=expected_status,
    )


@transaction.atomic
def group_resubmit(*, group: CommunityGroup, actor: User) -> CommunityGroup:
    """After correcting a returned application (or after a lapse), apply again."""
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    group_permissions.ensure_representative(actor, group)
    group.submitted_at = timezone.now()
    transition(group, GroupStatus.PENDING, actor=actor, action="resubmitted", update_fields=["submitted_at"])
    transaction.on_commit(lambda: notifications.notify_staff_of_application(group_id=group.pk))
    return group


def renewal_window(day: datetime.date, config: SiteConfiguration | None = None) -> bool:
    """Whether `day` lies in the renewal window (February by default)."""
    config = config or SiteConfiguration.get_solo()

    def fiscal_month(month: int) -> int:
        return (month - dates.FISCAL_YEAR_START_MONTH) % 12

    opens, closes = fiscal_month(config.group_renewal_opens_month), fiscal_month(config.group_renewal_closes_month)
    return opens <= fiscal_month(day.month) <= closes


@transaction.atomic
def group_renew(
    *, group: CommunityGroup, actor: User, data: dict[str, Any] | None = None, today: datetime.date | None = None
) -> CommunityGroup:
    """The representative confirms (and may update) the data for the next fiscal year."""
    today = today or timezone.localdate()
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    group_permissions.ensure_representative(actor, group)
    if group.status != GroupStatus.REGISTERED:
        raise ValidationError(_("Only a registered group can renew its registration."))
    if not renewal_window(today):
        raise ValidationError(_("Registration can be renewed only during the renewal period."))
    next_end = dates.fiscal_year_end(dates.fiscal_year(today) + 1)
    if group.registered_until and group.registered_until >= next_end:
        raise ValidationError(_("This registration has already been renewed."))
    if data:
        _apply_profile(group, data, None, None)
    group.registered_until = next_end
    group.renewed_at = timezone.now()
    group.save()
    audit_log(actor=actor, action="groups.communitygroup.renewed", target=group, data={"until": next_end.isoformat()})
    return group


@transaction.atomic
def groups_lapse_expired(*, today: datetime.date | None = None, actor: User | None = None) -> int:
    """Registrations not renewed lapse after their end date (1 April): the group
    leaves the directory and loses registered-group privileges, keeping its data."""
    today = today or timezone.localdate()
    expired = CommunityGroup.objects.filter(status=GroupStatus.REGISTERED, registered_until__lt=today)
    return len(transition_many(expired.order_by("pk"), GroupStatus.LAPSED, actor=actor))


@transaction.atomic
def group_lapse(*, group: CommunityGroup, actor: User, today: datetime.date | None = None) -> CommunityGroup:
    """Staff lapse one registration whose end date has passed (the nightly
    `groups_lapse` does all of them with `groups_lapse_expired`)."""
    today = today or timezone.localdate()
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if not portal_permissions.is_city_staff(actor):
        raise PermissionDenied
    if group.status == GroupStatus.REGISTERED and group.registered_until and group.registered_until >= today:
        raise ValidationError(
            _("This registration is valid until %(date)s and cannot lapse before then.")
            % {"date": group.registered_until.isoformat()},
            code="not_expired",
        )
    transition(group, GroupStatus.LAPSED, actor=actor)
    return group


@transaction.atomic
def group_withdraw(*, group: CommunityGroup, actor: User) -> CommunityGroup:
    """The representative ends the group's registration (解散・廃止)."""
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    group_permissions.ensure_representative(actor, group)
    transition(group, GroupStatus.WITHDRAWN, actor=actor)
    return group


# --- Members ---------------------------------------------------------------------------


@transaction.atomic
def membership_add(*, group: CommunityGroup, user: User, role: str, actor: User | None) -> Membership:
    if role == MembershipRole.REPRESENTATIVE:
        raise ValidationError(_("A group has exactly one representative; hand the role over instead."))
    membership, created = Membership.objects.get_or_create(group=group, user=user, defaults={"role": role})
    if created:
        audit_log(actor=actor, action="groups.membership.created", target=group, data={"role": role})
    return membership


@transaction.atomic
def membership_invite(*, group: CommunityGroup, actor: User, email: str, role: str) -> MembershipInvitation:
    """The representative invites someone by e-mail to join in a role."""
    group_permissions.ensure_representative(actor, group)
    email = email.strip().lower()
    if role not in MembershipRole.values or role == MembershipRole.REPRESENTATIVE:
        raise ValidationError({"role": _("Choose a role other than representative.")})
    if Membership.objects.filter(group=group, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    invitation = MembershipInvitation(group=group, email=email, role=role, invited_by=actor)
    invitation.full_clean()
    invitation.save()
    audit_log(actor=actor, action="groups.invitation.created", target=group, data={"role": role})
    transaction.on_commit(lambda: notifications.notify_invitation(invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: MembershipInvitation, user: User) -> Membership:
    invitation = MembershipInvitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)
    if not invitation.is_open():
        raise ValidationError(_("This invitation has expired or has already been used."), code="invitation_closed")
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied
    membership, created = Membership.objects.get_or_create(
        group=invitation.group, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    if created:
        audit_log(
            actor=user, action="groups.membership.joined", target=invitation.group, data={"role": membership.role}
        )
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, actor: User, role: str) -> Membership:
    membership = Membership.objects.select_for_update().select_related("group").get(pk=membership.pk)
    group_permissions.ensure_representative(actor, membership.group)
    if role == MembershipRole.REPRESENTATIVE:
        raise ValidationError({"role": _("Use the hand-over to make someone the representative.")})
    if membership.role == MembershipRole.REPRESENTATIVE:
        raise ValidationError(_("The representative's role changes only by handing it over."))
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit_log(
        actor=actor, action="groups.membership.role_changed", target=membership.group, data={"from": old, "to": role}
    )
    return membership


@transaction.atomic
def membership_handover(*, group: CommunityGroup, actor: User, to: Membership) -> Membership:
    """The representative hands the role to another member and becomes an editor."""
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    group_permissions.ensure_representative(actor, group)
    current = Membership.objects.select_for_update().get(group=group, user=actor)
    to = Membership.objects.select_for_update().get(pk=to.pk)
    if to.group_id != group.pk or to.pk == current.pk:
        raise ValidationError(_("Choose another member of this group."))
    current.role = MembershipRole.EDITOR
    current.save(update_fields=["role", "updated_at"])
    to.role = MembershipRole.REPRESENTATIVE
    to.save(update_fields=["role", "updated_at"])
    audit_log(actor=actor, action="groups.membership.handed_over", target=group, data={"to_user": to.user_id})
    return to


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """A member leaves, or the representative removes a member."""
    membership = Membership.objects.select_for_update().select_related("group").get(pk=membership.pk)
    group = membership.group
    if membership.user_id != actor.pk:
        group_permissions.ensure_representative(actor, group)
    if membership.role == MembershipRole.REPRESENTATIVE:
        raise ValidationError(_("The representative must hand the role over before leaving."))
    event = "left" if membership.user_id == actor.pk else "removed"
    membership.delete()
    audit_log(actor=actor, action=f"groups.membership.{event}", target=group)


def remove_memberships_of_deleted_user(*, user: User) -> None:
    """Account-deletion hook: a representative must hand over the group first."""
    if Membership.objects.filter(user=user, role=MembershipRole.REPRESENTATIVE).exists():
        raise ValidationError(
            _("You represent a group. Hand the representative role to another member before deleting your account.")
        )
    Membership.objects.filter(user=user).delete()


def export_memberships(*, user: User) -> dict[str, Any]:
    return {
        "group_memberships": [
            {"group": name, "role": role}
            for name, role in Membership.objects.filter(user=user).order_by("pk").values_list("group__name", "role")
        ]
    }
