"""Writes for groups. The groups issue adds registration, renewal and the rest."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groups.models import CommunityGroup, Membership, MembershipRole
from portal.audit import audit_log
from portal.models import User


@transaction.atomic
def group_create(*, name: str, name_kana: str, slug: str, representative: User, actor: User | None) -> CommunityGroup:
    group = CommunityGroup(name=name, name_kana=name_kana, slug=slugify(slug))
    group.full_clean()
    group.save()
    Membership.objects.create(user=representative, group=group, role=MembershipRole.REPRESENTATIVE)
    audit_log(actor=actor, action="groups.communitygroup.created", target=group)
    return group


@transaction.atomic
def membership_add(*, group: CommunityGroup, user: User, role: str, actor: User | None) -> Membership:
    if role == MembershipRole.REPRESENTATIVE:
        raise ValidationError(_("A group has exactly one representative; hand the role over instead."))
    membership, created = Membership.objects.get_or_create(group=group, user=user, defaults={"role": role})
    if created:
        audit_log(actor=actor, action="groups.membership.created", target=group, data={"role": role})
    return membership


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
