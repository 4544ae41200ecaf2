"""Writes for the portal app. Every write that matters goes through here."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import permissions
from portal.audit import audit_log
from portal.models import Department, SiteConfiguration, StaffAssignment, StaffRole, User

PROFILE_FIELDS = ("full_name", "full_name_kana", "relationship", "preferred_language")

# Apps register functions that remove or anonymise their personal data for a user who
# deletes their account (e.g. the groups app drops memberships), and functions that
# add their records to the personal-data export.
ACCOUNT_DELETION_HOOKS: list[Any] = []
DATA_EXPORT_HOOKS: list[Any] = []


@transaction.atomic
def user_update_profile(*, user: User, data: dict[str, Any]) -> User:
    changed = [field for field in PROFILE_FIELDS if field in data and getattr(user, field) != data[field]]
    for field in changed:
        setattr(user, field, data[field])
    if changed:
        user.full_clean(exclude=["password", "email"])
        user.save(update_fields=changed)
        audit_log(actor=user, action="portal.user.profile_updated", target=user, data={"fields": changed})
    return user


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the portal holds about `user`, as JSON-serialisable data."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "full_name_kana": user.full_name_kana,
            "relationship": user.relationship,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user).order_by("pk").values_list("type", flat=True)
        ),
        "roles": [
            {"role": role, "department": dept}
            for role, dept in StaffAssignment.objects.filter(user=user)
            .order_by("pk")
            .values_list("role", "department__name")
        ],
    }
    for hook in DATA_EXPORT_HOOKS:
        data.update(hook(user=user))
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account at its owner's request.

    Personal data is removed; the row itself stays, anonymised, because audit entries
    and other records the city must keep point to it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_superuser:
        raise ValidationError(_("An administrator account cannot be deleted here."))
    for hook in ACCOUNT_DELETION_HOOKS:
        hook(user=user)
    audit_log(actor=user, action="portal.user.deleted", target=user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    StaffAssignment.objects.filter(user=user).delete()
    user.email = f"deleted-{uuid.uuid4().hex}@invalid.example"
    user.full_name = ""
    user.full_name_kana = ""
    user.relationship = ""
    user.is_active = False
    user.is_staff = False
    user.anonymized_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # The new (unusable) password hash invalidates every session of the account.


@transaction.atomic
def staff_assign(
    *, user: User, role: StaffRole, department: Department | None = None, actor: User | None
) -> StaffAssignment:
    """Give `user` a portal role. City staff may use the admin site; centre staff
    (指定管理者) work in the facility pages only, so they are not made admin staff."""
    if actor is not None and not permissions.is_superuser(actor):
        raise PermissionDenied
    if role == StaffRole.CITY_STAFF and department is None:
        raise ValidationError(_("City staff must belong to a department."))
    assignment, created = StaffAssignment.objects.get_or_create(user=user, role=role, department=department)
    if role == StaffRole.CITY_STAFF and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        audit_log(
            actor=actor,
            action="portal.staffassignment.created",
            target=user,
            data={"role": role, "department": department.code if department else None},
        )
    return assignment


@transaction.atomic
def site_configuration_update(*, actor: User, data: dict[str, Any]) -> SiteConfiguration:
    if not actor.has_perm("portal.change_siteconfiguration"):
        raise PermissionDenied
    config = SiteConfiguration.get_solo()
    config = SiteConfiguration.objects.select_for_update().get(pk=config.pk)
    changed = [field for field, value in data.items() if getattr(config, field) != value]
    for field in changed:
        setattr(config, field, data[field])
    config.full_clean()
    config.save()
    audit_log(actor=actor, action="portal.siteconfiguration.updated", target=config, data={"fields": changed})
    transaction.on_commit(SiteConfiguration.clear_cache)
    return config


@transaction.atomic
def record_save(*, instance: models.Model, actor: User, fields: Iterable[str], created: bool) -> models.Model:
    """Save a plain record that staff edit in the admin (catalogue, fees, rules, pages,
    taxonomies) and audit it as "<app>.<model>.created/updated" with the changed fields.
    Workflow fields are read-only there: statuses change only through services."""
    instance.save()
    meta = instance._meta
    audit_log(
        actor=actor,
        action=f"{meta.app_label}.{meta.model_name}.{'created' if created else 'updated'}",
        target=instance,
        data={"fields": sorted(fields)},
    )
    return instance


@transaction.atomic
def record_delete(*, instance: models.Model, actor: User) -> None:
    """Delete a plain record edited in the admin, audited as "<app>.<model>.deleted"."""
    meta = instance._meta
    audit_log(actor=actor, action=f"{meta.app_label}.{meta.model_name}.deleted", target=instance)
    instance.delete()
